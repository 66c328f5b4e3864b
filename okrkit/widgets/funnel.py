"""The funnel explorer: move the revenue target, deal size, rates and head count; see the activity.

Every number comes from :mod:`okrkit.funnel`, :mod:`okrkit.decompose` and
:mod:`okrkit.explain`; this module only wires controls to them. One
matplotlib figure is kept for the widget's life and redrawn on each change.
Bad input (a rate of 0, a negative target) is explained in the message area
and the last good table stays; **Apply** merges the generated KRs into the
team in memory (``explorer.team``, a new Team each time; nothing is saved).

With a calibration (passed in, or the history the case declares with
``calibration: {history: …}``), the chart also shows the activity needed at
P50 and at P80 as a band (:func:`okrkit.calibrate.odds.activity_band`): it
follows the target and the head count, not the rate sliders — the band is
what last year's records say, the bars what the sliders assume.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import matplotlib as mpl
import pandas as pd
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

import okrkit.charts  # noqa: F401  (registers the CJK font)
from okrkit.charts.funnel import FunnelChart
from okrkit.decompose import (
    apply_krs,
    forward_check,
    generate_krs,
    result_kr,
    revenue_target,
)
from okrkit.errors import CaseError, OkrkitError
from okrkit.explain import activity_table, krs_table, supply_sentence
from okrkit.funnel import FunnelError, funnel_of, required_activity
from okrkit.i18n import check_lang, t
from okrkit.model import Case
from okrkit.widgets._base import MessageArea, reports_errors

_TABLE_STYLE = "okrkit-table"


def _html_table(frame) -> str:
    """A small DataFrame as an HTML table; every cell escaped (KR texts are user-written).

    Written out rather than ``DataFrame.to_html``: this runs on every slider
    move, and the table is a handful of plain cells.
    """
    esc = html.escape
    head = "".join(f"<th>{esc(str(column))}</th>" for column in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(value))}</td>" for value in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table class="{_TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class FunnelExplorer(widgets.VBox):
    """Sliders and inputs over one team's reverse funnel, with a live table, KRs and chart.

    >>> from okrkit import load_case
    >>> explorer = FunnelExplorer(load_case("cases/a-company"), "rep-zhang")
    >>> explorer.controls["opportunities.rate"].value = 0.5
    >>> explorer.plan.need("calls").target
    50

    Notice: tests read ``activity_html``, ``krs_html``, ``message.text`` and
    ``team`` — the same values a user sees.
    """

    team = traitlets.Any(help="the team, with generated KRs merged in after Apply")
    valid = traitlets.Bool(True, help="False while the inputs cannot be computed")

    def __init__(
        self, case: Case, team_id: str, lang: str = "zh", *, dpi: int = 72, calibration=None
    ):
        self.lang = check_lang(lang)
        self.case = case
        self.team_id = team_id
        self.calibration = calibration
        self.band = None  # stage id -> Band, while a calibration gives one
        self.band_problem = ""  # why a declared history gives no band
        self._bands: dict = {}  # (target, headcount) -> bands: each computed once
        self.base_funnel = funnel_of(case)
        start = case.team(team_id)
        target = revenue_target(start)
        self.plan = None
        self.generated = None
        self.message = MessageArea()
        self.controls: dict[str, widgets.Widget] = {}
        style = {"description_width": "16em"}
        layout = widgets.Layout(width="34em")
        self.controls["target"] = widgets.FloatText(
            value=target or 0.0,
            description=t("fx.target", lang, unit=self.base_funnel.stages[0].unit.get(lang)),
            style=style,
            layout=layout,
        )
        self.controls["headcount"] = widgets.IntText(
            value=start.headcount, description=t("fx.headcount", lang), style=style, layout=layout
        )
        for assumption in self.base_funnel.assumptions():
            name = assumption.name.get(lang) or assumption.key
            if assumption.upper is not None:
                control = widgets.FloatSlider(
                    value=assumption.value,
                    min=0.0,
                    max=assumption.upper,
                    step=0.005,
                    readout_format=".1%",
                    description=name,
                    style=style,
                    layout=layout,
                    continuous_update=False,
                )
            else:
                control = widgets.FloatText(
                    value=assumption.value, description=name, style=style, layout=layout
                )
            self.controls[assumption.key] = control
        self.activity = widgets.HTML()
        self.krs = widgets.HTML()
        self.supply = widgets.HTML()
        self.apply_button = widgets.Button(
            description=t("fx.apply", lang), button_style="primary", icon="check"
        )
        self.apply_button.on_click(self._on_apply)
        # One figure for the widget's life, fixed margins (no layout engine:
        # the funnel has no ticks, and a layout pass would double each redraw).
        self.figure = Figure(figsize=(7, 3.6), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.01, right=0.93, top=0.9, bottom=0.02)
        self.axes = self.figure.add_subplot()
        self.funnel_chart = FunnelChart(self.axes, lang)
        self.chart = widgets.Image(format="png")
        self.redraws = 0
        super().__init__(
            [
                widgets.HTML(f"<b>{html.escape(start.name.get(lang))}</b>"),
                widgets.VBox(list(self.controls.values())),
                self.message,
                widgets.HBox([widgets.VBox([self.activity, self.supply]), self.chart]),
                self.krs,
                self.apply_button,
            ]
        )
        self.team = start
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        if self.calibration is None:
            self._declared_calibration()
        self.refresh()

    # -- reading the controls

    def current_funnel(self):
        """The case's funnel with the rates and shares the controls show."""
        funnel = self.base_funnel
        for assumption in funnel.assumptions():
            funnel = funnel.with_assumption(assumption.key, self.controls[assumption.key].value)
        return funnel

    @property
    def activity_html(self) -> str:
        """The required-activity table as shown."""
        return self.activity.value

    @property
    def krs_html(self) -> str:
        """The generated KRs table as shown."""
        return self.krs.value

    # -- callbacks

    def _on_change(self, change) -> None:
        self.refresh()

    @reports_errors()
    def refresh(self) -> None:
        """Recompute the plan, the tables and the chart from the controls."""
        lang = self.lang
        try:
            plan = required_activity(
                self.current_funnel(),
                self.controls["target"].value,
                self.controls["headcount"].value,
            )
        except FunnelError as error:
            self.valid = False
            self.apply_button.disabled = True
            self.message.show(error.message(lang) + "\n" + t("fx.kept", lang), "error")
            return
        current = result_kr(self.team)
        self.plan = plan
        self.generated = generate_krs(plan, result_id=current.id if current else "KR1.4")
        self.activity.value = _html_table(activity_table(plan, lang))
        self.krs.value = _html_table(krs_table(self.generated, lang))
        self.supply.value = html.escape(self._supply_text(plan))
        self.band = self._band(plan)
        period = str(self.calibration.period) if self.calibration is not None else ""
        self.funnel_chart.update(plan, self.band, period)
        self.chart.value = self._png()
        self.redraws += 1
        self.valid = True
        self.apply_button.disabled = False
        # A message about earlier input (an error, "applied") no longer holds.
        self.message.clear()
        if self.band_problem:
            self.message.show(self.band_problem, "warn")

    def _declared_calibration(self) -> None:
        # Only a case that declares its history pays for calibrating it (seconds).
        # A history that cannot be read leaves the explorer working without the
        # band, and says why beside every later message (refresh keeps it).
        from okrkit.calibrate.declared import history_folder

        folder = history_folder(self.case)
        if folder is None:
            return
        from okrkit.calibrate import calibrate

        try:
            self.calibration = calibrate(self.case, folder)
        except (CaseError, OkrkitError) as error:
            self.band_problem = error.render(self.lang)

    def _band(self, plan):
        if self.calibration is None:
            return None
        from okrkit.calibrate.odds import activity_band

        key = (plan.target, plan.headcount)
        if key not in self._bands:
            self._bands[key] = activity_band(
                self.calibration, self.team_id, plan.target, plan.headcount
            )
        return self._bands[key] or None

    def _png(self) -> bytes:
        # Draw the kept figure and encode its pixels directly: savefig's extra
        # passes and default PNG compression cost more than the drawing saves.
        canvas = self.figure.canvas
        # Unhinted glyphs draw markedly faster and look the same at screen size.
        with mpl.rc_context({"text.hinting": "no_hinting"}):
            canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _supply_text(self, plan) -> str:
        # What the team's table declares today, run through the explorer's funnel.
        if not any(kr.stage for _, kr in self.team.key_results()):
            return ""
        check = forward_check(
            self.case, self.team, plan.funnel, target=plan.target, headcount=plan.headcount
        )
        return t("fx.declared", self.lang) + supply_sentence(check, self.lang)

    def _on_apply(self, _button) -> None:
        self.apply()

    @reports_errors()
    def apply(self) -> None:
        """Merge the generated KRs into the team in memory (``self.team``); nothing is written."""
        if not self.valid or self.generated is None:
            self.message.show(t("fx.cannot_apply", self.lang), "warn")
            return
        self.team = apply_krs(self.team, self.generated)
        self.case = self.case.with_team(self.team)
        self.supply.value = html.escape(self._supply_text(self.plan))
        self.message.show(
            t(
                "fx.applied",
                self.lang,
                team=self.team.name.get(self.lang),
                total=f"{self.team.total_weight():g}",
            ),
            "ok",
        )


def funnel_explorer(case: Case, team_id: str, lang: str = "zh", calibration=None) -> FunnelExplorer:
    """Build the funnel explorer for one team (the notebook's one-liner).

    ``calibration`` (:func:`okrkit.calibrate.calibrate`) adds the P50–P80 band.
    """
    return FunnelExplorer(case, team_id, lang, calibration=calibration)
