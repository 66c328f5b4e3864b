"""The manager's page behind ``okrkit app``: pick a team, tune its weights, draft its OKRs.

Voilà runs ``okrkit/templates/app.ipynb``, whose one cell calls
:func:`app_from_environment`. The case folder comes from the environment that
``okrkit app`` sets (``OKRKIT_CASE_DIR``); the team and language may also come
from the page's query string (``?team=sales&lang=en``), which Voilà hands to
the kernel as ``QUERY_STRING``. The page composes the notebook's own widgets,
so saving from it writes the team file exactly as the workbook does
(:func:`okrkit.casefile.save_team`, previous version kept as ``.bak``).
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from okrkit.cases import load_case
from okrkit.errors import CaseError, OkrkitError
from okrkit.i18n import LANGS, check_lang, t
from okrkit.model import Case
from okrkit.widgets._base import MessageArea, reports_errors
from okrkit.widgets.checkin import CheckinPanel
from okrkit.widgets.drafting import DraftingWidget
from okrkit.widgets.tuner import WeightTuner

ENV_CASE_DIR = "OKRKIT_CASE_DIR"
ENV_TEAM = "OKRKIT_TEAM"
ENV_LANG = "OKRKIT_LANG"


@dataclass(frozen=True)
class AppSettings:
    """What the page shows: which case folder, which team first, which language."""

    case_dir: Path
    team: str | None = None
    lang: str = "zh"


def app_settings(environ: Mapping[str, str] | None = None) -> AppSettings:
    """Read the page's settings from the environment; the query string wins for team and lang.

    >>> app_settings({"OKRKIT_CASE_DIR": "cases/a-company", "QUERY_STRING": "team=sales"}).team
    'sales'

    Notice that the case folder never comes from the query string: only the
    person who started the server chooses which files the page may write.
    """
    environ = os.environ if environ is None else environ
    case_dir = environ.get(ENV_CASE_DIR)
    if not case_dir:
        raise OkrkitError(
            t("app.no_case", "en", var=ENV_CASE_DIR), zh=t("app.no_case", "zh", var=ENV_CASE_DIR)
        )
    query = parse_qs(environ.get("QUERY_STRING", "").lstrip("?"))
    team = (query.get("team") or [environ.get(ENV_TEAM) or None])[0]
    lang = _requested_lang(environ)
    if lang not in LANGS:
        names = {"code": repr(lang), "langs": ", ".join(LANGS)}
        raise OkrkitError(t("app.bad_lang", "en", **names), zh=t("app.bad_lang", "zh", **names))
    return AppSettings(Path(case_dir), team, lang)


def _requested_lang(environ: Mapping[str, str]) -> str:
    """The language the query string or the environment asks for (unchecked)."""
    query = parse_qs(environ.get("QUERY_STRING", "").lstrip("?"))
    return (query.get("lang") or [environ.get(ENV_LANG) or "zh"])[0]


class AppView(widgets.VBox):
    """One page for a manager: a team picker above the weight tuner and the drafting widget.

    >>> from okrkit import load_case
    >>> view = AppView(load_case("cases/a-company"), "sales", lang="en")
    >>> view.tuner.sliders["KR1.1"].value = 20
    >>> view.tuner.total_text
    'Total 105 (5 over 100)'

    Notice that both tabs edit the same team file: picking another team, or
    saving in one tab, or reloading one tab from the file after a refused save,
    rebuilds the other tab from the file on disk, so it never shows or saves a
    stale copy of what is on disk.
    """

    def __init__(self, case: Case, team: str | None = None, *, lang: str = "zh"):
        self.lang = check_lang(lang)
        self.case = case
        team_id = team or next(iter(case.teams))
        if team_id not in case.teams:  # an unknown id fails here, naming the known ones
            names = {"team": team_id, "known": ", ".join(case.teams)}
            raise OkrkitError(
                t("cli.unknown_team", "en", **names), zh=t("cli.unknown_team", "zh", **names)
            )
        self.message = MessageArea()
        self.title = widgets.HTML()
        self.team_picker = widgets.Dropdown(
            options=[(f"{tm.name.get(lang)} ({tm.id})", tm.id) for tm in case.teams.values()],
            value=team_id,
            description=t("app.team", lang),
        )
        self.tabs = widgets.Tab()
        self.tuner: WeightTuner | None = None
        self.drafting: DraftingWidget | None = None
        self.checkin: CheckinPanel | None = None  # the check-in store, not a team file: built once
        self.team_picker.observe(self._on_team, names="value")
        super().__init__([self.title, self.team_picker, self.message, self.tabs])
        self._show(team_id)

    @property
    def team_id(self) -> str:
        """The id of the team on the page."""
        return self.team_picker.value

    def _show(self, team_id: str, keep: str | None = None) -> None:
        """Build the tabs for ``team_id``; ``keep`` ("tuner" or "drafting") is left as it is."""
        team = self.case.team(team_id)
        self.title.value = (
            f"<h2 class='okrkit-app-title'>{html.escape(t('app.title', self.lang))} · "
            f"{html.escape(self.case.name.get(self.lang))} · "
            f"{html.escape(t('table.title', self.lang, team=team.name.get(self.lang)))}</h2>"
        )
        if keep != "tuner":
            self.tuner = WeightTuner(team, self.case, lang=self.lang)
            self.tuner.save_button.on_click(lambda _b: self._after_save("tuner"))
            self.tuner.stale.reload_button.on_click(lambda _b: self._after_reload("tuner"))
        if keep != "drafting":
            self.drafting = DraftingWidget(case=self.case, team_id=team_id, lang=self.lang)
            self.drafting.buttons["save"].on_click(lambda _b: self._after_save("drafting"))
            self.drafting.stale.reload_button.on_click(lambda _b: self._after_reload("drafting"))
        if self.checkin is None:
            self.checkin = CheckinPanel(self.case, team=team_id, lang=self.lang)
        self.checkin.team_picker.value = team_id
        selected = self.tabs.selected_index
        self.tabs.children = [self.tuner, self.drafting, self.checkin]
        self.tabs.set_title(0, t("app.tab_weights", self.lang))
        self.tabs.set_title(1, t("app.tab_drafting", self.lang))
        self.tabs.set_title(2, t("app.tab_checkin", self.lang))
        self.tabs.selected_index = selected if keep else 0

    @reports_errors()
    def _on_team(self, change) -> None:
        self.message.clear()
        self.case = load_case(self.case.path)
        self._show(change["new"])

    @reports_errors()
    def _after_save(self, saved_in: str) -> None:
        """After a save that worked, rebuild the other tab from the file just written."""
        self._rebuild_other(saved_in, worked="ok", said="app.reloaded")

    @reports_errors()
    def _after_reload(self, reloaded_in: str) -> None:
        """After a reload that worked (someone else had saved), rebuild the other tab too.

        The file on disk is newer than what the other tab was built from: left
        alone, it would show the old figures and its next save would be refused.
        """
        self._rebuild_other(reloaded_in, worked="info", said="app.reloaded_too")

    def _rebuild_other(self, changed_in: str, worked: str, said: str) -> None:
        """Rebuild the tab other than ``changed_in`` when its message is at level ``worked``."""
        widget = self.tuner if changed_in == "tuner" else self.drafting
        if widget.message.level != worked:
            return  # the save or reload failed: the file is as the other tab knows it
        self.case = load_case(self.case.path)
        self._show(self.team_id, keep=changed_in)
        other = "app.tab_drafting" if changed_in == "tuner" else "app.tab_weights"
        self.message.show(t(said, self.lang, tab=t(other, self.lang)), "info")


def app_from_environment(environ: Mapping[str, str] | None = None) -> widgets.Widget:
    """The page for the settings in the environment, or a located error shown on the page.

    A case that does not load must not end in a traceback on a manager's
    screen: the error's own message (file, line, field) is shown instead, in
    the language the page asked for (Chinese when that language is unknown).
    """
    environ = os.environ if environ is None else environ
    lang = _requested_lang(environ)
    lang = lang if lang in LANGS else "zh"
    try:
        settings = app_settings(environ)
        return AppView(load_case(settings.case_dir), settings.team, lang=settings.lang)
    except (CaseError, OkrkitError) as error:
        area = MessageArea()
        area.show(error.render(lang), "error")
        return area
    except (ValueError, KeyError) as error:
        area = MessageArea()
        # a KeyError's str() wraps its message in quotes; show the message itself
        text = str(error.args[0]) if isinstance(error, KeyError) else str(error)
        area.show((getattr(error, "zh", None) if lang == "zh" else None) or text, "error")
        return area
