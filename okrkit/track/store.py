"""The check-in log: append-only, in SQLite, written by several processes at once.

Why SQLite: the manager's page runs one kernel per browser tab, and each may
save a check-in at the same moment as the evidence import or the command
line. SQLite in WAL mode lets readers go on while one writer commits; every
append is one ``BEGIN IMMEDIATE`` transaction, so writers queue (up to
``timeout`` seconds, SQLite's busy_timeout) instead of failing, and a process
killed half-way leaves nothing of its transaction behind. ``synchronous=FULL``
makes a committed entry survive a power cut, not only a killed process.

Nothing is ever updated or deleted. Every check-in has a *key* — cycle, team,
KR and the day it stands at (``D2015-06-30``) or, for a per-period value, the
period it counts (``P2015-06-01``). A new entry with the key of an earlier one
is a correction: it is stored as a new row that names the row it supersedes,
and the current view takes the newest row per key. An entry identical to the
current one at its key is not stored again, which makes re-importing the same
file or the same evidence a no-op (:func:`import_series`).

A manager's entry and the records' count for the same KR and period live side
by side: each key has two lanes, a manager's (typed or imported) and the
evidence's. A correction supersedes the newest entry of its own lane only;
the current view takes the manager's newest entry when there is one, else
the evidence's. So an evidence refresh never hides what a manager typed (its
value, confidence and comment), and typing never loses the count: the count
is kept beside it (:meth:`Store.beside`, shown by status and review-month),
and both stay in the log.

The store lives at ``<case>/track.sqlite`` by default (:func:`default_path`);
one store holds every cycle (2015, 2016 …). The schema is versioned with
SQLite's ``user_version``; a store written by a newer okrkit is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from okrkit.errors import OkrkitError

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = 1
SOURCES = ("typed", "evidence", "imported")
STORE_NAME = "track.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS checkins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    team TEXT NOT NULL,
    kr TEXT NOT NULL,
    date TEXT NOT NULL,
    period_start TEXT,
    mode TEXT NOT NULL CHECK (mode IN ('cumulative', 'per_period', 'level')),
    value REAL NOT NULL,
    confidence INTEGER CHECK (confidence BETWEEN 0 AND 10),
    suggested TEXT,
    status TEXT CHECK (status IN ('on_track', 'at_risk', 'off_track')),
    status_reason TEXT,
    comment TEXT NOT NULL DEFAULT '',
    blockers TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('typed', 'evidence', 'imported')),
    supersedes INTEGER REFERENCES checkins(id),
    recorded_at TEXT NOT NULL,
    CHECK (status IS NULL OR status_reason IS NOT NULL AND status_reason != '')
);
CREATE INDEX IF NOT EXISTS checkins_key ON checkins (key);
CREATE INDEX IF NOT EXISTS checkins_cycle_team ON checkins (cycle, team, kr);
CREATE INDEX IF NOT EXISTS checkins_key_lane ON checkins (key, source);
"""
# Added to schema 1 after its first release: the current view picks each key's lane
# from it without reading every row (created on open in a store that lacks it).
_LANE_INDEX = "CREATE INDEX IF NOT EXISTS checkins_key_lane ON checkins (key, source)"

# What makes two entries at one key the same statement (re-imports are no-ops).
_SAME = ("value", "confidence", "status", "status_reason", "comment", "blockers", "source")
# The entry of a key the current view shows: the manager's newest, else the evidence's.
_SHOWN = "SELECT COALESCE(MAX(CASE WHEN source != 'evidence' THEN id END), MAX(id)) FROM checkins"
# The newest entry of each lane of a key (an export keeps the count beside a manager's entry).
_LANES = "SELECT MAX(id) FROM checkins GROUP BY key, source = 'evidence'"


@dataclass(frozen=True)
class CheckIn:
    """One check-in, validated (see :mod:`okrkit.track.checkin`).

    ``date`` is the day the value stands at (for a per-period value, the last
    day of its period); ``period_start`` is set for per-period values only.
    ``status`` is a manager's override of the rule (``suggested``) and needs a
    ``status_reason``.
    """

    cycle: int
    team: str
    kr: str
    date: date
    value: float
    mode: str = "cumulative"
    period_start: date | None = None
    confidence: int | None = None
    suggested: str | None = None
    status: str | None = None
    status_reason: str | None = None
    comment: str = ""
    blockers: str = ""
    source: str = "typed"

    @property
    def key(self) -> str:
        """cycle|team|kr|D<day> or P<period start>: the slot a correction replaces."""
        slot = f"P{self.period_start.isoformat()}" if self.period_start else f"D{self.date}"
        return f"{self.cycle}|{self.team}|{self.kr}|{slot}"


@dataclass(frozen=True)
class AppendResult:
    """What one append did: new entries, corrections among them, identical ones skipped.

    ``beside``: evidence counts given at a key where a manager's entry with
    another value is shown (the count is kept beside it, not shown instead).
    """

    added: int = 0
    superseded: int = 0
    unchanged: int = 0
    beside: int = 0


COLUMNS = ("id", "key", *(f.name for f in fields(CheckIn)), "supersedes", "recorded_at")


def default_path(case_dir: str | Path) -> Path:
    """Where a case's store lives unless ``--store`` says otherwise."""
    folder = Path(case_dir)
    if folder.is_file():
        folder = folder.parent
    return folder / STORE_NAME


class StoreError(OkrkitError):
    """The store cannot be opened or written; names the file."""


class Store:
    """The check-in log at ``path`` (created on first use).

    One object holds one connection; open one per process (and per thread).
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves,
            # so a transaction is exactly one append, never Python's implicit one.
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open the check-in store: {exc} "
                "(expected an okrkit check-in store, a SQLite file)",
                zh=f"{self.path}：无法打开进展记录库：{exc}（应为 okrkit 的进展记录库，SQLite 文件）",
            ) from None

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: written by a newer okrkit (schema {version}; "
                    f"expected {SCHEMA_VERSION} or older)",
                    zh=f"{self.path}：由更新版本的 okrkit 写入（结构版本 {version}；"
                    f"应为 {SCHEMA_VERSION} 或更早）",
                )
            if version < SCHEMA_VERSION:
                # one statement at a time: executescript() would COMMIT our transaction
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(_LANE_INDEX)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def append(self, checkins: Iterable[CheckIn]) -> AppendResult:
        """Store ``checkins`` in one transaction: all of them or, on any failure, none."""
        added = superseded = unchanged = beside = 0
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        try:
            with self._transaction() as db:
                for item in checkins:
                    evidence = item.source == "evidence"
                    # The newest entry of this entry's lane, and the manager's (see the module doc).
                    previous = db.execute(
                        f"SELECT id, {', '.join(_SAME)} FROM checkins WHERE key = ? "
                        "AND (source = 'evidence') = ? ORDER BY id DESC LIMIT 1",
                        (item.key, evidence),
                    ).fetchone()
                    manager = None
                    if evidence:
                        manager = db.execute(
                            "SELECT value FROM checkins WHERE key = ? AND source != 'evidence' "
                            "ORDER BY id DESC LIMIT 1",
                            (item.key,),
                        ).fetchone()
                        beside += manager is not None and manager[0] != float(item.value)
                    # getattr, not dataclasses.asdict: asdict deep-copies every field.
                    if previous is not None and tuple(previous[1:]) == tuple(
                        getattr(item, name) for name in _SAME
                    ):
                        unchanged += 1
                        continue
                    if previous is None and not evidence:
                        # A manager's first entry at a key replaces the count in the view.
                        previous = db.execute(
                            "SELECT id FROM checkins WHERE key = ? ORDER BY id DESC LIMIT 1",
                            (item.key,),
                        ).fetchone()
                    db.execute(
                        "INSERT INTO checkins (key, cycle, team, kr, date, period_start, mode, "
                        "value, confidence, suggested, status, status_reason, comment, blockers, "
                        "source, supersedes, recorded_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (item.key, item.cycle, item.team, item.kr, item.date.isoformat(),
                         item.period_start.isoformat() if item.period_start else None,
                         item.mode, float(item.value), item.confidence, item.suggested,
                         item.status, item.status_reason, item.comment or "",
                         item.blockers or "", item.source,
                         previous[0] if previous else None, now),
                    )  # fmt: skip
                    added += 1
                    superseded += previous is not None
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: the check-ins were not saved: {exc}",
                zh=f"{self.path}：进展未保存：{exc}",
            ) from None
        return AppendResult(added, superseded, unchanged, beside)

    def _select(self, where: str, params: tuple, current: bool, lanes: bool = False) -> list[tuple]:
        names = ", ".join(COLUMNS)
        if current:
            where += f" AND id IN ({_LANES if lanes else _SHOWN + ' GROUP BY key'})"
        return self._db.execute(
            f"SELECT {names} FROM checkins WHERE {where} ORDER BY date, id", params
        ).fetchall()

    def _query(self, cycle, team, kr, until, current, lanes=False, only=None) -> list[tuple]:
        """Rows matching the given fields; ``only``: an extra fixed clause (no parameters)."""
        clauses, params = [only or "1 = 1"], []
        for column, value in (("cycle", cycle), ("team", team), ("kr", kr)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if until is not None:
            clauses.append("date <= ?")
            params.append(until.isoformat())
        return self._select(" AND ".join(clauses), tuple(params), current, lanes)

    def rows(
        self,
        cycle: int | None = None,
        *,
        team: str | None = None,
        kr: str | None = None,
        until: date | None = None,
        current: bool = True,
        lanes: bool = False,
    ) -> list[dict]:
        """Check-ins as dicts, oldest first; ``current=False`` includes superseded ones.

        ``lanes=True``: the current entry of each lane, so an evidence count kept
        beside a manager's entry at its key is listed too (an export holds both).
        """
        return [
            dict(zip(COLUMNS, row, strict=True))
            for row in self._query(cycle, team, kr, until, current, lanes)
        ]

    def beside(
        self, cycle: int | None = None, *, team: str | None = None, until: date | None = None
    ) -> list[dict]:
        """Where a manager's entry is shown and the records count another value for it.

        One dict per such key (oldest first): team, kr, date, period_start, value
        (the manager's, shown), evidence (the count kept beside it) and source.
        """
        evidence = self._query(
            cycle, team, None, until, True, lanes=True, only="source = 'evidence'"
        )
        counts = {row[1]: row for row in evidence}
        if not counts:
            return []
        out = []
        for row in self._query(cycle, team, None, until, current=True):
            shown = dict(zip(COLUMNS, row, strict=True))
            count = counts.get(shown["key"])
            if shown["source"] != "evidence" and count is not None:
                evidence = count[COLUMNS.index("value")]
                if evidence != shown["value"]:
                    out.append({**shown, "evidence": evidence})
        return out

    def frame(
        self,
        cycle: int | None = None,
        *,
        team: str | None = None,
        kr: str | None = None,
        until: date | None = None,
        current: bool = True,
        plus: Iterable[CheckIn] = (),
    ) -> pd.DataFrame:
        """:meth:`rows` as a DataFrame with ``date`` and ``period_start`` as datetimes.

        ``plus`` are check-ins not saved (yet), read as if they were: each replaces
        the current entry at its key (the manager's page previews a status this way).
        """
        import numpy as np
        import pandas as pd

        rows = self._query(cycle, team, kr, until, current)
        plus = list(plus)
        if plus:
            keys = {item.key for item in plus}
            rows = [row for row in rows if row[1] not in keys] + [_as_row(item) for item in plus]
        # From the row tuples directly: a dict per row costs more than the query.
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        for column in ("date", "period_start"):
            try:  # days as the store writes them (YYYY-MM-DD): numpy reads them ten times faster
                days = np.array(frame[column].to_numpy(dtype=object), dtype="datetime64[D]")
                frame[column] = pd.to_datetime(days)
            except ValueError:
                frame[column] = pd.to_datetime(frame[column], format="ISO8601")
        return frame

    def count(self, *, current: bool = False) -> int:
        """How many rows the log holds (``current=True``: one per key)."""
        sql = (
            "SELECT COUNT(DISTINCT key) FROM checkins"
            if current
            else "SELECT COUNT(*) FROM checkins"
        )
        return int(self._db.execute(sql).fetchone()[0])

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' for a sound file."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


def _as_row(item: CheckIn) -> tuple:
    """A check-in as a row of the table would hold it (no id, not recorded)."""
    values = {name.name: getattr(item, name.name) for name in fields(CheckIn)}
    values["date"] = item.date.isoformat()
    values["period_start"] = item.period_start.isoformat() if item.period_start else None
    return tuple({"key": item.key, **values}.get(name) for name in COLUMNS)


def import_series(
    store: Store,
    series: pd.DataFrame,
    case=None,
    *,
    source: str = "evidence",
    cycle: int | None = None,
    origin: str = "evidence",
) -> AppendResult:
    """Turn counted evidence into check-ins, idempotently.

    ``series`` has the columns okrkit.evidence produces: team, kr, cadence
    ("week" | "month"), period_start, period_end (dates) and value (the count
    in that period). Each row becomes a per-period check-in dated
    ``period_end``; for a KR the case tracks cumulatively, the value stored is
    the running total of the periods given. Importing the same series again
    stores nothing (same key, same value); a period whose count changed is
    stored as a correction that supersedes the old count.

    With ``case`` every row is checked (known team and KR, the KR's cadence,
    a date in the cycle, a count) and the whole series is refused with
    located problems (``origin``, row, column) when any row is wrong.
    ``cycle`` defaults to the year of each row's ``period_end``.
    """
    from okrkit.track.checkin import series_checkins

    return store.append(series_checkins(series, case, source=source, cycle=cycle, origin=origin))
