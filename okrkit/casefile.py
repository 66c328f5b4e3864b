"""How a team goes back to its YAML file: atomically, previous version kept.

:func:`save_team` merges the team into the file's existing YAML tree, so a
trainer's comments, key order and spellings (``15%`` stays ``15%``) survive
wherever the value did not change. Objectives and key results are matched by
id. The file is replaced in one rename, and the old one is kept as ``.bak``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.model import KeyResult, Objective, Team, Text
from okrkit.numbers import parse_percent, parse_target
from okrkit.yamlio import dump_yaml, load_round_trip, write_atomically


def text_to_data(value: Text) -> Any:
    """A Text as the file writes it: a plain string when only Chinese is set."""
    if not value:
        return None
    if value.en is None:
        return value.zh
    data = {}
    if value.zh is not None:
        data["zh"] = value.zh
    data["en"] = value.en
    return data


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _weight(value: float | None):
    if value is None:
        return None
    return f"{_number(value)}%"


def kr_to_data(kr: KeyResult) -> dict:
    """One key result as a mapping in the file's key order; blanks left out."""
    data = {
        "id": kr.id,
        "text": text_to_data(kr.text),
        "kind": kr.kind,
        "target": _number(kr.target),
        "baseline": _number(kr.baseline),
        "direction": kr.direction,
        "cadence": kr.cadence,
        "unit": text_to_data(kr.unit),
        "evidence": text_to_data(kr.evidence),
        "stage": kr.stage,
        "feeds": kr.feeds,
        "weight": _weight(kr.weight),
        "penalty": _number(kr.penalty),
        "cap": _number(kr.cap),
        "definition": text_to_data(kr.definition),
    }
    return {key: value for key, value in data.items() if value is not None}


def objective_to_data(objective: Objective) -> dict:
    """One objective as a mapping; blanks left out."""
    data = {
        "id": objective.id,
        "title": text_to_data(objective.title),
        "description": text_to_data(objective.description),
        "supports": objective.supports,
        "key_results": [kr_to_data(kr) for kr in objective.key_results],
    }
    return {key: value for key, value in data.items() if value is not None}


def team_to_data(team: Team) -> dict:
    """A team as the plain data of its YAML file."""
    data = {
        "id": team.id,
        "name": text_to_data(team.name),
        "person": text_to_data(team.person),
        "level": team.level,
        "parent": team.parent,
        "headcount": team.headcount if team.headcount != 1 else None,
        "sales_target": _number(team.sales_target),
        "objectives": [objective_to_data(o) for o in team.objectives],
    }
    return {key: value for key, value in data.items() if value is not None}


def _same_scalar(old: Any, new: Any) -> bool:
    if old == new:
        return True
    for parse in (parse_percent, lambda v: parse_target(v)[0]):
        try:
            if parse(old) == parse(new):
                return True
        except (ValueError, TypeError):
            continue
    return False


def _merge(old: Any, new: Any) -> Any:
    """``new`` with ``old``'s nodes kept wherever they mean the same thing."""
    if isinstance(new, dict):
        if not isinstance(old, CommentedMap):
            return new
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _merge(old[key], value) if key in old else value
        return old
    if isinstance(new, list):
        if not isinstance(old, CommentedSeq):
            return new
        by_id = {item.get("id"): item for item in old if isinstance(item, dict)}
        merged = CommentedSeq()
        for item in new:
            previous = by_id.get(item.get("id")) if isinstance(item, dict) else None
            merged.append(_merge(previous, item) if previous is not None else item)
        # keep the comment that ruamel attaches before the first item
        if getattr(old, "ca", None) is not None:
            merged._yaml_comment = old.ca
        return merged
    if old is not None and not isinstance(old, dict | list) and _same_scalar(old, new):
        return old
    return new


def team_yaml(team: Team, previous: Path | None = None) -> str:
    """The YAML text of ``team``, keeping ``previous`` file's layout where possible."""
    data = team_to_data(team)
    if previous is not None and Path(previous).exists():
        try:
            data = _merge(load_round_trip(previous), data)
        except Exception:
            data = team_to_data(team)
    return dump_yaml(data)


def save_team(team: Team, path: str | Path | None = None) -> Path | None:
    """Write ``team`` to ``path`` (default: the file it came from), atomically.

    The text is checked by loading it back before anything is written; the
    previous file is kept as ``<name>.bak`` and its path returned.
    """
    target = Path(path) if path is not None else team.source
    if target is None:
        raise OkrkitError(
            f"team {team.id!r} has no file yet: give a path to save it to",
            zh=f"团队 {team.id!r} 还没有文件：请指定保存路径",
        )
    content = team_yaml(team, target)
    from okrkit.cases import parse_team
    from okrkit.yamlio import _yaml

    log = ProblemLog()
    parse_team(_yaml().load(content), target, log)
    log.raise_if_any()
    return write_atomically(target, content)
