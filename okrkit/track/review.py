"""The monthly review (月度复盘) of one team: what moved this month, and what to ask.

At each month's end a manager sits with the team over its OKRs. Per
objective and KR this gathers, from two pictures (this month's end and last
month's, :func:`okrkit.track.picture.picture`): the month's progress, the
status and how it changed, the confidence trend, the forecast and the rate
needed from now on, and the comments and blockers typed during the month.
Then the questions the method asks at a review (:data:`QUESTIONS`, as
bilingual data), each with the KRs it is about, so the meeting starts from
the KRs that need the talk — behind, stale, losing confidence — not from the
top of the table. :func:`review_lines` words it for the terminal and the
workbook; every number comes from the picture.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from okrkit.errors import OkrkitError
from okrkit.i18n import Words
from okrkit.track.labels import SEVERITY, status_name
from okrkit.track.tables import _number as shown_number  # the rounding okrkit status shows
from okrkit.track.tables import needed_text

if TYPE_CHECKING:
    import pandas as pd

    from okrkit.model import Case
    from okrkit.track.store import Store

# The review's questions, in the order a meeting takes them: the deck's
# method (results are produced by processes; look at the processes first,
# then what must change) applied to a month. ``about`` names which KRs a
# question concerns (computed by :func:`_about`).
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("behind", "哪些KR落后于应有进度？原因是什么？",
     "Which KRs are behind the expected pace, and why?"),
    ("stale", "哪些KR这个月没有更新进展？为什么没有记录？",
     "Which KRs had no check-in this month, and why was nothing recorded?"),
    ("processes", "过程KR（电话、拜访、项目机会）做到了吗？结果落后，是过程没做到，还是转化变了？",
     "Did the processes happen (calls, visits, opportunities)? If a result lags, were the"
     " processes missed or did the conversion change?"),
    ("confidence", "信心下降的KR：障碍是什么？需要谁的支持？",
     "Where confidence fell: what is in the way, and whose help is needed?"),
    ("needed", "按现在的速度年底会到哪里？此后每周（每期）需要完成多少？",
     "At this pace, where does the year end? What must each week (period) bring from now on?"),
    ("change", "下个月要改变什么？谁来做，什么时候检查？",
     "What changes next month: who does it, and when do we check?"),
)  # fmt: skip

WORDS = {
    "title": ("{team} 月度复盘 · {month}", "{team}: monthly review · {month}"),
    "objective": ("{objective} {title}：{status}，加权进度 {progress}（上月 {before}）",
                  "{objective} {title}: {status}, weighted progress {progress} (last month {before})"),
    "kr": ("  {kr} {text}", "  {kr} {text}"),
    "month": ("    本月进度 {delta}（{before} → {now}）；状态 {status}{change}",
              "    this month {delta} ({before} → {now}); status {status}{change}"),
    "changed": ("（上月 {before}）", " (last month {before})"),
    "confidence": ("    信心 {trend}", "    confidence {trend}"),
    "forecast": ("    预测年底 {run}（按当前速度）/ {fit}（按趋势），完成率 {completion}；此后：{needed}",
                 "    year-end forecast {run} (run rate) / {fit} (trend), completion {completion};"
                 " from now on: {needed}"),
    "note": ("    {date} {comment}", "    {date} {comment}"),
    "blocker": ("    障碍：{text}", "    blocker: {text}"),
    "questions": ("复盘要问的问题", "Questions for the review"),
    "about": ("（{krs}）", " ({krs})"),
    "none": ("—", "—"),
    "brief": ("{kr}：目标 {target} {unit}；截至 {date} 实际 {actual} {unit}；全年还剩 {weeks} 周",
              "{kr}: target {target} {unit}; {actual} {unit} at {date}; {weeks} weeks left in the year"),
    "rated": ("{month} {value}", "{month} {value}"),
    "better": ("好转", "better"), "worse": ("变差", "worse"), "same": ("不变", "unchanged"),
    "new": ("首月", "first month"),
    "per.week": ("每周", "a week"), "per.month": ("每月", "a month"), "per.day": ("每天", "a day"),
    "per.quarter": ("每季度", "a quarter"), "per.year": ("每年", "a year"),
}  # fmt: skip


#: A review label in ``lang`` with ``{names}`` filled.
word = Words(WORDS)


@dataclass(frozen=True)
class MonthReview:
    """One team's month: per KR and objective rows, the month's notes and the questions."""

    team: str
    month: str
    as_of: date
    before: date | None
    krs: pd.DataFrame
    objectives: pd.DataFrame
    notes: pd.DataFrame
    questions: tuple[dict, ...]


_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def parse_month(text) -> str:
    """A month as people type it, as ``YYYY-MM``: 2015-06, 2015-6, 2015/6, 2015.06, 2015年6月, full-width.

    >>> parse_month("2015年6月"), parse_month("２０１５－６"), parse_month("2015/06")
    ('2015-06', '2015-06', '2015-06')
    """
    folded = unicodedata.normalize("NFKC", str(text)).strip()
    found = _MONTH.fullmatch(folded)
    if found and 1 <= int(found.group(2)) <= 12:
        return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"
    raise OkrkitError(
        f"--month: not a month (found {text!r}; expected a month such as 2015-06, 2015/6 or "
        "2015年6月)",
        zh=f"--month：不是月份（发现 {text!r}；应为 月份，如 2015-06、2015/6 或 2015年6月）",
    )


def month_bounds(month: str) -> tuple[date, date, date | None]:
    """First and last day of ``month`` ('2015-06', or as :func:`parse_month` reads it) and the
    last day of the month before.

    >>> month_bounds("2015-01")
    (datetime.date(2015, 1, 1), datetime.date(2015, 1, 31), None)

    January has no month before inside the cycle: its review compares with nothing.
    """
    year, number = (int(part) for part in parse_month(month).split("-"))
    first = date(year, number, 1)
    last = date(year, number, calendar.monthrange(year, number)[1])
    before = (
        None if number == 1 else date(year, number - 1, calendar.monthrange(year, number - 1)[1])
    )
    return first, last, before


def _change(now: str, before: str | None) -> str:
    if before is None:
        return "new"
    if SEVERITY[now] == SEVERITY[before]:
        return "same"
    return "worse" if SEVERITY[now] > SEVERITY[before] else "better"


def _confidences(checkins: pd.DataFrame, kr: str, months: int = 3) -> list[tuple[int, float]]:
    """(month, confidence): the KR's last confidence in each of the latest ``months`` months
    that gave one — a month nobody rated is left out, never filled in."""
    rows = checkins[(checkins["kr"] == kr) & checkins["confidence"].notna()]
    if rows.empty:
        return []
    rows = rows.sort_values("date")
    by_month = rows.groupby(rows["date"].dt.month)["confidence"].last()
    return [(int(m), float(v)) for m, v in by_month.iloc[-months:].items()]


def month_review(case: Case, store: Store, team_id: str, month: str) -> MonthReview:
    """The review of ``team_id`` for ``month`` ('2015-06') from the check-ins in ``store``."""
    from okrkit.track.picture import picture

    team = case.team(team_id)
    month = parse_month(month)
    first, as_of, before = month_bounds(month)
    now = picture(case, store, as_of, cycle=as_of.year, teams=[team])
    then = picture(case, store, before, cycle=as_of.year, teams=[team]) if before else None
    checkins = store.frame(as_of.year, team=team_id, until=as_of)
    krs = now.krs.copy()
    texts = {kr.id: kr.text for _, kr in team.key_results()}
    krs["text_zh"] = [texts[k].zh for k in krs["kr"]]
    krs["text_en"] = [texts[k].en or texts[k].zh for k in krs["kr"]]
    if then is not None:
        previous = then.krs.set_index("kr")
        krs["progress_before"] = krs["kr"].map(previous["progress"]).to_numpy()
        krs["status_before"] = krs["kr"].map(previous["status"]).to_numpy()
    else:
        krs["progress_before"] = 0.0
        krs["status_before"] = None
    krs["progress_month"] = krs["progress"] - krs["progress_before"]
    krs["change"] = [
        _change(n, b) for n, b in zip(krs["status"], krs["status_before"], strict=True)
    ]
    krs["confidence_trend"] = [_confidences(checkins, k) for k in krs["kr"]]
    objectives = now.objectives.copy()
    if then is not None:
        objectives["progress_before"] = objectives["objective"].map(
            then.objectives.set_index("objective")["progress"]
        )
        objectives["status_before"] = objectives["objective"].map(
            then.objectives.set_index("objective")["status"]
        )
    else:
        objectives["progress_before"] = 0.0
        objectives["status_before"] = None
    objectives["title_zh"] = [team.objective(o).title.zh for o in objectives["objective"]]
    objectives["title_en"] = [team.objective(o).title.en for o in objectives["objective"]]
    in_month = checkins[(checkins["date"] >= str(first)) & (checkins["date"] <= str(as_of))]
    said = (in_month["comment"] != "") | (in_month["blockers"] != "")
    notes = in_month.loc[said, ["kr", "date", "comment", "blockers", "confidence", "source"]]
    return MonthReview(team_id, month, as_of, before, krs.reset_index(drop=True),
                       objectives.reset_index(drop=True), notes.reset_index(drop=True),
                       _questions(case, team_id, krs))  # fmt: skip


def _about(case: Case, team_id: str, krs: pd.DataFrame) -> dict[str, list[str]]:
    """Which KRs each question concerns (empty: the question stands for the whole team)."""
    team = case.team(team_id)
    kinds = {kr.id: kr.kind for _, kr in team.key_results()}
    behind = krs["status"].isin(["at_risk", "off_track"]).to_numpy()
    fell = [len(t) >= 2 and t[-1][1] < t[-2][1] for t in krs["confidence_trend"]]
    return {
        "behind": list(krs.loc[behind, "kr"]),
        "stale": list(krs.loc[krs["status"] == "stale", "kr"]),
        "processes": [
            k for k, b in zip(krs["kr"], behind, strict=True) if kinds[k] == "process" and b
        ],
        "confidence": [k for k, f in zip(krs["kr"], fell, strict=True) if f],
        "needed": [k for k, b in zip(krs["kr"], behind, strict=True) if b and kinds[k] == "result"],
        "change": [],
    }


def _questions(case: Case, team_id: str, krs: pd.DataFrame) -> tuple[dict, ...]:
    about = _about(case, team_id, krs)
    return tuple({"id": qid, "zh": zh, "en": en, "krs": about[qid]} for qid, zh, en in QUESTIONS)


def _month_name(month: int, lang: str) -> str:
    return f"{month}月" if lang == "zh" else calendar.month_abbr[month]


def _percent(value) -> str:
    return "—" if value is None or value != value else f"{value:.0%}"


def _number(value) -> str:
    # As okrkit status rounds it, so the review and the status show one number (8.4, not 8.42).
    return shown_number(value) or "—"


def review_lines(
    case: Case, review: MonthReview, lang: str = "zh", notes: bool = True
) -> list[str]:
    """The review as lines to print: objectives, their KRs, the month's notes, the questions.

    The comments and blockers are printed as the managers typed them (in
    Chinese in the shipped case); ``notes=False`` leaves them out.
    """
    team = case.team(review.team)
    lines = [word("title", lang, team=team.name.get(lang), month=review.month)]
    shown = review.notes if notes else review.notes.iloc[0:0]
    for objective in review.objectives.itertuples():
        lines.append(word("objective", lang, objective=objective.objective,
                          title=getattr(objective, f"title_{lang}"),
                          status=status_name(objective.status, lang),
                          progress=_percent(objective.progress),
                          before=_percent(objective.progress_before)))  # fmt: skip
        for row in review.krs[review.krs["objective"] == objective.objective].itertuples():
            lines += _kr_lines(row, shown[shown["kr"] == row.kr], lang)
    lines.append("")
    lines.append(word("questions", lang))
    for number, question in enumerate(review.questions, start=1):
        about = word("about", lang, krs=", ".join(question["krs"])) if question["krs"] else ""
        lines.append(f"{number}. {question[lang]}{about}")
    return lines


def _kr_lines(row, notes: pd.DataFrame, lang: str) -> list[str]:
    lines = [word("kr", lang, kr=row.kr, text=getattr(row, f"text_{lang}"))]
    before = (word("changed", lang, before=status_name(row.status_before, lang))
              if row.change in ("better", "worse") else "")  # fmt: skip
    change = f" · {word(row.change, lang)}{before}"
    lines.append(word("month", lang, delta=f"{row.progress_month:+.0%}",
                      before=_percent(row.progress_before), now=_percent(row.progress),
                      status=status_name(row.status, lang), change=change))  # fmt: skip
    trend = " → ".join(word("rated", lang, month=_month_name(m, lang), value=f"{c:g}")
                       for m, c in row.confidence_trend) or word("none", lang)  # fmt: skip
    lines.append(word("confidence", lang, trend=trend))
    if not row.deduction:
        lines.append(word("forecast", lang, run=_number(row.forecast_run),
                          fit=_number(row.forecast_fit), completion=_percent(row.completion_run),
                          needed=needed_text(row, lang) or word("none", lang)))  # fmt: skip
    for note in notes.itertuples():
        if note.comment:
            lines.append(
                word("note", lang, date=note.date.date().isoformat(), comment=note.comment)
            )
        if note.blockers:
            lines.append(word("blocker", lang, text=note.blockers))
    return lines


def kr_row(view, team_id: str, kr_id: str) -> dict:
    """One KR's row of a picture as a dict (KeyError naming it when the picture lacks it)."""
    rows = view.krs[(view.krs["team"] == team_id) & (view.krs["kr"] == kr_id)]
    if rows.empty:
        raise KeyError(f"the picture has no KR {kr_id!r} of team {team_id!r}")
    return rows.iloc[0].to_dict()


def kr_brief(case: Case, row: dict, lang: str = "zh") -> str:
    """Where a cumulative KR stands, without the answer: target, value at the last check-in, weeks left.

    >>> from okrkit import load_case
    >>> import pandas as pd
    >>> row = {"team": "rep-li", "kr": "KR1.4", "target": 1400.0, "actual": 495.3,
    ...        "last_date": pd.Timestamp("2015-06-30")}
    >>> kr_brief(load_case("cases/a-company"), row, "en")
    'KR1.4: target 1400 10k RMB; 495.3 10k RMB at 2015-06-30; 26.3 weeks left in the year'
    """
    kr = case.team(row["team"]).key_result(row["kr"])
    day = row["last_date"].date()
    weeks = (date(day.year, 12, 31) - day).days / 7
    values = {"kr": kr.id, "target": f"{row['target']:g}", "actual": f"{row['actual']:g}",
              "unit": kr.unit.get(lang), "date": day.isoformat(), "weeks": f"{weeks:.1f}"}  # fmt: skip
    return word("brief", lang, **values)
