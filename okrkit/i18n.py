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
    # Directions as the coach words them (OKR304); the draft keeps the internal value.
    "direction.increase": {"zh": "提高", "en": "increase"},
    "direction.decrease": {"zh": "降低", "en": "decrease"},
    "direction.at_most": {"zh": "不超过", "en": "at most"},
    "direction.at_least": {"zh": "不少于", "en": "at least"},
    "direction.milestone": {"zh": "里程碑", "en": "milestone"},
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
        "en": "{n} key result weights still blank",
    },
    "report.weights.blanks.one": {
        "zh": "1个关键成果的权重待填",
        "en": "1 key result weight still blank",
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
        "en": "provisional: {n} key results not scored",
    },
    "report.score.provisional.one": {
        "zh": "暂定：1个关键成果未评分",
        "en": "provisional: 1 key result not scored",
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
    "index.notice.stale": {
        "zh": "{n}份报告的输入已改变，报告已过期：请重新运行 okrkit report",
        "en": "{n} reports are out of date (their inputs changed): run okrkit report again",
    },
    "cli.pack.done": {
        "zh": "离线安装包（{platform}，{n}个安装文件）：{out}；请先读其中的 README.txt",
        "en": "Offline installer ({platform}, {n} wheels): {out}; start with its README.txt",
    },
    "cli.report.failed": {
        "zh": "{failed}/{n}个团队的报告失败（其笔记本保留了错误）：",
        "en": "{failed} of {n} team reports failed (their notebooks keep the error):",
    },
    # -- CLI (cli.py)
    "cli.valid": {
        "zh": "{case}：校验通过（{teams}个团队，{krs}个关键成果）",
        "en": "{case}: valid ({teams} teams, {krs} key results)",
    },
    "cli.invalid": {"zh": "{case}：发现{n}个问题", "en": "{case}: {n} problems found"},
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
    "score.not_rated": {
        "zh": "未评分（没有任何实际值）",
        "en": "not rated (no actual given)",
    },
    "score.google": {"zh": "谷歌0–1分", "en": "Google 0–1 score"},
    "score.deduction_line": {
        "zh": "{kr} {text}：{n}次 × {penalty}分 = {off}分（上限{cap}）",
        "en": "{kr} {text}: {n} × {penalty} = {off} points off (cap {cap})",
    },
    "score.provisional": {
        "zh": "暂定：{n}个KR未评分——{items}",
        "en": "provisional: {n} KRs not scored — {items}",
    },
    "score.provisional.one": {
        "zh": "暂定：1个KR未评分——{items}",
        "en": "provisional: 1 KR not scored — {items}",
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
    # -- decompose: funnel, split, cascade, sensitivity (funnel.py, decompose.py, align.py)
    "funnel.none": {
        "zh": "案例{case}没有funnel:（漏斗）设定",
        "en": "case {case} has no funnel: block",
    },
    "funnel.unknown_stage": {
        "zh": "漏斗中没有阶段“{stage}”（可选：{known}）",
        "en": "no funnel stage {stage!r} (stages: {known})",
    },
    "funnel.unknown_assumption": {
        "zh": "没有这个假设：{key}（应为 阶段.rate 或 阶段.other_share）",
        "en": "no assumption {key!r} (expected <stage>.rate or <stage>.other_share)",
    },
    "funnel.no_calendar": {
        "zh": "漏斗的calendar没有给出每年的工作{cadence}数",
        "en": "the funnel's calendar gives no working {cadence}s per year",
    },
    "funnel.bad_target": {
        "zh": "销售目标无效：{found}（应为0或以上的数字）",
        "en": "the revenue target is not usable: {found} (expected a number of 0 or more)",
    },
    "funnel.bad_headcount": {
        "zh": "人数无效：{found}（应为1或以上的整数）",
        "en": "the head count is not usable: {found} (expected a whole number of 1 or more)",
    },
    "funnel.bad_rate": {
        "zh": "“{name}”为{found}：必须大于0，否则需要无限多的活动（阶段{stage}）",
        "en": "{name} is {found}: it must be more than 0, or the activity needed is infinite (stage {stage})",
    },
    "funnel.rate_over_100": {
        "zh": "“{name}”为{found}：比率不能超过100%（阶段{stage}）",
        "en": "{name} is {found}: a rate cannot exceed 100% (stage {stage})",
    },
    "funnel.bad_share": {
        "zh": "“{name}”为{found}：应在0%到100%之间（不含100%）（阶段{stage}）",
        "en": "{name} is {found}: expected from 0% up to, not including, 100% (stage {stage})",
    },
    "funnel.no_team_target": {
        "zh": "团队{team}没有销售目标（sales_target或结果KR的目标）",
        "en": "team {team} has no revenue target (sales_target or a result KR's target)",
    },
    "funnel.no_objective": {
        "zh": "团队{team}没有目标，无法加入关键成果",
        "en": "team {team} has no objective to add key results to",
    },
    "funnel.kr_template": {"zh": "每{cadence}{n}{name}", "en": "{n} {name} a {cadence}"},
    "funnel.result_template": {
        "zh": "销售指标完成率100%（{target}{unit}）",
        "en": "Sales target 100% reached ({target} x {unit})",
    },
    "cadence.day": {"zh": "天", "en": "day"},
    "cadence.week": {"zh": "周", "en": "week"},
    "cadence.month": {"zh": "月", "en": "month"},
    "cadence.quarter": {"zh": "季度", "en": "quarter"},
    "cadence.year": {"zh": "年", "en": "year"},
    "split.no_rule": {
        "zh": "split:中没有{team}的分解规则",
        "en": "the split: block has no rule for {team}",
    },
    "split.no_target": {
        "zh": "{team}没有可分解的销售目标",
        "en": "{team} has no revenue target to split",
    },
    "sens.assumption": {"zh": "假设", "en": "assumption"},
    "sens.value": {"zh": "当前值", "en": "value"},
    "sens.improved": {"zh": "改善{step}后", "en": "improved {step}"},
    "cascade.covered": {
        "zh": "{parent}{target}：下级合计{total}（{coverage}），正好覆盖",
        "en": "{parent}, target {target}: the children add to {total} ({coverage}), exactly covered",
    },
    "cascade.shortfall": {
        "zh": "{parent}{target}：下级合计{total}（{coverage}），缺口{gap}",
        "en": "{parent}, target {target}: the children add to {total} ({coverage}), a shortfall of {gap}",
    },
    "cascade.buffer": {
        "zh": "{parent}{target}：下级合计{total}（{coverage}），有意预留缓冲{gap}（设定缓冲{buffer}）",
        "en": "{parent}, target {target}: the children add to {total} ({coverage}), a deliberate buffer of {gap} (declared buffer {buffer})",
    },
    "cascade.excess": {
        "zh": "{parent}{target}：下级合计{total}（{coverage}），超出{gap}，但未设定缓冲",
        "en": "{parent}, target {target}: the children add to {total} ({coverage}), {gap} more than the target with no buffer declared",
    },
    "cascade.missing": {
        "zh": "{parent}{target}：下级{missing}没有销售目标，无法核对",
        "en": "{parent}, target {target}: {missing} declare no revenue target, so the cascade cannot be checked",
    },
    "steps.top": {
        "zh": "{i}. {name}：{target}{unit}（{headcount}人）",
        "en": "{i}. {name}: {target} ({unit}), headcount {headcount}",
    },
    "steps.top.team": {
        "zh": "{i}. {name}：{target}{unit}（全部门合计）",
        "en": "{i}. {name}: {target} ({unit}), the whole team",
    },
    "steps.share": {
        "zh": " × (1 − {share}，{share_name})",
        "en": " × (1 − {share}, {share_name})",
    },
    "steps.divide": {"zh": " ÷ {rate}（{rate_name}）", "en": " ÷ {rate} ({rate_name})"},
    "steps.stage": {
        "zh": "{i}. {name} = {formula} = 每年{per_year}",
        "en": "{i}. {name} = {formula} = {per_year} a year",
    },
    "steps.period": {
        "zh": "；每人每{cadence}：{per_person} ÷ {periods} = {exact} → 目标{target}{unit}",
        "en": "; per person a {cadence}: {per_person} ÷ {periods} = {exact} → target {target} {unit}",
    },
    "steps.period.team": {
        "zh": "；全部门每{cadence}：{per_person} ÷ {periods} = {exact} → 目标{target}{unit}",
        "en": "; the whole team a {cadence}: {per_person} ÷ {periods} = {exact} → target {target} {unit}",
    },
    "steps.rounding.team": {
        "zh": "取整规则：每周期向上取整到整数，目标只会略多于所需，绝不少于所需。",
        "en": "Rounding: per cadence, up to a whole unit; a target may supply a little more, never less.",
    },
    "steps.rounding": {
        "zh": "取整规则：每人每周期向上取整到整数，目标只会略多于所需，绝不少于所需。",
        "en": "Rounding: per person per cadence, up to a whole unit; a target may supply a little more, never less.",
    },
    "col.stage": {"zh": "阶段", "en": "Stage"},
    "col.per_year": {"zh": "每年所需（全队）", "en": "Needed a year (team)"},
    "col.cadence": {"zh": "周期", "en": "Cadence"},
    "col.exact": {"zh": "每人每周期（精确）", "en": "Per person per cadence (exact)"},
    "col.exact.team": {"zh": "全部门每周期（精确）", "en": "Whole team per cadence (exact)"},
    "col.target": {"zh": "目标（向上取整）", "en": "Target (rounded up)"},
    "col.kind": {"zh": "类型", "en": "Kind"},
    "col.evidence": {"zh": "核实依据", "en": "Evidence"},
    "col.declared": {"zh": "已声明", "en": "Declared"},
    "col.required": {"zh": "所需", "en": "Needed"},
    "col.revenue": {"zh": "可支撑销售额", "en": "Revenue it supplies"},
    "col.supplies": {"zh": "占目标", "en": "Of target"},
    "col.part": {"zh": "承接方", "en": "Part"},
    "col.basis": {"zh": "计算依据", "en": "Basis"},
    "col.amount": {"zh": "金额", "en": "Amount"},
    "col.check": {"zh": "一致", "en": "Agrees"},
    "split.kind.team": {"zh": "团队", "en": "team"},
    "split.kind.channel": {"zh": "渠道", "en": "channel"},
    "supply.ok": {
        "zh": "这些活动目标可支撑销售目标的{ratio}（{supplied} / {target}），足以完成结果KR；最紧的一项：{stage}",
        "en": "These activity targets produce {ratio} of the sales target ({supplied} / {target}): enough for the result KR; the tightest: {stage}",
    },
    "supply.short": {
        "zh": "这些活动目标只能支撑销售目标的{ratio}（{supplied} / {target}），不足以完成结果KR；瓶颈：{stage}",
        "en": "These activity targets produce only {ratio} of the sales target ({supplied} / {target}): not enough for the result KR; the bottleneck: {stage}",
    },
    "supply.none": {
        "zh": "{team}没有计入漏斗阶段的过程KR",
        "en": "{team} has no process KR that counts a funnel stage",
    },
    # -- okrkit decompose (commands/decompose.py)
    "dec.title": {
        "zh": "{case} · {team}：从KPI到关键过程",
        "en": "{case} · {team}: from the KPI to the key processes",
    },
    "dec.split": {"zh": "一、目标分解（自上而下）", "en": "1. The top-down split"},
    "dec.split_of": {"zh": "{parent}（{method}）", "en": "{parent} ({method})"},
    "dec.funnel": {
        "zh": "二、反向漏斗：{team}的{target}{unit}需要多少活动",
        "en": "2. The reverse funnel: the activity {team}'s {target} ({unit}) needs",
    },
    "dec.table": {"zh": "所需活动", "en": "Required activity"},
    "dec.forward": {
        "zh": "三、正向核对：已声明的过程KR能支撑多少",
        "en": "3. The forward check: what the declared process KRs supply",
    },
    "dec.generated": {
        "zh": "四、生成的关键成果（建议权重）",
        "en": "4. Generated key results (suggested weights)",
    },
    "dec.sensitivity": {
        "zh": "五、敏感度：每个假设改善{step}时所需活动的变化",
        "en": "5. Sensitivity: how the required activity moves when one assumption improves by {step}",
    },
    "dec.lever": {
        "zh": "最大的杠杆：{name}（{stage}{change}）",
        "en": "Biggest lever: {name} ({stage} {change})",
    },
    "dec.no_split": {"zh": "（案例没有split:设定）", "en": "(the case has no split: block)"},
    "method.share": {"zh": "按比例", "en": "by share"},
    "method.headcount": {"zh": "按人数", "en": "by headcount"},
    "method.amount": {"zh": "按指定金额", "en": "by explicit amounts"},
    # -- decompose charts (charts/funnel.py)
    "chart.funnel.title": {
        "zh": "{name}{target}{unit}：每年所需与每人目标",
        "en": "{name} {target} ({unit}): needed a year, and each person's target",
    },
    "chart.funnel.bar": {"zh": "{name}  每年{per_year}", "en": "{name}: {per_year} a year"},
    "chart.funnel.target": {
        "zh": "  |  每{cadence}{target}{unit}",
        "en": "  |  {target} {unit} a {cadence}",
    },
    "chart.cascade.title": {
        "zh": "目标分解：{kpi}{target}{unit}",
        "en": "The cascade: {kpi} {target}{unit}",
    },
    "chart.cascade.covered": {"zh": "下级合计{coverage}", "en": "children {coverage}"},
    "chart.cascade.buffer": {
        "zh": "下级合计{coverage}（缓冲）",
        "en": "children {coverage} (buffer)",
    },
    "chart.cascade.shortfall": {
        "zh": "下级合计{coverage}（缺口）",
        "en": "children {coverage} (short)",
    },
    "chart.cascade.excess": {
        "zh": "下级合计{coverage}（超出）",
        "en": "children {coverage} (excess)",
    },
    "chart.cascade.missing": {"zh": "下级目标不全", "en": "children's targets missing"},
    "chart.tornado.title": {
        "zh": "哪个假设是最大的杠杆（±10%）",
        "en": "Which assumption is the biggest lever (±10%)",
    },
    "chart.tornado.x": {
        "zh": "所需{stage}的变化（%）\n绿色：假设改善10%；红色：假设变差10%",
        "en": "change in {stage} needed (%)\ngreen: the assumption improves 10%; red: it worsens 10%",
    },
    # -- funnel explorer (widgets/funnel.py)
    "fx.target": {"zh": "销售目标（{unit}）", "en": "Revenue target ({unit})"},
    "fx.headcount": {"zh": "人数", "en": "Head count"},
    "fx.apply": {"zh": "把生成的关键成果加入团队", "en": "Apply the generated KRs to the team"},
    "fx.kept": {
        "zh": "表格和图仍显示上一次有效输入的结果。",
        "en": "The table and chart still show the last valid input.",
    },
    "fx.declared": {"zh": "团队当前的过程KR：", "en": "The team's current process KRs: "},
    "fx.cannot_apply": {
        "zh": "输入无效，暂不能加入关键成果；请先修正上面的提示。",
        "en": "The input is not valid, so nothing can be applied; fix the message above first.",
    },
    "fx.applied": {
        "zh": "已把生成的关键成果加入{team}（仅在内存中，尚未保存）；权重合计{total}%。",
        "en": "The generated KRs are now in {team} (in memory only, not saved); weights add to {total}%.",
    },
    # -- the manager's page (widgets/app.py, commands/app.py)
    "app.title": {"zh": "OKR工作台", "en": "OKR workbench"},
    "app.team": {"zh": "团队", "en": "Team"},
    "app.tab_weights": {"zh": "权重调整", "en": "Weights"},
    "app.tab_drafting": {"zh": "起草OKR", "en": "Drafting"},
    "app.tab_checkin": {"zh": "进展", "en": "Progress"},
    "app.reloaded": {
        "zh": "已保存；“{tab}”页已按文件重新载入",
        "en": "saved; the {tab} tab was reloaded from the file",
    },
    "app.reloaded_too": {
        "zh": "已按文件重新载入；“{tab}”页也已按文件重新载入",
        "en": "reloaded from the file; the {tab} tab was reloaded from it too",
    },
    "app.no_case": {
        "zh": "没有指定案例目录：请用 okrkit app CASE_DIR 启动（环境变量 {var}）",
        "en": "no case folder given: start the page with okrkit app CASE_DIR (environment variable {var})",
    },
    "app.serving": {
        "zh": "正在 {url} 提供 {case} 的OKR工作台（Ctrl-C 停止）",
        "en": "serving the OKR workbench for {case} at {url} (Ctrl-C stops it)",
    },
    "app.needs_token": {
        "zh": "--host {host} 不是只限本机的（回环）地址。这个页面能改写团队文件，"
        "从网络访问必须带令牌：加上 --token auto（自动生成并打印）或 --token 你的令牌",
        "en": "--host {host} is not a loopback address. The page can change team files, "
        "so reaching it over the network needs a token: add --token auto (one is made "
        "and printed) or --token YOUR-TOKEN",
    },
    "app.bad_token": {
        "zh": "--token 的值不能为空、不能含空白，至少{n}个字符（发现 {found!r}）",
        "en": "--token must be at least {n} characters with no spaces (found {found!r})",
    },
    "app.token_url": {
        "zh": "把这个地址（含令牌）发给团队成员，只发一次，不要公开：{url}",
        "en": "give your team this address (token included); keep it private: {url}",
    },
    # -- the OKR coach, Excel and the drafting widget (lint.py, excel.py, widgets/drafting.py)
    "lint.need_case": {"zh": "请给出案例文件夹", "en": "give a case folder"},
    "lint.none": {"zh": "教练没有发现问题", "en": "The coach found nothing to fix"},
    "lint.severity.error": {"zh": "错误", "en": "error"},
    "lint.severity.warn": {"zh": "提醒", "en": "warning"},
    "excel.exported": {
        "zh": "已导出{n}张表到{path}",
        "en": "exported {n} tables to {path}",
    },
    "excel.exported.one": {"zh": "已导出1张表到{path}", "en": "exported 1 table to {path}"},
    "excel.imported": {
        "zh": "已导入{team}：{objectives}个目标，{krs}个关键成果，写入{path}",
        "en": "imported {team}: {objectives} objectives, {krs} key results, written to {path}",
    },
    "draft.team_id": {"zh": "团队编号", "en": "Team id"},
    "draft.team_name": {"zh": "团队名称", "en": "Team name"},
    "draft.level": {"zh": "层级", "en": "Level"},
    "draft.parent": {"zh": "上级团队", "en": "Parent team"},
    "draft.path": {"zh": "文件", "en": "File"},
    "draft.objective": {"zh": "目标", "en": "Objective"},
    "draft.title": {"zh": "目标 (O)", "en": "Objective (O)"},
    "draft.description": {"zh": "目标详细描述", "en": "Details"},
    "draft.supports": {"zh": "支撑的上级目标", "en": "Supports parent objective"},
    "draft.key_result": {"zh": "关键成果", "en": "Key result"},
    "draft.text": {"zh": "关键成果 (KR)", "en": "Key result (KR)"},
    "draft.kind": {"zh": "类型", "en": "Kind"},
    "draft.target": {"zh": "目标值", "en": "Target"},
    "draft.unit": {"zh": "单位", "en": "Unit"},
    "draft.direction": {"zh": "方向", "en": "Direction"},
    "draft.cadence": {"zh": "频率", "en": "Cadence"},
    "draft.evidence": {"zh": "依据", "en": "Evidence"},
    "draft.weight": {"zh": "KR权重", "en": "KR weight"},
    "draft.feeds": {"zh": "推动的结果KR", "en": "Feeds result KR"},
    "draft.penalty": {"zh": "每次扣分", "en": "Penalty per case"},
    "draft.cap": {"zh": "扣分上限", "en": "Cap"},
    "draft.definition": {"zh": "认定标准", "en": "What counts"},
    "draft.none": {"zh": "（无）", "en": "(none)"},
    "draft.add": {"zh": "添加", "en": "Add"},
    "draft.remove": {"zh": "删除", "en": "Remove"},
    "draft.up": {"zh": "上移", "en": "Up"},
    "draft.down": {"zh": "下移", "en": "Down"},
    "draft.new": {"zh": "新建空白表", "en": "New blank team"},
    "draft.load": {"zh": "载入", "en": "Load"},
    "draft.save": {"zh": "保存", "en": "Save"},
    "draft.saved": {
        "zh": "已保存到{path}（原文件保留为{backup}）",
        "en": "saved to {path} (previous version kept as {backup})",
    },
    "draft.saved_new": {"zh": "已保存到{path}", "en": "saved to {path}"},
    "draft.loaded": {"zh": "已载入{team}", "en": "loaded {team}"},
    # -- a save refused because someone else saved first (widgets/_base.py StaleOffer)
    "save.reload": {"zh": "重新载入（放弃我的修改）", "en": "Reload (drop my edits)"},
    "save.save_as": {"zh": "另存我的版本", "en": "Save mine as a copy"},
    "save.reloaded": {
        "zh": "已重新载入{path}：显示的是磁盘上的版本，你的修改已丢弃",
        "en": "reloaded {path}: this is the version on disk; your edits were dropped",
    },
    "save.copied": {
        "zh": "你的版本已另存为{copy}；{path}保留对方的版本：请对比两个文件后合并",
        "en": "your version is saved as {copy}; {path} keeps the other version: compare the two and merge them",
    },
    "draft.dangling": {
        "zh": "下级团队{child}的{objective}支撑目标{missing}：请保留该目标，或先修改下级的支撑关系",
        "en": "team {child}'s {objective} supports objective {missing}: keep it, or change that link first",
    },
    "draft.invalid": {
        "zh": "{field}：{message}（已保留您输入的内容）",
        "en": "{field}: {message} (what you typed is kept)",
    },
    "draft.findings": {
        "zh": "教练：{errors}个错误，{warnings}个提醒",
        "en": "Coach: errors {errors}, warnings {warnings}",
    },
    "draft.new_objective": {"zh": "新目标", "en": "New objective"},
    "draft.new_key_result": {"zh": "新关键成果", "en": "New key result"},
    # -- the workbook: chapters, navigation and exercises (story.py, workbook/, exercises.py)
    "story.col.no": {"zh": "章", "en": "No."},
    "story.col.chapter": {"zh": "章节", "en": "Chapter"},
    "story.col.goal": {"zh": "目标", "en": "Goal"},
    "story.col.minutes": {"zh": "分钟", "en": "Minutes"},
    "workbook.worksheet.title": {"zh": "OKR计划表练习纸", "en": "OKR plan worksheet"},
    "workbook.worksheet.hint": {
        "zh": "课件原表：在空白处写上目标值、KR权重和O分值；每张表的权重合计100。",
        "en": "The deck's tables: write the targets, KR weights and O points in the blanks;"
        " each table's weights add up to 100.",
    },
    "story.trainer_note": {
        "zh": "培训师 · {minutes}分钟（第{start}–{end}分钟，共{total}分钟）",
        "en": "Trainer · {minutes} min (at {start}–{end} of {total} min)",
    },
    "story.col.kpi": {"zh": "只用KPI", "en": "KPI only"},
    "story.col.okr": {"zh": "OKR", "en": "OKR"},
    "story.col.kind": {"zh": "类型", "en": "Kind"},
    "story.col.count": {"zh": "KR个数", "en": "KRs"},
    "story.col.weight": {"zh": "权重", "en": "Weight"},
    "story.col.result": {"zh": "结果KR", "en": "Result KR"},
    "story.col.result_weight": {"zh": "结果权重", "en": "Result weight"},
    "story.col.processes": {"zh": "支撑它的过程KR", "en": "Processes"},
    "story.col.process_weight": {"zh": "过程权重", "en": "Process weight"},
    "story.col.objective": {"zh": "目标", "en": "Objective"},
    "story.col.supported_by": {"zh": "支撑它的下级目标", "en": "Supported by"},
    "story.col.team_id": {"zh": "编号", "en": "Id"},
    "story.col.team": {"zh": "团队", "en": "Team"},
    "story.col.level": {"zh": "层级", "en": "Level"},
    "story.col.parent": {"zh": "上级", "en": "Team above"},
    "story.col.sales_target": {"zh": "销售指标（{unit}）", "en": "Sales target ({unit})"},
    "whatif.col.rep": {"zh": "销售", "en": "Rep"},
    "whatif.col.total": {"zh": "结果KR占{w}%：总分", "en": "Result KR at {w}%: total"},
    "whatif.col.grade": {"zh": "结果KR占{w}%：等级", "en": "Result KR at {w}%: grade"},
    "whatif.col.incidents": {"zh": "有效投诉（次）", "en": "Valid complaints"},
    "whatif.col.deducted": {"zh": "扣分", "en": "Points off"},
    "whatif.col.final": {"zh": "总分", "en": "Total"},
    "whatif.col.final_grade": {"zh": "等级", "en": "Grade"},
    "overview.col.team": {"zh": "团队", "en": "Team"},
    "overview.col.earned": {"zh": "得分", "en": "Earned"},
    "overview.col.deducted": {"zh": "扣分", "en": "Deducted"},
    "overview.col.total": {"zh": "总分", "en": "Total"},
    "overview.col.grade": {"zh": "等级", "en": "Grade"},
    "overview.col.grade_label": {"zh": "评语", "en": "Meaning"},
    "overview.col.google": {"zh": "谷歌0–1分", "en": "Google 0–1"},
    "overview.col.colour": {"zh": "颜色", "en": "Colour"},
    "overview.colour.red": {"zh": "红", "en": "red"},
    "overview.colour.yellow": {"zh": "黄", "en": "yellow"},
    "overview.colour.green": {"zh": "绿", "en": "green"},
    "nav.prev": {"zh": "上一章", "en": "Previous"},
    "nav.next": {"zh": "下一章", "en": "Next"},
    "nav.contents": {"zh": "目录", "en": "Contents"},
    "nav.goal": {"zh": "本章目标", "en": "Goal"},
    "nav.time": {"zh": "时间：约{minutes}分钟", "en": "Time: about {minutes} minutes"},
    "ex.not_number": {
        "zh": "“{found}”不是数字；请写一个数字，例如 25。",
        "en": "'{found}' is not a number; write a number such as 25.",
    },
    "ex.growth.blank": {
        "zh": "还没有作答：把上面的 None 换成一个百分数，例如 10。",
        "en": "Not answered yet: replace None above with a percent, for example 10.",
    },
    "ex.growth.ok": {
        "zh": "正确：({target} − {baseline}) ÷ {baseline} = {right}%。",
        "en": "Right: ({target} − {baseline}) ÷ {baseline} = {right}%.",
    },
    "ex.growth.ratio": {
        "zh": "{answer}% 是 {target} ÷ {baseline} 的比值；增长是超过100%的那部分。",
        "en": "{answer}% is the ratio {target} ÷ {baseline}; the growth is the part above 100%.",
    },
    "ex.growth.fraction": {
        "zh": "请用百分点书写：写 {right}，不要写 {answer}。",
        "en": "Write percent points: {right}, not {answer}.",
    },
    "ex.growth.of_target": {
        "zh": "{answer}% 是用增量除以今年的目标 {target}；增长率要除以去年的 {baseline}。",
        "en": "{answer}% divides the increase by this year's target {target}; growth is"
        " measured against last year's {baseline}.",
    },
    "ex.growth.amount": {
        "zh": "{answer}{unit} 是增长的金额；它占去年 {baseline}{unit} 的百分之几？",
        "en": "{answer} ({unit}) is the increase in money; what percent of last year's"
        " {baseline} is it?",
    },
    "ex.growth.off": {
        "zh": "增长 {answer}% 时，{baseline} 只变成 {reached}，而目标是 {target}。",
        "en": "Growing {answer}%, {baseline} becomes {reached}, but the target is {target}.",
    },
    "ex.kinds.blank": {
        "zh": '还没有作答：在列表里写上你认为是“过程”的KR编号，例如 ["KR1.1"]。',
        "en": 'Not answered yet: list the ids of the KRs you think are processes, e.g. ["KR1.1"].',
    },
    "ex.kinds.unknown": {
        "zh": "这张表里没有 {ids}；可选的编号：{known}。",
        "en": "This table has no {ids}; its ids are: {known}.",
    },
    "ex.kinds.result_as_process": {
        "zh": "{kr}（{text}）是结果：它说的是要达到什么，而不是每天做什么。",
        "en": "{kr} ({text}) is a result: it says what to reach, not what to do each day.",
    },
    "ex.kinds.deduction": {
        "zh": "{kr}（{text}）是减分项：它不加分，只在出现投诉时扣分。",
        "en": "{kr} ({text}) is a deduction item: it earns nothing and only takes points off.",
    },
    "ex.kinds.missed": {
        "zh": "还漏了{n}个过程：{ids}。提示：找带“每周”“每月”的行动。",
        "en": "{n} processes are still missing: {ids}. Hint: look for actions done every week"
        " or month.",
    },
    "ex.kinds.ok": {
        "zh": "全对：{n}个过程KR，共占{w}分。",
        "en": "All right: {n} process KRs, carrying {w} points in all.",
    },
    "ex.activity.blank": {
        "zh": "还没有作答：把 None 换成你算出的数字。",
        "en": "Not answered yet: replace None with the number you worked out.",
    },
    "ex.activity.ok": {
        "zh": "正确：精确值是{exact}，向上取整为{right}{unit}。",
        "en": "Right: exactly {exact}, rounded up to {right} {unit}.",
    },
    "ex.activity.not_whole": {
        "zh": "{answer}是精确值；一个人做不了零点几{unit}，请向上取整。",
        "en": "{answer} is the exact value; nobody does a fraction of one of the {unit}: round up.",
    },
    "ex.activity.rounded_down": {
        "zh": "{exact}向下取整成{answer}就不够了：目标要向上取整。",
        "en": "Rounding {exact} down to {answer} falls short of the target: round up.",
    },
    "ex.activity.per_year": {
        "zh": "{answer}是全年的总数；KR要写成每个周期（每周或每月）的数。",
        "en": "{answer} is the whole year's total; the KR counts per week or month.",
    },
    "ex.activity.wrong_period": {
        "zh": "{answer}用错了周期：全年{year}要除以这个KR的周期数（每周还是每月？）。",
        "en": "{answer} uses the wrong period: divide the year's {year} by this KR's periods"
        " (a week or a month?).",
    },
    "ex.activity.no_other_share": {
        "zh": "{answer}把所有项目机会都算成了来自新客户；有一部分来自老客户回访。",
        "en": "{answer} counts every opportunity as coming from new customers; part of them"
        " come from revisiting old customers.",
    },
    "ex.activity.off": {
        "zh": "按{answer}{unit}计算，漏斗带来的是{produced}，而目标是{target}。",
        "en": "With {answer} {unit}, the funnel produces {produced}, but the target is {target}.",
    },
    "ex.tie.blank": {
        "zh": "还没有作答：把 None 换成一个权重，例如 30。",
        "en": "Not answered yet: replace None with a weight, for example 30.",
    },
    "ex.tie.invalid": {
        "zh": "“{found}”不是权重；请写0到100之间的数，例如 30。",
        "en": "'{found}' is not a weight; write a number from 0 to 100, such as 30.",
    },
    "ex.tie.ok": {
        "zh": "正确：结果KR占到{right}%时，运气好的销售就追平了勤奋的销售。",
        "en": "Right: with the result KR at {right}%, the lucky rep draws level with the diligent one.",
    },
    "ex.tie.too_low": {
        "zh": "结果KR占{answer}%时，勤奋的销售仍领先{gap}分；再调高一些。",
        "en": "With the result KR at {answer}%, the diligent rep still leads by {gap} points;"
        " go higher.",
    },
    "ex.tie.too_high": {
        "zh": "结果KR占{answer}%时，运气好的销售已经领先{gap}分；更低的权重就已经追平了。",
        "en": "With the result KR at {answer}%, the lucky rep already leads by {gap} points;"
        " they draw level at a lower weight.",
    },
    "ex.completion.blank": {
        "zh": "还没有作答：把 None 换成完成率（百分点，例如 50）。",
        "en": "Not answered yet: replace None with the completion (percent points, e.g. 50).",
    },
    "ex.completion.ok": {
        "zh": "正确：({baseline} − {actual}) ÷ ({baseline} − {target}) = {right}%。",
        "en": "Right: ({baseline} − {actual}) ÷ ({baseline} − {target}) = {right}%.",
    },
    "ex.completion.ratio": {
        "zh": "{answer}% 是实际值和目标值直接相除；这是一个“降低”的KR，要看从{baseline}降了多少。",
        "en": "{answer}% divides actual and target directly; this KR is a decrease, so measure"
        " how far it came down from {baseline}.",
    },
    "ex.completion.of_baseline": {
        "zh": "{answer}% 是降幅占基数{baseline}的比例；要和计划的降幅（{baseline} − {target}）相比。",
        "en": "{answer}% is the drop as a share of the baseline {baseline}; compare it with the"
        " planned drop ({baseline} − {target}).",
    },
    "ex.completion.off": {
        "zh": "{answer}% 不对：计划从{baseline}降到{target}，实际降到{actual}。",
        "en": "{answer}% is not it: the plan was {baseline} down to {target}; it came down to"
        " {actual}.",
    },
    # chapter 05: what counts as an effective call; chapter 09: the rate needed
    "ex.calls.blank": {
        "zh": "还没有作答：把 None 换成这一天的有效电话个数。",
        "en": "Not answered yet: replace None with that day's number of effective calls.",
    },
    "ex.calls.ok": {
        "zh": "正确：{right}个有效电话——只有通话不少于{seconds}秒、时长读得出来的电话才算。",
        "en": "Right: {right} effective calls — only a call of at least {seconds} seconds, with a"
        " readable duration, counts.",
    },
    "ex.calls.all_rows": {
        "zh": "{answer}是这一天全部的跟进记录；微信和现场拜访不是电话（拜访以打卡为准）。",
        "en": "{answer} is every follow-up of the day; 微信 and on-site visits are not calls"
        " (visits count from the check-ins).",
    },
    "ex.calls.all_calls": {
        "zh": "{answer}是全部电话；不到{seconds}秒的电话和“约290秒”这种读不出的时长都不算有效电话。",
        "en": "{answer} is every call; a call under {seconds} seconds, or a duration that is not"
        " a number (约290秒), is not an effective call.",
    },
    "ex.calls.off": {
        "zh": "{answer}不对：逐行看方式和通话时长，只数不少于{seconds}秒的电话。",
        "en": "{answer} is not it: read the channel and duration row by row and count only calls"
        " of at least {seconds} seconds.",
    },
    "ex.needed.blank": {
        "zh": "还没有作答：把 None 换成此后每周需要完成的数（{unit}）。",
        "en": "Not answered yet: replace None with what each remaining week must bring ({unit}).",
    },
    "ex.needed.ok": {
        "zh": "正确：(目标 {target} − 已完成 {actual}) ÷ 剩余 {weeks} 周 ≈ {right} {unit}/周。",
        "en": "Right: (target {target} − done {actual}) ÷ {weeks} weeks left ≈ {right} {unit} a week.",
    },
    "ex.needed.run_rate": {
        "zh": "{answer}是到目前为止的平均速度；要问的是此后每周需要多少才能达到目标{target}。",
        "en": "{answer} is the pace so far; the question is what each remaining week must bring"
        " to reach {target}.",
    },
    "ex.needed.whole_year": {
        "zh": "{answer}是把全年目标平均到每周；已经完成的{actual}要先减掉，再除以剩余的{weeks}周。",
        "en": "{answer} spreads the whole target over the year; take off the {actual} already"
        " done, then divide by the {weeks} weeks left.",
    },
    "ex.needed.off": {
        "zh": "{answer}不对：还差 {target} − {actual}，剩余{weeks}周。",
        "en": "{answer} is not it: {target} − {actual} is still missing, with {weeks} weeks left.",
    },
    # chapter 06: which stage of the funnel should a rep be coached on?
    "ex.stage.blank": {
        "zh": "还没有作答：把 None 换成要辅导的那一环（{stages}）。",
        "en": "Not answered yet: replace None with the stage to coach ({stages}).",
    },
    "ex.stage.unknown": {
        "zh": "漏斗里没有“{answer}”这一环；可选：{stages}。",
        "en": "The funnel has no stage '{answer}'; choose one of: {stages}.",
    },
    "ex.stage.ok": {
        "zh": "正确：{who}的{stage}只有{rep}，团队是{team}，整个90%区间都在团队之下；其他环节与团队相当。辅导这一环。",
        "en": "Right: {who}'s {stage} is {rep} against the team's {team}, his whole 90% interval"
        " below it, while his other stages are like the team's. Coach that one.",
    },
    "ex.stage.like_team": {
        "zh": "{who}的{stage}是{rep}，团队是{team}，在他的90%区间之内：这一环和团队一样，辅导它帮不上忙。",
        "en": "{who}'s {stage} is {rep} against the team's {team}, inside his 90% interval: this"
        " stage is like the team's, so coaching it would not help.",
    },
    "ex.stage.off": {
        "zh": "{who}的{stage}是{rep}，团队是{team}：差距还说不清。找整个区间都在团队之下的那一环。",
        "en": "{who}'s {stage} is {rep} against the team's {team}: the gap is not clear. Look for"
        " the stage whose whole interval lies below the team's.",
    },
    "ex.stage.none": {
        "zh": "{who}没有哪一环明显落后于团队：这次不需要针对某一环辅导。",
        "en": "No stage of {who}'s falls clearly behind the team's: there is no one stage to coach.",
    },
    "ex.coach.finding": {
        "zh": "{code} {name}（{where}）：{message}。建议：{hint}",
        "en": "{code} {name} ({where}): {message}. Fix: {hint}",
    },
    "ex.coach.empty": {
        "zh": "还有{n}处没有写文字：{ids}。先用你自己的话写下目标和关键成果。",
        "en": "{n} texts are still empty: {ids}. Write the objective and key results in your"
        " own words first.",
    },
    "ex.coach.ok": {
        "zh": "教练没有发现错误：{o}个目标，{k}个关键成果，权重合计{total}。",
        "en": "The coach finds no error (objectives: {o}, key results: {k}, weights adding to"
        " {total}).",
    },
    "ex.feeds.blank": {
        "zh": "还有{n}个过程没有连到结果：{ids}。",
        "en": "{n} processes are not linked to a result yet: {ids}.",
    },
    "ex.feeds.not_process": {
        "zh": "{kr} 不是这张表里的过程KR；要连线的过程是：{known}。",
        "en": "{kr} is not a process KR of this table; the processes to link are: {known}.",
    },
    "ex.feeds.unknown": {
        "zh": "{kr} → {target}：这张表里没有 {target}；结果KR有：{results}。",
        "en": "{kr} → {target}: this table has no {target}; its results are: {results}.",
    },
    "ex.feeds.to_process": {
        "zh": "{kr} → {target}：{target} 本身也是过程；过程要连到它所产生的结果上。",
        "en": "{kr} → {target}: {target} is itself a process; link a process to the result"
        " it produces.",
    },
    "ex.feeds.other_objective": {
        "zh": "{kr} → {target}：{target} 属于另一个目标（{objective}）；过程通常支撑同一个目标下的结果。",
        "en": "{kr} → {target}: {target} belongs to another objective ({objective}); a"
        " process usually feeds a result of its own objective.",
    },
    "ex.feeds.differs": {
        "zh": "{kr} → {target}：案例里它支撑的是 {right}；讨论一下哪种说法更有道理。",
        "en": "{kr} → {target}: the case links it to {right}; discuss which reading holds.",
    },
    "ex.feeds.ok": {
        "zh": "全对：{n}个过程都连到了它们产生的结果。",
        "en": "All right: all {n} processes are linked to the results they produce.",
    },
    "ex.targets.count": {
        "zh": "你写了{found}个目标值，表里有{expected}个关键成果：按表格顺序每个KR写一个。",
        "en": "You wrote {found} targets and the table has {expected} key results: one per KR,"
        " in table order.",
    },
    "ex.weights.count": {
        "zh": "你写了{found}个权重，表里有{expected}个关键成果：按表格顺序每个KR写一个。",
        "en": "You wrote {found} weights and the table has {expected} key results: one per KR,"
        " in table order.",
    },
    "ex.targets.blank": {
        "zh": "还有{n}个目标是空白：{ids}。",
        "en": "{n} targets are still blank: {ids}.",
    },
    "ex.weights.blank": {
        "zh": "还有{n}个权重是空白：{ids}。",
        "en": "{n} weights are still blank: {ids}.",
    },
    "ex.target.not_number": {
        "zh": "{kr}：“{found}”不是数字；请写一个数字，例如 20。",
        "en": "{kr}: '{found}' is not a number; write a number such as 20.",
    },
    "ex.target.zero": {
        "zh": "{kr}：目标为0，等于什么都不要求。",
        "en": "{kr}: a target of 0 asks for nothing.",
    },
    "ex.target.sign": {
        "zh": "{kr}：KR的文字已经说明了增减方向，请写 {abs}，不要写 {value}。",
        "en": "{kr}: the KR's words already say up or down; write {abs}, not {value}.",
    },
    "ex.target.negative": {
        "zh": "{kr}：{value} 是负数；这个KR需要一个正的百分数。",
        "en": "{kr}: {value} is negative; this KR needs a positive percent.",
    },
    "ex.target.over": {
        "zh": "{kr}：{value}% 超过了100%；完成率、保有率这类指标最多是100。",
        "en": "{kr}: {value}% is more than 100%; a completion or retention rate is at most 100.",
    },
    "ex.target.fraction": {
        "zh": "{kr}：{value} 会被读作 {value}%；如果你想写 {pct}%，请写 {pct}。",
        "en": "{kr}: {value} reads as {value}%; if you mean {pct}%, write {pct}.",
    },
    "ex.targets.ok": {
        "zh": "{n}个目标值都已填写，方向和范围都合理。",
        "en": "All {n} targets are filled in, with sensible directions and ranges.",
    },
    "ex.weight.invalid": {
        "zh": "{kr}：“{found}”不是权重；请写0到100之间的百分点，例如 15 或 15%。",
        "en": "{kr}: '{found}' is not a weight; write percent points from 0 to 100, such as 15"
        " or 15%.",
    },
    "ex.weight.zero": {
        "zh": "{kr}：权重为0，这个KR不会有人去做；删掉它，或者至少给5分。",
        "en": "{kr}: a weight of 0 means nobody will work on it; drop it or give it at least 5.",
    },
    "ex.weight.tiny": {
        "zh": "{kr}：只有{w}分，太小，起不到引导作用；课件里最小的权重是5%。",
        "en": "{kr}: {w} points is too little to steer anyone; the deck's smallest weight is 5%.",
    },
    "ex.weight.dominant": {
        "zh": "{kr}：占了{w}分，一个KR几乎决定了整张表。",
        "en": "{kr}: {w} points; one KR all but decides the whole table.",
    },
    "ex.weights.short": {
        "zh": "权重合计{total}，应为100：还差{gap}分。",
        "en": "The weights add to {total}; expected 100: {gap} points are missing.",
    },
    "ex.weights.over": {
        "zh": "权重合计{total}，应为100：多了{gap}分。",
        "en": "The weights add to {total}; expected 100: {gap} points too many.",
    },
    "ex.weights.empty_objective": {
        "zh": "{o}（{title}）一分都没有：不占分的目标不会有人去做。",
        "en": "{o} ({title}) carries no points: an objective worth nothing will not be worked on.",
    },
    "ex.weights.ok": {
        "zh": "权重合计100，每个目标都有分值：{points}。",
        "en": "The weights add to 100 and every objective carries points: {points}.",
    },
    # -- bilingual errors around loading, the CLI, the app page and reports
    #    (cli.py, widgets/app.py, report/batch.py, report/execute.py)
    "cli.problems": {
        "zh": "okrkit {command}：共{n}个问题；没有写入任何文件。",
        "en": "okrkit {command}: {n} problems; nothing was written.",
    },
    "cli.problem": {
        "zh": "okrkit {command}：共1个问题；没有写入任何文件。",
        "en": "okrkit {command}: 1 problem; nothing was written.",
    },
    "app.bad_lang": {
        "zh": "不支持语言 {code}；可选：{langs}",
        "en": "language {code} is not supported; expected one of {langs}",
    },
    "report.progress.failed": {"zh": "{n}个失败", "en": "{n} failed"},
    "report.kernel_not_started": {
        "zh": "内核没有启动：{error}",
        "en": "kernel did not start: {error}",
    },
    "report.html_failed": {"zh": "HTML导出失败：{error}", "en": "HTML export: {error}"},
    # -- a batch that tells the truth (commands/report.py, report/summary.py)
    "index.invalid": {"zh": "文件有问题，未生成", "en": "invalid, not run"},
    "index.pending": {"zh": "未完成", "en": "not done"},
    "index.summary.invalid": {
        "zh": "，{n}个团队文件有问题（未生成）",
        "en": ", {n} invalid (not run)",
    },
    "index.summary.pending": {"zh": "，{n}份未完成", "en": ", {n} not done"},
    "index.notice.running": {
        "zh": "本次运行尚未完成：{done}/{n}份报告已完成（{time}开始）。"
        "如果没有 okrkit report 正在运行，说明它被中断了；标为“未完成”的团队没有报告。",
        "en": "This run is not complete: {done} of {n} reports done (started {time}). "
        "If no okrkit report is running, it was interrupted; teams marked 'not done' have no report.",
    },
    "index.notice.interrupted": {
        "zh": "运行被中断：{done}/{n}份报告已完成，其余没有生成。",
        "en": "Interrupted: {done} of {n} reports done; the others were not run.",
    },
    "cli.report.interrupted": {
        "zh": "已中断：{done}/{n}份报告已完成。",
        "en": "Interrupted: {done} of {n} reports done.",
    },
    "cli.report.finished": {"zh": "  已完成：{teams}", "en": "  done: {teams}"},
    "cli.report.unfinished": {"zh": "  未完成：{teams}", "en": "  not done: {teams}"},
    "cli.report.invalid": {
        "zh": "{n}个团队文件有问题，没有为它们生成报告：",
        "en": "{n} team files have problems; no report was run for them:",
    },
    "cli.report.invalid.one": {
        "zh": "1个团队文件有问题，没有为它生成报告：",
        "en": "1 team file has problems; no report was run for it:",
    },
}


def t(key: str, lang: str = "zh", **values) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en'), with ``{names}`` filled.

    With ``n=1``, a label ``key.one`` is used where there is one, so English
    says "1 table", not "1 table(s)" (Chinese needs no plural: both say 张).
    """
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; expected one of {', '.join(LANGS)}")
    if values.get("n") == 1 and f"{key}.one" in LABELS:
        key = f"{key}.one"
    label = LABELS[key][lang]
    return label.format(**values) if values else label


class Words:
    """A module's own labels, kept beside its code: ``word = Words({key: (zh, en)})``.

    Screens with a handful of words of their own (a chart's title, a widget's
    buttons) keep them next to the code that shows them, so a translator sees
    them in context; this one lookup serves them all. Entries are ``(zh, en)``
    pairs or ``{"zh": ..., "en": ...}`` dicts; both languages are checked when
    the module is imported, so a missing translation fails at once, not on the
    screen that needs it. ``word(key, lang, **values)`` fills ``{names}``.

    >>> word = Words({"hit": ("达标 {n} 周", "on target {n} weeks")})
    >>> word("hit", "en", n=3)
    'on target 3 weeks'
    """

    def __init__(self, table: dict) -> None:
        self.table = table
        self._pairs: dict[str, tuple[str, str]] = {}
        for key, entry in table.items():
            pair = (entry.get("zh"), entry.get("en")) if isinstance(entry, dict) else tuple(entry)
            if len(pair) != 2 or not all(isinstance(text, str) and text for text in pair):
                raise ValueError(
                    f"label {key!r} needs a Chinese and an English text, got {entry!r}"
                )
            self._pairs[key] = pair

    def __call__(self, key: str, lang: str = "zh", **values) -> str:
        zh, en = self._pairs[key]
        text = zh if check_lang(lang) == "zh" else en
        return text.format(**values) if values else text


def check_lang(lang: str) -> str:
    """Return ``lang`` when supported, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; expected one of {', '.join(LANGS)}")
    return lang
