"""The review scorecard: type or adjust actuals, see points, O分值 earned, total and grade live.

One text box per KR takes an actual the way the actuals file does (``93%``,
``1,330``, ``done`` / ``完成``, a complaint count). Scoring is
:func:`okrkit.scoring.score_team`, the table and summary come from
:mod:`okrkit.review`, and the chart from :mod:`okrkit.charts.scorecard`; this
module only wires them. A value that cannot be read shows its error in the
widget and stays in its box (nothing typed is lost); its KR is then reported as
unscored until it is fixed.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from okrkit.actuals import parse_actual
from okrkit.charts.scorecard import plot_scorecard
from okrkit.i18n import check_lang, t
from okrkit.model import Case, Team
from okrkit.review import format_actual, grade_text, scorecard_html
from okrkit.scoring import direction_of, grade_bands, score_team, scoring_settings
from okrkit.widgets._base import MessageArea, reports_errors


class Scorecard(widgets.VBox):
    """Score one team live from actuals typed into one box per KR.

    >>> from okrkit import load_case
    >>> from okrkit.actuals import load_actuals
    >>> case = load_case("cases/a-company")
    >>> actuals = load_actuals("cases/a-company/actuals/2015.yaml", case)
    >>> card = Scorecard(case.team("rep-li"), case, actuals.for_team("rep-li"), lang="en")
    >>> card.inputs["KR4.1"].value = "0"
    >>> card.total_text
    'Total: 91 · Grade: A (Excellent)'

    Notice the grade: without her two complaints Li Na would have reached A.
    """

    def __init__(
        self,
        team: Team,
        case: Case | None = None,
        actuals: Mapping[str, float] | None = None,
        *,
        lang: str = "zh",
        chart: bool = True,
    ):
        check_lang(lang)
        self.lang = lang
        self.team = team
        self.settings = scoring_settings(case)
        self.bands = grade_bands(case)
        self.values: dict[str, float | None] = dict(actuals or {})
        self.errors: dict[str, str] = {}
        self.message = MessageArea()
        self.inputs: dict[str, widgets.Text] = {}
        self.table = widgets.HTML()
        self.total = widgets.HTML()
        self.total_text = ""
        self.score = None
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="560px"))
        self._figure = None
        if chart:
            rows = sum(1 for _, kr in team.key_results() if not kr.is_deduction)
            self._figure = Figure(figsize=(6.4, 1.0 + 0.32 * rows), dpi=80)
            FigureCanvasAgg(self._figure)
            self._ax = self._figure.add_subplot()
        boxes = []
        for objective in team.objectives:
            boxes.append(widgets.HTML(f"<b>{html.escape(objective.id)} "
                                      f"{html.escape(objective.title.get(lang))}</b>"))  # fmt: skip
            for kr in objective.key_results:
                box = widgets.Text(
                    value=format_actual(kr, self.values.get(kr.id), lang),
                    description=kr.id,
                    continuous_update=False,
                    placeholder=_placeholder(kr, lang),
                    layout=widgets.Layout(width="220px"),
                )
                box.kr_id = kr.id
                box.observe(self._on_input, names="value")
                self.inputs[kr.id] = box
                label = widgets.HTML(html.escape(kr.text.get(lang)))
                boxes.append(widgets.HBox([box, label]))
        entry = widgets.VBox(boxes, layout=widgets.Layout(width="45%"))
        super().__init__(
            [
                widgets.HBox([entry, widgets.VBox([self.total, self.table])]),
                self.message,
                self.chart,
            ]
        )
        self._refresh()

    @reports_errors()
    def _on_input(self, change) -> None:
        kr_id = change["owner"].kr_id
        kr = self.team.key_result(kr_id)
        text = change["new"].strip()
        self.errors.pop(kr_id, None)
        if not text:
            self.values[kr_id] = None
        else:
            try:
                self.values[kr_id] = parse_actual(kr, text)
            except ValueError as error:
                # Keep what was typed in the box; score the KR as missing until fixed.
                self.values[kr_id] = None
                zh = getattr(error, "zh", None)
                reason = zh if self.lang == "zh" and zh else str(error)
                self.errors[kr_id] = t("score.actual_bad", self.lang, kr=kr_id, error=reason)
        self._refresh()

    def _refresh(self) -> None:
        self.score = score_team(self.team, self.values, self.settings, self.bands)
        self.table.value = scorecard_html(self.team, self.score, self.lang)
        c = "：" if self.lang == "zh" else ": "
        self.total_text = (
            f"{t('score.total', self.lang)}{c}{self.score.total:.4g} · "
            f"{grade_text(self.score, self.lang)}"
        )
        self.total.value = (
            f'<div style="font-size:1.2em;font-weight:600">{html.escape(self.total_text)}</div>'
        )
        if self.errors:
            self.message.show("\n".join(self.errors.values()), "error")
        else:
            self.message.clear()
        if self._figure is not None:
            plot_scorecard(self.team, self.score, ax=self._ax, lang=self.lang, bands=self.bands)
            self._figure.tight_layout()
            self._figure.canvas.draw()
            width, height = self._figure.canvas.get_width_height()
            buffer = io.BytesIO()
            Image.frombuffer("RGBA", (width, height), self._figure.canvas.buffer_rgba()).save(
                buffer, format="png", compress_level=1
            )
            self.chart.value = buffer.getvalue()


def _placeholder(kr, lang: str) -> str:
    if kr.is_deduction:
        return "0, 1, 2 …"
    if kr.target is None:
        return ""
    if direction_of(kr) == "milestone":
        return f"{t('score.done', lang)} / {t('score.not_done', lang)}"
    suffix = "%" if kr.unit.get(lang) == "%" else ""
    return f"{kr.target:g}{suffix}"
