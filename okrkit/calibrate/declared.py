"""A case that declares its history: ``calibration: {history: records/2014}`` in case.yaml.

Calibrating takes 5–10 seconds (the evidence engine judges a year of
records), far too slow for every ``okrkit lint``. So the coach looks at the
history only when the case declares it, and :func:`case_relations` keeps
the drivers' answer on disk, in ``<history>/.okrkit-drivers.json``, keyed by
a hash of the history's files and the case's funnel.

Why there: the answer describes those files, so it lives with them — it
moves and is copied with the folder, one history shared by two copies of a
case is judged once, and the case folder (what people edit and commit)
stays clean. A changed, added or removed file, or a changed funnel, changes
the key, so a stale answer is never read. The file is written atomically
(a temporary file in the same folder, then ``os.replace``), so a lint
killed mid-write or two lints at once leave either the old answer or the
new one, never half of one; a folder that cannot be written is not an
error, the answer is simply computed again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from okrkit.errors import ProblemLog
from okrkit.readers import check_mapping, shown
from okrkit.yamlio import Where

CACHE_NAME = ".okrkit-drivers.json"
CACHE_VERSION = 1  # bump when drivers.relate changes what it answers
_KEYS = {"history"}


def check_calibration(raw, where: Where, log: ProblemLog) -> None:
    """SECTION_CHECKS hook: ``calibration:`` is a mapping whose ``history`` is an existing folder."""
    if not check_mapping(where, log, _KEYS, "a mapping", "映射"):
        return
    at = where.at("history")
    value = at.node
    if not isinstance(value, str) or not value.strip():
        at.problem(log, "not a folder name" if value is not None else "missing",
                   found=shown(value) if value is not None else None,
                   expected="a folder of last year's records, relative to the case folder, e.g. records/2014",
                   zh="不是文件夹名" if value is not None else "缺少此项",
                   expected_zh="存放去年记录的文件夹（相对于案例文件夹），如 records/2014")  # fmt: skip
        return
    folder = Path(where.file).parent / value
    if not folder.is_dir():
        at.problem(log, "no such folder" if not folder.exists() else "not a folder",
                   found=shown(value), expected="an existing folder of last year's records",
                   zh="没有这个文件夹" if not folder.exists() else "不是文件夹",
                   expected_zh="已存在的、存放去年记录的文件夹")  # fmt: skip


def history_folder(case) -> Path | None:
    """The history folder the case declares (relative to the case folder), or None."""
    raw = case.sections.get("calibration") if case is not None else None
    if not isinstance(raw, dict) or not isinstance(raw.get("history"), str):
        return None
    base = Path(case.path) if case.path else Path(".")
    return base / raw["history"]


def history_key(case, folder: Path) -> str:
    """A hash of every file in the history (names and bytes) and of the case's funnel."""
    digest = hashlib.sha256(f"v{CACHE_VERSION}\n".encode())
    digest.update(json.dumps(case.sections.get("funnel"), sort_keys=True, default=str).encode())
    # the cache and a concurrent writer's temporary file are not history
    ours = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(CACHE_NAME)]
    for path in sorted(ours):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _read_cache(path: Path, key: str) -> list[dict] | None:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent, unreadable or torn by hand: compute again
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    relations = saved.get("relations")
    return relations if isinstance(relations, list) else None


def _write_cache(path: Path, key: str, relations: list[dict]) -> None:
    text = json.dumps({"key": key, "relations": relations}, ensure_ascii=False, indent=1)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=CACHE_NAME + ".", suffix=".tmp")
    except OSError:
        return  # a read-only history: no cache, still correct
    try:
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the answer from a colleague's lint
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)


def case_relations(case) -> list[dict]:
    """Each process stage's relation to won revenue in the declared history (cached on disk).

    Each item is :class:`okrkit.calibrate.drivers.Relation`'s fields as a
    dict; an empty list when the case declares no history.
    """
    folder = history_folder(case)
    if folder is None:
        return []
    from okrkit.calibrate.records import check_folder

    log = ProblemLog()
    check_folder(folder, log)
    log.raise_if_any()
    key = history_key(case, folder)
    cache = folder / CACHE_NAME
    saved = _read_cache(cache, key)
    if saved is not None:
        return saved
    from dataclasses import asdict

    from okrkit.calibrate import calibrate
    from okrkit.calibrate.drivers import relations

    found = [asdict(r) for r in relations(calibrate(case, folder))]
    _write_cache(cache, key, found)
    return found
