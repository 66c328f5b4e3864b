"""Each chapter as slides: the RISE slide type of every cell, from the storyline.

jupyterlab-rise (RISE for JupyterLab 4) reads ``metadata.slideshow.slide_type``
of each cell. Writing it by hand in JupyterLab drifts; here it follows one rule,
applied by ``scripts/make_nav.py`` together with the navigation:

* one idea a slide: the generated header and every ``##`` section heading
  start a slide (:data:`okrkit.story.SECTIONS` lists them, with timings);
* an exercise is a ``##`` section of its own, so it is its own slide, and its
  solution cell (tag ``solution``) appears as a fragment: the trainer shows it
  with one more key press, after the room has tried;
* code is shown unless a cell is tagged ``hide-code``: then its source is
  collapsed (``metadata.jupyter.source_hidden``), on slides and in JupyterLab,
  and only its output shows;
* the footer's links are skipped: a slide show moves with the arrow keys.
"""

from __future__ import annotations

import nbformat

from okrkit.story import HIDE_CODE_TAG, SOLUTION_TAG

SLIDE, CONTINUE, FRAGMENT, SKIP, NOTES = "slide", "-", "fragment", "skip", "notes"
FOOTER_ID = "nav-footer"


def is_section_heading(cell) -> bool:
    """A markdown cell that opens a ``##`` section: one slide."""
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("## ")


def slide_type(cell, index: int) -> str:
    """The RISE slide type of the cell at ``index`` under the rules above."""
    tags = cell.metadata.get("tags", [])
    if cell.get("id") == FOOTER_ID:
        return SKIP
    if index == 0 or is_section_heading(cell):
        return SLIDE
    if SOLUTION_TAG in tags:
        return FRAGMENT
    return CONTINUE


def with_slides(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` with every cell's slide type and code visibility set, in place; returns it.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
    ...     nbformat.v4.new_markdown_cell("## A"), nbformat.v4.new_code_cell("1")])
    >>> [c.metadata.slideshow.slide_type for c in with_slides(nb).cells]
    ['slide', 'slide', '-']

    Notice that any slide type set by hand is overwritten: the rule wins.
    """
    for index, cell in enumerate(nb.cells):
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell, index)}
        cell.metadata.pop("jupyter", None)
        if cell.cell_type == "code" and HIDE_CODE_TAG in cell.metadata.get("tags", []):
            cell.metadata["jupyter"] = {"source_hidden": True}
    return nb


def slide_count(nb: nbformat.NotebookNode) -> int:
    """How many slides ``nb`` shows (cells that start one)."""
    return sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == SLIDE)
