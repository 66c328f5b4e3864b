"""The temporary folders of evidence runs and of their cached results, with a bounded life.

An evidence run keeps DuckDB's spill files and the UTF-8 copies of GBK
exports in a folder ``okrkit-evidence-*`` of the system's temp folder, and
removes it when the run is closed. A run that is killed (a kernel restarted,
Ctrl-C during a 10,000-rep year) never closes, and its folder — up to
gigabytes of spilled records — stayed for ever. So each live run holds a lock
on ``.lock`` in its folder, and every new run removes the folders whose lock
nobody holds any more (their run is gone) and those without a lock that are
older than a day (left by a version that did not lock, or by a run that died
before locking).

:func:`cached_json` keeps computed results (the per-team report's evidence,
judged once per batch) in a folder as ``<key>.json``; after each write it
keeps only the newest :data:`CACHE_KEEP` entries and none older than
:data:`CACHE_DAYS` days, so a folder of keys (one per change of the records)
cannot grow without end.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from filelock import FileLock, Timeout

PREFIX = "okrkit-evidence-"
LOCK = ".lock"
UNLOCKED_GRACE = 24 * 3600  # seconds a folder without a lock is left alone
CACHE_KEEP = 32
CACHE_DAYS = 7


class Workdir:
    """A run's temporary folder, locked while it lives; ``cleanup`` unlocks and removes it."""

    def __init__(self, parent: str | Path | None = None):
        parent = Path(parent or tempfile.gettempdir())
        sweep(parent)
        self.name = tempfile.mkdtemp(prefix=PREFIX, dir=parent)
        self._lock = FileLock(str(Path(self.name) / LOCK))
        self._lock.acquire()

    def cleanup(self) -> None:
        if self._lock is None:
            return
        self._lock.release()
        self._lock = None
        shutil.rmtree(self.name, ignore_errors=True)


def sweep(parent: Path) -> list[Path]:
    """Remove the evidence folders in ``parent`` whose run is gone; return them."""
    removed = []
    for folder in parent.glob(PREFIX + "*"):
        if folder.is_dir() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    lock_path = folder / LOCK
    if not lock_path.exists():
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_GRACE
        except OSError:
            return False
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return False  # a live run holds it (or it cannot be told): keep it
    lock.release()
    return True


def cached_json(
    folder: Path, key: str, compute, *, keep: int = CACHE_KEEP, days: float = CACHE_DAYS
):
    """``compute()``'s JSON-ready result, from ``folder/<key>.json`` when there, else computed and kept.

    A failure to read or write the cache is never an error: no cache is
    slower, never wrong. Each entry is written whole and renamed, so a process
    running beside never reads half a file.
    """
    path = folder / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        os.utime(path)  # used now: the newest to keep
        return data
    except (OSError, ValueError):
        pass
    data = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
        prune(folder, keep=keep, days=days)
    except OSError:
        pass
    return data


def prune(folder: Path, *, keep: int = CACHE_KEEP, days: float = CACHE_DAYS) -> list[Path]:
    """Remove cache entries beyond the newest ``keep`` and those unused for ``days``; return them."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed by a process running beside
    entries.sort(reverse=True)
    oldest = time.time() - days * 86400
    removed = [p for n, (mtime, p) in enumerate(entries) if n >= keep or mtime < oldest]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
