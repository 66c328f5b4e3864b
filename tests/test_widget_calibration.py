"""The calibration explorer driven headlessly: move the horizon and the strength, read what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrkit.calibrate.records import open_history
from okrkit.cases import load_case
from okrkit.widgets.calibration import FITTED, CalibrationExplorer

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def history():
    with open_history(load_case(CASE), CASE / "records" / "2014") as opened:
        yield opened


@pytest.fixture
def explorer(history):
    return CalibrationExplorer(history, "en")


def _row(html: str, *cells: str) -> str:
    for row in html.split("<tr>"):
        if all(f"<td>{c}</td>" in row for c in cells):
            return row
    raise AssertionError(f"no row with {cells}")


def test_opens_at_four_months_fitted_with_the_finding(explorer):
    """At 120 days and the fitted strength: cohort methods, 王强's 7/35 wins, his calls named."""
    assert explorer.horizon.value == 4 and explorer.strength.value == FITTED
    assert explorer.methods_html.count("cohort method") == 3
    assert "22.7%" in _row(explorer.table_html, "win rate", "Wang Qiang")
    assert (
        "Wang Qiang" in explorer.finding_html
        and "visits booked per effective call" in explorer.finding_html
    )
    assert bytes(explorer.chart.value).startswith(b"\x89PNG") and explorer.message.text == ""


def test_a_one_month_horizon_lowers_the_win_rate_and_redraws(explorer):
    """The horizon at 1 month re-runs the rates: the company's win rate falls to about 5%."""
    redraws, image = explorer.redraws, bytes(explorer.chart.value)
    explorer.horizon.value = 1
    assert explorer.rates["opportunities"].company()["mean"] < 0.10
    assert explorer.rates["opportunities"].horizon == 30
    assert explorer.redraws == redraws + 1 and bytes(explorer.chart.value) != image


def test_a_ten_month_horizon_says_the_period_method(explorer):
    """At 10 months the methods line says the period method, and why."""
    explorer.horizon.value = 10
    assert "period method: fewer than 3 monthly cohorts" in explorer.methods_html


def test_strength_zero_shows_the_raw_rates(explorer):
    """With strength 0, 王强's calibrated win rate is his own (7 + ½) / (35 + 1) = 20.8%."""
    explorer.strength.value = 0.0
    assert "<td>20.8%</td>" in _row(explorer.table_html, "win rate", "Wang Qiang")


def test_full_pooling_hides_the_finding(explorer):
    """At 10,000 every rep is the department: no one stage stands out any more."""
    explorer.strength.value = 10000.0
    assert "No rep falls clearly behind" in explorer.finding_html


def test_chinese_labels(history):
    """In Chinese the sliders, the table and the finding read in Chinese."""
    explorer = CalibrationExplorer(history, "zh")
    assert explorer.horizon.description == "跟踪期（月）"
    assert explorer.strength.options[0][0] == "按数据拟合"
    assert "王强" in explorer.finding_html and "赢单率" in explorer.table_html
