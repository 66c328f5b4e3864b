"""The evidence in words and small tables, in zh or en, for the command and the workbook.

Every number comes from :mod:`okrkit.evidence.count` and
:mod:`okrkit.evidence.rejects`; this module only words and lays them out.
"""

from __future__ import annotations

from okrkit.evidence.reasons import reason_text
from okrkit.i18n import Words

CADENCE = {"week": ("每周", "a week"), "month": ("每月", "a month"), "quarter": ("每季度", "a quarter"),
           "year": ("全年", "a year"), "day": ("每天", "a day"), None: ("", "")}  # fmt: skip
UNIT = {"week": ("个工作周", "working weeks"), "month": ("个月", "months"),
        "quarter": ("个季度", "quarters"), "year": ("年", "year"), "day": ("个工作日", "working days"),
        None: ("", "")}  # fmt: skip
WORDS = {
    "title": ("{period} 过程KR实际值（以活动记录为准）", "{period} process-KR actuals (from the activity records)"),
    "target": ("目标", "target"),
    "counted": ("计入 {total} 条 ÷ {units} {unit}", "{total} counted / {units} {unit}"),
    "coverage": ("老客户回访覆盖率（月均）{value:.0%}，老客户 {n} 家", "old-customer revisit coverage (monthly average) {value:.0%} of {n} old customers"),
    "weeks": ("达标周 {hit}/{n}，最低一周 {low_start}：{low}", "weeks on target {hit}/{n}; lowest week {low_start}: {low}"),
    "month": ("月份", "month"),
    "summary": ("记录汇总", "Records"),
    "line": ("{name}：读取 {read}，计入 {counted}，合并 {merged}，剔除 {rejected}", "{name}: read {read}, counted {counted}, merged {merged}, rejected {rejected}"),
    "reasons": ("未计入原因", "Not counted, by reason"),
    "teams": ("按人员", "By rep"),
    "unknown": ("（无法识别的人员）", "(unknown person)"),
}  # fmt: skip


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


word = Words(WORDS)


def _pick(pair, lang):
    return pair[0] if lang == "zh" else pair[1]


def kr_label(case, kr, lang: str) -> str:
    """每周有效电话 / effective calls a week: the funnel stage's name with the cadence, else the KR text."""
    stages = (case.sections.get("funnel") or {}).get("stages") or []
    name = next((s.get("name") for s in stages if s.get("id") == kr.stage), None)
    if not name:
        return kr.text.get(lang)
    text = name.get(lang) if isinstance(name, dict) else str(name)
    cadence = _pick(CADENCE.get(kr.cadence, ("", "")), lang)
    return f"{cadence}{text}" if lang == "zh" else f"{text} {cadence}".strip()


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def person(case, team_id: str, lang: str) -> str:
    team = case.teams.get(team_id)
    if team is None:
        return word("unknown", lang)
    return team.person.get(lang) or team.name.get(lang)


def actual_lines(case, period, actuals, rows, coverage, lang: str = "zh") -> list[str]:
    """Per rep: each process KR's actual against its target (张伟: 每周有效电话 110，目标 100)."""
    lines = [word("title", lang, period=period.name)]
    by_team: dict[str, list] = {}
    for item in actuals:
        by_team.setdefault(item["team"], []).append(item)
    cover = {c["team"]: c for c in coverage}
    weekly: dict[tuple, list] = {}  # (team, KR) -> its weeks, indexed once (not per rep)
    for r in rows:
        if r["cadence"] == "week":
            weekly.setdefault((r["team"], r["kr"]), []).append(r)
    sep = "：" if lang == "zh" else ": "
    comma = "，" if lang == "zh" else ", "
    for team_id, items in by_team.items():
        name = person(case, team_id, lang)
        for item in items:
            kr = item["kr"]
            target = "—" if kr.target is None else _number(kr.target)
            unit = _pick(UNIT.get(kr.cadence, ("", "")), lang)
            if lang == "en" and item["units"] == 1:  # 1 month, not 1 months
                unit = unit.removesuffix("s")
            detail = word(
                "counted", lang, total=item["total"], units=_number(item["units"]), unit=unit
            )
            lines.append(f"{name}{sep}{kr_label(case, kr, lang)} {_number(item['actual'])}{comma}"
                         f"{word('target', lang)} {target}  ({kr.id}; {detail})")  # fmt: skip
            if kr.cadence == "week":
                weeks = weekly.get((team_id, kr.id), [])
                if weeks:
                    low = min(weeks, key=lambda r: r["value"])
                    hit = sum(1 for r in weeks if kr.target is not None and r["value"] >= kr.target)
                    lines.append("    " + word("weeks", lang, hit=hit, n=len(weeks),
                                                low_start=low["period_start"], low=low["value"]))  # fmt: skip
        if team_id in cover:
            c = cover[team_id]
            lines.append(
                f"{name}{sep}" + word("coverage", lang, value=c["average"], n=c["old_customers"])
            )
    return lines


def monthly_frame(case, rows, lang: str = "zh"):
    """Per rep and KR, the count of each month: rows (rep, KR), columns 1月–12月 (Jan–Dec)."""
    import pandas as pd

    data = [r for r in rows if r["cadence"] == "month"]
    if not data:
        return pd.DataFrame()
    frame = pd.DataFrame(data)
    frame["who"] = [person(case, t, lang) for t in frame["team"]]
    frame["m"] = [d.month for d in frame["period_start"]]
    table = frame.pivot_table(
        index=["who", "kr"], columns="m", values="value", aggfunc="sum", sort=False
    )
    # a bare 1 … 12 reads as counts, not months: 1月 … 12月 / Jan … Dec
    table.columns = [f"{c}月" if lang == "zh" else MONTHS_EN[int(c) - 1] for c in table.columns]
    table = table.reset_index().rename(
        columns={"who": "人员" if lang == "zh" else "rep", "kr": "KR"}
    )
    return table


def rejects_lines(case, summary: dict, lang: str = "zh") -> list[str]:
    """Read / counted / merged / rejected per source and per rep, and the reasons."""
    lines = [word("summary", lang)]
    for name, bucket in summary["sources"].items():
        lines.append("  " + word("line", lang, name=name, **_counts(bucket)))
    lines.append(word("reasons", lang))
    for code, n in sorted(summary["reasons"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {code}: {n}  {reason_text(code, lang)}")
    lines.append(word("teams", lang))
    for team_id, bucket in summary["teams"].items():
        name = person(case, team_id, lang) if team_id != "?" else word("unknown", lang)
        lines.append("  " + word("line", lang, name=name, **_counts(bucket)))
    return lines


def _counts(bucket):
    return {k: bucket[k] for k in ("read", "counted", "merged", "rejected")}
