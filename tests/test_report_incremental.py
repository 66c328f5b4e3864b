"""Incremental reports: an unchanged team keeps its report, a changed one is rendered again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.report import digest, outdir
from okrkit.report.jobs import TEMPLATE
from tests.conftest import replace_in
from tests.test_report_invalid import fake_run_team

TEAMS = ["gm", "sales", "finance", "rep-zhang", "rep-li", "rep-wang"]


@pytest.fixture
def rendered(monkeypatch):
    """Reports run without kernels; the keys rendered, in order, per call of the batch."""
    keys: list[str] = []

    def counting(job):
        keys.append(job.key)
        return fake_run_team(job)

    monkeypatch.setattr("okrkit.report.batch.run_team", counting)
    # Other engineers edit okrkit's sources while tests run: hold okrkit's part fixed.
    monkeypatch.setattr(digest, "source_digest", lambda: "okrkit-under-test")
    return keys


def _report(case_dir: Path, out: Path, *args: str) -> int:
    return main(["report", str(case_dir), "--out", str(out), "--jobs", "1", *args])


def _manifest(out: Path) -> dict:
    return json.loads((out / outdir.MANIFEST).read_text(encoding="utf-8"))


def test_a_second_run_with_one_team_changed_renders_only_that_team(
    worked_case_dir, tmp_path, rendered
):
    """Rename rep-wang's owner: the next run renders exactly rep-wang; the others' files stay."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    assert sorted(rendered) == sorted(TEAMS)
    before = {k: (out / f"{k}.html").stat().st_mtime_ns for k in TEAMS}
    rendered.clear()
    replace_in(worked_case_dir / "teams/rep-wang.yaml", "person: {zh: 王强", "person: {zh: 汪强")
    assert _report(worked_case_dir, out) == 0
    assert rendered == ["rep-wang"]
    for key in TEAMS:
        if key != "rep-wang":
            assert (out / f"{key}.html").stat().st_mtime_ns == before[key]
    assert set(_manifest(out)["teams"]) == set(TEAMS)


def test_an_unchanged_case_renders_nothing_and_force_renders_all(
    worked_case_dir, tmp_path, rendered
):
    """Run twice: nothing the second time; with --force, every team."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    rendered.clear()
    assert _report(worked_case_dir, out) == 0
    assert rendered == []
    assert 'id="team-gm"' in (out / "index.html").read_text(encoding="utf-8")
    assert _report(worked_case_dir, out, "--force") == 0
    assert sorted(rendered) == sorted(TEAMS)


def test_a_changed_parent_renders_its_children_too(worked_case_dir, tmp_path, rendered):
    """A report shows its parent and children: renaming the sales department re-renders them."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    rendered.clear()
    replace_in(worked_case_dir / "teams/sales.yaml", "name: {zh: 销售部", "name: {zh: 销售一部")
    assert _report(worked_case_dir, out) == 0
    assert sorted(rendered) == sorted(["gm", "sales", "rep-zhang", "rep-li", "rep-wang"])


def test_a_team_removed_from_the_case_loses_its_report(worked_case_dir, tmp_path, rendered):
    """Delete a rep's file: its report and notebook go, the manifest and index forget it."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    (worked_case_dir / "teams/rep-wang.yaml").unlink()
    replace_in(worked_case_dir / "case.yaml", ", rep-wang]", "]")
    replace_in(worked_case_dir / "case.yaml", "      rep-wang: 1000\n", "")
    replace_in(worked_case_dir / "case.yaml", "    rep-wang: {KR1.4: {pace: *spring}}\n", "")
    assert _report(worked_case_dir, out) in (0, 1)  # the coach may now flag the split
    assert not (out / "rep-wang.html").exists() and not (out / "rep-wang.ipynb").exists()
    assert "rep-wang" not in _manifest(out)["teams"]
    assert 'id="team-rep-wang"' not in (out / "index.html").read_text(encoding="utf-8")


def test_a_failed_report_is_rendered_again(worked_case_dir, tmp_path, monkeypatch, rendered):
    """Only a report written without failure is kept: a failed one runs again."""
    from okrkit.report.execute import TeamResult

    out = tmp_path / "out"

    def failing_gm(job):
        result = fake_run_team(job)
        return TeamResult(key=job.key, status="failed", error="ValueError: x", html=result.html)

    monkeypatch.setattr("okrkit.report.batch.run_team", failing_gm)
    assert _report(worked_case_dir, out, "--team", "gm") == 1
    monkeypatch.setattr(
        "okrkit.report.batch.run_team", lambda job: rendered.append(job.key) or fake_run_team(job)
    )
    assert _report(worked_case_dir, out, "--team", "gm") == 0
    assert rendered == ["gm"]


def test_index_only_writes_the_index_and_touches_no_report(worked_case_dir, tmp_path, rendered):
    """--index-only runs nothing, keeps the reports, and marks an out-of-date one not done."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out, "--lang", "en") == 0
    rendered.clear()
    replace_in(worked_case_dir / "teams/rep-wang.yaml", "person: {zh: 王强", "person: {zh: 汪强")
    assert _report(worked_case_dir, out, "--index-only", "--lang", "en") == 0
    assert rendered == []
    assert all((out / f"{k}.html").exists() for k in TEAMS)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<tr class="pending" id="team-rep-wang">' in index
    assert '<tr class="ok" id="team-rep-li">' in index
    assert "1 reports are out of date" in index


def test_every_input_of_a_report_moves_its_hash(worked_case_dir):
    """Template, language, period, case settings and actuals each change the team's hash."""
    case = load_case(worked_case_dir)
    team = case.team("rep-li")

    def one(**changes):
        options = {"template": TEMPLATE, "lang": "zh", "period": None, "actuals": None}
        options.update(changes)
        the_case = options.pop("case", case)
        return digest.digests(the_case, [team], **options)["rep-li"]

    base = one()
    assert one() == base
    assert one(lang="en") != base and one(period="2015") != base
    other = worked_case_dir / "t.ipynb"
    other.write_bytes(TEMPLATE.read_bytes() + b" ")
    assert one(template=other) != base
    replace_in(worked_case_dir / "case.yaml", "year: 2015", "year: 2016")
    assert one(case=load_case(worked_case_dir)) != base
    from okrkit.actuals import load_actuals

    actuals = load_actuals(worked_case_dir / "actuals/2015.yaml", case)
    assert one(actuals=actuals) != base
