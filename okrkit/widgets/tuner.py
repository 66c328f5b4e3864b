"""The weight tuner: sliders per KR, O分值 and the total live, locks, rebalance, save.

A trainer moves a slider and the room sees where the week's effort goes.
Every number shown comes from :mod:`okrkit.weights` (totals, O分值, rebalancing,
normalising, hints); this module only wires widgets to those functions.

Two modes: "free" lets the total drift (and says by how much it is off 100),
"keep 100" rebalances the other unlocked KRs in proportion, never below the
case's weight floor. Save writes the team's file atomically and keeps the
previous version as ``.bak`` (:func:`okrkit.casefile.save_checked`). If
someone else saved the file since the tuner opened it, the save is refused
and two buttons offer to reload the file or to save these weights as a copy.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from okrkit.casefile import load_team_version, opened_version, save_checked, save_copy
from okrkit.charts.weights import WeightsChart
from okrkit.i18n import check_lang, t
from okrkit.model import Case, Team
from okrkit.scoring import scoring_settings
from okrkit.weights import (
    check_weights,
    normalize_weights,
    objective_points,
    rebalance_weights,
    total_status,
    weight_hints,
    with_weights,
)
from okrkit.widgets._base import MessageArea, StaleOffer, reports_errors
from okrkit.yamlio import StaleFileError

FREE, KEEP = "free", "keep"
_COLOURS = {"ok": "#1b7f3b", "error": "#b42318", "warn": "#9a6700", "info": "#1f4e79"}


class WeightTuner(widgets.VBox):
    """Tune one team's KR weights with sliders; show O分值, total, hints and a chart.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> tuner = WeightTuner(case.team("sales"), case, lang="en")
    >>> tuner.sliders["KR1.1"].value = 25
    >>> tuner.total_text
    'Total 110 (10 over 100)'

    Notice that in "free" mode nothing else moved; switch ``tuner.mode.value``
    to "keep" and the other KRs make room instead.
    """

    def __init__(
        self,
        team: Team,
        case: Case | None = None,
        *,
        lang: str = "zh",
        floor: float | None = None,
        path: str | Path | None = None,
        mode: str = FREE,
        chart: bool = True,
    ):
        check_lang(lang)
        self.lang = lang
        self.original = team
        self.team = team
        self.path = Path(path) if path is not None else team.source
        # what the file held when the tuner opened: a save over anything else is refused
        loaded = case.teams.get(team.id) if case is not None else None
        self.version = opened_version(team, self.path, loaded=loaded)
        self.floor = scoring_settings(case).weight_floor if floor is None else floor
        self._syncing = False
        self.message = MessageArea()
        self.stale = StaleOffer(lang, self.reload, self.save_as)
        self.sliders: dict[str, widgets.IntSlider] = {}
        self.locks: dict[str, widgets.Checkbox] = {}
        self.objective_labels: dict[str, widgets.HTML] = {}
        self.total = widgets.HTML()
        self.total_text, self.total_level = "", ""
        self.hints = widgets.HTML()
        self.hint_codes: list[str] = []
        self.mode = widgets.ToggleButtons(
            options=[(t("tuner.mode_free", lang), FREE), (t("tuner.mode_keep", lang), KEEP)],
            value=mode,
            description=t("tuner.mode", lang),
        )
        self.normalize_button = widgets.Button(description=t("tuner.normalize", lang))
        self.reset_button = widgets.Button(description=t("tuner.reset", lang))
        self.save_button = widgets.Button(description=t("tuner.save", lang), button_style="primary")
        self.normalize_button.on_click(self._on_normalize)
        self.reset_button.on_click(self._on_reset)
        self.save_button.on_click(self._on_save)
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="560px"))
        self.weights_chart = WeightsChart(team, lang) if chart else None
        self.groups = widgets.VBox([self._objective_box(o) for o in team.objectives])
        controls = widgets.HBox([self.normalize_button, self.reset_button, self.save_button])
        side = widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(t('tuner.hints', lang))}</b>"), self.hints],
            layout=widgets.Layout(width="38%", padding="0 0 0 12px"),
        )
        main = widgets.VBox(
            [self.groups, self.total, self.mode, controls, self.message, self.stale]
        )
        super().__init__([widgets.HBox([main, side]), self.chart])
        self._refresh()

    # -- layout

    def _objective_box(self, objective) -> widgets.VBox:
        label = widgets.HTML()
        self.objective_labels[objective.id] = label
        rows = []
        for kr in objective.key_results:
            if kr.is_deduction:
                continue
            slider = widgets.IntSlider(
                value=round(kr.weight or 0),
                min=0,
                max=100,
                description=kr.id,
                continuous_update=False,
                layout=widgets.Layout(width="340px"),
            )
            lock = widgets.Checkbox(
                value=False, description=t("tuner.lock", self.lang), indent=False,
                layout=widgets.Layout(width="70px"),
            )  # fmt: skip
            slider.observe(self._on_slider, names="value")
            lock.observe(self._on_lock, names="value")
            slider.kr_id = lock.kr_id = kr.id
            self.sliders[kr.id], self.locks[kr.id] = slider, lock
            text = widgets.HTML(f"<span title='{html.escape(kr.text.get(self.lang))}'>"
                                f"{html.escape(_short(kr.text.get(self.lang)))}</span>")  # fmt: skip
            rows.append(widgets.HBox([slider, lock, text]))
        return widgets.VBox([label, *rows])

    # -- state

    @property
    def locked(self) -> set[str]:
        """Ids of the KRs whose lock is on."""
        return {kr_id for kr_id, box in self.locks.items() if box.value}

    def _set_team(self, team: Team) -> None:
        self.team = team
        self._syncing = True
        try:
            for kr_id, slider in self.sliders.items():
                weight = team.key_result(kr_id).weight
                slider.value = round(weight or 0)
        finally:
            self._syncing = False
        self._refresh()

    def _rebuild(self, team: Team) -> None:
        """New sliders for ``team`` (a reloaded file may have other KRs), then refresh."""
        self.sliders.clear()
        self.locks.clear()
        self.objective_labels.clear()
        self.team = team
        self.groups.children = [self._objective_box(o) for o in team.objectives]
        self._refresh()

    def _refresh(self) -> None:
        points = objective_points(self.team)
        for objective in self.team.objectives:
            value = points[objective.id]
            shown = "—" if value is None else f"{value:g}"
            self.objective_labels[objective.id].value = (
                f"<b>{html.escape(objective.id)} {html.escape(objective.title.get(self.lang))}</b>"
                f" · {html.escape(t('col.points', self.lang))} <b>{shown}</b>"
            )
        self.total_text, self.total_level = total_status(self.team, self.lang)
        colour = _COLOURS[self.total_level]
        self.total.value = (
            f'<div style="font-size:1.1em;font-weight:600;color:{colour}">'
            f"{html.escape(self.total_text)}</div>"
        )
        hints = weight_hints(self.team, self.lang)
        self.hint_codes = [h.code for h in hints]
        if hints:
            self.hints.value = "".join(
                f'<div style="color:{_COLOURS[h.level]};margin-bottom:4px">'
                f"{html.escape(h.code)} {html.escape(h.message)}</div>"
                for h in hints
            )
        else:
            self.hints.value = f'<div style="color:{_COLOURS["ok"]}">{html.escape(t("hint.fine", self.lang))}</div>'
        for kr_id, slider in self.sliders.items():
            slider.disabled = self.locks[kr_id].value
        if self.weights_chart is not None:
            self.redraw()

    def redraw(self) -> None:
        """Move the chart's bars to the current weights and show it as a PNG."""
        self.weights_chart.update(self.team)
        self.chart.value = self.weights_chart.png()

    # -- callbacks

    @reports_errors()
    def _on_slider(self, change) -> None:
        if self._syncing:
            return
        kr_id, value = change["owner"].kr_id, change["new"]
        if self.mode.value == KEEP:
            team = rebalance_weights(self.team, kr_id, value, self.locked, floor=self.floor)
            got = round(team.key_result(kr_id).weight)
            self._set_team(team)
            if got != value:
                self.message.show(
                    t("tuner.clamped", self.lang, kr=kr_id, most=got, floor=f"{self.floor:g}"),
                    "warn",
                )
            else:
                self.message.clear()
        else:
            self.team = with_weights(self.team, {kr_id: value})
            self.message.clear()
            self._refresh()

    @reports_errors()
    def _on_lock(self, change) -> None:
        kr_id = change["owner"].kr_id
        if change["new"] and self.team.key_result(kr_id).weight is None:
            change["owner"].value = False
            self.message.show(t("hint.blank", self.lang, krs=kr_id), "error")
            return
        self._refresh()

    @reports_errors()
    def _on_normalize(self, _button=None) -> None:
        self._set_team(normalize_weights(self.team, self.locked, floor=self.floor))
        self.message.show(t("tuner.normalized", self.lang), "ok")

    @reports_errors()
    def _on_reset(self, _button=None) -> None:
        self._set_team(self.original)
        self.message.show(t("tuner.reset_done", self.lang), "info")

    @reports_errors()
    def _on_save(self, _button=None) -> None:
        if not check_weights(self.team).ok:
            self.message.show(t("tuner.save_blocked", self.lang), "error")
            return
        try:
            saved = save_checked(self.team, self.path, expected=self.version)
        except StaleFileError as error:
            # someone saved since: keep the sliders as they are and offer reload or a copy
            self.message.show(error.render(self.lang), "error")
            self.stale.offer()
            return
        self.version = saved.version
        self.original = self.team
        self.stale.withdraw()
        self.message.show(
            t("tuner.saved", self.lang, path=str(self.path), backup=str(saved.backup or "—")),
            "ok",
        )

    @reports_errors()
    def _on_reload(self, _button=None) -> None:
        """Drop the tuned weights and show the file as it is on disk now."""
        team, self.version = load_team_version(self.path)
        self.original = team
        self._rebuild(team)
        self.stale.withdraw()
        self.message.show(t("save.reloaded", self.lang, path=str(self.path)), "info")

    @reports_errors()
    def _on_save_as(self, _button=None) -> None:
        """Write the tuned weights to <team>.mine-<time>.yaml beside the file; go on there."""
        if not check_weights(self.team).ok:
            self.message.show(t("tuner.save_blocked", self.lang), "error")
            return
        refused = self.path
        saved = save_copy(self.team, refused)
        self.path, self.version, self.original = saved.path, saved.version, self.team
        self.stale.withdraw()
        self.message.show(
            t("save.copied", self.lang, copy=str(saved.path), path=str(refused)), "ok"
        )

    # the buttons' actions, callable from code and tests
    normalize = _on_normalize
    reset = _on_reset
    save = _on_save
    reload = _on_reload
    save_as = _on_save_as


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
