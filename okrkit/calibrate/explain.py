"""The calibration worded for a room: per stage, per rep, the finding, the odds, the proposal.

Every number comes from :mod:`okrkit.calibrate`'s tested functions; this
module only words them, in Chinese or English.
"""

from __future__ import annotations

from okrkit.model import Text
from okrkit.terminal import pad, width


def _pct(value) -> str:
    return "—" if value is None or value != value else f"{value:.1%}"


def _num(value, share: bool) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.1%}" if share else f"{value:.2f}"


def _who(case, team_id: str, lang: str) -> str:
    team = case.teams.get(team_id)
    if team is None:
        return team_id
    person = team.person.get(lang) if team.person else ""
    return f"{team_id} {person}".strip()


def _label(case, row, zh: bool) -> str:
    lang = "zh" if zh else "en"
    if row["level"] == "rep":
        return _who(case, row["group"], lang)
    if row["level"] == "department":  # 'sales 销售部': the id the files use, the name people say
        team = case.teams.get(row["group"])
        return f"{row['group']} {team.name.get(lang)}".strip() if team else row["group"]
    return "公司" if zh else "company"


def money_unit(case, lang: str) -> str:
    """The case's unit for money in ``lang`` ('万元', '10k RMB'), from its KPI."""
    unit = getattr(getattr(case, "kpi", None), "unit", None)
    text = unit.get(lang) if unit else None
    return text or ("万元" if lang == "zh" else "10k RMB")


def article(number_text: str) -> str:
    """'a' or 'an' before a number read aloud: an 8%, an 11%, an 18%, an 80%; a 3%."""
    head = number_text.strip().split("%")[0].split(".")[0]  # a chance: 0 to 100
    return "an" if head.startswith("8") or head in ("11", "18") else "a"


def months(n: int, lang: str) -> str:
    """'1 month', '2 months'; '1个月' in Chinese."""
    if lang == "zh":
        return f"{n}个月"
    return f"{n} month" if n == 1 else f"{n} months"


def stage_lines(calibration, lang: str = "zh") -> list[str]:
    """Each stage's method and why, then its rate per rep, department and company."""
    from okrkit.funnel import funnel_of

    zh = lang == "zh"
    case = calibration.case
    funnel = funnel_of(case)
    lines = []
    for stage in funnel.stages[2:]:
        rate = calibration.rates.get(stage.id)
        name = (stage.rate_name or stage.name).get(lang)
        if rate is None:
            lines.append(f"{name}: " + ("没有这一阶段的记录：保留案例的假设 " if zh else
                         "no records of this stage: the case's assumption is kept ") + stage.rate_text())  # fmt: skip
            continue
        share = stage.rate_is_share or (stage.rate or 0) <= 1
        lines.append(f"{name}（{stage.id}）：{rate.reason.get(lang)}" if zh
                     else f"{name} [{stage.id}]: {rate.reason.get(lang)}")  # fmt: skip
        if rate.method == "assumption":
            lines.append(
                ("  保留案例的假设：" if zh else "  the case's assumption is kept: ")
                + stage.rate_text()
            )
            continue
        assumed = _num(stage.rate, share).replace(".0%", "%")  # as the estimates: 50%, not 0.5
        other = (
            f"{'  批次法' if zh else '  cohort'} {_pct(rate.cohort_rate)} · "
            f"{'期间法' if zh else 'period'} {_pct(rate.period_rate)} · "
            f"{'案例假设' if zh else 'case assumption'} {assumed}"
        )
        lines.append(other)
        labels = [_label(case, row, zh) for _, row in rate.estimates.iterrows()]
        cells = max([16, *(width(label) for label in labels)])  # a long English name stays aligned
        for who, (_, row) in zip(labels, rate.estimates.iterrows(), strict=True):
            lines.append(
                f"    {pad(who, cells)} {int(row['k']):>5}/{int(row['n']):<6} "
                f"{'原始' if zh else 'raw'} {_num(row['raw'], share):>6}  →  "
                f"{_num(row['mean'], share):>6}  [{_num(row['low'], share)} – {_num(row['high'], share)}]"
            )
        if rate.other_share is not None:
            c = rate.company(rate.other_share)
            label = (stage.other_share_name or Text(zh="其他来源占比", en="other share")).get(lang)
            lines.append(f"  {label}：{_pct(c['mean'])} [{_pct(c['low'])} – {_pct(c['high'])}]"
                         f"（案例假设 {_pct(stage.other_share)}）" if zh else
                         f"  {label}: {_pct(c['mean'])} [{_pct(c['low'])} – {_pct(c['high'])}]"
                         f" (case assumption {_pct(stage.other_share)})")  # fmt: skip
    return lines


def deal_lines(calibration, lang: str = "zh") -> list[str]:
    zh = lang == "zh"
    size = calibration.deal_size
    if size is None or size.method != "data":
        n = size.n if size else 0
        return [f"{'平均单笔成交额：只有' if zh else 'Deal size: only'} {n} "
                f"{'笔成交，保留案例的假设' if zh else 'won deals; the case assumption is kept'}"]  # fmt: skip
    unit = money_unit(calibration.case, lang)
    head = (f"平均单笔成交额：{size.n}笔成交，均值 {size.mean:.1f}{unit} [90% {size.low:.1f} – {size.high:.1f}]，"
            f"中位数 {size.median:.1f}，10%–90% 分位 {size.p10:.1f} – {size.p90:.1f}" if zh else
            f"Deal size: {size.n} won deals, mean {size.mean:.1f} {unit} [90% {size.low:.1f} – {size.high:.1f}], "
            f"median {size.median:.1f}, 10th–90th percentile {size.p10:.1f} – {size.p90:.1f}")  # fmt: skip
    lines = [head]
    labels = [_who(calibration.case, row["team"], lang) for _, row in size.reps.iterrows()]
    cells = max([16, *(width(label) for label in labels)])
    for who, (_, row) in zip(labels, size.reps.iterrows(), strict=True):
        lines.append(f"    {pad(who, cells)} {int(row['n']):>4} "
                     f"{'原始' if zh else 'raw'} {row['raw']:.1f} → {row['mean']:.1f}")  # fmt: skip
    return lines


def lag_lines(calibration, lang: str = "zh") -> list[str]:
    from okrkit.calibrate.lags import lead_times
    from okrkit.calibrate.odds import activity_window
    from okrkit.funnel import funnel_of

    zh = lang == "zh"
    funnel = funnel_of(calibration.case)
    order = [s.id for s in funnel.stages if s.id in calibration.lags]
    leads = lead_times(calibration.lags, order)
    ids = [s.id for s in funnel.stages]
    lines = []
    for stage_id in order:
        lag = calibration.lags[stage_id]
        name = funnel.stage(stage_id).name.get(lang)
        above = ids[ids.index(stage_id) - 1]
        # what the lag runs to: an opportunity's close (won or lost, Kaplan–Meier), else
        # the next stage up that a unit was traced to (call → visit → opportunity)
        to = ("结单（赢单或输单）" if zh else "closed (won or lost)") if above == "deals" else (
            funnel.stage(above).name.get(lang))  # fmt: skip
        if lag.median is None:
            lines.append(
                f"{name}: " + ("数据不足，无法估计时滞" if zh else "too few to estimate a lag")
            )
            continue
        how = ("Kaplan–Meier，未结商机 {c} 个按删失处理" if zh else "Kaplan–Meier, {c} open deals censored").format(
            c=lag.censored) if lag.method == "kaplan-meier" else ("可追溯的配对" if zh else "traced pairs")  # fmt: skip
        year = calibration.case.year or 0
        first, last = activity_window(leads[stage_id], year) if year else (None, None)
        window = (f"；{year}年成交所需的{name}在 {first} 至 {last} 之间" if zh else
                  f"; the {name} for {year}'s deals fall between {first} and {last}") if year else ""  # fmt: skip
        lines.append(
            (f"{name} → {to}：中位数 {lag.median:.0f} 天（四分位 {lag.p25:.0f}–{lag.p75:.0f}，{how}，n={lag.n}）；"
             f"距成交约 {leads[stage_id]:.0f} 天{window}") if zh else
            (f"{name} → {to}: median {lag.median:.0f} days (quartiles {lag.p25:.0f}–{lag.p75:.0f}, "
             f"{how}, n={lag.n}); about {leads[stage_id]:.0f} days before the deal{window}")
        )  # fmt: skip
    return lines


def findings(calibration, lang: str = "zh", *, ratio: float = 0.7) -> list[str]:
    """Reps whose rate at one stage is well below the department's while other stages are not.

    The rule is :func:`okrkit.calibrate.tables.stage_verdicts`; this only words it.
    """
    from okrkit.calibrate.tables import verdict_frame
    from okrkit.funnel import funnel_of

    zh = lang == "zh"
    funnel = funnel_of(calibration.case)
    out = []

    def name(stage_id):
        return (funnel.stage(stage_id).rate_name or funnel.stage(stage_id).name).get(lang)

    frame = verdict_frame(calibration.rates, ratio=ratio)
    # only the reps with a weak stage and one like the team's are worded (all reps judged at once)
    weak_teams = set(frame.loc[frame["verdict"] == "weak", "team"])
    fine_teams = set(frame.loc[frame["verdict"] == "like_team", "team"])
    for team, verdicts in frame[frame["team"].isin(weak_teams & fine_teams)].groupby("team"):
        rows = list(verdicts.itertuples(index=False))
        weak = [(name(v.stage), v.rep_mean, v.team_mean) for v in rows if v.verdict == "weak"]
        fine = [name(v.stage) for v in rows if v.verdict == "like_team"]
        if weak and fine:
            who = _who(calibration.case, team, lang)
            w = "；".join(f"{n} {a:.1%}，团队 {b:.1%}（约{a / b:.1f}倍）" for n, a, b in weak) if zh else "; ".join(
                f"{n} {a:.1%} against the team's {b:.1%} ({a / b:.1f}×)" for n, a, b in weak)  # fmt: skip
            f = "、".join(fine) if zh else ", ".join(fine)
            out.append(f"{who}：{f}与团队相当；{w}。辅导这一环，而不是其他。" if zh else
                       f"{who}: {f} like the team's; {w}. Coach that stage, not the others.")  # fmt: skip
    return out


def odds_lines(odds, case, lang: str = "zh") -> list[str]:
    from okrkit.funnel import funnel_of
    from okrkit.i18n import t

    zh = lang == "zh"
    funnel = funnel_of(case)
    lines = []
    for o in odds:
        stage = funnel.stage(o.stage)
        name = stage.name.get(lang)
        unit = stage.unit.get(lang)
        cadence = t(f"cadence.{o.cadence}", lang)
        lines.append(
            (f"    {name}：按案例假设 {o.plan}{unit}/{cadence}（达成 {o.target:g} 的机会 {o.chance_at_plan:.0%}）；"
             f"五成把握 {o.p50}，八成把握 {o.p80}") if zh else
            (f"    {name}: the case's funnel asks {o.plan} a {cadence} "
             f"({article(f'{o.chance_at_plan:.0%}')} {o.chance_at_plan:.0%} chance of "
             f"{o.target:g}); an even chance takes {o.p50}, 80% takes {o.p80}")
        )  # fmt: skip
    return lines
