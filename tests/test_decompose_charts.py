"""The decomposition's figures: funnel, cascade tree and tornado, in Chinese and English."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

from okrkit.cases import load_case
from okrkit.charts import plot_cascade, plot_funnel, plot_tornado
from okrkit.charts.funnel import FunnelChart
from okrkit.funnel import funnel_of, required_activity
from okrkit.sensitivity import sensitivity

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def funnel(case):
    return funnel_of(case)


def _save(ax) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_draws_without_missing_glyphs(case, funnel, lang):
    """Funnel, cascade and tornado save as PNG in both languages with no glyph warning."""
    plan = required_activity(funnel, 1200)
    for ax in (
        plot_funnel(plan, lang=lang),
        plot_cascade(case, lang=lang),
        plot_tornado(sensitivity(funnel, 1200), funnel, lang=lang),
    ):
        assert _save(ax).startswith(b"\x89PNG")


def test_funnel_labels_carry_counts_and_targets(funnel):
    """Each stage's bar says its yearly count and the person's target; calls on top."""
    ax = plot_funnel(required_activity(funnel, 1200))
    texts = _texts(ax)
    assert texts[0] == "销售额1200万元：每年所需与每人目标"
    assert "有效电话  每年4800  |  每周100个" in texts
    assert "新增项目机会  每年240  |  每月20个" in texts
    assert len(ax.patches) == 4
    widths = [bar.get_width() for bar in ax.patches]  # bottom (deals) to top (calls)
    assert widths == sorted(widths)


def test_funnel_chart_updates_in_place(funnel):
    """A second plan moves the same bars and texts instead of adding new ones."""
    ax = plot_funnel(required_activity(funnel, 1200))
    chart = FunnelChart(ax.figure.add_subplot(), "en")
    chart.update(required_activity(funnel, 1200))
    bars, texts = list(chart.ax.patches), list(chart.ax.texts)
    chart.update(required_activity(funnel, 2400))
    assert list(chart.ax.patches) == bars and list(chart.ax.texts) == texts
    assert "effective calls: 9600 a year  |  200 calls a week" in _texts(chart.ax)


def test_cascade_tree_shows_each_level_and_its_coverage(case):
    """The tree holds 总经理, 销售部, both channels and the three reps with their targets, and 105%."""
    texts = _texts(plot_cascade(case))
    for label in ("总经理\n8000万元", "销售部\n8000万元", "渠道代理商\n3000万元",
                  "销售岗位（张伟）\n1200万元", "销售岗位（王强）\n1000万元"):  # fmt: skip
        assert label in texts
    assert "下级合计105%（缓冲）" in texts
    assert not any("财务" in text for text in texts)  # finance carries no revenue


def test_tornado_puts_the_biggest_lever_on_top(funnel):
    """The top bar is the old-customer share (−10% calls); each row has an improve and a worsen bar."""
    ax = plot_tornado(sensitivity(funnel, 1200), funnel, lang="en")
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels[-1] == "share of opportunities from old-customer revisits"
    assert len(ax.patches) == 2 * len(labels)
    assert " -10.0% " in _texts(ax)
