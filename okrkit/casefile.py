"""How a team goes back to its YAML file: atomically, previous version kept.

:func:`save_team` merges the team into the file's existing YAML tree, so a
trainer's comments, key order and spellings (``15%`` stays ``15%``) survive
wherever the value did not change. Objectives and key results are matched by
id. The file is replaced in one rename, and the old one is kept as ``.bak``.

No lost edits: an editor keeps the :class:`FileVersion` (path and sha256) of
the file it loaded, and :func:`save_checked` refuses with
:class:`~okrkit.yamlio.StaleFileError` when someone saved since, writing
nothing; :func:`save_copy` then writes the editor's version beside the file as
``<team>.mine-YYYYMMDD-HHMMSS.yaml``. Even without a version, a save never
replaces a file that changed while the save was being prepared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.model import KeyResult, Objective, Team, Text
from okrkit.numbers import parse_percent, parse_target
from okrkit.yamlio import (
    NO_FILE,
    StaleFileError,
    dump_yaml,
    file_hash,
    load_round_trip,
    replace_file,
)


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


def _level(value: float | None, kr: KeyResult):
    """A target or baseline; on a KR measured in % with its sign (0.5 would read as ambiguous)."""
    if value is None or "%" not in (kr.unit.get("zh"), kr.unit.get("en")):
        return _number(value)
    return f"{_number(value)}%"


def kr_to_data(kr: KeyResult) -> dict:
    """One key result as a mapping in the file's key order; blanks left out."""
    data = {
        "id": kr.id,
        "text": text_to_data(kr.text),
        "kind": kr.kind,
        "target": _level(kr.target, kr),
        "baseline": _level(kr.baseline, kr),
        "direction": kr.direction,
        "cadence": kr.cadence,
        "unit": text_to_data(kr.unit),
        "evidence": text_to_data(kr.evidence),
        "stage": kr.stage,
        "feeds": kr.feeds,
        "weight": _weight(kr.weight),
        "confidence": _number(kr.confidence),
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


def save_team(
    team: Team, path: str | Path | None = None, *, expected: FileVersion | None = None
) -> Path | None:
    """Write ``team`` to ``path`` (default: the file it came from), atomically.

    The text is checked by loading it back before anything is written; the
    previous file is kept as ``<name>.bak`` and its path returned. With
    ``expected`` (the version the editor loaded) a file saved by someone else
    since is not overwritten: :class:`~okrkit.yamlio.StaleFileError`.
    """
    return save_checked(team, path, expected=expected).backup


# -- no lost edits

# The version of a file that no longer held the loaded team when the editor
# opened: it matches no file, so the editor's first save is refused as stale.
CHANGED_SINCE_LOAD = "changed-since-load"


@dataclass(frozen=True)
class FileVersion:
    """Which bytes of a team file an editor started from: the path and their sha256.

    ``sha256`` is :data:`~okrkit.yamlio.NO_FILE` for a file not written yet,
    :data:`CHANGED_SINCE_LOAD` when the file had changed before the editor opened.
    """

    path: Path
    sha256: str


@dataclass(frozen=True)
class Saved:
    """What a save wrote: the file, its backup (None for a new file) and its new version."""

    path: Path
    backup: Path | None
    version: FileVersion


def file_version(path: str | Path) -> FileVersion:
    """The version of ``path`` as it is on disk now."""
    return FileVersion(Path(path), file_hash(Path(path)))


def load_team_version(path: str | Path) -> tuple[Team, FileVersion]:
    """Read a team file and the version of exactly the bytes read (CaseError when it is wrong).

    The hash is taken before and after reading; a file rewritten meanwhile is
    read again, so the team and its version always describe the same bytes.
    """
    from okrkit.draft import load_team_file

    path = Path(path)
    for _ in range(5):
        before = _hash_if_readable(path)
        team = load_team_file(path)  # a file it cannot read is a located CaseError here
        if before is not None and _hash_if_readable(path) == before:
            return team, FileVersion(path, before)
    raise OkrkitError(
        f"{path} kept changing while it was being read: load it again in a moment",
        zh=f"{path} 在读取期间一直在变化：请稍后重新载入",
    )


def _hash_if_readable(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None


def _same_place(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return Path(a).resolve() == Path(b).resolve()


def _without_places(team: Team) -> Team:
    """The team without its file and line numbers: what its content says."""
    return replace(
        team,
        source=None,
        objectives=tuple(
            replace(o, line=None, key_results=tuple(replace(k, line=None) for k in o.key_results))
            for o in team.objectives
        ),
    )


def opened_version(
    team: Team, path: str | Path | None = None, *, loaded: Team | None = None
) -> FileVersion | None:
    """The version an editor of ``team`` starts from (None when there is no file to save to).

    ``loaded`` is the team as the case read it (``case.team(id)``). If the file
    no longer says what the case read, someone saved between the case load and
    this editor opening: the version is :data:`CHANGED_SINCE_LOAD`, so saving
    over it is refused and reload or save-as offered, instead of overwriting.
    A comment-only change still matches (the save keeps the file's comments).
    """
    target = Path(path) if path is not None else team.source
    if target is None:
        return None
    if loaded is None or not _same_place(loaded.source, target):
        return file_version(target)
    try:
        disk, version = load_team_version(target)
    except OkrkitError:  # gone, or no longer a readable team
        return FileVersion(Path(target), CHANGED_SINCE_LOAD)
    if _without_places(disk) == _without_places(loaded):
        return version
    return FileVersion(Path(target), CHANGED_SINCE_LOAD)


def save_checked(
    team: Team,
    path: str | Path | None = None,
    *,
    expected: FileVersion | None = None,
    layout_from: Path | None = None,
) -> Saved:
    """Save ``team`` like :func:`save_team` and say what was written, with its new version.

    ``expected`` counts only when it is a version of the target file. The
    file's hash is taken before its layout is merged in, and the replace checks
    it again under the file's lock, so a save that raced this one is never
    overwritten (:class:`~okrkit.yamlio.StaleFileError`). ``layout_from`` is
    the file whose comments and spellings to keep (default: the target).
    """
    target = Path(path) if path is not None else team.source
    if target is None:
        raise OkrkitError(
            f"team {team.id!r} has no file yet: give a path to save it to",
            zh=f"团队 {team.id!r} 还没有文件：请指定保存路径",
        )
    target = Path(target)
    now = file_hash(target)
    if expected is not None and _same_place(expected.path, target) and expected.sha256 != now:
        raise StaleFileError.of(target)  # before any work: the editor's base is gone
    content = team_yaml(team, layout_from if layout_from is not None else target)
    from okrkit.cases import parse_team
    from okrkit.yamlio import _yaml

    log = ProblemLog()
    parse_team(_yaml().load(content), target, log)
    log.raise_if_any()
    written = replace_file(target, content.encode("utf-8"), expected_hash=now)
    return Saved(target, written.backup, FileVersion(target, written.sha256))


def copy_path(original: str | Path, when: datetime | None = None, attempt: int = 1) -> Path:
    """Where :func:`save_copy` writes: ``sales.yaml`` -> ``sales.mine-20261201-093000.yaml``."""
    original = Path(original)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = "" if attempt == 1 else f"-{attempt}"
    return original.with_name(f"{original.stem}.mine-{stamp}{suffix}{original.suffix or '.yaml'}")


def save_copy(team: Team, original: str | Path, *, when: datetime | None = None) -> Saved:
    """Write ``team`` to a new file beside ``original``, never over an existing one.

    For the editor whose save was refused as stale: what was typed is kept in
    ``<team>.mine-YYYYMMDD-HHMMSS.yaml`` (``-2``, ``-3``… when that name is
    taken), laid out like ``original``, for the two versions to be merged by hand.
    """
    original = Path(original)
    when = when or datetime.now()
    for attempt in range(1, 100):
        target = copy_path(original, when, attempt)
        if target.exists():
            continue
        try:
            return save_checked(
                team, target, expected=FileVersion(target, NO_FILE), layout_from=original
            )
        except StaleFileError:
            continue  # someone took that name a moment ago: the next one
    raise OkrkitError(
        f"no free file name for a copy of {original} (tried 99)",
        zh=f"找不到可用的文件名来另存 {original}（已试 99 个）",
    )
