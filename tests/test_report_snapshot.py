"""The case snapshot a batch hands its kernels: the same case, lines kept, nothing heavy to unpickle."""

from __future__ import annotations

import subprocess
import sys

from okrkit.cases import load_case
from okrkit.report.prepare import prepare
from okrkit.report.snapshot import read_snapshot, write_snapshot
from tests.conftest import CASES

CASE = load_case(CASES / "a-company")


def test_the_snapshot_reads_back_the_same_case_with_case_yaml_lines(tmp_path):
    """Teams, settings and KPI equal; case.yaml's blocks still know their lines."""
    case, actuals, _ = read_snapshot(write_snapshot(tmp_path, CASE))
    assert case.teams == CASE.teams and case.sections == CASE.sections and case.kpi == CASE.kpi
    assert case.sections["scoring"].lc.key("cap") == CASE.sections["scoring"].lc.key("cap")
    assert actuals is None


def test_each_team_gets_its_own_prepared_slice(tmp_path):
    """The slices come back per team; a team the batch prepared nothing for gets None."""
    teams = list(CASE.teams.values())
    slices = prepare(CASE, teams)
    _, _, read = read_snapshot(
        write_snapshot(tmp_path, CASE, prepared={"rep-li": slices["rep-li"]})
    )
    assert repr(read.get("rep-li")) == repr(slices["rep-li"]) and read.get("gm") is None


def test_a_kernel_reading_the_snapshot_imports_no_yaml_numpy_or_coach(tmp_path):
    """Unpickling the case and a rep's slice loads neither ruamel.yaml, numpy nor okrkit.lint."""
    path = write_snapshot(tmp_path, CASE, prepared=prepare(CASE, list(CASE.teams.values())))
    code = (
        "import sys\nfrom okrkit.report.snapshot import read_snapshot\n"
        f"case, _, slices = read_snapshot({str(path)!r})\nslices.get('rep-li')\n"
        "print(sorted(m for m in ('ruamel.yaml', 'numpy', 'okrkit.lint') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
