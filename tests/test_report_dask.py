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


def _exporter_built() -> bool:
    """On a worker: whether papermill and nbconvert are imported in this process."""
    import sys

    return "nbconvert" in sys.modules and "papermill" in sys.modules


def test_every_worker_is_warmed_up_before_its_first_report(dask2):
    """Starting the cluster has each worker import papermill and nbconvert (its first report's cost)."""
    dask2.warmed()
    assert len(dask2.warming) == dask2.n_workers
    assert all(f.status == "finished" for f in dask2.warming)
    assert all(dask2.client.run(_exporter_built).values())


def test_a_bad_address_is_refused_before_any_work(tmp_path, capsys):
    """--dask with something that is not an address: exit 2, bilingual, nothing written."""
    out = tmp_path / "out"
    assert main(["report", str(CASES / "a-company"), "--out", str(out), "--dask", "http:/x"]) == 2
    assert "tcp://HOST:8786" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(OkrkitError) as caught:
        cluster.parse_address("local:0")
    assert "local:N" in caught.value.render("en") and "本机" in caught.value.render("zh")


def test_ctrl_c_stops_the_cluster_s_kernels_and_says_what_was_done(tmp_path):
    """SIGINT once a report is in place: exit 130, 'Interrupted', no worker's kernel survives."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    from tests.test_report_interrupt import _alive, _kernels

    out = tmp_path / "out"
    okrkit = Path(sys.executable).with_name("okrkit")
    argv = [str(okrkit), "report", str(CASES / "a-company"), "--out", str(out), "--lang", "en"]
    process = subprocess.Popen(
        [*argv, "--dask", "local:2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    watched = psutil.Process(process.pid)
    kernels: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 180
    while len([p for p in out.glob("*.html") if p.name != "index.html"]) < 1:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no report appeared"
        kernels.update({k.pid: k for k in _kernels(watched)})
        time.sleep(0.05)
    kernels.update({k.pid: k for k in _kernels(watched)})
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=90)
    assert process.returncode == 130, err
    match = re.search(r"(\d+) of 6 reports done", err)
    assert "Interrupted: " in err and match and "Traceback" not in err, err
    assert kernels, "no worker kernel was seen running"
    _gone, alive = psutil.wait_procs(list(kernels.values()), timeout=10)
    assert not [k for k in alive if _alive(k)], "a worker's kernel survived the interrupt"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Interrupted:" in index and not list(out.glob(".staging-*"))
    reports = [p for p in out.glob("*.html") if p.name != "index.html"]
    assert len(reports) == int(match.group(1))


def test_a_worker_running_another_okrkit_is_refused():
    """A worker with another okrkit version: a bilingual error naming it, before any work."""

    class Client:
        def run(self, function):
            return {"tcp://10.0.0.2:4001": "0.0.1", "tcp://10.0.0.3:4001": function()}

    with pytest.raises(OkrkitError) as caught:
        cluster._check_versions(Client(), "tcp://s:8786")
    assert "tcp://10.0.0.2:4001 (0.0.1)" in caught.value.render("en")
    assert "版本不同" in caught.value.render("zh") and "10.0.0.3" not in caught.value.render("en")
