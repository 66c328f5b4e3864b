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
