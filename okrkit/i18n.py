"""Every label okrkit shows, in Chinese and English.

``t(key, lang)`` returns the label; ``t(key, lang, n=3)`` fills ``{n}``.
Modules add their labels in a block of their own below, so a translator finds
each screen's words together. A test checks that every key has both languages.
"""

from __future__ import annotations

LANGS = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    # -- the deck's table (tables.py)
    "col.no": {"zh": "序号", "en": "No."},
    "col.objective": {"zh": "目标 (O)", "en": "Objective (O)"},
    "col.description": {"zh": "目标详细描述", "en": "Objective details"},
    "col.key_result": {"zh": "关键成果 (KRs)", "en": "Key results (KRs)"},
    "col.weight": {"zh": "KR权重", "en": "KR weight"},
    "col.points": {"zh": "O分值", "en": "O points"},
    "table.total": {"zh": "合计", "en": "Total"},
    "table.title": {"zh": "{team}OKR计划表", "en": "{team} OKR plan"},
    "table.deduction": {"zh": "减分项", "en": "deduction"},
    "table.blank": {"zh": "（待填）", "en": "(to fill)"},
    # -- levels and kinds
    "level.company": {"zh": "公司", "en": "Company"},
    "level.department": {"zh": "部门", "en": "Department"},
    "level.position": {"zh": "岗位", "en": "Position"},
    "kind.result": {"zh": "结果", "en": "result"},
    "kind.process": {"zh": "过程", "en": "process"},
    "kind.deduction": {"zh": "减分项", "en": "deduction"},
    # -- team reports and their index (okrkit.report, `okrkit report`)
    "report.title": {"zh": "{team} OKR报告", "en": "{team} OKR report"},
    "report.company": {"zh": "公司", "en": "Company"},
    "report.team": {"zh": "团队", "en": "Team"},
    "report.level": {"zh": "层级", "en": "Level"},
    "report.parent": {"zh": "上级", "en": "Reports to"},
    "report.person": {"zh": "负责人", "en": "Owner"},
    "report.period": {"zh": "期间", "en": "Period"},
    "report.kpi": {"zh": "公司指标", "en": "Company KPI"},
    "report.sales_target": {"zh": "本团队销售目标", "en": "This team's sales target"},
    "report.none": {"zh": "无", "en": "none"},
    "report.weights": {"zh": "各目标权重", "en": "Weights by objective"},
    "report.weights.ok": {"zh": "权重合计{total} ✓", "en": "Weights add up to {total} ✓"},
    "report.weights.off": {
        "zh": "权重合计{total}，应为100",
        "en": "Weights add up to {total}, not 100",
    },
    "report.weights.blanks": {
        "zh": "{n}个关键成果的权重待填",
        "en": "{n} key result weight(s) still blank",
    },
    "report.weights.deductions": {
        "zh": "减分项（不占权重）：{items}",
        "en": "Deduction items (no weight): {items}",
    },
    "report.alignment": {"zh": "对齐", "en": "Alignment"},
    "report.align.supports": {"zh": "支撑的上级目标（{team}）", "en": "Supports, in {team}"},
    "report.align.supported_by": {"zh": "下级团队的支撑", "en": "Supported by the teams below"},
    "report.align.top": {
        "zh": "最上层团队：没有上级目标",
        "en": "Top of the cascade: no objective above",
    },
    "report.align.unlinked": {"zh": "未对齐", "en": "not linked"},
    "report.align.no_children": {"zh": "没有下级团队", "en": "No teams below"},
    "report.align.unsupported": {
        "zh": "没有下级目标支撑",
        "en": "no objective below supports it",
    },
    "report.objective": {"zh": "目标", "en": "Objective"},
    "report.funnel": {
        "zh": "反向漏斗：从销售目标到关键过程",
        "en": "Reverse funnel: from the sales target to key processes",
    },
    "report.funnel.stage": {"zh": "环节", "en": "Stage"},
    "report.funnel.rule": {"zh": "算法", "en": "Arithmetic"},
    "report.funnel.per_year": {"zh": "全年（团队）", "en": "A year (team)"},
    "report.funnel.per_person": {"zh": "每人每周期", "en": "Per person per period"},
    "report.funnel.target": {"zh": "目标（向上取整）", "en": "Target (rounded up)"},
    "report.coach": {"zh": "教练发现", "en": "Coach's findings"},
    "report.coach.none": {"zh": "没有发现问题 ✓", "en": "Nothing to flag ✓"},
    "report.coach.error": {"zh": "错误", "en": "error"},
    "report.coach.warn": {"zh": "提醒", "en": "warning"},
    "report.scorecard": {"zh": "评分卡", "en": "Scorecard"},
    "report.score.kr": {"zh": "关键成果", "en": "Key result"},
    "report.score.weight": {"zh": "权重", "en": "Weight"},
    "report.score.target": {"zh": "目标值", "en": "Target"},
    "report.score.actual": {"zh": "实际值", "en": "Actual"},
    "report.score.completion": {"zh": "完成率", "en": "Completion"},
    "report.score.points": {"zh": "得分", "en": "Points"},
    "report.score.google": {"zh": "0–1分", "en": "0–1 score"},
    "report.score.incidents": {"zh": "次数", "en": "Incidents"},
    "report.score.earned": {"zh": "关键成果得分", "en": "Points earned"},
    "report.score.deducted": {"zh": "扣分", "en": "Deducted"},
    "report.score.total": {"zh": "总分", "en": "Total"},
    "report.score.grade": {"zh": "等级", "en": "Grade"},
    "report.score.provisional": {
        "zh": "暂定：{n}个关键成果未评分",
        "en": "provisional: {n} key result(s) not scored",
    },
    "report.score.unscored": {"zh": "未评分", "en": "not scored"},
    "report.cadence.day": {"zh": "天", "en": "day"},
    "report.cadence.week": {"zh": "周", "en": "week"},
    "report.cadence.month": {"zh": "月", "en": "month"},
    "report.cadence.quarter": {"zh": "季度", "en": "quarter"},
    "report.cadence.year": {"zh": "年", "en": "year"},
    "index.title": {"zh": "{company} OKR报告", "en": "{company} OKR reports"},
    "index.level": {"zh": "层级", "en": "Level"},
    "index.parent": {"zh": "上级", "en": "Reports to"},
    "index.objectives": {"zh": "目标数", "en": "Objectives"},
    "index.krs": {"zh": "关键成果数", "en": "Key results"},
    "index.weights": {"zh": "权重检查", "en": "Weights"},
    "index.findings": {"zh": "教练发现", "en": "Coach findings"},
    "index.score": {"zh": "总分", "en": "Score"},
    "index.grade": {"zh": "等级", "en": "Grade"},
    "index.status": {"zh": "状态", "en": "Status"},
    "index.ok": {"zh": "已生成", "en": "OK"},
    "index.failed": {"zh": "失败", "en": "failed"},
    "index.notebook": {"zh": "笔记本", "en": "notebook"},
    "index.summary": {
        "zh": "共{n}个团队：{ok}份报告已生成，{failed}份失败",
        "en": "{n} teams: {ok} reports written, {failed} failed",
    },
    "index.actuals": {"zh": "实际结果：{file}", "en": "Actual results: {file}"},
    "cli.report.done": {"zh": "报告索引：{path}", "en": "Report index: {path}"},
    "cli.report.failed": {
        "zh": "{failed}/{n}个团队的报告失败（其笔记本保留了错误）：",
        "en": "{failed} of {n} team reports failed (their notebooks keep the error):",
    },
    # -- CLI (cli.py)
    "cli.valid": {
        "zh": "{case}：校验通过（{teams}个团队，{krs}个关键成果）",
        "en": "{case}: valid ({teams} teams, {krs} key results)",
    },
    "cli.invalid": {"zh": "{case}：发现{n}个问题", "en": "{case}: {n} problem(s) found"},
    "cli.unknown_team": {
        "zh": "没有这个团队：{team}（可选：{known}）",
        "en": "no such team: {team} (teams: {known})",
    },
    # -- weights, tuner, scoring and scorecard (weights.py, scoring.py, widgets/tuner.py,
    #    widgets/scorecard.py, charts/weights.py, charts/scorecard.py, commands/score.py)
    "hint.total": {
        "zh": "权重合计{total}，与100相差{gap}",
        "en": "weights add to {total}, {gap} off 100",
    },
    "hint.blank": {"zh": "权重未填：{krs}", "en": "weights not set yet: {krs}"},
    "hint.negative": {"zh": "权重为负：{krs}", "en": "negative weights: {krs}"},
    "hint.result_heavy": {
        "zh": "{kr}是结果指标，权重{w}%超过{limit}%：整张表又变回了KPI，过程没人管",
        "en": "{kr} is a result KR at {w}%, above {limit}%: the table is a KPI again and nobody steers the process",
    },
    "hint.noise": {
        "zh": "{kr}权重仅{w}%，低于{limit}%：这么轻的KR只是噪音，合并或删去",
        "en": "{kr} weighs only {w}%, below {limit}%: a KR this light is noise; merge or drop it",
    },
    "hint.no_process": {
        "zh": "没有过程指标带权重：员工只知道要什么结果，不知道怎么做",
        "en": "no process KR carries weight: people know the result wanted, not how to get there",
    },
    "hint.fine": {"zh": "权重分配合理", "en": "the weights look sound"},
    "tuner.total_ok": {"zh": "合计 {total}", "en": "Total {total}"},
    "tuner.total_over": {
        "zh": "合计 {total}（超出100共{by}）",
        "en": "Total {total} ({by} over 100)",
    },
    "tuner.total_under": {
        "zh": "合计 {total}（距100还差{by}）",
        "en": "Total {total} ({by} under 100)",
    },
    "tuner.mode": {"zh": "模式", "en": "Mode"},
    "tuner.mode_free": {"zh": "自由调整", "en": "free"},
    "tuner.mode_keep": {"zh": "保持100", "en": "keep 100"},
    "tuner.lock": {"zh": "锁定", "en": "lock"},
    "tuner.normalize": {"zh": "归一到100", "en": "Normalise"},
    "tuner.reset": {"zh": "恢复文件中的权重", "en": "Reset to file"},
    "tuner.save": {"zh": "保存", "en": "Save"},
    "tuner.saved": {
        "zh": "已保存到{path}（原文件备份为{backup}）",
        "en": "saved to {path} (previous version kept as {backup})",
    },
    "tuner.save_blocked": {
        "zh": "权重合计不是100，未保存：先点“归一到100”或继续调整",
        "en": "weights do not add to 100; nothing saved: normalise first or keep tuning",
    },
    "tuner.clamped": {
        "zh": "{kr}最多只能到{most}：其余KR已锁定或到了下限{floor}",
        "en": "{kr} can take at most {most}: the others are locked or at the floor of {floor}",
    },
    "tuner.normalized": {"zh": "已归一：合计100", "en": "normalised: the total is 100"},
    "tuner.reset_done": {"zh": "已恢复文件中的权重", "en": "weights reset to the file's"},
    "tuner.hints": {"zh": "教练提示", "en": "Coaching hints"},
    "chart.weights_title": {
        "zh": "{team}：各目标的KR权重",
        "en": "{team}: KR weights by objective",
    },
    "chart.weight_axis": {"zh": "权重（分）", "en": "weight (points)"},
    "chart.completion_title": {"zh": "{team}：各KR完成率", "en": "{team}: completion per KR"},
    "chart.completion_axis": {"zh": "完成率 %", "en": "completion %"},
    "chart.target": {"zh": "目标", "en": "target"},
    "score.col.objective": {"zh": "目标 (O)", "en": "Objective (O)"},
    "score.col.kr": {"zh": "关键成果", "en": "Key result"},
    "score.col.weight": {"zh": "权重", "en": "Weight"},
    "score.col.target": {"zh": "目标值", "en": "Target"},
    "score.col.actual": {"zh": "实际", "en": "Actual"},
    "score.col.completion": {"zh": "完成率", "en": "Completion"},
    "score.col.points": {"zh": "得分", "en": "Points"},
    "score.col.o_points": {"zh": "O得分", "en": "O points earned"},
    "score.col.google": {"zh": "0–1分", "en": "0–1 score"},
    "score.title": {"zh": "{team}：{period}考核", "en": "{team}: review {period}"},
    "score.earned": {"zh": "KR得分", "en": "Points earned"},
    "score.deducted": {"zh": "减分", "en": "Deductions"},
    "score.total": {"zh": "总分", "en": "Total"},
    "score.grade": {"zh": "等级", "en": "Grade"},
    "score.no_grade": {"zh": "（本案例未设等级）", "en": "(no grade bands in this case)"},
    "score.google": {"zh": "谷歌0–1分", "en": "Google 0–1 score"},
    "score.deduction_line": {
        "zh": "{kr} {text}：{n}次 × {penalty}分 = {off}分（上限{cap}）",
        "en": "{kr} {text}: {n} × {penalty} = {off} points off (cap {cap})",
    },
    "score.provisional": {
        "zh": "暂定：{n}个KR未评分——{items}",
        "en": "provisional: {n} KR(s) not scored — {items}",
    },
    "score.done": {"zh": "完成", "en": "done"},
    "score.not_done": {"zh": "未完成", "en": "not done"},
    "score.actual_bad": {
        "zh": "{kr}的实际值无效：{error}",
        "en": "{kr}: not a valid actual: {error}",
    },
    "unscored.no_actual": {"zh": "缺实际值", "en": "no actual"},
    "unscored.no_target": {"zh": "缺目标值", "en": "no target"},
    "unscored.no_weight": {"zh": "缺权重", "en": "no weight"},
    "unscored.flat": {"zh": "目标值等于基线", "en": "target equals the baseline"},
    "unscored.bad_target": {"zh": "目标值须大于0", "en": "target must be above 0"},
    "unscored.no_penalty": {"zh": "减分项未设每次扣分", "en": "no penalty per incident set"},
    "google.red": {"zh": "红", "en": "red"},
    "google.yellow": {"zh": "黄", "en": "yellow"},
    "google.green": {"zh": "绿", "en": "green"},
}


def t(key: str, lang: str = "zh", **values) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en'), with ``{names}`` filled."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; expected one of {', '.join(LANGS)}")
    label = LABELS[key][lang]
    return label.format(**values) if values else label


def check_lang(lang: str) -> str:
    """Return ``lang`` when supported, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; expected one of {', '.join(LANGS)}")
    return lang
