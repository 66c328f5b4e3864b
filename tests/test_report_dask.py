"""Reports on a Dask LocalCluster (2 worker processes over TCP on loopback), as locally."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.commands.report import build_reports
from okrkit.errors import OkrkitError
from okrkit.report import cluster
from okrkit.report.jobs import TEMPLATE
from okrkit.report.outdir import MANIFEST
from tests.conftest import CASES

TEAMS = ["gm", "sales", "finance", "rep-zhang", "rep-li", "rep-wang"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dask2():
    """One LocalCluster of 2 worker processes for the module's tests (its start costs seconds)."""
    with cluster.dask_run("local:2") as run:
        assert run.n_workers == 2
        assert all(a.startswith("tcp://127.0.0.1:") for a in run.client.scheduler_info()["workers"])
        yield run


def _failing_template(tmp_path: Path) -> Path:
    """The report template with a cell that fails for the finance department only."""
    nb = nbformat.read(TEMPLATE, as_version=4)
    cell = nbformat.v4.new_code_cell(
        "if team_id == 'finance':\n    raise ValueError('finance <b>broken</b>\\nsecond line')"
    )
    nb.cells.insert(3, cell)
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    return path


def _rows(index: str) -> dict[str, str]:
    found = re.findall(r'<tr class="(\w+)" id="team-([\w-]+)">(.*?)</tr>', index, re.S)
    return {key: f"{state} {body}" for state, key, body in found}


def test_every_report_is_written_by_the_cluster(dask2, tmp_path):
    """okrkit report through the cluster: all six reports and an index linking each, exit 0."""
    out = tmp_path / "out"
    case = load_case(CASES / "a-company")
    code = build_reports(case, list(case.teams.values()), out, lang="en", cluster=dask2)
    assert code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for key in TEAMS:
        page = (out / f"{key}.html").read_text(encoding="utf-8")
        assert "OKR report" in page and f'href="{key}.html"' in index
        assert (out / f"{key}.ipynb").exists()
    assert not list(out.glob(".staging-*")) and (out / MANIFEST).exists()


def test_a_failing_team_is_reported_exactly_as_locally(dask2, tmp_path):
    """The same failing template: the cluster's index row and banner equal the local ones."""
    template = _failing_template(tmp_path)
    case = load_case(CASES / "a-company")
    teams = [case.team(k) for k in ("gm", "finance")]
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert build_reports(case, teams, local, lang="en", template=template, workers=1) == 1
    assert build_reports(case, teams, remote, lang="en", template=template, cluster=dask2) == 1
    rows_local = _rows((local / "index.html").read_text(encoding="utf-8"))
    rows_remote = _rows((remote / "index.html").read_text(encoding="utf-8"))
    assert rows_remote == rows_local
    assert (
        rows_remote["finance"].startswith("failed")
        and "ValueError: finance" in rows_remote["finance"]
    )
    banner = re.compile(r'<div class="okrkit-failure".*?</div>', re.S)
    page_local = (local / "finance.html").read_text(encoding="utf-8")
    page_remote = (remote / "finance.html").read_text(encoding="utf-8")
    assert banner.findall(page_remote) == banner.findall(page_local) != []


def test_a_bad_address_is_refused_before_any_work(tmp_path, capsys):
    """--dask with something that is not an address: exit 2, bilingual, nothing written."""
    out = tmp_path / "out"
    assert main(["report", str(CASES / "a-company"), "--out", str(out), "--dask", "http:/x"]) == 2
    assert "tcp://HOST:8786" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(OkrkitError) as caught:
        cluster.parse_address("local:0")
    assert "local:N" in caught.value.render("en") and "本机" in caught.value.render("zh")
