"""The calibration as a room reads it: tables per stage and rep, and the stage to coach.

The workbook's chapter 06 and its sliders show these; every number is a
:class:`okrkit.calibrate.cohorts.StageRate`'s own estimate, only picked,
labelled and rounded here. The rule that names the stage a rep should be
coached on (:func:`weak_stages`) lives here once: the CLI's findings
(:func:`okrkit.calibrate.explain.findings`) and the chapter's exercise check
both read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrkit.i18n import Words, check_lang

MONTH_DAYS = 30  # a cohort horizon in months, as days: 4 months is the default 120 days
WEAK_RATIO = 0.7  # a rep's rate below 70% of the department's (and its interval below it)

_WORDS = {
    "stage": ("阶段", "Stage"), "who": ("人员", "Who"), "k": ("转化", "Converted"),
    "n": ("基数", "Out of"), "raw": ("原始比率", "Raw rate"), "mean": ("校准后", "Calibrated"),
    "interval": ("90%区间", "90% interval"), "method": ("方法", "Method"),
    "company": ("公司", "Whole company"), "cohort": ("批次法", "cohort"), "period": ("期间法", "period"),
    "assumption": ("保留假设", "assumption kept"),
}  # fmt: skip


_w = Words(_WORDS)


def horizon_days(months: float) -> int:
    """A cohort horizon given in months (the chapter's slider) as days.

    >>> horizon_days(4), horizon_days(1)
    (120, 30)
    """
    if months is None or months <= 0:
        raise ValueError(f"a horizon needs at least one month, found {months!r}")
    return round(months * MONTH_DAYS)


def _share(stage) -> bool:
    return bool(stage.rate_is_share) or (stage.rate or 0) <= 1


def _shown(value, share: bool) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.1%}" if share else f"{value:.2f}"


def who_label(case, level: str, group: str, lang: str) -> str:
    """A row's name as a room says it: the rep's name, the department's, or "company"."""
    if level == "company":
        return _w("company", lang)
    team = case.teams.get(group)
    if team is None:
        return str(group)
    person = team.person.get(lang) if team.person else ""
    return person or team.name.get(lang) or group


def rates_table(case, rates: dict, lang: str = "zh"):
    """One row per stage and rep, department and company: counts, raw and calibrated rate, interval.

    ``rates`` is :attr:`okrkit.calibrate.Calibration.rates` (or
    :func:`okrkit.calibrate.stage_rates`). A stage whose history was too
    thin shows one row saying the case's assumption is kept.
    """
    import pandas as pd

    from okrkit.funnel import funnel_of

    check_lang(lang)
    funnel = funnel_of(case)
    rows = []
    for stage_id, rate in rates.items():
        stage = funnel.stage(stage_id)
        name = (stage.rate_name or stage.name).get(lang)
        share = _share(stage)
        if rate.method == "assumption" or rate.estimates is None:
            rows.append({"stage": name, "who": _w("company", lang), "k": None, "n": None,
                         "raw": "—", "mean": stage.rate_text(), "interval": "—",
                         "method": _w("assumption", lang)})  # fmt: skip
            continue
        for _, row in rate.estimates.iterrows():
            rows.append({
                "stage": name, "who": who_label(case, row["level"], row["group"], lang),
                "k": int(row["k"]), "n": int(row["n"]), "raw": _shown(row["raw"], share),
                "mean": _shown(row["mean"], share),
                "interval": f"{_shown(row['low'], share)} – {_shown(row['high'], share)}",
                "method": _w(rate.method, lang),
            })  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(_WORDS)[:8])
    frame.columns = [_w(k, lang) for k in frame.columns]
    return frame


@dataclass(frozen=True)
class StageVerdict:
    """One rep at one stage against the department: weak, like the team, or neither."""

    stage: str
    rep_mean: float
    rep_low: float
    rep_high: float
    team_mean: float
    verdict: str  # weak | like_team | unclear


def stage_verdicts(rates: dict, team: str, *, ratio: float = WEAK_RATIO) -> list[StageVerdict]:
    """How one rep's calibrated rate at each measured stage stands against the department's.

    *weak*: the rep's whole 90% interval lies below the department's rate and
    the rate is under ``ratio`` of it — a gap no run of bad luck explains;
    *like_team*: the department's rate lies inside the rep's interval;
    anything else is *unclear*. A stage whose assumption was kept, or where
    the rep has no row, is left out.
    """
    out = []
    for stage_id, rate in rates.items():
        if rate.method == "assumption" or rate.estimates is None:
            continue
        row = rate.rep(team)
        if row is None:
            continue
        est = rate.estimates
        dept = est[(est["level"] == "department") & (est["group"] == row["department"])].iloc[0]
        mean, team_mean = float(row["mean"]), float(dept["mean"])
        if row["high"] < team_mean and mean < ratio * team_mean:
            verdict = "weak"
        elif row["low"] <= team_mean <= row["high"]:
            verdict = "like_team"
        else:
            verdict = "unclear"
        out.append(StageVerdict(stage_id, mean, float(row["low"]), float(row["high"]),
                                team_mean, verdict))  # fmt: skip
    return out


def verdict_frame(rates: dict, *, ratio: float = WEAK_RATIO):
    """:func:`stage_verdicts` for every rep at once: one row per rep and measured stage.

    Columns ``team``, ``stage``, ``rep_mean``, ``rep_low``, ``rep_high``,
    ``team_mean``, ``verdict``; stages in the order of ``rates``. The same
    rule, as array operations: a sales force of 10,000 reps is judged in one
    pass rather than by a lookup per rep (which grew with the square of the reps).
    """
    import numpy as np
    import pandas as pd

    parts = []
    for stage_id, rate in rates.items():
        if rate.method == "assumption" or rate.estimates is None:
            continue
        est = rate.estimates
        reps = est[est["level"] == "rep"]
        depts = est[est["level"] == "department"].drop_duplicates("group").set_index("group")
        team_mean = reps["department"].map(depts["mean"]).astype(float).to_numpy()
        mean, low, high = (reps[c].astype(float).to_numpy() for c in ("mean", "low", "high"))
        verdict = np.select(
            [(high < team_mean) & (mean < ratio * team_mean), (low <= team_mean) & (team_mean <= high)],
            ["weak", "like_team"], "unclear",
        )  # fmt: skip
        parts.append(pd.DataFrame({
            "team": reps["group"].to_numpy(), "stage": stage_id, "rep_mean": mean, "rep_low": low,
            "rep_high": high, "team_mean": team_mean, "verdict": verdict,
        }))  # fmt: skip
    columns = ["team", "stage", "rep_mean", "rep_low", "rep_high", "team_mean", "verdict"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


def coaching_stage(rates: dict, team: str, *, ratio: float = WEAK_RATIO) -> str | None:
    """The stage to coach ``team`` on: the weakest of its *weak* stages, when another is like the team's.

    None when no stage is weak, or when every measured stage is weak (then
    the rep is behind everywhere, and no single stage is the lesson).

    >>> from okrkit import load_case
    >>> from okrkit.calibrate import calibrate
    >>> cal = calibrate(load_case("cases/a-company"), "cases/a-company/records/2014")
    >>> coaching_stage(cal.rates, "rep-wang"), coaching_stage(cal.rates, "rep-li")
    ('calls', None)
    """
    verdicts = stage_verdicts(rates, team, ratio=ratio)
    weak = [v for v in verdicts if v.verdict == "weak"]
    if not weak or not any(v.verdict == "like_team" for v in verdicts):
        return None
    return min(weak, key=lambda v: v.rep_mean / v.team_mean).stage


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def proposal_text(made, lang: str = "zh") -> str:
    """The proposed ``funnel:`` block's diff as a room in ``lang`` reads it.

    ``made`` is :func:`okrkit.calibrate.proposal.proposal`. In Chinese the
    diff is shown as it is. case.yaml itself is bilingual (``rate_name: {zh:
    赢单率, en: win rate}``), so for an English room the unchanged context
    lines holding Chinese are left out, and a changed line keeps its key and
    value but not a comment written in Chinese — every number of the diff is
    still there. A changed line shows its value and the calibration note; the
    trainer's comment before the note is on the ``-`` line just above it.
    """
    check_lang(lang)
    if lang == "zh" or not made.diff:
        return made.diff
    lines = []
    for index, line in enumerate(made.diff.splitlines()):
        if line.startswith("+") and " · calibrated:" in line:
            # the trainer's own comment is on the '-' line above; the '+' line shows
            # the new value and the calibration note (the file keeps both)
            code, _, rest = line.partition(" #")
            line = f"{code.rstrip()}  # calibrated:{rest.split(' · calibrated:', 1)[1]}"
        if index < 2 and line.startswith(("--- ", "+++ ")):  # the two file headers
            lines.append(_CJK.sub("", line))
        elif not _CJK.search(line):
            lines.append(line)
        elif line[:1] in "-+":
            code = line.split(" #", 1)[0].rstrip()
            note = "  # (a comment with Chinese text, left out)" if code != line else ""
            lines.append(_CJK.sub("", code) + note)
    return "\n".join(lines) + "\n"


def deal_size_line(calibration, lang: str = "zh") -> str:
    """The won deals' size in one line: count, mean with its interval, median, and the case's assumption."""
    from okrkit.funnel import funnel_of

    check_lang(lang)
    size = calibration.deal_size
    stage = funnel_of(calibration.case).stages[1]
    unit = calibration.case.kpi.unit.get(lang)
    if size is None or size.method != "data":
        n = size.n if size else 0
        return (f"只有{n}笔成交：保留案例的假设 {stage.rate_text()}{unit}" if lang == "zh" else
                f"only {n} won deals: the case's assumption of {stage.rate_text()} ({unit}) is kept")  # fmt: skip
    if lang == "zh":
        return (f"{size.n}笔成交，平均 {size.mean:.1f}{unit}（90%区间 {size.low:.1f}–{size.high:.1f}），"
                f"中位数 {size.median:.1f}；案例假设 {stage.rate_text()}")  # fmt: skip
    return (f"{size.n} won deals, mean {size.mean:.1f} ({unit}; 90% interval {size.low:.1f}–"
            f"{size.high:.1f}), median {size.median:.1f}; the case assumes {stage.rate_text()}")  # fmt: skip


def odds_text(calibration, team_id: str, target: float, lang: str = "zh", *, company=False) -> str:
    """The P50/P80 sentences for one person's ``target``, with the rep's own or the company's rates.

    "有效电话：每周112个有五成把握达成1200万元；135个有八成把握 …" — the
    numbers are :func:`okrkit.calibrate.odds.rep_odds`, the words
    :func:`okrkit.explain.odds_sentences` (as ``okrkit decompose`` prints them).
    """
    from okrkit.calibrate.odds import rep_odds
    from okrkit.explain import odds_sentences
    from okrkit.funnel import funnel_of

    check_lang(lang)
    case = calibration.case
    funnel = funnel_of(case)
    unit = funnel.stages[0].unit.get(lang)
    if company:
        whose = "公司" if lang == "zh" else "the company's"
    else:
        name = who_label(case, "rep", team_id, lang)
        whose = f"{name}自己" if lang == "zh" else f"{name}'s own"
    odds = rep_odds(calibration, team_id, target, company=company)
    return "\n".join(odds_sentences(odds, funnel, unit, whose, lang))
