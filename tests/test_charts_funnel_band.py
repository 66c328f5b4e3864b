"""The funnel chart's P50–P80 band: drawn from the odds, with a bilingual legend, removed again."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

from okrkit.calibrate.odds import Band
from okrkit.cases import load_case
from okrkit.charts import plot_funnel
from okrkit.charts.funnel import BAND_GID, FunnelChart
from okrkit.funnel import funnel_of, required_activity

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"
# What activity_band gives 张伟 with the company's 2014 rates (a fixed input here:
# the chart only draws what it is given).
BAND = {
    "opportunities": Band("opportunities", "month", 24, 27, 288.0, 324.0),
    "visits": Band("visits", "month", 23, 28, 276.0, 336.0),
    "calls": Band("calls", "week", 112, 135, 5376.0, 6480.0),
}


@pytest.fixture(scope="module")
def plan():
    return required_activity(funnel_of(load_case(CASE)), 1200)


def _band_patches(ax):
    return [p for p in ax.patches if p.get_gid() == BAND_GID]


def test_the_band_has_two_slivers_per_stage_with_odds(plan):
    """Three stages with odds give six band rectangles; the deals bar gets none."""
    ax = plot_funnel(plan, band=BAND, period="2014", lang="en")
    assert len(_band_patches(ax)) == 6


def test_the_band_spans_from_the_p50_width_to_the_p80_width(plan):
    """The calls' right sliver starts where P50's width ends and stops at P80's (log widths)."""
    ax = plot_funnel(plan, band=BAND, period="2014", lang="en")
    calls_y = 3  # the top bar: calls, the widest stage
    right = [p for p in _band_patches(ax) if p.get_y() < calls_y < p.get_y() + p.get_height()
             and p.get_x() > 0.5]  # fmt: skip
    [sliver] = right
    chart_bar = ax.patches[calls_y]  # the plan's own bar for calls (drawn first)
    assert sliver.get_width() > 0
    # the plan's 100 calls a week lie inside P50 (112): its bar ends before the band starts
    assert chart_bar.get_x() + chart_bar.get_width() < sliver.get_x()


def test_the_legend_names_the_band_and_its_history_in_english(plan):
    """The English legend reads 'P50–P80 activity (calibrated from the 2014 records)'."""
    ax = plot_funnel(plan, band=BAND, period="2014", lang="en")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "P50–P80 activity (calibrated from the 2014 records)"
    ]


def test_the_legend_and_labels_read_in_chinese(plan):
    """The Chinese legend says 五成到八成把握, and the calls' label carries its P50 and P80."""
    ax = plot_funnel(plan, band=BAND, period="2014", lang="zh")
    assert ax.get_legend().get_texts()[0].get_text() == "五成到八成把握所需（按2014年的记录校准）"
    assert any("五成把握 112 · 八成把握 135" in t.get_text() for t in ax.texts)


def test_without_a_band_nothing_is_added(plan):
    """A plain funnel has no band rectangles and no legend."""
    ax = plot_funnel(plan, lang="en")
    assert _band_patches(ax) == [] and ax.get_legend() is None


def test_updating_without_the_band_removes_it(plan):
    """The explorer's chart drops the band and the legend when the next update has none."""
    from matplotlib.figure import Figure

    chart = FunnelChart(Figure().add_subplot(), "en")
    chart.update(plan, BAND, "2014")
    chart.update(plan, BAND, "2014")
    assert len(_band_patches(chart.ax)) == 6  # redrawn, not piled up
    chart.update(plan)
    assert _band_patches(chart.ax) == [] and chart.ax.get_legend() is None


def test_the_band_saves_with_every_chinese_glyph(plan):
    """The Chinese chart with its band saves to PNG without a missing-glyph warning."""
    import okrkit.charts  # noqa: F401  (registers the shipped font)

    ax = plot_funnel(plan, band=BAND, period="2014", lang="zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.savefig(io.BytesIO(), format="png")
