"""Editing a team's OKRs as a draft: pure operations, each returning a new Team.

The drafting widget (:mod:`okrkit.widgets.drafting`) only calls these; they
hold the rules — how new ids are chosen, how a typed weight or target is read,
what moving an objective up means — so they are tested without a widget.

>>> team, o = add_objective(blank_team("market"), "打开华南市场")
>>> team, k = add_key_result(team, o, "华南新增客户30家")
>>> update_key_result(team, k, weight=parse_field("weight", "30%")).key_result(k).weight
30.0
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from okrkit.errors import ProblemLog
from okrkit.model import CADENCES, DIRECTIONS, KINDS, LEVELS, KeyResult, Objective, Team, Text
from okrkit.numbers import (
    NUMBER_EXPECTED,
    NUMBER_EXPECTED_ZH,
    PERCENT_EXPECTED,
    NumberError,
    parse_number,
    parse_percent,
    parse_target,
    refuse_percent_on_counted,
    without_unit,
)

TEXT_FIELDS = ("title", "description", "text", "unit", "evidence", "definition")
CHOICE_FIELDS = {"kind": KINDS, "direction": DIRECTIONS, "cadence": CADENCES, "level": LEVELS}


def blank_team(
    team_id: str = "new-team", name: str = "", level: str = "department", parent=None
) -> Team:
    """A team with no objectives yet, ready to be drafted."""
    return Team(id=team_id, name=Text(zh=name or None), level=level, parent=parent)


def set_text(old: Text, value: str, lang: str = "zh") -> Text:
    """``old`` with ``lang``'s text replaced by ``value``.

    When the text really changes, the other language is dropped: its
    translation no longer says the same thing. An unchanged text keeps both.
    """
    value = value.strip()
    if old.get(lang) == value:
        return old
    return Text(**{lang: value or None})


class FieldError(NumberError):
    """A typed value refused, naming the form field it was typed into (``.field``).

    The drafting widget shows the message beside that field: the field comes
    from here, where the problem is found, not from the widget's guess.
    ``str()`` is English, ``.zh`` Chinese, as for :class:`okrkit.numbers.NumberError`.
    """

    def __init__(self, field: str, message: str, zh: str):
        super().__init__(message, zh)
        self.field = field


def parse_field(name: str, raw: str, unit: Text | None = None):
    """Read what a person typed into field ``name``; FieldError (``.field == name``) says what was expected.

    ``weight`` follows the percent rule of :mod:`okrkit.numbers` (``15``,
    ``15%``, ``0.15``); ``target`` and ``baseline`` accept ``100`` or ``100%``,
    and, given the KR's ``unit``, the number with that unit after it as the KR
    text writes it (``３５家`` is 35), read as actuals are: another unit is
    refused, and so is a percent on a KR counted in 万元 (``95%`` is a completion
    rate there); ``penalty`` and ``cap`` are plain points; a blank is ``None``.

    >>> parse_field("target", "３５家", Text(zh="家", en="visits"))
    35.0
    >>> try:
    ...     parse_field("cap", "-3")
    ... except FieldError as error:
    ...     print(error.field, error.zh)
    cap 分数，0或以上
    """
    try:
        return _read_field(name, raw, unit)
    except ValueError as error:  # NumberError, with its Chinese; anything else as it says
        raise FieldError(name, str(error), getattr(error, "zh", None) or str(error)) from None


def _read_field(name: str, raw: str, unit: Text | None):
    text = raw.strip() if isinstance(raw, str) else raw
    if text in ("", None):
        return None
    if name == "weight":
        return parse_percent(text)
    if name in ("target", "baseline"):
        unit = unit or Text()
        try:
            number, percent = parse_target(without_unit(text, (unit.zh, unit.en)))
        except NumberError:
            if not (unit.zh or unit.en):
                raise
            raise NumberError(
                f"{NUMBER_EXPECTED}, in {unit.get('en')} (the KR's unit)",
                f"{NUMBER_EXPECTED_ZH}，以{unit.get('zh')}计（该KR的单位）",
            ) from None
        refuse_percent_on_counted(percent, unit.zh, unit.en)
        return number
    if name in ("penalty", "cap"):
        number = parse_number(text)
        if number < 0:
            raise NumberError("points, 0 or more", "分数，0或以上")
        return number
    if name in CHOICE_FIELDS:
        if text not in CHOICE_FIELDS[name]:
            raise NumberError(
                "one of " + ", ".join(CHOICE_FIELDS[name]),
                "以下之一：" + "、".join(CHOICE_FIELDS[name]),
            )
        return text
    raise NumberError(f"unknown field {name!r}", f"未知字段 {name!r}")


def parse_team_id(raw: str) -> str:
    """The team id typed into the form, stripped; FieldError on field ``id`` when blank.

    >>> parse_team_id("  market ")
    'market'
    """
    value = (raw or "").strip()
    if not value:
        raise FieldError("id", "a team id (not blank)", "团队编号（不能为空）")
    return value


def _free(pattern: str, start: int, used: set[str]) -> str:
    n = start
    while pattern.format(n) in used:
        n += 1
    return pattern.format(n)


def add_objective(team: Team, title: str = "", lang: str = "zh") -> tuple[Team, str]:
    """A new objective at the end, with the first free id ``O<n>``; returns (team, id)."""
    new_id = _free("O{}", len(team.objectives) + 1, {o.id for o in team.objectives})
    objective = Objective(id=new_id, title=Text(**{lang: title or None}))
    return replace(team, objectives=(*team.objectives, objective)), new_id


def _index(team: Team, objective_id: str) -> int:
    for index, objective in enumerate(team.objectives):
        if objective.id == objective_id:
            return index
    raise KeyError(f"team {team.id!r} has no objective {objective_id!r}")


def remove_objective(team: Team, objective_id: str) -> Team:
    """The team without that objective (links to its KRs are dropped too)."""
    index = _index(team, objective_id)
    gone = {kr.id for kr in team.objectives[index].key_results}
    rest = [o for o in team.objectives if o.id != objective_id]
    return replace(team, objectives=tuple(_unlink(o, gone) for o in rest))


def _unlink(objective: Objective, gone: set[str]) -> Objective:
    return replace(
        objective,
        key_results=tuple(
            replace(kr, feeds=None) if kr.feeds in gone else kr for kr in objective.key_results
        ),
    )


def _move(items: tuple, index: int, step: int) -> tuple:
    target = max(0, min(len(items) - 1, index + step))
    items = list(items)
    items.insert(target, items.pop(index))
    return tuple(items)


def move_objective(team: Team, objective_id: str, step: int) -> Team:
    """The team with that objective moved ``step`` places (−1 up, +1 down), clamped."""
    return replace(team, objectives=_move(team.objectives, _index(team, objective_id), step))


def update_objective(team: Team, objective_id: str, lang: str = "zh", **fields) -> Team:
    """The team with the objective's fields changed; texts are plain strings in ``lang``."""
    index = _index(team, objective_id)
    objective = team.objectives[index]
    for key in ("title", "description"):
        if key in fields:
            fields[key] = set_text(getattr(objective, key), fields[key] or "", lang)
    objectives = list(team.objectives)
    objectives[index] = replace(objective, **fields)
    return replace(team, objectives=tuple(objectives))


def _locate(team: Team, kr_id: str) -> tuple[int, int]:
    for o_index, objective in enumerate(team.objectives):
        for k_index, kr in enumerate(objective.key_results):
            if kr.id == kr_id:
                return o_index, k_index
    raise KeyError(f"team {team.id!r} has no key result {kr_id!r}")


def _with_krs(team: Team, o_index: int, krs) -> Team:
    objectives = list(team.objectives)
    objectives[o_index] = replace(objectives[o_index], key_results=tuple(krs))
    return replace(team, objectives=tuple(objectives))


def add_key_result(
    team: Team, objective_id: str, text: str = "", lang: str = "zh"
) -> tuple[Team, str]:
    """A new result KR at the end of the objective, id ``KR<o>.<n>``; returns (team, id)."""
    o_index = _index(team, objective_id)
    objective = team.objectives[o_index]
    used = {kr.id for _, kr in team.key_results()}
    new_id = _free(f"KR{o_index + 1}.{{}}", len(objective.key_results) + 1, used)
    kr = KeyResult(id=new_id, text=Text(**{lang: text or None}), kind="result")
    return _with_krs(team, o_index, (*objective.key_results, kr)), new_id


def remove_key_result(team: Team, kr_id: str) -> Team:
    """The team without that KR (a process KR feeding it loses the link)."""
    o_index, k_index = _locate(team, kr_id)
    krs = list(team.objectives[o_index].key_results)
    del krs[k_index]
    team = _with_krs(team, o_index, krs)
    return replace(team, objectives=tuple(_unlink(o, {kr_id}) for o in team.objectives))


def move_key_result(team: Team, kr_id: str, step: int) -> Team:
    """The team with that KR moved ``step`` places inside its objective, clamped."""
    o_index, k_index = _locate(team, kr_id)
    return _with_krs(team, o_index, _move(team.objectives[o_index].key_results, k_index, step))


def update_key_result(team: Team, kr_id: str, lang: str = "zh", **fields) -> Team:
    """The team with the KR's fields changed; texts are plain strings in ``lang``."""
    o_index, k_index = _locate(team, kr_id)
    kr = team.objectives[o_index].key_results[k_index]
    for key in ("text", "unit", "evidence", "definition"):
        if key in fields:
            fields[key] = set_text(getattr(kr, key), fields[key] or "", lang)
    krs = list(team.objectives[o_index].key_results)
    krs[k_index] = replace(kr, **fields)
    return _with_krs(team, o_index, krs)


def dangling_supports(case, team: Team) -> list[tuple[str, str, str]]:
    """Links from teams below that would point at an objective ``team`` no longer has.

    Returns (child team, child objective, missing objective id) triples; saving
    such a draft would leave the case unloadable, so callers refuse it.
    """
    if case is None:
        return []
    kept = {o.id for o in team.objectives}
    return [
        (child.id, objective.id, objective.supports)
        for child in case.teams.values()
        if child.parent == team.id
        for objective in child.objectives
        if objective.supports and objective.supports not in kept
    ]


def load_team_file(path: str | Path) -> Team:
    """Read one team file on its own (no case around it); CaseError when it is wrong."""
    from okrkit.cases import parse_team
    from okrkit.yamlio import read_yaml

    log = ProblemLog()
    data = read_yaml(Path(path), log, what="a team: id, name, level, objectives")
    team = parse_team(data, Path(path), log) if data is not None else None
    log.raise_if_any()
    return team


__all__ = [
    "PERCENT_EXPECTED",
    "FieldError",
    "add_key_result",
    "add_objective",
    "blank_team",
    "dangling_supports",
    "load_team_file",
    "move_key_result",
    "move_objective",
    "parse_field",
    "parse_team_id",
    "remove_key_result",
    "remove_objective",
    "set_text",
    "update_key_result",
    "update_objective",
]
