"""Generate A公司's 2015 monthly check-ins, as the managers would have typed them (seeded).

    .venv/bin/python scripts/make_checkins.py [--out cases/a-company/checkins/2015.csv] [--seed N]

One row per team, KR and month: the value at the month's last working day,
a confidence 0-10, a comment and blockers in Chinese, source ``typed``. The
reps' process KRs (calls, visits, opportunities) are not typed: they come
from the records (``okrkit checkin --evidence``). The file reads back through
``okrkit.track.io.read_checkins`` (so ``okrkit checkin --import`` takes it).

Every December value agrees with ``actuals/2015.yaml`` (for a per-period KR,
the months average to it; tests/test_checkins_data.py holds this). The story a
trainer tells with it:

- 李娜 falls behind after the Spring Festival (sales and confidence drop in
  February–April, the blockers say why) and recovers from May;
- 王强 is on pace until May, then slides from June (two projects slip to the
  next year, his weekly collection report stops): his review ends at C;
- some months are late or missing, so a status goes stale and is never green
  by silence: 财务部 types nothing for May and June and July's values late;
  王强's June reports (KR3.1) and 销售部's core-talent retention (KR3.2) in
  August and September are missing; 王强's July sales arrive on 6 August.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "cases" / "a-company"
OUT = CASE_DIR / "checkins" / "2015.csv"
YEAR = 2015
HEADER = ("团队", "关键成果", "日期", "期间开始", "数值", "信心", "说明", "障碍", "来源")

# Monthly shares of a year's growth (percent of the year). The default bends
# at the Spring Festival (February) and pushes at year end.
SHARE = {
    "default": (7, 4, 8, 8, 8, 9, 9, 8, 9, 9, 10, 11),
    "li": (6, 2, 5, 6, 9, 10, 10, 9, 10, 10, 11, 12),  # slow after the festival, then recovers
    "wang": (9, 5, 10, 10, 10, 0, 5, 6, 8, 11, 12, 14),  # on pace to May, sliding from June
}

# How each typed KR moves: grow (from start along a share to the year-end
# actual), level (a rate that holds near its year-end value), period (each
# month's own count, averaging to the actual), done (a milestone: done until
# the month it stops, then not done), count (incidents so far).
PLAN = {
    "gm": {"KR1.1": ("grow", 0), "KR1.2": ("grow", 0), "KR1.3": ("grow", 85),
           "KR2.1": ("grow", 0), "KR2.2": ("grow", 5), "KR2.3": ("level",),
           "KR3.1": ("level",), "KR3.2": ("grow", 0), "KR3.3": ("grow", 0)},
    "sales": {"KR1.1": ("grow", 0), "KR1.2": ("grow", 0), "KR1.3": ("grow", 0),
              "KR2.1": ("period",), "KR2.2": ("level",), "KR2.3": ("level",),
              "KR3.1": ("level",), "KR3.2": ("level",), "KR3.3": ("period",)},
    "finance": {"KR1.1": ("grow", 0), "KR1.2": ("level",), "KR1.3": ("done", None),
                "KR2.1": ("grow", 90), "KR2.2": ("done", 8)},
    **{rep: {"KR1.4": ("grow", 0), "KR2.1": ("done", 6 if rep == "rep-wang" else None),
             "KR2.2": ("period",), "KR3.1": ("level",), "KR3.2": ("period",),
             "KR4.1": ("count",)} for rep in ("rep-zhang", "rep-li", "rep-wang")},
}  # fmt: skip
SHAPE = {"rep-li": "li", "rep-wang": "wang"}
# Months (1-12) with no check-in at all, and months typed late (days after month end).
MISSING = (
    {("finance", m) for m in (5, 6)}
    | {("rep-wang:KR3.1", 6)}
    | {("sales:KR3.2", m) for m in (8, 9)}
)
LATE = {("finance", 7): 9, ("rep-wang:KR1.4", 7): 6}
# Incidents (deduction items): the months a valid complaint came in.
COMPLAINTS = {"rep-li": (4, 9)}
CONFIDENCE = {
    "rep-li": (7, 5, 4, 4, 5, 6, 7, 7, 7, 8, 8, 8),
    "rep-wang": (7, 7, 7, 7, 7, 5, 4, 4, 3, 3, 3, 3),
    "rep-zhang": (8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9),
}
COMMENTS = {
    ("rep-li", "KR1.4"): {
        2: ("春节前后客户停工，本月只签了一个小单", "客户春节后复工慢，采购流程推迟"),
        3: ("两个项目推迟到二季度签约", "春节后新客户拜访没跟上，项目机会不足"),
        4: ("开始恢复：补拜访老客户，重新排期", "一位客户投诉交付延迟"),
        5: ("两个大单签约，追回一部分差距", ""),
        6: ("按新计划推进，下半年每月需多签约约10%", ""),
    },
    ("rep-wang", "KR1.4"): {
        5: ("进度正常", ""),
        6: ("两个大客户项目推迟到明年，本月签约明显下降", "新客户拜访不足，项目机会少"),
        7: ("七月数字补报：签约继续放缓", "回款周报表没有按时提交"),
        8: ("缺口扩大，需要经理一起拜访重点客户", "电话量长期低于目标"),
        9: ("信心下降，年底前很难追回", "新客户拜访和项目机会都只有目标的一半"),
    },
    ("rep-zhang", "KR1.4"): {3: ("开局顺利，已超过进度", ""), 6: ("上半年完成过半", "")},
    ("sales", "KR1.3"): {
        2: ("春节月份各岗位签约少", ""),
        6: ("李娜在追赶，王强落后，需要重点辅导", "王强两个项目推迟"),
    },
    ("finance", "KR2.1"): {7: ("五、六月未更新，本月补报", "月结人手不足")},
}


def last_working_day(year: int, month: int) -> dt.date:
    day = dt.date(year, month, calendar.monthrange(year, month)[1])
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def period_start(cadence: str, day: dt.date) -> str:
    """The first day of the cadence period holding ``day`` (ISO weeks start on Monday)."""
    if cadence == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.replace(day=1).isoformat()


def cumulative(shares) -> list[float]:
    total, out = 0.0, []
    for share in shares:
        total += share
        out.append(total / sum(shares))
    return out


def _round(value: float) -> float:
    return round(value, 1)


def monthly_values(how, actual: float, team: str, kr: str, rng: random.Random) -> list:
    """The 12 month-end values of one KR; December (or the average) equals ``actual``."""
    kind = how[0]
    if kind == "grow":
        start = how[1]
        shares = [s * (1 + rng.uniform(-0.1, 0.1)) for s in SHARE[SHAPE.get(team, "default")]]
        return [_round(start + (actual - start) * f) for f in cumulative(shares)[:-1]] + [actual]
    if kind == "level":
        return [_round(min(actual + rng.uniform(-2, 2), 100.0)) for _ in range(11)] + [actual]
    if kind == "period":
        return _averaging(actual, rng, whole=actual < 10)
    if kind == "done":
        stops = how[1]  # the month it stops being done (None: done all year)
        return [1.0 if stops is None or m < stops else 0.0 for m in range(1, 13)]
    months = COMPLAINTS.get(team, ())  # count: incidents so far
    return [float(sum(1 for c in months if c <= m)) for m in range(1, 13)]


def _averaging(actual: float, rng: random.Random, whole: bool) -> list[float]:
    """Twelve values whose mean is exactly ``actual``: pairs that cancel out."""
    step = 1.0 if whole else 3.0
    values = [actual] * 12
    for a in range(0, 12, 2):
        delta = step * rng.choice((0, 1, 1)) if whole else _round(rng.uniform(0, step))
        if actual + delta > 100 and not whole:
            delta = 0.0
        values[a], values[a + 1] = actual - delta, actual + delta
    if whole and actual != int(actual):  # 1.5 a month: 1 and 2 alternating
        values = [float(int(actual) + (m % 2)) for m in range(12)]
    return [_round(v) for v in values]


def shown(kr, value: float) -> str:
    if kr.direction == "milestone":
        return "完成" if value >= 1 else "未完成"
    if kr.unit.zh == "%" and not kr.is_deduction:
        return f"{value:g}%"
    return f"{value:g}"


def rows(case, actuals, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    out = []
    for team_id, plan in PLAN.items():
        team = case.team(team_id)
        for kr_id, how in plan.items():
            kr = team.key_result(kr_id)
            values = monthly_values(how, actuals.for_team(team_id)[kr_id], team_id, kr_id, rng)
            for month, value in enumerate(values, start=1):
                keys = (team_id, f"{team_id}:{kr_id}")
                if any((k, month) in MISSING for k in keys):
                    continue
                day = last_working_day(YEAR, month)
                late = next((LATE[(k, month)] for k in keys if (k, month) in LATE), 0)
                start = ""
                if late:  # typed after the month: a per-period value names its period
                    start = period_start(kr.cadence, day) if kr.cadence else ""
                    day = day + dt.timedelta(days=late)
                confidence = CONFIDENCE.get(team_id, [rng.randint(6, 8)] * 12)[month - 1]
                comment, blockers = COMMENTS.get((team_id, kr_id), {}).get(month, ("", ""))
                out.append((team_id, kr_id, day.isoformat(), start, shown(kr, value), confidence,
                            comment, blockers, "typed"))  # fmt: skip
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args(argv)
    from okrkit import load_case
    from okrkit.actuals import load_actuals

    case = load_case(CASE_DIR)
    actuals = load_actuals(CASE_DIR / "actuals" / f"{YEAR}.yaml", case)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows(case, actuals, args.seed))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
