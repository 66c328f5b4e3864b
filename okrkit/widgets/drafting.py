"""The drafting widget: a manager writes their own team's OKRs with the coach beside them.

Start from a blank team or an existing one, add / edit / remove / reorder
objectives and key results, see the deck's table as a live preview and the
coach's findings update as you type, and save to the team file (atomically,
the previous version kept as ``.bak``). A save over a file that someone else
saved since it was loaded is refused, and two buttons offer to reload the
file or to save the draft as a copy beside it. Every edit goes through
:mod:`okrkit.draft`; every number shown comes from :mod:`okrkit.tables` and
:mod:`okrkit.lint`. A field that cannot be read (a weight of ``十五%``) shows
its message right under it, and the first such field is summed up at the top
of the form; what was typed stays and the draft keeps its last good value. The
field a message goes under is the one :class:`okrkit.draft.FieldError` names.

Where a KR's words give a field the draft leaves blank ("从65%提升到75%":
direction, baseline, target, unit), the coach lists it with a button that
fills those fields in (:func:`okrkit.lint_rules.offers.apply_offers`); the
draft is then unsaved until the usual stale-checked save writes it.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets

from okrkit import draft
from okrkit.casefile import (
    FileVersion,
    load_team_version,
    opened_version,
    save_checked,
    save_copy,
)
from okrkit.i18n import Words, check_lang, t
from okrkit.lint import count_findings, lint_team
from okrkit.lint_rules.offers import Offer, apply_offers, offers_for_team
from okrkit.model import CADENCES, DIRECTIONS, KINDS, LEVELS, Case, Team, Text
from okrkit.numbers import format_points
from okrkit.tables import plan_table_html
from okrkit.widgets._base import MessageArea, StaleOffer, reports_errors
from okrkit.yamlio import StaleFileError

_SEVERITY_STYLE = {"error": "color:#b42318", "warn": "color:#9a6700"}
OBJECTIVE_FIELDS = ("title", "description", "supports")
KR_FIELDS = (
    "text",
    "kind",
    "target",
    "baseline",
    "unit",
    "direction",
    "cadence",
    "evidence",
    "weight",
    "feeds",
    "penalty",
    "cap",
    "definition",
)


# This widget's own labels (zh and en side by side, as okrkit.commands.lint keeps its own).
_LABELS = {
    "baseline": {"zh": "基线", "en": "Baseline"},
    "offer.heading": {
        "zh": "KR文字里能读出这些空字段：",
        "en": "The KRs' words give these blank fields:",
    },
    "offer.item": {
        "zh": "{location}：{fields}（读自“{words}”）",
        "en": "{location}: {fields} (read from '{words}')",
    },
    "offer.apply": {"zh": "按文字填入", "en": "Fill from the words"},
    "offer.applied": {
        "zh": "已按KR文字填入{location}：{fields}。尚未保存。",
        "en": "Filled {location} from its words: {fields}. Not saved yet.",
    },
    "unsaved": {"zh": "有未保存的修改", "en": "Unsaved changes"},
}


_say = Words(_LABELS)


def _number_text(value) -> str:
    return "" if value is None else f"{value:g}"


class FieldMessage(MessageArea):
    """The message under one field: shown while what was typed there cannot be read."""

    def __init__(self) -> None:
        super().__init__(layout=widgets.Layout(display="none"))

    def show(self, text: str, level: str = "error") -> None:
        super().show(text, level)
        self.layout.display = ""

    def clear(self) -> None:
        super().clear()
        self.layout.display = "none"


class DraftingWidget(widgets.VBox):
    """Draft one team's OKRs; ``DraftingWidget(case=case, team_id="sales")`` or blank.

    Tests drive it headlessly: set ``.value`` on ``fields[...]``, click the
    buttons with ``.click()``, and read ``preview.value``, ``findings.value``,
    ``summary.value``, ``message.text`` and ``invalid``; ``field_messages[name].text``
    is the message shown under field ``name`` ("" when none). ``offer_buttons``
    holds, by KR id, the buttons that fill what the KR's words give;
    ``unsaved`` says whether the draft differs from the file last loaded or saved.
    """

    def __init__(
        self,
        case: Case | None = None,
        team_id: str | None = None,
        *,
        team: Team | None = None,
        path: str | Path | None = None,
        lang: str = "zh",
    ):
        self.lang = check_lang(lang)
        self.case = case
        if team is None and team_id is not None and case is not None:
            team = case.team(team_id)
        self.team: Team = team or draft.blank_team()
        # The version of each file this widget loaded or saved, by resolved path: a
        # save over anything else is refused. A path it never read is not checked.
        self._versions: dict[Path, FileVersion] = {}
        if self.team.source is not None:
            loaded = case.teams.get(self.team.id) if case is not None else None
            self._remember(opened_version(self.team, loaded=loaded))
        self._refused: Path | None = None  # the file whose save was refused as stale
        # Typed text that could not be read, per (KR id, field): (text, message).
        # It stays in the field, and comes back when the KR is selected again.
        self._pending: dict[tuple[str, str], tuple[str, str]] = {}
        # The same for the team's own fields (a blank id): field -> message.
        self._team_invalid: dict[str, str] = {}
        self._loading = False
        # The team as this widget last loaded or saved it: the draft is unsaved when it differs.
        self._clean: Team = self.team
        # What the KRs' words give, per KR id, as last shown; the rows are kept per KR id
        # so a keystroke that changes no offer rebuilds no widget.
        self._offers: dict[str, tuple[Offer, ...]] = {}
        self._offer_rows: dict[str, tuple[widgets.HTML, widgets.Button, widgets.HBox]] = {}
        self.message = MessageArea()
        self.stale = StaleOffer(self.lang, self.reload, self.save_as)
        self._build(path)
        super().__init__(children=self._layout())
        self._show_team()

    # -- building the controls

    def _build(self, path) -> None:
        lang = self.lang
        text = lambda key: widgets.Text(description=t(key, lang), continuous_update=False)  # noqa: E731
        drop = lambda key, options: widgets.Dropdown(description=t(key, lang), options=options)  # noqa: E731
        none = [(t("draft.none", lang), "")]
        self.team_fields = {
            "id": text("draft.team_id"),
            "name": text("draft.team_name"),
            "level": drop("draft.level", [(t(f"level.{v}", lang), v) for v in LEVELS]),
            "parent": drop("draft.parent", none),
            "path": text("draft.path"),
        }
        default_path = path or self.team.source
        self.team_fields["path"].value = str(default_path) if default_path else ""
        self.objective_select = drop("draft.objective", [])
        self.kr_select = drop("draft.key_result", [])
        self.fields = {
            "title": text("draft.title"),
            "description": text("draft.description"),
            "supports": drop("draft.supports", none),
            "text": text("draft.text"),
            "kind": drop("draft.kind", [(t(f"kind.{v}", lang), v) for v in KINDS]),
            "target": text("draft.target"),
            "baseline": widgets.Text(description=_say("baseline", lang), continuous_update=False),
            "unit": text("draft.unit"),
            # Shown in words (不少于), kept as the internal value (at_least).
            "direction": drop(
                "draft.direction", [*none, *[(t(f"direction.{v}", lang), v) for v in DIRECTIONS]]
            ),
            "cadence": drop(
                "draft.cadence", [*none, *[(t(f"cadence.{v}", lang), v) for v in CADENCES]]
            ),
            "evidence": text("draft.evidence"),
            "weight": text("draft.weight"),
            "feeds": drop("draft.feeds", none),
            "penalty": text("draft.penalty"),
            "cap": text("draft.cap"),
            "definition": text("draft.definition"),
        }
        button = lambda key: widgets.Button(description=t(key, lang))  # noqa: E731
        self.buttons = {
            name: button(f"draft.{name.split('_')[-1]}")
            for name in (
                "objective_add",
                "objective_remove",
                "objective_up",
                "objective_down",
                "kr_add",
                "kr_remove",
                "kr_up",
                "kr_down",
                "new",
                "load",
                "save",
            )
        }
        # One message under each field that can refuse what is typed into it.
        self.field_messages = {
            name: FieldMessage() for name in ("id", *OBJECTIVE_FIELDS, *KR_FIELDS)
        }
        self.preview = widgets.HTML()
        self.findings = widgets.HTML()
        self.summary = widgets.Label()
        self.offers_heading = widgets.HTML()
        self.offers_box = widgets.VBox()
        self.unsaved_label = widgets.HTML()
        for name, widget in self.team_fields.items():
            if name != "path":
                widget.observe(lambda change, n=name: self._on_team_field(n, change), "value")
        for name, widget in self.fields.items():
            widget.observe(lambda change, n=name: self._on_field(n, change), "value")
        self.objective_select.observe(lambda change: self._on_select_objective(), "value")
        self.kr_select.observe(lambda change: self._on_select_kr(), "value")
        actions = {
            "objective_add": self.add_objective,
            "objective_remove": self.remove_objective,
            "objective_up": lambda: self.move_objective(-1),
            "objective_down": lambda: self.move_objective(1),
            "kr_add": self.add_key_result,
            "kr_remove": self.remove_key_result,
            "kr_up": lambda: self.move_key_result(-1),
            "kr_down": lambda: self.move_key_result(1),
            "new": self.new_team,
            "load": self.load,
            "save": self.save,
        }
        for name, action in actions.items():
            self.buttons[name].on_click(lambda _button, a=action: a())

    def _layout(self) -> list:
        b = self.buttons
        f = self.fields
        team_box = widgets.VBox(
            [
                widgets.HBox([b["new"], b["load"], b["save"], self.unsaved_label]),
                *(self._with_message(name, w) for name, w in self.team_fields.items()),
            ]
        )
        objective_box = widgets.VBox(
            [
                widgets.HBox(
                    [
                        self.objective_select,
                        b["objective_add"],
                        b["objective_remove"],
                        b["objective_up"],
                        b["objective_down"],
                    ]
                ),
                *(self._with_message(name, f[name]) for name in OBJECTIVE_FIELDS),
            ]
        )
        kr_box = widgets.VBox(
            [
                widgets.HBox(
                    [self.kr_select, b["kr_add"], b["kr_remove"], b["kr_up"], b["kr_down"]]
                ),
                *(self._with_message(name, f[name]) for name in KR_FIELDS),
            ]
        )
        editor = widgets.VBox([team_box, objective_box, kr_box])
        coach = widgets.VBox([self.summary, self.findings, self.offers_heading, self.offers_box])
        return [
            self.message,
            self.stale,
            widgets.HBox([editor, widgets.VBox([self.preview, coach])]),
        ]

    def _with_message(self, name: str, field_widget):
        """The field with its message under it (the field alone when it has none)."""
        message = self.field_messages.get(name)
        return widgets.VBox([field_widget, message]) if message is not None else field_widget

    # -- showing the draft

    def _case(self) -> Case | None:
        return self.case.with_team(self.team) if self.case is not None else None

    def _refresh(self) -> None:
        """Redraw the preview, the coach and its offers from the current draft (pure functions)."""
        self.preview.value = plan_table_html(self.team, self.lang)
        findings = lint_team(self.team, self._case())
        counts = count_findings(findings)
        self.summary.value = t(
            "draft.findings", self.lang, errors=counts["error"], warnings=counts["warn"]
        )
        if findings:
            items = "".join(
                f'<li style="{_SEVERITY_STYLE[f.severity]}"><b>{f.code} {html.escape(f.name)}</b> '
                f"{html.escape(f.location)} {html.escape(f.message.get(self.lang))}"
                f"<br><small>{html.escape(f.hint.get(self.lang))}</small></li>"
                for f in findings
            )
            self.findings.value = f'<ul class="okrkit-findings">{items}</ul>'
        else:
            self.findings.value = f"<p>{html.escape(t('lint.none', self.lang))}</p>"
        self._show_offers()
        self._show_unsaved()

    # -- what the words give: one row and button per KR

    def offers(self) -> dict[str, tuple[Offer, ...]]:
        """What each KR's words give for its blank fields, by KR id, in table order.

        A field holding typed text that could not be read is left out: the
        person is writing that field, a button must not overwrite it.
        """
        by_kr: dict[str, list[Offer]] = {}
        for offer in offers_for_team(self.team):
            if (offer.kr, offer.field) not in self._pending:
                by_kr.setdefault(offer.kr, []).append(offer)
        return {kr_id: tuple(found) for kr_id, found in by_kr.items()}

    @property
    def offer_buttons(self) -> dict[str, widgets.Button]:
        """The buttons on screen, by KR id: each fills that KR's offered fields."""
        return {kr_id: self._offer_rows[kr_id][1] for kr_id in self._offers}

    def _show_offers(self) -> None:
        offers = self.offers()
        if offers == self._offers:
            return  # nothing the words give has changed: no widget touched
        for kr_id, found in offers.items():
            if kr_id not in self._offer_rows:
                text = widgets.HTML()
                button = widgets.Button(description=_say("offer.apply", self.lang))
                button.on_click(lambda _button, k=kr_id: self.apply_offer(k))
                self._offer_rows[kr_id] = (text, button, widgets.HBox([button, text]))
            first = found[0]
            self._offer_rows[kr_id][0].value = html.escape(
                _say(
                    "offer.item",
                    self.lang,
                    location=f"{first.objective}/{first.kr}",
                    fields=self._offered_fields(found),
                    words=first.words,
                )
            )
        self._offers = offers
        self.offers_heading.value = (
            f"<b>{html.escape(_say('offer.heading', self.lang))}</b>" if offers else ""
        )
        self.offers_box.children = [self._offer_rows[kr_id][2] for kr_id in offers]

    def _offered_fields(self, found) -> str:
        """'目标值 ← 75，基线 ← 65': each field by its label here, each value as a field shows it."""
        parts = []
        for offer in found:
            value = offer.value
            if offer.field == "cadence":
                value = t(f"cadence.{value}", self.lang)
            elif isinstance(value, Text):
                value = value.get(self.lang)
            elif isinstance(value, float):
                value = _number_text(value)
            parts.append(f"{self.fields[offer.field].description} ← {value}")
        return ("，" if self.lang == "zh" else ", ").join(parts)

    @reports_errors()
    def apply_offer(self, kr_id: str) -> None:
        """Fill the blank fields KR ``kr_id``'s words give into the draft (not saved yet)."""
        found = self.offers().get(kr_id)
        if not found:
            return  # the words changed since the button was drawn: nothing to fill
        self.team = apply_offers(self.team, list(found))
        self._show_team(self.objective_select.value, self.kr_select.value)
        if not self.invalid:
            location = f"{found[0].objective}/{kr_id}"
            fields = self._offered_fields(found)
            self.message.show(
                _say("offer.applied", self.lang, location=location, fields=fields), "info"
            )

    @property
    def unsaved(self) -> bool:
        """Whether the draft differs from the file as this widget last loaded or saved it."""
        return bool(self._pending or self._team_invalid) or self.team != self._clean

    def _show_unsaved(self) -> None:
        self.unsaved_label.value = (
            f'<span style="{_SEVERITY_STYLE["warn"]}">{html.escape(_say("unsaved", self.lang))}'
            "</span>"
            if self.unsaved
            else ""
        )

    def _label(self, item_id: str, text) -> str:
        return f"{item_id} {text.get(self.lang)}".strip()

    def _show_team(self, objective_id: str | None = None, kr_id: str | None = None) -> None:
        """Put the draft into every control (handlers paused), then refresh."""
        self._loading = True
        self._team_invalid.clear()  # the team's fields are refilled from the draft
        try:
            team = self.team
            tf = self.team_fields
            tf["id"].value = team.id
            tf["name"].value = team.name.get(self.lang)
            tf["level"].value = team.level
            parents = [(t("draft.none", self.lang), "")]
            if self.case is not None:
                parents += [(tid, tid) for tid in self.case.teams if tid != team.id]
            tf["parent"].options = parents
            tf["parent"].value = team.parent if team.parent in dict(parents).values() else ""
            self.objective_select.options = [
                (self._label(o.id, o.title), o.id) for o in team.objectives
            ]
            ids = [o.id for o in team.objectives]
            if objective_id in ids:
                self.objective_select.value = objective_id
            elif ids:
                self.objective_select.value = ids[0]
            self._fill_objective(kr_id)
        finally:
            self._loading = False
        self._refresh()

    def _fill_objective(self, kr_id: str | None = None) -> None:
        objective = self.current_objective()
        f = self.fields
        none = [(t("draft.none", self.lang), "")]
        parent = self.case.teams.get(self.team.parent) if self.case and self.team.parent else None
        supports = none + (
            [(self._label(o.id, o.title), o.id) for o in parent.objectives] if parent else []
        )
        f["supports"].options = supports
        f["title"].value = objective.title.get(self.lang) if objective else ""
        f["description"].value = objective.description.get(self.lang) if objective else ""
        wanted = objective.supports if objective and objective.supports else ""
        f["supports"].value = wanted if wanted in dict(supports).values() else ""
        krs = objective.key_results if objective else ()
        self.kr_select.options = [(self._label(k.id, k.text), k.id) for k in krs]
        ids = [k.id for k in krs]
        if kr_id in ids:
            self.kr_select.value = kr_id
        elif ids:
            self.kr_select.value = ids[0]
        self._fill_kr()

    def _fill_kr(self) -> None:
        kr = self.current_key_result()
        f = self.fields
        results = [(t("draft.none", self.lang), "")] + [
            (self._label(k.id, k.text), k.id)
            for _, k in self.team.key_results()
            if k.kind == "result" and (kr is None or k.id != kr.id)
        ]
        f["feeds"].options = results
        f["text"].value = kr.text.get(self.lang) if kr else ""
        f["kind"].value = kr.kind if kr else "result"
        f["target"].value = _number_text(kr.target) if kr else ""
        f["baseline"].value = _number_text(kr.baseline) if kr else ""
        f["unit"].value = kr.unit.get(self.lang) if kr else ""
        f["direction"].value = (kr.direction or "") if kr else ""
        f["cadence"].value = (kr.cadence or "") if kr else ""
        f["evidence"].value = kr.evidence.get(self.lang) if kr else ""
        f["weight"].value = format_points(kr.weight) if kr else ""
        f["feeds"].value = kr.feeds if kr and kr.feeds in dict(results).values() else ""
        f["penalty"].value = _number_text(kr.penalty) if kr else ""
        f["cap"].value = _number_text(kr.cap) if kr else ""
        f["definition"].value = kr.definition.get(self.lang) if kr else ""
        for (kr_id, name), (raw, _message) in self._pending.items():
            if kr is not None and kr_id == kr.id:
                f[name].value = raw
        self._show_invalid()

    @property
    def invalid(self) -> dict[str, str]:
        """Fields of the selected KR holding text that could not be read: field -> message."""
        kr = self.current_key_result()
        return {
            name: message
            for (kr_id, name), (_raw, message) in self._pending.items()
            if kr is not None and kr_id == kr.id
        }

    def _field_label(self, name: str) -> str:
        widget = self.fields.get(name) or self.team_fields[name]
        return widget.description

    def _show_invalid(self, unstored: dict[str, str] | None = None) -> None:
        """Each unreadable field's message under it, the first one summed up at the top.

        ``unstored``: field -> message for a refusal with no KR to keep it under
        (typed while no KR is selected); shown the same way until the next edit.
        """
        invalid = {**self._team_invalid, **self.invalid, **(unstored or {})}
        for name, area in self.field_messages.items():
            if name in invalid:
                area.show(invalid[name], "error")
            else:
                area.clear()
        if invalid:
            name, message = next(iter(invalid.items()))
            self.message.show(
                t("draft.invalid", self.lang, field=self._field_label(name), message=message),
                "error",
            )
        elif self.message.level == "error":
            self.message.clear()

    def current_objective(self):
        """The objective selected in the editor (None when the team has none)."""
        value = self.objective_select.value
        return self.team.objective(value) if value else None

    def current_key_result(self):
        """The key result selected in the editor (None when the objective has none)."""
        value = self.kr_select.value
        objective = self.current_objective()
        if not value or objective is None or value not in {k.id for k in objective.key_results}:
            return None
        return self.team.key_result(value)

    # -- handlers

    def _on_select_objective(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._fill_objective()
        finally:
            self._loading = False

    def _on_select_kr(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._fill_kr()
        finally:
            self._loading = False

    @reports_errors()
    def _on_team_field(self, name: str, change) -> None:
        if self._loading:
            return
        value = change["new"]
        if name == "id":
            try:
                team_id = draft.parse_team_id(value)
            except draft.FieldError as error:
                # The blank stays in the field; the draft keeps its last good id.
                self._team_invalid[error.field] = _reason(error, self.lang)
                self._show_invalid()
                self._show_unsaved()
                return
            self._team_invalid.pop("id", None)
            self._show_invalid()
            self.team = replace(self.team, id=team_id)
        elif name == "name":
            self.team = replace(self.team, name=draft.set_text(self.team.name, value, self.lang))
        elif name == "level":
            self.team = replace(self.team, level=value)
        elif name == "parent":
            self.team = replace(self.team, parent=value or None)
            self._show_team(self.objective_select.value, self.kr_select.value)
            return
        self._refresh()

    @reports_errors()
    def _on_field(self, name: str, change) -> None:
        if self._loading:
            return
        value = change["new"]
        try:
            if name in ("target", "baseline", "weight", "penalty", "cap"):
                kr = self.current_key_result()
                value = draft.parse_field(name, value, kr.unit if kr else None)
            elif name in ("supports", "feeds", "direction", "cadence"):
                value = value or None
        except draft.FieldError as error:
            # Keep the typed text in the field; the draft keeps its last good value.
            # The message goes under the field the error names.
            kr = self.current_key_result()
            message = _reason(error, self.lang)
            if kr is not None:
                self._pending[(kr.id, error.field)] = (change["new"], message)
                self._show_invalid()
            else:
                self._show_invalid(unstored={error.field: message})
            self._show_offers()  # no button may overwrite the field being typed
            self._show_unsaved()
            return
        kr = self.current_key_result()
        if kr is not None:
            self._pending.pop((kr.id, name), None)
        self._show_invalid()
        if name in OBJECTIVE_FIELDS:
            objective = self.current_objective()
            if objective is None:
                return
            self.team = draft.update_objective(self.team, objective.id, self.lang, **{name: value})
            self._relabel()
        else:
            kr = self.current_key_result()
            if kr is None:
                return
            self.team = draft.update_key_result(self.team, kr.id, self.lang, **{name: value})
            if name == "text":
                self._relabel()
        self._refresh()

    def _relabel(self) -> None:
        """Update the selectors' labels after a title or text changed, keeping the selection."""
        self._loading = True
        try:
            o_value, k_value = self.objective_select.value, self.kr_select.value
            self.objective_select.options = [
                (self._label(o.id, o.title), o.id) for o in self.team.objectives
            ]
            self.objective_select.value = o_value
            objective = self.current_objective()
            self.kr_select.options = [
                (self._label(k.id, k.text), k.id) for k in objective.key_results
            ]
            self.kr_select.value = k_value
        finally:
            self._loading = False

    # -- actions (buttons call these; tests may too)

    @reports_errors()
    def add_objective(self, title: str = "") -> str:
        """Add an objective at the end and select it; returns its id."""
        self.team, new_id = draft.add_objective(self.team, title, self.lang)
        self._show_team(new_id)
        return new_id

    @reports_errors()
    def remove_objective(self) -> None:
        """Remove the selected objective."""
        objective = self.current_objective()
        if objective is not None:
            gone = {kr.id for kr in objective.key_results}
            self.team = draft.remove_objective(self.team, objective.id)
            self._pending = {key: v for key, v in self._pending.items() if key[0] not in gone}
            self._show_team()

    @reports_errors()
    def move_objective(self, step: int) -> None:
        """Move the selected objective up (−1) or down (+1)."""
        objective = self.current_objective()
        if objective is not None:
            self.team = draft.move_objective(self.team, objective.id, step)
            self._show_team(objective.id)

    @reports_errors()
    def add_key_result(self, text: str = "") -> str | None:
        """Add a KR to the selected objective and select it; returns its id."""
        objective = self.current_objective()
        if objective is None:
            objective_id = self.add_objective()
        else:
            objective_id = objective.id
        self.team, new_id = draft.add_key_result(self.team, objective_id, text, self.lang)
        self._show_team(objective_id, new_id)
        return new_id

    @reports_errors()
    def remove_key_result(self) -> None:
        """Remove the selected KR."""
        kr = self.current_key_result()
        if kr is not None:
            self.team = draft.remove_key_result(self.team, kr.id)
            self._pending = {key: v for key, v in self._pending.items() if key[0] != kr.id}
            self._show_team(self.objective_select.value)

    @reports_errors()
    def move_key_result(self, step: int) -> None:
        """Move the selected KR up (−1) or down (+1) inside its objective."""
        kr = self.current_key_result()
        if kr is not None:
            self.team = draft.move_key_result(self.team, kr.id, step)
            self._show_team(self.objective_select.value, kr.id)

    @reports_errors()
    def new_team(self) -> None:
        """Start over from a blank team (the file path is kept)."""
        self.team = draft.blank_team()
        self._pending.clear()
        self._show_team()
        self.message.clear()

    def _remember(self, version: FileVersion | None) -> None:
        if version is not None:
            self._versions[Path(version.path).resolve()] = version

    def _saveable_path(self) -> Path:
        """The path field's file, once the draft may be written (ValueError saying why not)."""
        path = self.team_fields["path"].value.strip()
        if not path:
            raise ValueError(
                t("draft.invalid", self.lang, field=t("draft.path", self.lang), message="—")
            )
        if self._team_invalid:
            name, message = next(iter(self._team_invalid.items()))
            raise ValueError(
                t("draft.invalid", self.lang, field=self._field_label(name), message=message)
            )
        if self._pending:
            (kr_id, name), (_raw, message) = next(iter(self._pending.items()))
            field = f"{kr_id} {self.fields[name].description}"
            raise ValueError(t("draft.invalid", self.lang, field=field, message=message))
        dangling = draft.dangling_supports(self.case, self.team)
        if dangling:
            child, objective, missing = dangling[0]
            raise ValueError(
                t("draft.dangling", self.lang, child=child, objective=objective, missing=missing)
            )
        return Path(path)

    def _saved_to(self, saved) -> None:
        self._remember(saved.version)
        self.team = replace(self.team, source=saved.path)
        self._clean = self.team
        self._refused = None
        self.stale.withdraw()
        self._show_unsaved()

    @reports_errors()
    def save(self) -> Path | None:
        """Save the draft to the path field's file, atomically; the previous file kept as .bak.

        Refused, with the reload / save-as buttons shown, when the file is not
        the version this widget loaded or last saved (someone else saved it).
        """
        path = self._saveable_path()
        try:
            saved = save_checked(self.team, path, expected=self._versions.get(path.resolve()))
        except StaleFileError as error:
            self._refused = path
            self.message.show(error.render(self.lang), "error")
            self.stale.offer()
            return None
        self._saved_to(saved)
        if saved.backup is not None:
            self.message.show(t("draft.saved", self.lang, path=path, backup=saved.backup), "ok")
        else:
            self.message.show(t("draft.saved_new", self.lang, path=path), "ok")
        return path

    @reports_errors()
    def save_as(self) -> Path:
        """Write the draft to <team>.mine-YYYYMMDD-HHMMSS.yaml beside the refused file; edit that."""
        path = self._saveable_path()
        original = self._refused or path
        saved = save_copy(self.team, original)
        self._saved_to(saved)
        self.team_fields["path"].value = str(saved.path)
        self.message.show(
            t("save.copied", self.lang, copy=str(saved.path), path=str(original)), "ok"
        )
        return saved.path

    @reports_errors()
    def reload(self) -> Team:
        """Drop the draft and show the refused file (or the path field's) as it is on disk."""
        path = self._refused or Path(self.team_fields["path"].value.strip())
        self.team, version = load_team_version(path)
        self._clean = self.team
        self._remember(version)
        self._refused = None
        self._pending.clear()
        self.team_fields["path"].value = str(path)
        self._show_team()
        self.stale.withdraw()
        self.message.show(t("save.reloaded", self.lang, path=str(path)), "info")
        return self.team

    @reports_errors()
    def load(self) -> Team:
        """Load the team file named in the path field, replacing the draft."""
        path = self.team_fields["path"].value.strip()
        self.team, version = load_team_version(path)
        self._clean = self.team
        self._remember(version)
        self._pending.clear()
        self._show_team()
        self.message.show(t("draft.loaded", self.lang, team=self.team.id), "ok")
        return self.team


def _reason(error: ValueError, lang: str) -> str:
    """Why a field could not be read, in ``lang`` (Chinese from the error's ``.zh``)."""
    zh = getattr(error, "zh", None)
    return zh if lang == "zh" and zh else str(error)
