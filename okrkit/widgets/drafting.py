"""The drafting widget: a manager writes their own team's OKRs with the coach beside them.

Start from a blank team or an existing one, add / edit / remove / reorder
objectives and key results, see the deck's table as a live preview and the
coach's findings update as you type, and save to the team file (atomically,
the previous version kept as ``.bak``). A save over a file that someone else
saved since it was loaded is refused, and two buttons offer to reload the
file or to save the draft as a copy beside it. Every edit goes through
:mod:`okrkit.draft`; every number shown comes from :mod:`okrkit.tables` and
:mod:`okrkit.lint`. A field that cannot be read (a weight of ``十五%``) shows
its message and keeps what was typed; the draft keeps its last good value.
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
from okrkit.i18n import check_lang, t
from okrkit.lint import count_findings, lint_team
from okrkit.model import CADENCES, DIRECTIONS, KINDS, LEVELS, Case, Team
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


def _number_text(value) -> str:
    return "" if value is None else f"{value:g}"


class DraftingWidget(widgets.VBox):
    """Draft one team's OKRs; ``DraftingWidget(case=case, team_id="sales")`` or blank.

    Tests drive it headlessly: set ``.value`` on ``fields[...]``, click the
    buttons with ``.click()``, and read ``preview.value``, ``findings.value``,
    ``summary.value``, ``message.text`` and ``invalid``.
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
        self._loading = False
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
            "unit": text("draft.unit"),
            "direction": drop("draft.direction", [*none, *[(v, v) for v in DIRECTIONS]]),
            "cadence": drop("draft.cadence", [*none, *[(v, v) for v in CADENCES]]),
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
        self.preview = widgets.HTML()
        self.findings = widgets.HTML()
        self.summary = widgets.Label()
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
                widgets.HBox([b["new"], b["load"], b["save"]]),
                *self.team_fields.values(),
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
                *(f[name] for name in OBJECTIVE_FIELDS),
            ]
        )
        kr_box = widgets.VBox(
            [
                widgets.HBox(
                    [self.kr_select, b["kr_add"], b["kr_remove"], b["kr_up"], b["kr_down"]]
                ),
                *(f[name] for name in KR_FIELDS),
            ]
        )
        editor = widgets.VBox([team_box, objective_box, kr_box])
        coach = widgets.VBox([self.summary, self.findings])
        return [
            self.message,
            self.stale,
            widgets.HBox([editor, widgets.VBox([self.preview, coach])]),
        ]

    # -- showing the draft

    def _case(self) -> Case | None:
        return self.case.with_team(self.team) if self.case is not None else None

    def _refresh(self) -> None:
        """Redraw the preview and the coach from the current draft (pure functions)."""
        self.preview.value = plan_table_html(self.team, self.lang)
        findings = lint_team(self.team, self._case())
        counts = count_findings(findings)
        self.summary.value = t(
            "draft.findings", self.lang, errors=counts["error"], warnings=counts["warn"]
        )
        if not findings:
            self.findings.value = f"<p>{html.escape(t('lint.none', self.lang))}</p>"
            return
        items = "".join(
            f'<li style="{_SEVERITY_STYLE[f.severity]}"><b>{f.code} {html.escape(f.name)}</b> '
            f"{html.escape(f.location)} {html.escape(f.message.get(self.lang))}"
            f"<br><small>{html.escape(f.hint.get(self.lang))}</small></li>"
            for f in findings
        )
        self.findings.value = f'<ul class="okrkit-findings">{items}</ul>'

    def _label(self, item_id: str, text) -> str:
        return f"{item_id} {text.get(self.lang)}".strip()

    def _show_team(self, objective_id: str | None = None, kr_id: str | None = None) -> None:
        """Put the draft into every control (handlers paused), then refresh."""
        self._loading = True
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

    def _show_invalid(self) -> None:
        invalid = self.invalid
        if invalid:
            name, message = next(iter(invalid.items()))
            self.message.show(
                t("draft.invalid", self.lang, field=self.fields[name].description, message=message),
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
            if not value.strip():
                raise ValueError(
                    t("draft.invalid", self.lang, field=t("draft.team_id", self.lang), message="—")
                )
            self.team = replace(self.team, id=value.strip())
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
        label = self.fields[name].description
        try:
            if name in ("target", "baseline", "weight", "penalty", "cap"):
                value = draft.parse_field(name, value)
            elif name in ("supports", "feeds", "direction", "cadence"):
                value = value or None
        except ValueError as error:
            # Keep the typed text in the field; the draft keeps its last good value.
            kr = self.current_key_result()
            if kr is not None:
                self._pending[(kr.id, name)] = (change["new"], _reason(error, self.lang))
            message = _reason(error, self.lang)
            self.message.show(t("draft.invalid", self.lang, field=label, message=message), "error")
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
        self._refused = None
        self.stale.withdraw()

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
        self._remember(version)
        self._pending.clear()
        self._show_team()
        self.message.show(t("draft.loaded", self.lang, team=self.team.id), "ok")
        return self.team


def _reason(error: ValueError, lang: str) -> str:
    """Why a field could not be read, in ``lang`` (Chinese from the error's ``.zh``)."""
    zh = getattr(error, "zh", None)
    return zh if lang == "zh" and zh else str(error)
