"""The OKR coach's rules, one module per family; importing the package registers them all.

A rule is a function ``check(team, context)`` that yields :class:`Hit`s — a
location, a message and a fix hint, each in Chinese and English. The coach
(:mod:`okrkit.lint`) turns hits into findings with the rule's code, name and
severity. Every hint ends with the rule's reason, so a manager learns *why*:
Doerr's counts (*Measure What Matters*), Google's re:Work guidance on setting
and grading OKRs, or the deck's own method (核心过程成指标，还要注意有权重;
结果细分成过程; 目标之后做分解).

Codes are stable: 1xx structure, 2xx weights, 3xx measurability, 4xx results
and processes, 5xx wording, 6xx alignment, 7xx setting (confidence, deadlines). Rules never raise for a weak OKR.
"""

from okrkit.lint_rules import (  # noqa: F401  (importing registers the rules)
    alignment,
    history,
    measurability,
    results,
    setting,
    structure,
    weights,
    wording,
)
from okrkit.lint_rules._base import Context, Hit, Limits, Rule, all_rules, bi, kr_location
from okrkit.lint_rules.measurability import blank_in

__all__ = ["Context", "Hit", "Limits", "Rule", "all_rules", "bi", "blank_in", "kr_location"]
