"""The committed notebooks: clean, navigable, short cells, bilingual, one LANG switch."""

from pathlib import Path

import nbformat
import pytest

from okrkit.story import CHAPTERS
from okrkit.workbook import clean, nav, rules
from okrkit.workbook.run import unexpected_errors

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def test_workbook_has_its_first_chapters():
    """The start notebook exists, and every notebook file is a chapter in okrkit/story.py."""
    assert (FOLDER / "00-start-here.ipynb").exists()
    assert nav.unknown_notebooks(FOLDER) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_clean(path):
    """No outputs, no execution counts, only tags as cell metadata, a python3 kernelspec."""
    nb = clean.read(path)
    assert clean.hygiene_problems(nb) == []
    assert nb.metadata == clean.NOTEBOOK_METADATA
    assert path.read_text(encoding="utf-8") == clean.to_text(clean.clean_notebook(nb))


def test_navigation_matches_the_script():
    """Every notebook's header and footer are what scripts/make_nav.py generates."""
    assert nav.stale(FOLDER) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_keeps_the_teaching_rhythm(path):
    """Code cells of at most six lines, a LANG parameters cell first, bilingual prose."""
    assert rules.rhythm_problems(clean.read(path)) == []


def _notebook(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def _params():
    return nbformat.v4.new_code_cell('LANG = "zh"', metadata={"tags": ["parameters"]})


def test_clean_strips_outputs_and_metadata_without_touching_input():
    """Cleaning drops outputs, counts and foreign metadata, and returns a new notebook."""
    cell = nbformat.v4.new_code_cell("1 + 1", metadata={"collapsed": True, "tags": ["x"]})
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"})]
    cell.execution_count = 3
    nb = _notebook(cell)
    nb.metadata["widgets"] = {"state": {}}
    cleaned = clean.clean_notebook(nb)
    assert cleaned.cells[0].outputs == [] and cleaned.cells[0].execution_count is None
    assert cleaned.cells[0].metadata == {"tags": ["x"]}
    assert cleaned.metadata == clean.NOTEBOOK_METADATA
    assert nb.cells[0].execution_count == 3 and "widgets" in nb.metadata


def test_clean_is_idempotent():
    """Cleaning a clean notebook changes nothing."""
    once = clean.clean_notebook(_notebook(nbformat.v4.new_code_cell("x = 1")))
    assert clean.to_text(clean.clean_notebook(once)) == clean.to_text(once)


def test_hygiene_reports_outputs():
    """An executed cell is reported with its index."""
    cell = nbformat.v4.new_code_cell("1")
    cell.execution_count = 1
    nb = clean.clean_notebook(_notebook(cell))
    nb.cells[0].execution_count = 1
    assert clean.hygiene_problems(nb) == ["cell 0: has an execution count"]


def test_strip_command_rewrites_and_checks(tmp_path):
    """`python -m okrkit.workbook.clean --check` fails on a dirty file; without it, strips it."""
    path = tmp_path / "dirty.ipynb"
    cell = nbformat.v4.new_code_cell("1")
    cell.execution_count = 7
    nbformat.write(_notebook(cell), str(path))
    assert clean.main(["--check", str(path)]) == 1
    assert clean.main([str(path)]) == 0
    assert clean.main(["--check", str(path)]) == 0


def test_rules_flag_a_long_cell():
    """A seven-line code cell is flagged."""
    long = nbformat.v4.new_code_cell("\n".join(f"x{i} = {i}" for i in range(7)))
    problems = rules.rhythm_problems(_notebook(_params(), long))
    assert problems == ["cell 1: 7 lines of code; at most 6"]


def test_rules_flag_english_only_prose():
    """A markdown cell without Chinese, or without English in italics, is flagged."""
    nb = _notebook(nbformat.v4.new_markdown_cell("Only English here."), _params())
    nb2 = _notebook(nbformat.v4.new_markdown_cell("只有中文。"), _params())
    ok = _notebook(nbformat.v4.new_markdown_cell("中文。\n\n*English.*"), _params())
    assert rules.rhythm_problems(nb) == ["cell 0: prose must be Chinese then English in italics"]
    assert rules.rhythm_problems(nb2) == ["cell 0: prose must be Chinese then English in italics"]
    assert rules.rhythm_problems(ok) == []


def test_rules_want_lang_parameters_first():
    """The parameters cell must exist, come first among code cells and set LANG."""
    code = nbformat.v4.new_code_cell("import okrkit")
    assert "expected exactly one" in rules.rhythm_problems(_notebook(code))[0]
    assert "first code cell" in rules.rhythm_problems(_notebook(code, _params()))[0]
    bad = nbformat.v4.new_code_cell('LANG = "fr"', metadata={"tags": ["parameters"]})
    assert "LANG" in rules.rhythm_problems(_notebook(bad))[0]


def test_nav_links_neighbours_and_contents():
    """A middle chapter links to the one before, the contents and the one after."""
    chapters = list(CHAPTERS[:3])
    line = nav.links(chapters[1], chapters)
    assert "(00-start-here.ipynb)" in line and "(02-a-company-target.ipynb)" in line
    assert line.count("](") == 3


def test_nav_is_idempotent_and_replaces_old_nav():
    """Applying navigation twice gives one header and one footer."""
    chapters = list(CHAPTERS[:2])
    nb = _notebook(nbformat.v4.new_markdown_cell("中文\n\n*English*"), _params())
    once = nav.with_nav(nb, chapters[1], chapters)
    twice = nav.with_nav(once, chapters[1], chapters)
    assert clean.to_text(once) == clean.to_text(twice)
    assert len(twice.cells) == 4
    assert "# 01 ·" in twice.cells[0].source


def test_unexpected_errors_flags_silent_raises_cell():
    """A cell tagged raises-exception that raised nothing is a problem, and so is a stray error."""
    quiet = nbformat.v4.new_code_cell("1", metadata={"tags": ["raises-exception"]})
    failing = nbformat.v4.new_code_cell("1/0")
    failing.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="")]
    problems = unexpected_errors(_notebook(quiet, failing))
    assert problems[0] == "cell 0: tagged raises-exception but raised nothing"
    assert "ZeroDivisionError" in problems[1]
