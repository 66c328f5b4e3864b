"""The picture as tables a person reads, in zh or en: per team, its KRs and objectives.

Pure formatting of :class:`okrkit.track.picture.Picture` frames: no number is
computed here, each is rounded and labelled. ``okrkit status`` prints these,
and the workbook and the manager's page can show the same DataFrames.
"""

from __future__ import annotations

import math
import re
from types import SimpleNamespace
from typing import TYPE_CHECKING

from okrkit.track.labels import COLOURS, STATUS, status_name, word

if TYPE_CHECKING:
    import pandas as pd

    from okrkit.track.picture import Picture


def _number(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    value = float(value)
    if 0 < abs(value) < 0.05:  # a small rate still shows (down 0.004 a week, not "down 0")
        return f"{value:.1g}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"


def _percent(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return f"{100 * float(value):.0f}%"


_KR_TABLE_COLUMNS = ("objective", "kr", "mode", "expected", "actual", "gap", "status", "suggested",
                     "forecast_run", "forecast_fit", "completion_run", "needed", "needed_per",
                     "n", "last_date", "confidence", "needed_kind", "target",
                     "last_value", "periods_reported", "periods_so_far")  # fmt: skip


def kr_table(picture: Picture, team_id: str, lang: str = "zh") -> pd.DataFrame:
    """One row per KR of a team: expected vs actual, gap, status, forecasts, needed rate."""
    import pandas as pd

    # The dozen columns read as plain arrays, not all sixty through pandas' row indexing:
    # the manager's page redraws this table on every save.
    krs = picture.krs
    mine = krs["team"].to_numpy(dtype=object) == team_id
    columns = {name: krs[name].to_numpy(dtype=object)[mine] for name in _KR_TABLE_COLUMNS}
    rows = []
    for i in range(int(mine.sum())):
        row = SimpleNamespace(**{name: values[i] for name, values in columns.items()})
        status = status_name(row.status, lang)
        if row.status != row.suggested and row.suggested:
            status += f" ({word('suggested', lang)}: {status_name(row.suggested, lang)})"
        last = ""
        if row.n:
            last = str(row.last_date.date())
            if isinstance(row.confidence, float) and math.isfinite(row.confidence):
                last += f" · {word('confidence', lang)} {row.confidence:.0f}"
        needed = needed_text(row, lang)
        rows.append({
            word("objective", lang): row.objective,
            word("kr", lang): row.kr,
            word("mode", lang): word(f"mode.{row.mode}", lang),
            word("expected", lang): _number(row.expected),
            word("actual", lang): _number(row.actual),
            word("gap", lang): _percent(row.gap),
            word("status", lang): status,
            word("forecast_run", lang): _number(row.forecast_run),
            word("forecast_fit", lang): _number(row.forecast_fit),
            word("forecast_completion", lang): _percent(row.completion_run),
            word("needed", lang): needed,
            word("last", lang): last or word("none", lang),
        })  # fmt: skip
    return pd.DataFrame(rows, dtype=object)  # text cells: no string inference to pay for


def needed_text(row, lang: str = "zh") -> str:
    """What must happen from now on, in words: '34.4 a week', 'at most 3 a week', 'hold at 5 or below'.

    ``row`` is a KR row of a picture (attributes or a dict): its ``needed``,
    ``needed_kind`` and ``needed_per``; '' when nothing is to be done (a
    milestone, a deduction item).

    >>> needed_text({"needed": 5.0, "needed_kind": "hold_below", "needed_per": "week"}, "en")
    'hold at 5 or below'
    """
    get = (
        row.get if isinstance(row, dict) else lambda name, default=None: getattr(row, name, default)
    )
    kind, value = get("needed_kind"), get("needed")
    if not isinstance(kind, str) or value is None or value != value:
        return ""
    per = get("needed_per")
    per = word(f"per.{per}", lang) if isinstance(per, str) else ""
    amount = abs(float(value))
    if kind == "over":
        target, last = get("target"), get("last_value")
        amount = float(last) - float(target) if last is not None and target is not None else 0.0
    text = word(f"needed.{kind}", lang, n=_number(amount), per=per).strip()
    return _with_reported(text, get, lang)


def _with_reported(text: str, get, lang: str) -> str:
    """``text`` with 'based on 1 of 25 weeks reported' after it when periods went unreported."""
    reported, so_far, per = get("periods_reported"), get("periods_so_far"), get("needed_per")
    if so_far is None or so_far != so_far or reported is None or not isinstance(per, str):
        return text
    note = word(f"reported.{per}", lang, n=f"{reported:g}", of=f"{so_far:g}")
    return f"{text}，{note}" if lang == "zh" else f"{text}, {note}"


def objective_lines(picture: Picture, team_id: str, lang: str = "zh") -> list[str]:
    """'O1: off track (worst KR), weighted progress 48%, confidence 6' per objective of a team."""
    frame = picture.objectives[picture.objectives["team"] == team_id]
    return [
        word(
            "objective_line",
            lang,
            objective=row.objective,
            status=status_name(row.status, lang),
            progress=_percent(row.progress) or "—",
            confidence=_number(row.confidence) or "—",
        )
        for row in frame.itertuples(index=False)
    ]


def team_line(picture: Picture, team_id: str, lang: str = "zh") -> str:
    """The team's worst status and forecast total (run rate) with its grade."""
    row = picture.teams.set_index("team").loc[team_id]
    grade = f" ({row.grade_run})" if isinstance(row.grade_run, str) else ""
    return word("team_line", lang, status=status_name(row.status, lang),
                points=_number(row.forecast_run) or "—", grade=grade)  # fmt: skip


def scope_table(picture: Picture, lang: str = "zh", case=None) -> pd.DataFrame:
    """Department and company roll-ups: teams, KRs by status, worst, mean progress.

    With ``case``, each scope is named as the case names its team (销售部, not
    ``sales``); the level is always said in ``lang``.
    """
    import pandas as pd

    from okrkit.i18n import LABELS

    teams = case.teams if case is not None else {}
    rows = []
    for row in picture.scopes.itertuples(index=False):
        team = teams.get(row.scope)
        scope = (team.name.get(lang) or row.scope) if team is not None else row.scope
        if row.level == "company" and case is not None and case.name.get(lang):
            scope = case.name.get(lang)  # the whole company, not its general manager's table
        level = LABELS.get(f"level.{row.level}", {}).get(lang, row.level)
        item = {word("rollup.scope", lang): scope, word("rollup.level", lang): level,
                word("rollup.krs", lang): str(row.krs)}  # fmt: skip
        for name in STATUS:
            item[status_name(name, lang)] = str(getattr(row, name))
        item[word("rollup.worst", lang)] = status_name(row.status, lang)
        item[word("progress", lang)] = _percent(row.progress)
        rows.append(item)
    return pd.DataFrame(rows)


def colour_statuses(text: str, lang: str = "zh") -> str:
    """Wrap each status word of a rendered table in its ANSI colour (widths unchanged)."""
    for name, code in COLOURS.items():
        label = re.escape(status_name(name, lang))
        text = re.sub(
            rf"(?<=\| ){label}(?=[ (])", f"\x1b[{code}m{status_name(name, lang)}\x1b[0m", text
        )
    return text
