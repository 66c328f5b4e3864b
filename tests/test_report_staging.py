"""The output folder never looks complete when it is not: staging, the index, interruption."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.report import outdir
from tests.conftest import CASES
from tests.test_report_invalid import fake_run_team

TEAMS = ["gm", "sales", "finance", "rep-zhang", "rep-li", "rep-wang"]


@pytest.fixture
def no_kernels(monkeypatch):
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)


def _report(out: Path, *args: str) -> int:
    return main(["report", str(CASES / "a-company"), "--out", str(out), "--jobs", "1", *args])


def test_a_rerun_removes_the_previous_runs_reports_but_nothing_else(tmp_path, no_kernels):
    """Reports of teams no longer in the run go; a file okrkit did not write stays.

    (The CLI refuses a ``--team`` run into a folder holding other teams' reports;
    the batch itself, called with fewer teams, is what a case that lost teams does.)
    """
    from okrkit.cases import load_case
    from okrkit.commands.report import build_reports

    out = tmp_path / "out"
    assert _report(out) == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    case = load_case(CASES / "a-company")
    assert build_reports(case, [case.team("gm")], out, workers=1, progress=False) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "gm.html",
        "gm.ipynb",
        "index.html",
        "notes.txt",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="team-gm"' in index and 'id="team-sales"' not in index
    manifest = json.loads((out / outdir.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == ["gm.html", "gm.ipynb", "index.html"]


def test_an_index_from_before_the_manifest_takes_its_reports_with_it(tmp_path, no_kernels):
    """Without a manifest, what the old index links to is the previous run's and goes."""
    out = tmp_path / "out"
    out.mkdir()
    old_index = '<tr class="ok" id="team-old"><td><a href="old-team.html">old</a>'
    (out / "index.html").write_text(old_index, encoding="utf-8")
    (out / "old-team.html").write_text("<p>old</p>", encoding="utf-8")
    assert _report(out, "--team", "gm") == 0
    assert not (out / "old-team.html").exists()


def test_while_running_the_index_says_how_far_and_only_finished_reports_are_in_place(
    tmp_path, monkeypatch
):
    """Mid-run: the index says 'not complete: N of M', unfinished teams have no file in place."""
    out = tmp_path / "out"
    seen = []

    def watching(job):  # runs in the worker: record what a reader of OUT would see now
        index = (out / "index.html").read_text(encoding="utf-8")
        pending = len(re.findall(r'<tr class="pending"', index))
        said = f"This run is not complete: {6 - pending} of 6 reports done" in index
        seen.append((job.key, pending, said, (out / f"{job.key}.html").exists(), job.out_dir))
        return fake_run_team(job)

    monkeypatch.setattr("okrkit.report.batch.run_team", watching)
    assert _report(out, "--lang", "en") == 0
    assert [key for key, *_ in seen] == TEAMS
    for n, (_key, pending, said, in_place, staging) in enumerate(seen):
        assert said and pending >= 6 - n  # the next job may start before the index catches up
        assert not in_place and Path(staging).name.startswith(".staging-")
    assert seen[0][1] == 6
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "not complete" not in index and 'class="pending"' not in index
    assert not list(out.glob(".staging-*"))


@pytest.mark.parametrize(
    ("lang", "said", "done", "rest"),
    [
        ("en", "Interrupted: 2 of 6 reports done.", "done: gm, sales", "not done: finance, rep-"),
        ("zh", "已中断：2/6份报告已完成。", "已完成：gm、sales", "未完成：finance、rep-"),
    ],
)
def test_ctrl_c_says_what_was_done_and_leaves_an_interrupted_index(
    tmp_path, monkeypatch, capsys, lang, said, done, rest
):
    """Ctrl-C during the third team: exit 130, the message in --lang, the index says interrupted."""
    out = tmp_path / "out"

    def third_interrupts(job):
        if job.key == "finance":
            raise KeyboardInterrupt
        return fake_run_team(job)

    monkeypatch.setattr("okrkit.report.batch.run_team", third_interrupts)
    assert _report(out, "--lang", lang) == 130
    err = capsys.readouterr().err
    assert said in err and done in err and rest in err and "index.html" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ("Interrupted: 2 of 6" if lang == "en" else "运行被中断：2/6") in index
    assert len(re.findall(r'<tr class="pending"', index)) == 4
    assert (out / "sales.html").exists() and not (out / "finance.html").exists()
    assert not list(out.glob(".staging-*"))


def test_a_dead_runs_staging_folder_is_cleared(tmp_path, no_kernels):
    """A staging folder left by a killed run (its process gone) is removed by the next run."""
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_TEXT)
    stale = out / f".staging-{int(dead.stdout)}"
    stale.mkdir(parents=True)
    (stale / "gm.html").write_text("half", encoding="utf-8")
    assert _report(out, "--team", "gm") == 0
    assert not stale.exists()


def test_a_deferred_ctrl_c_arrives_after_the_block():
    """SIGINT during a deferred block is raised once the block has finished, not inside it."""
    import signal

    steps = []
    with pytest.raises(KeyboardInterrupt):
        with outdir.ctrl_c_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            steps.append("after the signal, still inside")
    assert steps == ["after the signal, still inside"]


_TEXT = {"capture_output": True, "text": True, "check": True}


def test_someone_elses_index_keeps_the_files_it_links(tmp_path, no_kernels):
    """An index.html okrkit did not write is replaced, but the pages it links are left alone."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text('<a href="about.html">about us</a>', encoding="utf-8")
    (out / "about.html").write_text("<p>ours</p>", encoding="utf-8")
    assert _report(out, "--team", "gm") == 0
    assert (out / "about.html").read_text(encoding="utf-8") == "<p>ours</p>"
