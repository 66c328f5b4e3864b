"""A --team run into a folder holding the whole batch is refused instead of deleting the batch."""

from __future__ import annotations

from okrkit.cli import main
from tests.test_report_invalid import fake_run_team


def test_a_team_run_into_the_batch_folder_is_refused_and_keeps_every_report(
    worked_case_dir, tmp_path, monkeypatch, capsys
):
    """After a whole run, `report --team sales` into the same folder exits 2 and removes nothing."""
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    out = tmp_path / "reports"
    assert main(["report", str(worked_case_dir), "--out", str(out), "--jobs", "1"]) == 0
    before = sorted(p.name for p in out.iterdir())
    capsys.readouterr()
    code = main(["report", str(worked_case_dir), "--out", str(out), "--team", "sales"])
    assert code == 2 and sorted(p.name for p in out.iterdir()) == before
    message = capsys.readouterr().err
    assert "另外" in message and "--team" in message  # the zh message names the way out


def test_a_team_run_into_its_own_folder_still_runs(worked_case_dir, tmp_path, monkeypatch):
    """`report --team sales` into a folder of its own writes that team's report, exit 0."""
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    out = tmp_path / "one"
    assert main(["report", str(worked_case_dir), "--out", str(out), "--team", "sales"]) == 0
    assert (out / "sales.html").is_file()


def test_the_same_team_run_again_into_its_folder_is_not_refused(
    worked_case_dir, tmp_path, monkeypatch
):
    """Refreshing the one team a folder holds is no loss: the second --team run goes ahead."""
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    out = tmp_path / "one"
    args = ["report", str(worked_case_dir), "--out", str(out), "--team", "sales"]
    assert main(args) == 0 and main(args) == 0
