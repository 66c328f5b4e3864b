"""How a parent's revenue target reaches its children: the case file's ``split:`` block.

Each parent names a method — ``share`` (percent of its target), ``headcount``
(what channels leave, shared by the children's head count) or ``amount``
(explicit) — plus optional channel parts carried outside the child teams
(A公司's 150 agents and 45 project end users) and a deliberate ``buffer``.
:func:`split_target` gives each child's amount next to the ``sales_target``
its file declares; :mod:`okrkit.align` checks that the parts cover the parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrkit.errors import CaseError, OkrkitError, ProblemLog
from okrkit.i18n import t
from okrkit.model import Case, Team, Text
from okrkit.numbers import parse_percent
from okrkit.readers import parse_or_report, read_id, read_text, report_unknown_fields, shown
from okrkit.yamlio import Where

METHODS = ("share", "headcount", "amount")
RULE_KEYS = {"method", "children", "channels", "buffer"}
CHANNEL_KEYS = {"id", "name", "count", "per_unit", "amount"}


# -- the split: data


@dataclass(frozen=True)
class Channel:
    """A part of a parent's target carried outside its child teams (agents, end users)."""

    id: str
    name: Text
    amount: float
    count: float | None = None
    per_unit: float | None = None


@dataclass(frozen=True)
class SplitRule:
    """How one parent hands its target down; ``buffer`` is a fraction (0.05 = 5%)."""

    parent: str
    method: str
    children: dict  # share: id -> fraction; amount: id -> amount; headcount: id -> None
    channels: tuple[Channel, ...] = ()
    buffer: float = 0.0
    line: int | None = None


@dataclass(frozen=True)
class SplitRow:
    """One child's part of a parent's target: computed by the rule, and as declared."""

    parent: str
    child: str
    kind: str  # "team" or "channel"
    name: Text
    method: str
    basis: Text  # how the amount was reached, e.g. "150 × 20"
    amount: float
    declared: float | None = None  # the team file's sales_target

    @property
    def matches(self) -> bool:
        """True when the team file declares the amount the rule gives (channels always match)."""
        return self.kind == "channel" or (
            self.declared is not None and abs(self.declared - self.amount) < 1e-6
        )


# -- the split: reading the case file's block


def _number(where: Where, log: ProblemLog, what: str, what_zh: str) -> float | None:
    parsed = parse_or_report(where, log)
    if parsed is None:
        return None
    value, percent = parsed
    if percent or value < 0:
        where.problem(
            log,
            "cannot be negative" if value < 0 else "not an amount",
            found=shown(where.node),
            expected=what,
            zh="不能为负数" if value < 0 else "不是金额",
            expected_zh=what_zh,
        )
        return None
    return value


def _share(where: Where, log: ProblemLog) -> float | None:
    try:
        return parse_percent(where.node) / 100
    except ValueError as exc:
        where.problem(
            log,
            "not a share",
            found=shown(where.node),
            expected=str(exc),
            zh="不是有效的比例",
            expected_zh=getattr(exc, "zh", None),
        )
        return None


def _rule(parent: str, where: Where, log: ProblemLog) -> SplitRule | None:
    node = where.node
    if not isinstance(node, dict):
        where.problem(
            log,
            "not a mapping",
            found=shown(node),
            expected="method, children",
            zh="不是映射",
            expected_zh="method 和 children",
        )
        return None
    report_unknown_fields(where, log, RULE_KEYS)
    method = node.get("method")
    if method not in METHODS:
        where.at("method").problem(
            log,
            "unknown split method",
            found=shown(method),
            expected="one of " + ", ".join(METHODS),
            zh="未知的拆分方法",
            expected_zh="以下之一：" + ", ".join(METHODS),
        )
        return None
    children_where = where.at("children")
    raw_children = children_where.node
    children: dict = {}
    if method == "headcount":
        if not isinstance(raw_children, list) or not raw_children:
            children_where.problem(
                log,
                "not a list of team ids",
                found=shown(raw_children),
                expected="[rep-a, rep-b]",
                zh="不是团队id的列表",
                expected_zh="[rep-a, rep-b]",
            )
            return None
        # Each item is a team id: a mapping or a date there is refused, not turned into an id.
        ids = [read_id(children_where.at(i), log, required=True) for i in range(len(raw_children))]
        if None in ids:
            return None
        children = dict.fromkeys(ids)
    else:
        if not isinstance(raw_children, dict) or not raw_children:
            children_where.problem(
                log,
                "not a mapping of team ids",
                found=shown(raw_children),
                expected="team id: " + ("share (such as 40%)" if method == "share" else "amount"),
                zh="不是团队id的映射",
                expected_zh="团队id: " + ("比例（如40%）" if method == "share" else "金额"),
            )
            return None
        for child in raw_children:
            reader = _share if method == "share" else _number
            args = (
                ()
                if method == "share"
                else ("an amount of 0 or more, in the KPI's unit", "0或以上的金额，单位与KPI相同")
            )
            value = reader(children_where.at(child), log, *args)
            children[str(child)] = value
    buffer = 0.0
    if node.get("buffer") is not None:
        buffer = _share(where.at("buffer"), log) or 0.0
    channels = []
    channels_where = where.at("channels")
    if channels_where.node is not None and not isinstance(channels_where.node, list):
        channels_where.problem(
            log,
            "not a list",
            found=shown(channels_where.node),
            expected="a list of channels (lines starting with -)",
            zh="不是列表",
            expected_zh="渠道的列表（以 - 开头的行）",
        )
        return None
    for index in range(len(channels_where.node or [])):
        channel = _channel(channels_where.at(index), log)
        if channel is not None:
            channels.append(channel)
    if any(value is None for value in children.values()) and method != "headcount":
        return None
    return SplitRule(parent, method, children, tuple(channels), buffer, where.line)


def _channel(where: Where, log: ProblemLog) -> Channel | None:
    node = where.node
    if not isinstance(node, dict):
        where.problem(
            log,
            "not a mapping",
            found=shown(node),
            expected="id, name, count, per_unit",
            zh="不是映射",
            expected_zh="id、name、count、per_unit",
        )
        return None
    report_unknown_fields(where, log, CHANNEL_KEYS)
    if not node.get("id"):
        where.at("id").problem(
            log,
            "missing",
            expected="a short id for the channel, such as agents",
            zh="缺少此项",
            expected_zh="渠道的简短id，如agents",
        )
        return None
    text = read_text(where.at("name"), log)  # a list or a date is refused, not kept as the name
    what = ("a number of 0 or more", "0或以上的数字")
    if node.get("amount") is not None:
        amount = _number(where.at("amount"), log, *what)
        return None if amount is None else Channel(str(node.get("id")), text, amount)
    count = _number(where.at("count"), log, *what) if "count" in node else None
    per_unit = _number(where.at("per_unit"), log, *what) if "per_unit" in node else None
    if count is None or per_unit is None:
        if "count" not in node or "per_unit" not in node:
            where.problem(
                log,
                "no amount",
                expected="amount, or count and per_unit",
                zh="没有金额",
                expected_zh="amount，或者count和per_unit",
            )
        return None
    return Channel(str(node.get("id")), text, count * per_unit, count, per_unit)


def parse_split(raw, where: Where, log: ProblemLog) -> dict[str, SplitRule]:
    """Read a ``split:`` block (parent id -> rule); record located problems in ``log``."""
    if not isinstance(raw, dict):
        where.problem(
            log,
            "not a mapping",
            found=shown(raw),
            expected="parent id: rule",
            zh="不是映射",
            expected_zh="上级团队id: 拆分规则",
        )
        return {}
    rules = {}
    for parent in raw:
        rule = _rule(str(parent), where.at(parent), log)
        if rule is not None:
            rules[str(parent)] = rule
    return rules


def check_split(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS entry for ``split:``: record every located problem."""
    parse_split(raw, where, log)


def _case_where(case: Case, name: str) -> Where:
    # The block as loaded keeps ruamel's line marks, so problems found later
    # still point at the line in case.yaml.
    path = case.path / "case.yaml" if case.path else Path("case.yaml")
    return Where(path, name, case.sections.get(name))


def split_rules(case: Case) -> dict[str, SplitRule]:
    """The case's split rules by parent id ({} when the case has no ``split:``)."""
    raw = case.sections.get("split")
    if raw is None:
        return {}
    log = ProblemLog()
    rules = parse_split(raw, _case_where(case, "split"), log)
    log.raise_if_any()
    return rules


def split_problems(case: Case) -> list:
    """Problems only the whole case shows: split naming unknown teams (for lint and the CLI)."""
    log = ProblemLog()
    where = _case_where(case, "split")
    for parent, rule in split_rules(case).items():
        if parent not in case.teams:
            where.at(parent).problem(
                log,
                f"no team {parent!r} in this case",
                expected="one of " + ", ".join(case.teams),
                zh=f"本案例中没有团队 {parent!r}",
                expected_zh="以下之一：" + ", ".join(case.teams),
            )
            continue
        for child in rule.children:
            team = case.teams.get(child)
            if team is None or team.parent != parent:
                known = ", ".join(t.id for t in case.children(parent))
                where.at(parent).at("children").at(child).problem(
                    log,
                    f"{child!r} is not a team under {parent!r}",
                    expected=f"one of {parent}'s child teams: {known or 'none'}",
                    zh=f"{child!r} 不是 {parent!r} 的下级团队",
                    expected_zh=f"{parent}的下级团队之一：{known or '无'}",
                )
    return log.problems


def parent_target(case: Case, team: Team) -> float | None:
    """A team's revenue target: its own ``sales_target``, else the case KPI at the top."""
    if team.sales_target is not None:
        return team.sales_target
    return case.kpi.target if team.parent is None else None


def split_target(case: Case, parent_id: str) -> list[SplitRow]:
    """How ``parent_id``'s target reaches each child, by the case's split rule.

    >>> from okrkit import load_case
    >>> rows = split_target(load_case("cases/a-company"), "sales")
    >>> [(r.child, r.amount) for r in rows][:2]
    [('agents', 3000.0), ('end-users', 1800.0)]

    Notice: channel parts come first; a team row carries both the amount the
    rule gives and the ``declared`` sales_target of its file.
    """
    problems = split_problems(case)
    if problems:
        raise CaseError(problems)
    rule = split_rules(case).get(parent_id)
    if rule is None:
        raise OkrkitError(
            t("split.no_rule", "en", team=parent_id), zh=t("split.no_rule", "zh", team=parent_id)
        )
    parent = case.team(parent_id)
    target = parent_target(case, parent)
    if target is None:
        raise OkrkitError(
            t("split.no_target", "en", team=parent_id),
            zh=t("split.no_target", "zh", team=parent_id),
        )
    rows = [
        SplitRow(
            parent_id,
            ch.id,
            "channel",
            ch.name,
            "channel",
            _channel_basis(ch, case.kpi.unit),
            ch.amount,
        )
        for ch in rule.channels
    ]
    handed_out = target * (1 + rule.buffer)
    if rule.method == "headcount":
        pool = handed_out - sum(ch.amount for ch in rule.channels)
        total_heads = sum(case.team(c).headcount for c in rule.children)
        for child in rule.children:
            heads = case.team(child).headcount
            basis = Text(
                zh=f"({pool:g} × {heads}/{total_heads}人)",
                en=f"({pool:g} × {heads}/{total_heads} people)",
            )
            rows.append(_team_row(case, rule, child, basis, pool * heads / total_heads))
    for child, value in rule.children.items():
        if rule.method == "share":
            basis = Text(zh=f"{target:g} × {value:.0%}", en=f"{target:g} × {value:.0%}")
            rows.append(_team_row(case, rule, child, basis, target * value))
        elif rule.method == "amount":
            basis = Text(zh="指定金额", en="explicit amount")
            rows.append(_team_row(case, rule, child, basis, value))
    return rows


def _channel_basis(channel: Channel, unit: Text) -> Text:
    if channel.count is None:
        return Text(zh="指定金额", en="explicit amount")
    return Text(
        zh=f"{channel.count:g}家 × {channel.per_unit:g}{unit.get('zh')}",
        en=f"{channel.count:g} × {channel.per_unit:g}",
    )


def _team_row(case: Case, rule: SplitRule, child: str, basis: Text, amount: float) -> SplitRow:
    team = case.team(child)
    return SplitRow(
        rule.parent, child, "team", team.name, rule.method, basis, amount, team.sales_target
    )
