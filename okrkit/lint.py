"""The OKR coach: is this a good OKR table? Findings as data, never exceptions.

:func:`lint_team` and :func:`lint_case` run every rule of
:mod:`okrkit.lint_rules` and return :class:`Finding`s — a stable code and name
(``OKR201 weights-do-not-sum``), a severity, the team, a location such as
``O1/KR1.2.weight``, the file and line where known, and a message and a fix
hint in Chinese and English. A case file may change a rule's severity (or
switch it off) and the limits the rules compare with::

    lint:
      OKR601: error              # by code …
      business-as-usual: off     # … or by name
      limits: {weight_floor: 10, max_objectives: 3}

That block is checked when the case loads (it is registered in
``okrkit.cases.SECTION_CHECKS``), so a typo is a located error, not a
silently ignored setting. So is ``method:`` — ``weighted`` (the deck's: every
KR carries percent points adding to 100) or ``unweighted`` (Google's: no
weights, so no weight findings); the coach's summary names the one in force.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from okrkit.errors import ProblemLog
from okrkit.i18n import check_lang, t
from okrkit.lint_rules import Context, Limits, Rule, all_rules
from okrkit.lint_rules._base import index_case
from okrkit.model import Case, Team, Text
from okrkit.readers import shown

SEVERITIES = ("error", "warn", "off")
METHODS = ("weighted", "unweighted")


@dataclass(frozen=True)
class Finding:
    """One thing the coach noticed about one team's OKRs."""

    code: str
    name: str
    severity: str
    team: str
    location: str
    message: Text
    hint: Text
    file: str | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        """``file:line`` (or the team id in angle brackets for an unsaved draft)."""
        place = self.file or f"<{self.team}>"
        return f"{place}:{self.line}" if self.line is not None else place

    def format(self, lang: str = "zh", *, hint: bool = True) -> str:
        """The compiler-style line ``file:line: CODE name: location: message``.

        >>> finding.format("en")  # doctest: +SKIP
        'cases/a-company-deck/teams/gm.yaml:9: OKR301 target-to-fill: O1/KR1.1: ...'

        With ``hint`` the fix and its reason follow on an indented line.
        """
        check_lang(lang)
        location = f"{self.location}: " if self.location else ""
        level = t(f"lint.severity.{self.severity}", lang)
        text = f"{self.where}: {self.code} {self.name}: {level}: {location}{self.message.get(lang)}"
        if hint:
            text += f"\n    {self.hint.get(lang)}"
        return text


@dataclass(frozen=True)
class LintConfig:
    """Severity per rule code and the limits; built from a case's ``lint:`` block."""

    severities: Mapping[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    method: str = "weighted"

    def severity(self, rule: Rule) -> str:
        """The severity in force for ``rule`` (the configured one, else its default)."""
        return self.severities.get(rule.code, rule.severity)


# Limits fields and how to read them (annotations are strings under __future__).
_LIMIT_FIELDS = {f.name: int if f.type in ("int", int) else float for f in fields(Limits)}


def check_lint_section(raw: Any, where, log: ProblemLog) -> None:
    """Check a case's ``lint:`` block, recording located problems (SECTION_CHECKS hook)."""
    if not isinstance(raw, Mapping):
        where.problem(
            log,
            "not a mapping",
            found=shown(raw),
            expected="rule code or name: error | warn | off, and optional limits:",
            zh="应为映射（键: 值）",
            expected_zh="规则代码或名称: error | warn | off，可选 limits:",
        )
        return
    by_key = {r.code: r for r in all_rules()} | {r.name: r for r in all_rules()}
    for key, value in raw.items():
        if key == "limits":
            _check_limits(value, where.at("limits"), log)
            continue
        if key not in by_key:
            where.at(key).problem(
                log,
                f"unknown lint rule {shown(key)}",
                expected="a rule code such as OKR201 or a name such as weights-do-not-sum "
                "(see `okrkit lint --rules`)",
                zh=f"未知的检查规则 {shown(key)}",
                expected_zh="规则代码（如 OKR201）或名称（如 weights-do-not-sum）"
                "（见 `okrkit lint --rules`）",
            )
            continue
        if value not in SEVERITIES:
            where.at(key).problem(
                log,
                "unknown severity",
                found=shown(value),
                expected=" | ".join(SEVERITIES),
                zh="未知的严重级别",
                expected_zh=" | ".join(SEVERITIES),
            )


def check_method_section(raw: Any, where, log: ProblemLog) -> None:
    """Check a case's ``method:`` (weighted | unweighted), recording a located problem."""
    if raw not in METHODS:
        where.problem(
            log,
            "unknown OKR method",
            found=shown(raw),
            expected="weighted (the deck: weights add to 100) | unweighted (Google: no weights)",
            zh="未知的OKR方法",
            expected_zh="weighted（课件：权重合计100）| unweighted（Google：不设权重）",
        )


def _check_limits(raw: Any, where, log: ProblemLog) -> None:
    if not isinstance(raw, Mapping):
        where.problem(
            log,
            "not a mapping",
            found=shown(raw),
            expected="name: number",
            zh="应为映射（键: 值）",
            expected_zh="名称: 数字",
        )
        return
    for key, value in raw.items():
        if key not in _LIMIT_FIELDS:
            where.at(key).problem(
                log,
                f"unknown limit {shown(key)}",
                expected="one of " + ", ".join(_LIMIT_FIELDS),
                zh=f"未知的限值 {shown(key)}",
                expected_zh="以下之一：" + "、".join(_LIMIT_FIELDS),
            )
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            where.at(key).problem(
                log,
                "not a limit",
                found=shown(value),
                expected="a number, 0 or more",
                zh="不是有效的限值",
                expected_zh="数字，0或以上",
            )


def parse_lint_config(raw: Any) -> LintConfig:
    """Turn a (checked) ``lint:`` block into a :class:`LintConfig`.

    >>> parse_lint_config({"business-as-usual": "off"}).severities
    {'OKR502': 'off'}
    """
    if not raw:
        return LintConfig()
    by_key = {r.code: r for r in all_rules()} | {r.name: r for r in all_rules()}
    severities = {}
    limits = Limits()
    for key, value in raw.items():
        if key == "limits":
            limits = replace(
                limits,
                **{k: _LIMIT_FIELDS[k](v) for k, v in (value or {}).items() if k in _LIMIT_FIELDS},
            )
        elif key in by_key and value in SEVERITIES:
            severities[by_key[key].code] = value
    return LintConfig(severities, limits)


def config_of(case: Case | None) -> LintConfig:
    """The lint settings of ``case`` (defaults when it has no ``lint:`` block)."""
    if case is None:
        return LintConfig()
    config = parse_lint_config(case.sections.get("lint"))
    method = case.sections.get("method")
    return replace(config, method=method) if method in METHODS else config


def lint_team(
    team: Team, case: Case | None = None, config: LintConfig | None = None
) -> list[Finding]:
    """Every finding for one team; ``case`` gives alignment rules the teams around it.

    >>> from okrkit import load_case
    >>> deck = load_case("cases/a-company-deck")
    >>> sorted({f.code for f in lint_team(deck.team("gm"), deck)})[:2]
    ['OKR202', 'OKR301']

    Notice that the deck's general-manager table is flagged for its blank
    targets and its missing weights: the workshop's exercise.
    """
    config = config or config_of(case)
    case = index_case(case)  # children looked up, whole-case answers shared
    context = Context(case=case, limits=config.limits, method=config.method)
    file = str(team.source) if team.source is not None else None
    findings = []
    for rule in all_rules():
        severity = config.severity(rule)
        if severity == "off":
            continue
        for hit in rule.check(team, context):
            reason = rule.reason
            hint = Text(
                zh=f"{hit.hint.get('zh')} {reason.get('zh')}",
                en=f"{hit.hint.get('en')} {reason.get('en')}",
            )
            findings.append(
                Finding(
                    rule.code,
                    rule.name,
                    severity,
                    team.id,
                    hit.location,
                    hit.message,
                    hint,
                    file,
                    hit.line,
                )
            )
    return sorted(findings, key=lambda f: (f.line or 0, f.code))


def lint_case(
    case: Case, team_ids: Iterable[str] | None = None, config: LintConfig | None = None
) -> list[Finding]:
    """Findings for every team of ``case`` (or those named), in team order."""
    config = config or config_of(case)
    case = index_case(case)  # once for all teams: the cascade is checked once, not per team
    ids = list(team_ids) if team_ids is not None else list(case.teams)
    findings = []
    for team_id in ids:
        findings.extend(lint_team(case.team(team_id), case, config))
    return findings


def count_findings(findings: Iterable[Finding]) -> dict[str, int]:
    """How many errors and warnings: ``{'error': 3, 'warn': 5}``."""
    counts = Counter(f.severity for f in findings)
    return {"error": counts.get("error", 0), "warn": counts.get("warn", 0)}


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error (the CLI then exits 1)."""
    return any(f.severity == "error" for f in findings)


__all__ = [
    "METHODS",
    "SEVERITIES",
    "Finding",
    "LintConfig",
    "all_rules",
    "check_lint_section",
    "check_method_section",
    "config_of",
    "count_findings",
    "has_errors",
    "lint_case",
    "lint_team",
    "parse_lint_config",
]
