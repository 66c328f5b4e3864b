"""Every word the tracking screens show, in Chinese and English.

Kept beside the code (as okrkit/i18n.py's blocks are) so that a status name
read from a spreadsheet and the one printed by ``okrkit status`` come from
the same table.
"""

from __future__ import annotations

from okrkit.i18n import Words

# Worst first: an objective takes the worst of its KRs by this order. Silence
# (stale) ranks just below off track: not knowing is worse than a known risk.
STATUSES = ("off_track", "stale", "at_risk", "on_track")
SEVERITY = {name: rank for rank, name in enumerate(reversed(STATUSES))}

STATUS = {
    "on_track": {"zh": "正常", "en": "on track"},
    "at_risk": {"zh": "有风险", "en": "at risk"},
    "off_track": {"zh": "落后", "en": "off track"},
    "stale": {"zh": "未更新", "en": "stale"},
}
# Spellings accepted when a manager overrides a status (typed or in a sheet).
STATUS_INPUT = {
    **{name: name for name in STATUS},
    **{names["zh"]: name for name, names in STATUS.items()},
    **{names["en"]: name for name, names in STATUS.items()},
    "on track": "on_track",
    "at risk": "at_risk",
    "off track": "off_track",
    "正常推进": "on_track",
    "风险": "at_risk",
    "延期": "off_track",
    "已延期": "off_track",
}
# An override can only say what the rule would say; "stale" is the rule's alone.
OVERRIDABLE = ("on_track", "at_risk", "off_track")

COLOURS = {"on_track": "32", "at_risk": "33", "off_track": "31", "stale": "90"}  # ANSI SGR

WORDS = {
    "team": {"zh": "团队", "en": "Team"},
    "objective": {"zh": "目标", "en": "Objective"},
    "kr": {"zh": "关键成果", "en": "KR"},
    "mode": {"zh": "记录方式", "en": "Mode"},
    "expected": {"zh": "应达", "en": "Expected"},
    "actual": {"zh": "实际", "en": "Actual"},
    "gap": {"zh": "差距", "en": "Gap"},
    "status": {"zh": "状态", "en": "Status"},
    "suggested": {"zh": "规则建议", "en": "By rule"},
    "progress": {"zh": "进度", "en": "Progress"},
    "forecast_run": {"zh": "按当前速度预测", "en": "Forecast (run rate)"},
    "forecast_fit": {"zh": "按趋势预测", "en": "Forecast (trend)"},
    "forecast_completion": {"zh": "预测完成率", "en": "Forecast completion"},
    "forecast_points": {"zh": "预测得分", "en": "Forecast points"},
    "needed": {"zh": "此后需要", "en": "From now on"},
    "last": {"zh": "最近进展", "en": "Last check-in"},
    "confidence": {"zh": "信心", "en": "Confidence"},
    "comment": {"zh": "说明", "en": "Comment"},
    "per.week": {"zh": "每周", "en": "a week"},
    "per.month": {"zh": "每月", "en": "a month"},
    "per.day": {"zh": "每天", "en": "a day"},
    "per.quarter": {"zh": "每季度", "en": "a quarter"},
    "per.year": {"zh": "每年", "en": "a year"},
    "mode.cumulative": {"zh": "累计", "en": "cumulative"},
    "mode.per_period": {"zh": "每期", "en": "per period"},
    "mode.level": {"zh": "水平", "en": "level"},
    "title": {"zh": "{team} 进展（截至 {date}）", "en": "{team}: progress as of {date}"},
    "objective_line": {
        "zh": "{objective}：{status}（最差KR），加权进度 {progress}，信心 {confidence}",
        "en": "{objective}: {status} (worst KR), weighted progress {progress}, confidence {confidence}",
    },
    "team_line": {
        "zh": "团队状态：{status}；预测总分 {points}{grade}",
        "en": "Team status: {status}; forecast total {points}{grade}",
    },
    "rollup_title": {"zh": "汇总（截至 {date}）", "en": "Roll-up (as of {date})"},
    "rollup.scope": {"zh": "范围", "en": "Scope"},
    "rollup.level": {"zh": "层级", "en": "Level"},
    "rollup.worst": {"zh": "最差状态", "en": "Worst"},
    "rollup.krs": {"zh": "KR数", "en": "KRs"},
    "saved": {
        "zh": "已记录 {added} 条（其中更正 {superseded} 条，未变 {unchanged} 条）：{store}",
        "en": "saved {added} (corrections {superseded}, unchanged {unchanged}): {store}",
    },
    "nothing_in_file": {
        "zh": "{file} 只有表头，没有进展记录：未记录任何内容",
        "en": "{file} has a header row and no check-ins under it: nothing was saved",
    },
    "beside_saved": {
        "zh": "其中 {n} 条记录统计与经理填写的进展不同：显示经理的数值，统计值并列保留（okrkit status 中可见）",
        "en": "counts that differ from a manager's entry for the same KR and period: {n}; the"
        " manager's value is shown, the count is kept beside it (okrkit status lists them)",
    },
    "beside_title": {
        "zh": "经理填写的数值与记录统计不同（显示经理的数值）：",
        "en": "A manager's entry differs from the records' count (the manager's value is shown):",
    },
    "beside_line": {
        "zh": "  {kr} {period}：{source} {value}，记录统计 {evidence}",
        "en": "  {kr} {period}: {source} {value}, the records count {evidence}",
    },
    "source.typed": {"zh": "手工填写", "en": "typed"},
    "source.imported": {"zh": "导入", "en": "imported"},
    "period_from": {"zh": "{start} 起的一期", "en": "period from {start}"},
    "exported": {"zh": "已导出 {n} 条进展：{file}", "en": "exported {n} check-ins: {file}"},
    "now": {
        "zh": "{team} {kr}：{status}（规则：{suggested}）",
        "en": "{team} {kr}: {status} (by rule: {suggested})",
    },
    "none": {"zh": "（无进展记录）", "en": "(no check-ins)"},
    # What must happen from now on (okrkit.track.forecast's needed_kind), in words.
    "needed.rate": {"zh": "{per}需 {n}", "en": "{n} {per}"},
    "needed.fall": {"zh": "{per}需下降 {n}", "en": "down {n} {per}"},
    "needed.allowance": {
        "zh": "{per}最多 {n}（剩余额度）",
        "en": "at most {n} {per} (what is left)",
    },
    "needed.over": {
        "zh": "已超出 {n}，此后不能再增加",
        "en": "already {n} over: nothing more may be added",
    },
    "needed.done": {"zh": "已达成", "en": "reached"},
    # Beside a per-period count's forecast when weeks went unreported (not read as 0s).
    "reported.week": {
        "zh": "按已报告的{n}周（共{of}周）",
        "en": "based on {n} of {of} weeks reported",
    },
    "reported.month": {
        "zh": "按已报告的{n}个月（共{of}个月）",
        "en": "based on {n} of {of} months reported",
    },
    "reported.day": {
        "zh": "按已报告的{n}天（共{of}天）",
        "en": "based on {n} of {of} days reported",
    },
    "reported.quarter": {
        "zh": "按已报告的{n}个季度（共{of}个季度）",
        "en": "based on {n} of {of} quarters reported",
    },
    "reported.year": {
        "zh": "按已报告的{n}年（共{of}年）",
        "en": "based on {n} of {of} years reported",
    },
    "needed.reach": {"zh": "需达到 {n}", "en": "reach {n}"},
    "needed.hold": {"zh": "保持在 {n} 及以上", "en": "hold at {n} or above"},
    "needed.hold_below": {"zh": "保持在 {n} 及以下", "en": "hold at {n} or below"},
    "needed.bring_below": {"zh": "需降到 {n} 及以下", "en": "bring down to {n} or below"},
}


def outside_cycle(where: str, option: str, day, cycle: int, other: str | None = None):
    """The located refusal of a day outside the cycle read (status, review-month), in zh and en.

    ``other`` names the option that reads another cycle (``--cycle``); without
    one, the case's cycle is the only one.
    """
    from okrkit.errors import ProblemLog

    log = ProblemLog()
    if other:
        expected = f"a date in {cycle} ({other} for another cycle)"
        expected_zh = f"{cycle} 年内的日期（其他周期请用 {other}）"
    else:
        expected, expected_zh = (
            f"a month of {cycle}, the case's cycle",
            f"{cycle} 年内的月份（案例的周期）",
        )
    log.add(where, option, f"outside the {cycle} cycle", found=str(day), expected=expected,
            zh=f"不在 {cycle} 周期内", expected_zh=expected_zh)  # fmt: skip
    log.raise_if_any()


def beside_lines(rows: list[dict], lang: str = "zh") -> list[str]:
    """The entries a manager typed where the records count another value (Store.beside), in words."""
    if not rows:
        return []
    lines = [word("beside_title", lang)]
    for row in rows:
        period = (word("period_from", lang, start=row["period_start"]) if row["period_start"]
                  else row["date"])  # fmt: skip
        lines.append(word("beside_line", lang, kr=row["kr"], period=period,
                          source=word(f"source.{row['source']}", lang),
                          value=f"{row['value']:g}", evidence=f"{row['evidence']:g}"))  # fmt: skip
    return lines


def status_name(status: str | None, lang: str = "zh") -> str:
    """The status in ``lang`` ('' for None)."""
    return STATUS[status][lang] if status else ""


#: A label in ``lang`` with ``{names}`` filled.
word = Words(WORDS)


#: The trend chart's colours and words: the workbook's matplotlib chart
#: (okrkit.charts.trend) and the report's inline SVG (okrkit.report.trend_chart)
#: draw the same picture, so they share them.
TREND_COLOURS = ("#1f4e79", "#999999", "#e6b422", "#f46d43")  # actual, expected, run, fit
TREND_WORDS = {
    "expected": ("应有进度（按节奏）", "expected (by the pace)"),
    "actual": ("进展记录", "check-ins"),
    "run": ("按当前速度：{value:g}", "at the run rate: {value:g}"),
    "fit": ("按近期趋势：{value:g}", "by the recent trend: {value:g}"),
    "target": ("目标 {value:g}", "target {value:g}"),
}  # fmt: skip


def trend_word(key: str, lang: str, **values) -> str:
    """A word of the trend chart in ``lang``, with ``{names}`` filled."""
    zh, en = TREND_WORDS[key]
    return (zh if lang == "zh" else en).format(**values)
