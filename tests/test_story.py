"""The workbook's storyline data: chapters, the KPI-vs-OKR table, team summaries."""

from pathlib import Path

import pytest

from okrkit import load_case
from okrkit.story import (
    CHAPTERS,
    chapter,
    contents_table,
    feeds_table,
    kind_summary,
    kpi_vs_okr,
    teams_table,
)

ROOT = Path(__file__).resolve().parents[1]


def test_chapters_are_numbered_in_order():
    """Chapter stems start 00, 01, 02 … in the order the workbook reads."""
    assert [c.number for c in CHAPTERS] == [f"{i:02d}" for i in range(len(CHAPTERS))]


def test_every_chapter_is_bilingual_with_time():
    """Each chapter has a title and a goal in both languages and a positive time."""
    for c in CHAPTERS:
        assert c.title.zh and c.title.en and c.goal.zh and c.goal.en
        assert c.minutes > 0


def test_chapter_lookup_names_known_stems():
    """Asking for an unknown chapter lists the stems that exist."""
    with pytest.raises(KeyError, match="00-start-here"):
        chapter("99-nothing")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contents_table_lists_existing_notebooks_only(lang, tmp_path):
    """With a folder, the contents list only the chapters whose notebook is there."""
    (tmp_path / "01-why-okr.ipynb").write_text("{}", encoding="utf-8")
    table = contents_table(lang, folder=tmp_path)
    assert table.iloc[:, 0].tolist() == ["01"]
    assert len(contents_table(lang)) == len(CHAPTERS)


def test_contents_headers_follow_language():
    """The contents table's headers are Chinese for zh and English for en."""
    assert "章节" in contents_table("zh").columns
    assert "Chapter" in contents_table("en").columns


def test_kpi_vs_okr_has_the_decks_example():
    """The comparison keeps the deck's '销售额达到100万' and its 100 calls a week."""
    table = kpi_vs_okr("zh")
    assert "销售额达到100万" in table.iloc[:, 1].tolist()
    assert any("每周100个有效电话" in cell for cell in table.iloc[:, 2])


def test_kind_summary_of_a_sales_rep():
    """Zhang Wei's table: results 45 points, processes 55, one deduction worth 0."""
    rep = load_case(ROOT / "cases/a-company").team("rep-zhang")
    table = kind_summary(rep, "en")
    assert table["Kind"].tolist() == ["result", "process", "deduction"]
    assert table["KRs"].tolist() == [2, 6, 1]
    assert table["Weight"].tolist() == [45.0, 55.0, 0.0]


def test_teams_table_keeps_blank_targets_blank():
    """A team without a sales target shows NA, never 0."""
    table = teams_table(load_case(ROOT / "cases/a-company"), "en")
    finance = table[table["Id"] == "finance"].iloc[0]
    assert finance["Sales target (10k RMB)"] is not None
    assert str(finance["Sales target (10k RMB)"]) == "<NA>"


def test_feeds_table_pairs_results_with_their_processes():
    """The rep's sales result is fed by calls, visits and opportunities worth 40 points."""
    rep = load_case(ROOT / "cases/a-company").team("rep-zhang")
    table = feeds_table(rep, "en")
    first = table.iloc[0]
    assert first["Result KR"].startswith("KR1.4")
    assert first["Processes"] == "KR1.1, KR1.2, KR1.3"
    assert first["Process weight"] == 40.0 and first["Result weight"] == 20.0


def test_teams_table_without_sales_targets_has_no_target_column():
    """The chip case's KPI is market share: no sales-target column is shown."""
    table = teams_table(load_case(ROOT / "cases/chip-market-share"), "en")
    assert list(table.columns) == ["Id", "Team", "Level", "Team above"]


def test_example_draft_is_complete():
    """The worked draft: weights add to 100, every KR has a number and a direction."""
    from okrkit.story import example_draft

    team = example_draft()
    assert team.total_weight() == 100
    assert all(kr.target is not None and kr.direction for _, kr in team.key_results())
    assert team.objectives[0].supports == "O1"


def test_alignment_table_lists_supporters_per_objective():
    """The GM's three objectives, O1 supported by two sales objectives and one finance one."""
    from okrkit.story import alignment_table

    table = alignment_table(load_case(ROOT / "cases/a-company"), "gm", "zh")
    assert len(table) == 3
    assert table.iloc[0, 1].count("; ") == 2 and "财务部 O2" in table.iloc[0, 1]


def test_support_chain_reaches_the_top():
    """Zhang Wei's O1 leads through sales O1 to the general manager's O1."""
    from okrkit.story import support_chain

    chain = support_chain(load_case(ROOT / "cases/a-company"), "rep-zhang", "O1", "zh")
    assert chain.split(" → ")[1].startswith("销售部 O1") and chain.endswith("公司业务持续增长")


@pytest.mark.parametrize("module", ["story", "exercises", "whatif", "overview"])
def test_workbook_logic_imports_no_front_end(module):
    """The workbook's logic modules load neither matplotlib, ipywidgets, papermill nor nbformat."""
    import subprocess
    import sys

    heavy = ("matplotlib", "ipywidgets", "papermill", "nbformat")
    code = f"import sys, okrkit.{module}; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_kpi_line_reads_from_baseline_to_target():
    """The KPI line shows baseline → target with the unit, in the language asked."""
    from okrkit.story import kpi_line

    kpi = load_case(ROOT / "cases/a-company").kpi
    assert kpi_line(kpi, "zh") == "2015年的销售指标：6400 → 8000 万元"
    assert kpi_line(kpi, "en") == "2015 sales target: 64 million → 80 million RMB"


@pytest.mark.parametrize("item", CHAPTERS, ids=lambda c: c.stem)
def test_section_minutes_add_up_to_the_chapter(item):
    """The sections' minutes add up to the chapter's time in the table of contents."""
    from okrkit.story import sections

    assert sum(s.minutes for s in sections(item.stem)) == pytest.approx(item.minutes)


def test_every_section_has_notes_in_both_languages():
    """Each section's speaker notes exist in Chinese and in English, the Chinese with Chinese."""
    import re

    from okrkit.story import SECTIONS

    for stem, found in SECTIONS.items():
        for section in found:
            assert section.notes.zh and section.notes.en, (stem, section.cell)
            assert re.search(r"[\u4e00-\u9fff]", section.notes.zh), (stem, section.cell)
            assert not re.search(r"[\u4e00-\u9fff]", section.notes.en), (stem, section.cell)


def test_trainer_note_shows_running_time_in_the_language_asked():
    """Chapter 04's exercise note: 7 minutes, from minute 13 to 20 of 30, in zh and en."""
    from okrkit.story import trainer_note

    assert trainer_note("04-results-into-processes", "04-12", "zh").startswith(
        "**培训师 · 7分钟（第13–20分钟，共30分钟）**"
    )
    assert "remind them to round up" in trainer_note("04-results-into-processes", "04-12", "en")


def test_trainer_note_of_a_cell_that_is_no_section_is_none():
    """A cell id that is no section heading has no note."""
    from okrkit.story import trainer_note

    assert trainer_note("04-results-into-processes", "04-13", "en") is None


def test_kpi_line_keeps_a_unit_that_is_not_wan():
    """A KPI counted in something other than 万元 (chip case: %) keeps its number and unit."""
    from okrkit.story import kpi_line

    kpi = load_case(ROOT / "cases/chip-market-share").kpi
    assert "million" not in kpi_line(kpi, "en")
    assert f"{kpi.target:g}" in kpi_line(kpi, "en")
