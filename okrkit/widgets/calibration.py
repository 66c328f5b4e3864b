"""The calibration explorer: move the cohort horizon and the shrinkage strength, see the rates.

Chapter 06's two sliders. Every number comes from :mod:`okrkit.calibrate`:
:func:`okrkit.calibrate.stage_rates` re-estimates the rates on the open
history (the records are judged once, when the history is opened; a slider
move only re-counts the cohorts and re-fits the shrinkage, well under a
second), :func:`okrkit.calibrate.tables.rates_table` lays them out,
:func:`okrkit.calibrate.explain.findings` words the trainer's finding and
:func:`okrkit.charts.calibration.plot_stage_intervals` draws them. This module
only wires the controls to those functions.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import okrkit.charts  # noqa: F401  (registers the CJK font)
from okrkit.calibrate import Calibration, stage_rates
from okrkit.calibrate.explain import findings
from okrkit.calibrate.tables import horizon_days, rates_table
from okrkit.charts.calibration import plot_stage_intervals
from okrkit.funnel import funnel_of
from okrkit.i18n import Words, check_lang
from okrkit.widgets._base import MessageArea, reports_errors
from okrkit.widgets.funnel import _html_table

# The strengths a room can pick (pseudo-observations the department's rate is
# worth), "fitted" first: what empirical Bayes chooses from the data itself.
FITTED = "fitted"  # a slider value cannot be None (that means "nothing selected")
STRENGTHS = (FITTED, 0.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0)
_MARGINS = {"left": 0.12, "right": 0.98, "top": 0.9, "bottom": 0.06, "hspace": 0.75}
HORIZON_MONTHS = (1, 11)  # a 2014 history has at most 11 monthly cohorts older than a month
_WORDS = {
    "horizon": ("跟踪期（月）", "Horizon (months)"),
    "strength": ("收缩强度", "Shrinkage strength"),
    "fitted": ("按数据拟合", "fitted"),
    "no_finding": ("没有哪个人只在某一环明显落后。", "No rep falls clearly behind at one stage only."),
}  # fmt: skip


_w = Words(_WORDS)


class CalibrationExplorer(widgets.VBox):
    """Two sliders over an open history: each stage's method, rates per rep and the finding.

    ``history`` is :func:`okrkit.calibrate.records.open_history`'s result,
    kept open for the widget's life. Tests read ``rates``, ``table_html``,
    ``methods_html``, ``finding_html`` and ``message.text`` — what a user sees.
    """

    def __init__(self, history, lang: str = "zh", *, months: int = 4, dpi: int = 72):
        self.lang = check_lang(lang)
        self.history = history
        self.case = history.case
        self.rates: dict = {}
        self.message = MessageArea()
        style = {"description_width": "10em"}
        layout = widgets.Layout(width="34em")
        self.horizon = widgets.IntSlider(
            value=months, min=HORIZON_MONTHS[0], max=HORIZON_MONTHS[1],
            description=_w("horizon", lang), style=style, layout=layout, continuous_update=False,
        )  # fmt: skip
        options = [(_w("fitted", lang) if s == FITTED else f"{s:g}", s) for s in STRENGTHS]
        self.strength = widgets.SelectionSlider(
            options=options, value=FITTED, description=_w("strength", lang), style=style,
            layout=layout, continuous_update=False,
        )  # fmt: skip
        self.methods = widgets.HTML()
        self.table = widgets.HTML()
        self.finding = widgets.HTML()
        # One figure for the widget's life; its panels are redrawn on each change.
        # Fixed margins, no layout engine: a layout pass would draw each frame twice.
        self.figure = Figure(figsize=(8, 5.4), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.chart = widgets.Image(format="png")
        self.redraws = 0
        super().__init__(
            [self.horizon, self.strength, self.message, self.methods, self.finding,
             self.chart, self.table]
        )  # fmt: skip
        self.horizon.observe(self._on_change, names="value")
        self.strength.observe(self._on_change, names="value")
        self.refresh()

    @property
    def table_html(self) -> str:
        return self.table.value

    @property
    def methods_html(self) -> str:
        return self.methods.value

    @property
    def finding_html(self) -> str:
        return self.finding.value

    def _on_change(self, change) -> None:
        self.refresh()

    @reports_errors()
    def refresh(self) -> None:
        """Re-estimate the rates for the sliders' horizon and strength; redraw everything."""
        lang = self.lang
        days = horizon_days(self.horizon.value)
        strength = None if self.strength.value == FITTED else float(self.strength.value)
        self.rates = stage_rates(self.history, horizon=days, strength=strength)
        cal = Calibration(self.case, self.history.folder, self.history.run.period.name,
                          self.history.as_of, days, rates=self.rates)  # fmt: skip
        funnel = funnel_of(self.case)
        self.methods.value = "<br>".join(
            html.escape(f"{funnel.stage(stage_id).name.get(lang)}: {rate.reason.get(lang)}")
            for stage_id, rate in self.rates.items()
        )
        self.table.value = _html_table(rates_table(self.case, self.rates, lang))
        found = findings(cal, lang)
        self.finding.value = "<br>".join(
            f"<b>{html.escape(line)}</b>" for line in (found or [_w("no_finding", lang)])
        )
        self.figure.clear()
        measured = [r for r in self.rates.values() if r.method != "assumption"]
        if measured:
            axes = self.figure.subplots(len(measured), 1, squeeze=False, gridspec_kw=_MARGINS)[:, 0]
            plot_stage_intervals(self.case, self.rates, lang=lang, axes=axes)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        self.chart.value = buffer.getvalue()
        self.redraws += 1
        self.message.clear()


def calibration_explorer(history, lang: str = "zh") -> CalibrationExplorer:
    """Build the calibration explorer on an open history (the notebook's one-liner)."""
    return CalibrationExplorer(history, lang)
