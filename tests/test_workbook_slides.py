"""Each chapter as slides: slide types generated from okrkit/story.py, committed like the nav."""

import importlib.util
from pathlib import Path

import nbformat
import pytest

from okrkit.story import CHAPTERS, HIDE_CODE_TAG, SOLUTION_TAG, chapter, sections
from okrkit.workbook import clean, nav, slides

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
IDS = [c.stem for c in CHAPTERS]


def _dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", IDS)
def test_each_section_is_one_slide(stem):
    """The committed chapter starts a slide at its header and at each ## heading, nowhere else."""
    nb = clean.read(FOLDER / chapter(stem).filename)
    starts = [
        c.id for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"
    ]
    assert starts == ["nav-header", *(s.cell for s in sections(stem))]


@pytest.mark.parametrize("stem", IDS)
def test_every_cell_has_a_generated_slide_type(stem):
    """No cell is left to RISE's default: each carries the slide type the script writes."""
    nb = clean.read(FOLDER / chapter(stem).filename)
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in nb.cells)


@pytest.mark.parametrize("stem", IDS)
def test_notebook_sections_match_the_storyline(stem):
    """Every ## heading has a timing and notes in story.py, in notebook order, and no more."""
    nb = clean.read(FOLDER / chapter(stem).filename)
    assert nav.section_problems(nb, chapter(stem)) == []


def test_a_heading_story_does_not_know_is_reported():
    """A new ## section without an entry in story.py SECTIONS is named with its cell id."""
    four = chapter("04-results-into-processes")
    nb = clean.read(FOLDER / four.filename)
    extra = nbformat.v4.new_markdown_cell("## 新的一节 · *A new section*")
    extra.id = "04-99"
    nb.cells.insert(3, extra)
    assert nav.section_problems(nb, four) == [
        "notebooks/04-results-into-processes.ipynb: section 04-99 has no entry in"
        " okrkit/story.py SECTIONS"
    ]


def _cell(kind: str, source: str, *tags: str):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    return make(source, metadata={"tags": list(tags)} if tags else {})


def test_solution_is_a_fragment_and_footer_is_skipped():
    """A solution appears one key press after its exercise; the footer links are no slide."""
    footer = _cell("markdown", "links", "nav")
    footer.id = nav.FOOTER_ID
    nb = nbformat.v4.new_notebook(
        cells=[
            _cell("markdown", "# header", "nav"),
            _cell("markdown", "## 练习 · *Exercise*"),
            _cell("code", "my_calls = None"),
            _cell("code", "my_calls = 134", SOLUTION_TAG),
            footer,
        ]
    )
    kinds = [c.metadata.slideshow.slide_type for c in slides.with_slides(nb).cells]
    assert kinds == ["slide", "slide", "-", "fragment", "skip"]


def test_hide_code_tag_collapses_the_source_only():
    """A cell tagged hide-code has its source hidden; an untagged one loses a stale flag."""
    hidden = _cell("code", "import okrkit", HIDE_CODE_TAG)
    shown = _cell("code", "1 + 1")
    shown.metadata["jupyter"] = {"source_hidden": True}
    nb = slides.with_slides(nbformat.v4.new_notebook(cells=[hidden, shown]))
    assert nb.cells[0].metadata.jupyter == {"source_hidden": True}
    assert "jupyter" not in nb.cells[1].metadata


def test_committed_import_cells_are_hidden_on_slides():
    """Chapter 04's import cell is tagged hide-code, so the slide shows no import lines."""
    nb = clean.read(FOLDER / chapter("04-results-into-processes").filename)
    imports = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("%matplotlib")]
    assert imports and imports[0].metadata.get("jupyter") == {"source_hidden": True}


def test_notebooks_carry_the_rise_settings():
    """The committed notebooks tell RISE to scroll long slides and start at the first slide."""
    nb = clean.read(FOLDER / "00-start-here.ipynb")
    assert nb.metadata.rise == {
        "scroll": True,
        "start_slideshow_at": "beginning",
        "slideNumber": True,
    }


def test_dev_slides_opens_the_chosen_chapter_as_a_slide_show():
    """`python dev.py slides --chapter 04` starts JupyterLab at /rise/ for chapter 04."""
    argv = _dev().slides_argv("04")
    assert "--LabApp.default_url=/rise/notebooks/04-results-into-processes.ipynb" in argv
    assert argv[0] == "lab"


def test_dev_slides_refuses_an_unknown_chapter():
    """An unknown chapter stops with the list of chapters, not a traceback."""
    with pytest.raises(SystemExit, match="00-start-here"):
        _dev().slides_argv("42")


def _section_cells(nb) -> dict[str, list]:
    """The cells of each ## section (its slide), keyed by the heading's cell id."""
    grouped, current = {}, None
    for cell in nb.cells:
        if slides.is_section_heading(cell):
            current = cell.id
            grouped[current] = []
        elif current is not None:
            grouped[current].append(cell)
    return grouped


@pytest.mark.parametrize("stem", IDS)
def test_exercises_are_slides_of_their_own(stem):
    """A section with a solution is marked as an exercise in story.py; an exercise has its check."""
    grouped = _section_cells(clean.read(FOLDER / chapter(stem).filename))
    for section in sections(stem):
        cells = grouped[section.cell]
        solved = any(SOLUTION_TAG in c.metadata.get("tags", []) for c in cells)
        checked = any(c.source.startswith("exercises.check_") for c in cells)
        assert solved <= section.exercise, f"{section.cell}: solution outside an exercise"
        assert section.exercise <= (solved or checked), f"{section.cell}: exercise without answer"
