"""Handouts print a chapter's tables without pandas' meaningless 0, 1, 2 … row numbers."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from okrkit import explain, load_case
from okrkit.funnel import funnel_of, required_activity
from okrkit.story import chapter
from okrkit.workbook import handouts
from tests.conftest import CASES

CHAPTER = chapter("04-results-into-processes")


def _page_of(*frames: pd.DataFrame, lang: str = "zh") -> str:
    """The handout page of a chapter of one cell per frame, each output as Jupyter shows it."""
    nb = nbformat.v4.new_notebook()
    for frame in frames:
        cell = nbformat.v4.new_code_cell("frame")
        data = {"text/html": frame._repr_html_(), "text/plain": repr(frame)}
        cell.outputs = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
        nb.cells.append(cell)
    return handouts.handout_html(nb, CHAPTER, lang)


def _first_column(page: str, which: int = 0) -> list[str]:
    """The texts of the first cell of every row of the page's pandas table number ``which``."""
    table = BeautifulSoup(page, "html.parser").find_all("table", class_="dataframe")[which]
    return [row.find(["th", "td"]).get_text(strip=True) for row in table.find_all("tr")]


NUMBERED = pd.DataFrame({"KR": ["KR1.1", "KR1.2"]})  # the default RangeIndex: 0, 1


def _activity(lang: str) -> pd.DataFrame:
    case = load_case(CASES / "a-company")
    plan = required_activity(funnel_of(case), case.team("rep-zhang").sales_target)
    return explain.activity_table(plan, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_activity_table_prints_without_row_numbers(lang):
    """explain.activity_table on a handout starts with its stage column, not 0, 1, 2."""
    frame = _activity(lang)
    stages = list(frame.iloc[:, 0])
    assert _first_column(_page_of(frame, lang=lang)) == [frame.columns[0], *stages]


def test_only_the_row_numbers_go_a_named_index_stays():
    """On one page the 0, 1 numbers go while a table indexed by 团队 keeps that column."""
    named = pd.DataFrame({"团队": ["sales", "finance"], "得分": [90, 80]}).set_index("团队")
    page = _page_of(NUMBERED, named)
    assert _first_column(page, 0) == ["KR", "KR1.1", "KR1.2"]
    assert _first_column(page, 1) == ["", "团队", "sales", "finance"]


def test_only_the_row_numbers_go_labels_from_one_stay():
    """On one page the 0, 1 numbers go while an unnamed index 1, 2, 3 (ranks) stays."""
    ranked = pd.DataFrame({"KR": ["a", "b", "c"]}, index=[1, 2, 3])
    page = _page_of(NUMBERED, ranked, lang="en")
    assert _first_column(page, 0) == ["KR", "KR1.1", "KR1.2"]
    assert _first_column(page, 1) == ["", "1", "2", "3"]


def test_row_numbers_of_a_shortened_table_are_dropped_too():
    """A long table pandas shortens (0, 1, ..., 8, 9) prints without the numbers column."""
    frame = pd.DataFrame({"week": [f"W{n}" for n in range(10)]})
    with pd.option_context("display.max_rows", 4):
        page = _page_of(frame, lang="en")
    assert _first_column(page) == ["week", "W0", "W1", "...", "W8", "W9"]


def test_a_page_without_pandas_tables_is_left_as_it_is():
    """Markup with no pandas table comes back byte for byte (nothing re-serialised)."""
    markup = "<table class='okrkit-plan'><tr><th>0</th><td>x</td></tr></table><br>"
    assert handouts.without_row_numbers(markup) == markup
