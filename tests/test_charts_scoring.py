"""Weights and scorecard charts: what they draw, and in-place redraws for the tuner."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import okrkit.charts  # noqa: F401  (registers the CJK font once the font branch lands)
from okrkit import load_case
from okrkit.actuals import load_actuals
from okrkit.charts.scorecard import band_colours, completion_colours, plot_scorecard
from okrkit.charts.weights import WeightsChart, plot_weights, weight_segments
from okrkit.scoring import grade_bands, score_case, score_team
from okrkit.weights import with_weights

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def scores(case):
    return score_case(case, load_actuals(CASE / "actuals" / "2015.yaml", case))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_weight_bars_stack_to_the_o_points(case):
    """Each objective's bar ends at its planned O分值 (50/30/20 for sales)."""
    ax = plot_weights(case.team("sales"), lang="en")
    ends = {}
    for row, _kr, left, width in weight_segments(case.team("sales")):
        ends[row] = left + width
    assert ends == {0: 50.0, 1: 30.0, 2: 20.0}
    assert len(ax.patches) == 9
    assert ax.get_yticklabels()[0].get_text().startswith("O1 ")


def test_weights_chart_moves_bars_in_place(case):
    """A weight change moves the existing bars; a different team redraws from scratch."""
    sales = case.team("sales")
    chart = WeightsChart(sales, lang="en")
    bars_before = list(chart.ax.patches)
    assert chart.update(with_weights(sales, {"KR1.1": 30}))
    assert list(chart.ax.patches) == bars_before
    assert bars_before[0].get_width() == 30 and bars_before[1].get_x() == 30
    assert not chart.update(case.team("finance"))
    assert len(chart.ax.patches) == 5
    assert chart.png()[:4] == b"\x89PNG"


def test_scorecard_colours_follow_grade_bands(case, scores):
    """Wang Qiang's 70% KR takes band B's colour, his missed milestone band D's."""
    bands = grade_bands(case)
    colours = band_colours(bands)
    wang = completion_colours(scores["rep-wang"], bands)
    ids = [k.kr_id for k in scores["rep-wang"].krs]
    assert wang[ids.index("KR1.1")] == colours[2]  # 70% -> B (70 to 85)
    assert wang[ids.index("KR2.1")] == colours[4]  # not done, 0% -> D
    assert wang[ids.index("KR2.2")] == colours[2]  # 80% -> B


def test_scorecard_plots_one_bar_per_kr_and_marks_unscored(case):
    """An unscored KR is drawn as an empty hatched bar with its reason, never as zero."""
    team = case.team("finance")
    score = score_team(team, {"KR1.1": 6, "KR1.2": 4, "KR1.3": 1, "KR2.1": 70})
    ax = plot_scorecard(team, score, lang="en", bands=grade_bands(case))
    assert len(ax.patches) == 5
    assert ax.patches[-1].get_hatch() == "//"
    assert "no actual" in [t.get_text() for t in ax.texts]


def test_scorecard_without_bands_uses_google_colours(case, scores):
    """A case with no grade bands colours bars red / yellow / green on the 0–1 scale."""
    colours = completion_colours(scores["finance"], ())
    assert colours[-1] == "#d73027"  # the missed weekly check, 0.0: red
    assert colours[0] == "#1a9850"  # 75%: green


def test_charts_draw_in_chinese(case, scores):
    """Chinese titles and labels draw with the CJK font: no missing-glyph warning at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_scorecard(
            case.team("rep-li"), scores["rep-li"], lang="zh", bands=grade_bands(case)
        )
        ax.figure.canvas.draw()
        chart = WeightsChart(case.team("sales"), lang="zh")
        chart.png()
    assert "各KR完成率" in ax.get_title()
    assert "各目标的KR权重" in chart.ax.get_title()


def test_doctests_hold():
    """The examples in the chart modules' docstrings run as written."""
    import doctest

    import okrkit.charts.scorecard
    import okrkit.charts.weights

    assert doctest.testmod(okrkit.charts.weights).failed == 0
    assert doctest.testmod(okrkit.charts.scorecard).failed == 0
