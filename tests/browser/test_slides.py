"""A chapter as slides in Chromium: jupyterlab-rise presents it and the arrow keys move on."""

from __future__ import annotations

import re
import shutil

import pytest

from okrkit.story import chapter, sections
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

STEM = "04-results-into-processes"
_PRESENT = ".reveal .slides > section.present"


def _heading(cell_id: str) -> str:
    """The Chinese part of a section's heading, as the slide shows it."""
    import nbformat

    nb = nbformat.read(str(ROOT / "notebooks" / chapter(STEM).filename), as_version=4)
    [cell] = [c for c in nb.cells if c.get("id") == cell_id]
    return re.sub(r"^##\s*", "", cell.source.splitlines()[0]).split(" · ")[0]


def _slide_number(page) -> int:
    """The index of the horizontal slide on show (0 = the chapter's header)."""
    return page.evaluate(
        f"() => [...document.querySelectorAll('.reveal .slides > section')]"
        f".indexOf(document.querySelector('{_PRESENT}'))"
    )


def test_chapter_04_presents_as_slides_and_moves_forward_two(tmp_path, servers, tab, screenshot):
    """/rise/ opens chapter 04 at its header; two → key presses show its second section.

    On the way, the slide with the chapter's imports shows none of their code.
    """
    root = tmp_path / "workbook"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "cases", root / "cases")
    base = servers.lab(root)
    page = tab.page
    page.goto(f"{base}/rise/notebooks/{chapter(STEM).filename}", timeout=90_000)
    page.locator(_PRESENT).first.wait_for(timeout=90_000)

    slides = page.locator(".reveal .slides > section")
    assert slides.count() == 1 + len(sections(STEM))  # the header, then one slide a section
    assert _slide_number(page) == 0
    assert "04 · 结果细分成过程" in page.locator(_PRESENT).inner_text()

    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.reveal .slides > section')]"
        f".indexOf(document.querySelector('{_PRESENT}')) === 1"
    )
    # The first section's slide holds the import cell, tagged hide-code: its output
    # area is there, its code is not.
    imports = page.locator(f"{_PRESENT} .jp-CodeCell", has=page.locator(".jp-InputPlaceholder"))
    assert imports.count() == 1 and not imports.first.is_visible()
    assert "%matplotlib inline" not in page.locator(_PRESENT).inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.reveal .slides > section')]"
        f".indexOf(document.querySelector('{_PRESENT}')) === 2"
    )
    second = sections(STEM)[1]
    page.locator(_PRESENT, has_text=_heading(second.cell)).wait_for()
    assert tab.page_errors == []
    screenshot(page, "slides-chapter-04-third-slide")
