"""How does the output folder never look complete when it is not?

A run owns the reports in its output folder. The rules, in order:

1. At the start, the previous run's files go: those its manifest lists
   (``OUT/.okrkit/manifest.json``), those an older okrkit's ``index.html`` links
   to, and this run's own ``<team>.html`` / ``.ipynb`` names. Files okrkit did
   not write are never touched. A hidden staging folder of a run that died
   (``OUT/.staging-<pid>``, its process gone) is removed too.
2. Every report is made in ``OUT/.staging-<pid>/`` and moved into place with
   ``os.replace`` (atomic) only once it is finished: the notebook first, the
   page last, each recorded in the manifest before it moves.
3. ``index.html`` is always this run's: written atomically at the start and after
   every finished report, it lists exactly this run's teams; until the run ends
   it opens with a notice "not complete: N of M done" (or, after Ctrl-C,
   "interrupted: N of M done"), and teams not done are marked so, unlinked.
4. At the end the staging folder is removed.

So at any moment, even after a kill -9, the folder holds only finished reports of
the current run and an index that says how far the run got. The price: an
interrupted run has already removed the previous run's reports. That is the
honest choice: a previous report sitting beside new ones, looking current, is
what this module exists to prevent.

Incremental runs: the manifest also records, per team, the hash of everything
its report read (``okrkit.report.digest``), its status and its files. A team of
this run whose hash is unchanged, whose report was written without failure and
whose files are all still there is *kept* (:meth:`OutputFolder.unchanged`): its
files are exempt from rule 1, it counts as done from the start, and it is not
run again. That is no exception to "only reports of the current run": the same
inputs make the same report. A failed report is always run again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from okrkit.report.execute import TeamResult

MANIFEST = Path(".okrkit") / "manifest.json"
INDEX = "index.html"
STAGING_PREFIX = ".staging-"
#: What every row of okrkit's index carries (report_index.html.j2).
_OKRKIT_ROW = 'id="team-'
_LINK = re.compile(r'href="([^"/\\?#]+\.(?:html|ipynb))"')


class OutputFolder:
    """``OUT``: its staging folder, its manifest, and moving finished reports in."""

    def __init__(self, out: str | os.PathLike) -> None:
        self.out = Path(out)
        self.staging = self.out / f"{STAGING_PREFIX}{os.getpid()}"
        self._placed: list[str] = []
        self._teams: dict[str, dict] = {}  # key -> {"hash", "status", "error", "files"}

    def unchanged(self, hashes: dict[str, str]) -> dict[str, dict]:
        """The previous run's entries of teams whose hash matches, written ok, files all present."""
        previous = previous_teams(self.out)
        kept = {}
        for key, digest in hashes.items():
            entry = previous.get(key)
            if (
                entry is not None
                and entry.get("hash") == digest
                and entry.get("status") == "ok"
                and entry.get("files")
                and all(_plain(n) and (self.out / n).is_file() for n in entry["files"])
            ):
                kept[key] = entry
        return kept

    def open(self, keys: Iterable[str], keep: dict[str, dict] | None = None) -> None:
        """Clear the previous run's files (but ``keep``'s) and a dead run's staging; make staging."""
        keep = keep or {}
        self.out.mkdir(parents=True, exist_ok=True)
        remove_dead_staging(self.out)
        names = set(previous_files(self.out))
        names.update(f"{key}{suffix}" for key in keys for suffix in (".html", ".ipynb"))
        kept_files = {name for entry in keep.values() for name in entry["files"]}
        for name in sorted(names - kept_files):
            (self.out / name).unlink(missing_ok=True)
        self._placed = sorted(kept_files)
        self._teams = {key: dict(entry) for key, entry in keep.items()}
        self._write_manifest()
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir()

    def place(self, result: TeamResult, digest: str | None = None) -> TeamResult:
        """Move a finished report's files from staging into ``OUT``; return it with the new paths.

        ``digest``: the hash of the report's inputs, recorded for the next run.
        """
        moved = {}
        for attr in ("ipynb", "html"):  # the page last: it is what the index links
            path = getattr(result, attr)
            if path is None:
                continue
            target = self.out / Path(path).name
            self._placed.append(target.name)
            self._write_manifest()
            os.replace(path, target)
            moved[attr] = str(target)
        for attr, path in moved.items():
            setattr(result, attr, path)
        self._teams[result.key] = {
            "hash": digest,
            "status": result.status,
            "error": result.error,
            "files": [Path(p).name for p in moved.values()],
        }
        self._write_manifest()
        return result

    def place_extra(self, key: str, path: str | os.PathLike) -> Path:
        """Move one more finished file of team ``key`` (its PDF) from staging into ``OUT``."""
        target = self.out / Path(path).name
        if target.name not in self._placed:
            self._placed.append(target.name)
        entry = self._teams.setdefault(key, {"hash": None, "status": "ok", "files": []})
        if target.name not in entry["files"]:
            entry["files"].append(target.name)
        self._write_manifest()
        os.replace(path, target)
        return target

    def record(self, name: str) -> None:
        """Note a file of this run written straight into ``OUT`` (the index)."""
        if name not in self._placed:
            self._placed.append(name)
            self._write_manifest()

    def close(self) -> None:
        """Remove the staging folder (with whatever unfinished work it holds)."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _write_manifest(self) -> None:
        path = self.out / MANIFEST
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        data = {"files": self._placed, "teams": self._teams}
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def _plain(name) -> bool:
    """A plain file name inside the folder: no path, not hidden."""
    return isinstance(name, str) and bool(name) and Path(name).name == name and name[0] != "."


def previous_teams(out: Path) -> dict[str, dict]:
    """The previous run's per-team entries (``{}`` without a readable manifest)."""
    try:
        teams = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("teams", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(teams, dict):
        return {}
    return {
        k: v for k, v in teams.items() if isinstance(v, dict) and isinstance(v.get("files"), list)
    }


def previous_files(out: Path) -> list[str]:
    """Names of the files a previous run wrote in ``out`` (plain names, nothing outside it)."""
    names = [INDEX]
    manifest = out / MANIFEST
    try:
        names += json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        pass
    try:  # an okrkit index from before the manifest existed: what it links to is okrkit's
        text = (out / INDEX).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if _OKRKIT_ROW in text:  # someone else's index.html links to their own files: keep those
        names += [unquote(m) for m in _LINK.findall(text)]
    return [n for n in names if _plain(n)]


def remove_dead_staging(out: Path) -> None:
    """Remove ``.staging-<pid>`` folders whose process is gone (a run that was killed)."""
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :]
        if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers from an earlier batch in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # Windows: os.kill(pid, 0) is not a probe there
        return False
    return True


@contextmanager
def ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done (a report half moved, an index half updated).

    While the block runs, SIGINT only records that it came; when the block ends
    the previous handler gets it (Python's default raises KeyboardInterrupt), so
    the interrupt arrives between two whole steps. Signal handlers belong to the
    main thread: elsewhere the block simply runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending and callable(previous):
            previous(signal.SIGINT, None)
