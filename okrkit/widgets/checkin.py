"""The manager's check-in panel (进展): pick a team and KR, type value, confidence, comment.

As the value or confidence changes, the panel shows the status the rule
would give with it (:func:`okrkit.track.entry.preview_checkin`); Save writes
it through :func:`okrkit.track.entry.record_checkin` — the same validation,
suggestion and store as ``okrkit checkin`` — and refreshes the team's status
table (:func:`okrkit.track.tables.kr_table` of the picture at the check-in's
date). Bad input shows the located message, in the panel's language, and
nothing is written.

Each browser tab of the manager's page is its own kernel with its own panel
and its own connection to the store: SQLite in WAL mode queues the writers,
so two tabs saving at once both keep their entry.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from okrkit.i18n import Words, check_lang
from okrkit.model import Case
from okrkit.track.checkin import parse_date
from okrkit.track.entry import preview_checkin, record_checkin
from okrkit.track.labels import status_name
from okrkit.track.labels import word as track_word
from okrkit.track.picture import picture
from okrkit.track.store import Store, default_path
from okrkit.track.tables import kr_table
from okrkit.widgets._base import MessageArea, reports_errors

WORDS = {
    "team": ("团队", "Team"),
    "kr": ("关键成果", "KR"),
    "value": ("数值", "Value"),
    "date": ("日期", "Date"),
    "confidence": ("信心", "Confidence"),
    "comment": ("说明", "Comment"),
    "blockers": ("障碍", "Blockers"),
    "save": ("保存进展", "Save check-in"),
    "no_confidence": ("（不填）", "(none)"),
    "suggested": ("按规则：{status}（应达 {expected}，差距 {gap}）",
                  "By rule: {status} (expected {expected}, gap {gap})"),
    "type_value": ("输入数值后显示按规则的状态", "Type a value to see the status by rule"),
    "saved": ("已保存：{team} {kr} {status}（规则：{suggested}）",
              "Saved: {team} {kr} {status} (by rule: {suggested})"),
    "unchanged": ("与已有记录相同，未重复保存", "Same as the entry already stored: not saved again"),
    "table": ("{team} 截至 {date} 的状态", "{team}: status as of {date}"),
}  # fmt: skip
_COLOURS = {"on_track": "#1b7f3b", "at_risk": "#9a6700", "off_track": "#b42318", "stale": "#666"}


_w = Words(WORDS)


def _number(value) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"  # 1,400 not 1.4e+03


def _html_table(frame) -> str:
    """The table as escaped HTML (what DataFrame.to_html gives, at a tenth of its cost per save)."""
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    return (f'<table border="1" class="dataframe"><thead><tr style="text-align: right;">{head}'
            f"</tr></thead><tbody>{body}</tbody></table>")  # fmt: skip


class CheckinPanel(widgets.VBox):
    """Enter one check-in, see the rule's status live, save it, see the team's table refresh.

    >>> import tempfile
    >>> from okrkit import load_case
    >>> panel = CheckinPanel(load_case("cases/a-company"), tempfile.mkdtemp() + "/t.sqlite",
    ...                      team="rep-li", kr="KR1.4", day=date(2015, 6, 30), lang="en")
    >>> panel.value.value = "700"
    >>> panel.suggested_status
    'on_track'

    Notice the status changes as the value is typed, before anything is saved.
    """

    def __init__(self, case: Case, store: str | Path | None = None, *, team: str | None = None,
                 kr: str | None = None, day: date | None = None, lang: str = "zh"):  # fmt: skip
        self.lang = check_lang(lang)
        self.case = case
        # Opened on first use; until the file exists (no check-in yet) reads see an
        # empty log, so showing the page never creates a store in the case folder.
        self.store_path = Path(store) if store else default_path(case.path)
        self._store: Store | None = None
        self._empty: Store | None = None
        if day is None:  # today, or the cycle's last day once the cycle is over
            day = min(date.today(), date(case.year, 12, 31)) if case.year else date.today()
        team_id = team or next(iter(case.teams))
        lang_ = self.lang
        self.team_picker = widgets.Dropdown(
            options=[(f"{t.name.get(lang_)} ({t.id})", t.id) for t in case.teams.values()],
            value=team_id, description=_w("team", lang_))  # fmt: skip
        self.kr_picker = widgets.Dropdown(description=_w("kr", lang_),
                                          layout=widgets.Layout(width="36em"))  # fmt: skip
        self.value = widgets.Text(description=_w("value", lang_), continuous_update=True)
        self.date = widgets.Text(value=day.isoformat(),
                                 description=_w("date", lang_))  # fmt: skip
        self.confidence = widgets.Dropdown(
            options=[(_w("no_confidence", lang_), None)] + [(str(n), n) for n in range(11)],
            value=None, description=_w("confidence", lang_))  # fmt: skip
        self.comment = widgets.Textarea(description=_w("comment", lang_))
        self.blockers = widgets.Text(description=_w("blockers", lang_))
        self.suggestion = widgets.HTML()
        self.save_button = widgets.Button(description=_w("save", lang_), button_style="primary")
        self.message = MessageArea()
        self.table = widgets.HTML()
        self.suggested_status: str | None = None
        self.last_saved = None
        self._fill_krs(team_id, kr)
        for field in (self.value, self.confidence, self.date, self.kr_picker):
            field.observe(self._on_change, names="value")
        self.team_picker.observe(self._on_team, names="value")
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([self.team_picker, self.kr_picker, self.value, self.date, self.confidence,
                          self.comment, self.blockers, self.suggestion, self.save_button,
                          self.message, self.table])  # fmt: skip
        self._suggest()
        self.refresh_table()

    def _open(self, create: bool = False) -> Store:
        """The store to read (an empty one while the file does not exist) or, with ``create``, write."""
        if self._store is None and (create or self.store_path.exists()):
            self._store = Store(self.store_path)
        if self._store is not None:
            return self._store
        if self._empty is None:
            self._empty = Store(":memory:")
        return self._empty

    def _fill_krs(self, team_id: str, kr: str | None = None) -> None:
        team = self.case.team(team_id)
        options = [(f"{k.id} {k.text.get(self.lang)}", k.id) for _, k in team.key_results()]
        ids = [kr_id for _, kr_id in options]
        self.kr_picker.options = options
        self.kr_picker.value = kr if kr in ids else ids[0]

    def fields(self) -> dict:
        """The check-in as :func:`okrkit.track.entry.record_checkin` takes it."""
        return {"team": self.team_picker.value, "kr": self.kr_picker.value,
                "value": self.value.value, "date": self.date.value,
                "confidence": self.confidence.value, "comment": self.comment.value,
                "blockers": self.blockers.value, "source": "typed"}  # fmt: skip

    def _on_team(self, change) -> None:
        self._fill_krs(change["new"])
        self._suggest()
        self.refresh_table()

    def _on_change(self, _change) -> None:
        self._suggest()

    def _suggest(self) -> None:
        """Show the rule's status with the typed value counted (nothing written)."""
        self.suggested_status = None
        if not self.value.value.strip():
            self.suggestion.value = f"<i>{html.escape(_w('type_value', self.lang))}</i>"
            return
        try:
            preview = preview_checkin(self.case, self._open(), **self.fields())
        except Exception as error:  # the located problem shows on Save; here, say nothing wrong
            render = getattr(error, "render", None)
            text = render(self.lang) if render else str(error)
            self.suggestion.value = f"<span style='color:#b42318'>{html.escape(text)}</span>"
            return
        self._show_suggestion(preview.suggested, preview.row)

    def _show_suggestion(self, status: str, row: dict) -> None:
        self.suggested_status = status
        gap = row.get("gap")
        text = _w("suggested", self.lang, status=status_name(status, self.lang),
                  expected=_number(row.get("expected")),
                  gap="—" if gap is None or gap != gap else f"{gap:.0%}")  # fmt: skip
        colour = _COLOURS.get(status, "#333")
        self.suggestion.value = f"<b style='color:{colour}'>{html.escape(text)}</b>"

    @reports_errors()
    def save(self) -> None:
        """Save the check-in (located errors show in the message area, nothing written)."""
        self.message.clear()
        recorded = record_checkin(self.case, self._open(create=True), **self.fields())
        self.last_saved = recorded
        team = self.case.team(recorded.checkin.team)
        if recorded.result.added:
            self.message.show(_w("saved", self.lang, team=team.name.get(self.lang),
                                 kr=recorded.checkin.kr,
                                 status=status_name(recorded.status, self.lang),
                                 suggested=status_name(recorded.suggested, self.lang)), "ok")  # fmt: skip
        else:
            self.message.show(_w("unchanged", self.lang), "info")
        # The picture the save was judged on is the one after it: no second computation.
        self.refresh_table(recorded.checkin.date, recorded.picture)

    def refresh_table(self, day: date | None = None, view=None) -> None:
        """Redraw the team's status table at ``day`` (default: the date field's day).

        ``view`` is a picture of the team at ``day`` already computed (a save's).
        """
        team = self.case.team(self.team_picker.value)
        if day is None:
            try:
                day = parse_date(self.date.value)  # the check-ins' one date reader (2015/6/30 too)
            except ValueError:
                return  # an unreadable date is reported by the suggestion line
        if view is None or view.as_of != day:
            view = picture(self.case, self._open(), day, teams=[team], scopes=False)
        frame = kr_table(view, team.id, self.lang)
        title = _w("table", self.lang, team=team.name.get(self.lang), date=day.isoformat())
        self.table.value = f"<h4>{html.escape(title)}</h4>" + _html_table(frame)
        self.status_column = frame[track_word("status", self.lang)].tolist()

    def close(self) -> None:
        """Close the widget and its connection to the store."""
        for store in (self._store, self._empty):
            if store is not None:
                store.close()
        super().close()
