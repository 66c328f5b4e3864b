"""JupyterLab in Chromium: the weights notebook runs, its tuner renders and answers a slider."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def weights_notebook() -> Path:
    """The workbook's weights chapter (notebooks/07-*.ipynb)."""
    [path] = sorted((ROOT / "notebooks").glob("07-*.ipynb"))
    return path


def _number(text: str, label: str) -> float:
    """The number after ``label`` in a widget's text, e.g. 'O分值 50' → 50."""
    match = re.search(re.escape(label) + r"\s*([-\d.]+)", text)
    assert match, f"no {label!r} number in {text!r}"
    return float(match.group(1))


def _wait_until_all_ran(page, timeout: float = 180_000) -> None:
    """Every code cell shows an execution count ([3]:, not [ ]: or [*]:) and the kernel is Idle.

    The status bar alone is not enough: right after Run All it still reads Idle
    from before, until the first request reaches the kernel. A cell whose code is
    collapsed (tag hide-code) shows a placeholder prompt without a count: skipped.
    """
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll(
            '.jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)')];
          const idle = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
            .some(e => /\\bIdle\\b/.test(e.textContent));
          return idle && prompts.length > 0
            && prompts.every(e => /\\[\\d+\\]/.test(e.textContent));
        }""",
        timeout=timeout,
    )


def test_weights_notebook_runs_in_jupyterlab_and_a_slider_moves_the_totals(
    tmp_path, servers, tab, screenshot, assert_chinese_renders
):
    """Run All on the weights chapter, then one KR step up: its O分值 and the total go up by 1."""
    root = tmp_path / "workbook"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "cases", root / "cases")
    notebook = weights_notebook()
    base = servers.lab(root)

    page = tab.page
    page.goto(f"{base}/lab/tree/notebooks/{notebook.name}", timeout=90_000)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=120_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    _wait_until_all_ran(page)

    # The first KR slider; its objective's box (the nearest VBox around it) holds the
    # O分值 line, and the box around that holds the total line.
    caption = page.locator("label.widget-label", has_text=re.compile(r"^KR\d"))
    slider = page.locator(".widget-slider", has=caption).first
    slider.wait_for(timeout=60_000)
    nearest_vbox = "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' widget-vbox ')][1]"
    box = slider.locator(nearest_vbox)
    points = box.locator(".widget-html", has_text="O分值").first
    # The tuner's total sits beside the objectives' group, however deep the slider is
    # nested: the nearest enclosing box that holds a "合计" line.
    with_total = (
        "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' widget-vbox ')]"
        "[.//div[contains(concat(' ', @class, ' '), ' widget-html ')]"
        "[starts-with(normalize-space(.), '合计')]][1]"
    )
    total = (
        slider.locator(with_total).locator(".widget-html", has_text=re.compile(r"^\s*合计")).first
    )
    slider.scroll_into_view_if_needed()
    before = (
        _number(slider.locator(".widget-readout").text_content(), ""),
        _number(points.text_content(), "O分值"),
        _number(total.text_content(), "合计"),
    )

    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    expected = tuple(value + 1 for value in before)
    page.wait_for_function(
        "([el, want]) => el.textContent.includes('合计 ' + want)",
        arg=[total.element_handle(), f"{expected[2]:g}"],
    )
    # The total, the readout and the O score are separate widgets the kernel updates one
    # after another: read them until they agree (or time out) rather than at once.
    deadline = time.monotonic() + 30
    while True:
        after = (
            _number(slider.locator(".widget-readout").text_content(), ""),
            _number(points.text_content(), "O分值"),
            _number(total.text_content(), "合计"),
        )
        if after == expected or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    assert after == expected, f"slider, O分值, total before {before}, after {after}"
    _wait_until_all_ran(page)  # the callback has finished (chart redrawn), so errors have shown

    errors = page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .okrkit-error'
    )
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.get_by_text("Error displaying widget").count() == 0
    assert tab.page_errors == []
    assert_chinese_renders(page)
    points.evaluate("e => e.scrollIntoView({block: 'start'})")  # the tuner, total included
    screenshot(page, "lab-weights-notebook")
