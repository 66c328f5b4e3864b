"""The digest hashes exactly what feeds a report: records, check-ins, the as-of date, rendering code."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.report import digest, year_sections
from okrkit.report.jobs import TEMPLATE
from okrkit.track.shipped import case_store
from tests.test_report_incremental import TEAMS, _report, rendered  # noqa: F401

RECORDS = Path("records") / "2015" / "crm-followups-2015H1.csv"


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test judges the records into its own evidence cache."""
    monkeypatch.setattr(year_sections, "CACHE_FOLDER", tmp_path / "evidence-cache")


def _drop_first_row_of(path: Path, person: str) -> None:
    """Remove the first record of ``person`` from a GBK export (what a corrected export does)."""
    lines = path.read_bytes().decode("gb18030").splitlines(keepends=True)
    row = next(i for i, text in enumerate(lines) if i > 0 and f",{person}," in text)
    del lines[row]
    path.write_bytes("".join(lines).encode("gb18030"))


def test_a_changed_record_file_re_renders_only_the_rep_it_counts_for(
    worked_case_dir,
    tmp_path,
    rendered,  # noqa: F811
):
    """One of 张伟's calls removed from the CRM export: the next run renders rep-zhang alone."""
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    rendered.clear()
    _drop_first_row_of(worked_case_dir / RECORDS, "张伟")
    assert _report(worked_case_dir, out) == 0
    assert rendered == ["rep-zhang"]


def test_a_check_in_for_one_team_re_renders_that_team_only(
    worked_case_dir,
    tmp_path,
    rendered,  # noqa: F811
):
    """With a check-in store, one new check-in for rep-li renders rep-li and nothing else."""
    case_store(load_case(worked_case_dir), worked_case_dir).close()
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    rendered.clear()
    checkin = ["checkin", str(worked_case_dir), "--team", "rep-li", "--kr", "KR1.4",
               "--value", "1", "--date", "2015-12-30", "--comment", "年底补录"]  # fmt: skip
    assert main(checkin) == 0
    assert _report(worked_case_dir, out) == 0
    assert rendered == ["rep-li"]


def test_the_as_of_date_moves_every_hash_of_a_case_with_a_store(worked_case_dir):
    """The trend shows the status at a date: another as-of date, another hash."""
    case_store(load_case(worked_case_dir), worked_case_dir).close()
    case = load_case(worked_case_dir)
    team = case.team("sales")

    def at(day):
        return digest.digests(case, [team], template=TEMPLATE, lang="zh", period=None,
                              as_of=day)["sales"]  # fmt: skip

    assert at(date(2015, 6, 30)) == at(date(2015, 6, 30))
    assert at(date(2015, 6, 30)) != at(date(2015, 7, 31))


def _package(root: Path) -> Path:
    """A miniature okrkit: a report module, a template, the labels, a widget."""
    for name, text in {"report/sections.py": "A = 1\n", "templates/team_report.ipynb": "{}",
                       "i18n.py": "L = {}\n", "widgets/tuner.py": "W = 1\n",
                       "evidence/run.py": "E = 1\n"}.items():  # fmt: skip
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_change_to_a_widget_moves_no_hash(tmp_path):
    """Editing okrkit/widgets (or another module outside the rendering ones) leaves the digest alone."""
    package = _package(tmp_path / "okrkit")
    before = digest.package_digest(package, "1.0")
    (package / "widgets" / "tuner.py").write_text("W = 2\n", encoding="utf-8")
    (package / "evidence" / "run.py").write_text("E = 2\n", encoding="utf-8")
    assert digest.package_digest(package, "1.0") == before


@pytest.mark.parametrize("name", ["report/sections.py", "templates/team_report.ipynb", "i18n.py"])
def test_a_change_to_the_rendering_code_moves_the_hash(tmp_path, name):
    """A report module, the template or the labels edited: a new digest (every report again)."""
    package = _package(tmp_path / "okrkit")
    before = digest.package_digest(package, "1.0")
    (package / name).write_text(
        (package / name).read_text(encoding="utf-8") + " ", encoding="utf-8"
    )
    assert digest.package_digest(package, "1.0") != before


def test_a_new_version_moves_the_hash(tmp_path):
    """The same sources under another version string: another digest."""
    package = _package(tmp_path / "okrkit")
    assert digest.package_digest(package, "1.0") != digest.package_digest(package, "1.1")


def test_the_real_rendering_files_leave_out_widgets_and_engines():
    """The installed okrkit's rendering files are its report modules, templates and labels only."""
    names = {str(p.relative_to(digest._PACKAGE)).split("/")[0] for p in digest.rendering_files()}
    assert names == {"report", "templates", "i18n.py"}


def test_a_changed_widget_re_renders_nothing(worked_case_dir, tmp_path, rendered, monkeypatch):  # noqa: F811
    """End to end: a second run after a widget changed (a real digest of a copied package) renders nothing."""
    package = tmp_path / "pkg" / "okrkit"
    shutil.copytree(digest._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digest, "source_digest", lambda: digest.package_digest(package))
    out = tmp_path / "out"
    assert _report(worked_case_dir, out) == 0
    rendered.clear()
    widget = next((package / "widgets").glob("*.py"))
    widget.write_text(widget.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert _report(worked_case_dir, out) == 0
    assert rendered == []


def test_without_a_store_the_date_moves_no_hash(worked_case_dir):
    """No check-in store, no trend section: a run on another day keeps every report."""
    case = load_case(worked_case_dir)
    team = case.team("sales")

    def at(day):
        return digest.digests(case, [team], template=TEMPLATE, lang="zh", period=None,
                              as_of=day)["sales"]  # fmt: skip

    assert at(date(2015, 6, 30)) == at(date(2015, 7, 31))
