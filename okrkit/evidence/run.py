"""One evidence run: read every source of a case, judge every record, keep the tables.

:func:`evaluate` opens an in-memory DuckDB database (spilling to a temporary
folder past its memory limit, so a year of 10,000 reps is read out of core;
the folder is removed on close, or by a later run when this one was killed:
:mod:`.workdir`),
loads every source file, raises one located CaseError when any cannot be
read (before anything is written), and classifies each record. The result's
tables are queried by :mod:`okrkit.evidence.count`, :mod:`.rejects` and
:mod:`.output`; close it (or use it as a context manager) to drop them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from okrkit.errors import ProblemLog
from okrkit.evidence.classify import classify, parse_select
from okrkit.evidence.mapping import EvidenceConfig, evidence_config
from okrkit.evidence.people import register_people
from okrkit.evidence.rules import Period, parse_period, targets
from okrkit.evidence.sources import LoadedFile, load_file, source_files
from okrkit.evidence.workdir import Workdir

# DuckDB's share; its process peaks about 0.7 GB higher (allocator, Python, the case model).
# Measured on a year of 10,000 reps (57.5M records): peak 1,720 MB at 1GB once the
# series rows were kept as columns (2,180 MB with a dict per row, which is why it was
# 700MB); less spilling than at 700MB for about 10% less CPU; no difference at 1,000 reps.
MEMORY_LIMIT = os.environ.get("OKRKIT_EVIDENCE_MEMORY", "1GB")


@dataclass
class EvidenceRun:
    """The judged records of one case and period, held in DuckDB."""

    case: object
    config: EvidenceConfig
    period: Period
    today: dt.date
    con: object
    files: dict[str, list[LoadedFile]] = field(default_factory=dict)  # source -> files
    fids: dict[str, int] = field(default_factory=dict)  # file path -> number in table files
    workdir: Workdir | None = None
    cache: dict = field(default_factory=dict)  # what the readers computed once (see count)

    @property
    def targets(self):
        if "targets" not in self.cache:
            self.cache["targets"] = targets(self.case, self.config.rules)
        return self.cache["targets"]

    def encodings(self) -> dict[bool, dict[Path, str]]:
        """The text files read, by whether their source declares its encoding: path -> encoding."""
        out: dict[bool, dict[Path, str]] = {True: {}, False: {}}
        for spec in self.config.sources:
            for loaded in self.files.get(spec.name, []):
                if loaded.encoding:  # workbooks and Parquet have none
                    out[spec.encoding is not None][loaded.path] = loaded.encoding
        return out

    def spec(self, name: str):
        return next(s for s in self.config.sources if s.name == name)

    def close(self) -> None:
        self.con.close()
        if self.workdir is not None:
            self.workdir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def evaluate(case, period=None, *, today: dt.date | None = None) -> EvidenceRun:
    """Read and judge the case's records for ``period`` (default: the case's year)."""
    import duckdb

    config = evidence_config(case)
    period = parse_period(period if period is not None else case.year)
    workdir = Workdir()  # removes the folders of runs that were killed
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": workdir.name})
    con.execute("SET TimeZone = 'UTC'")  # instants are moved to the case's zone explicitly
    con.execute("SET enable_progress_bar = false")  # a long query must not draw on stdout
    run = EvidenceRun(case, config, period, today or dt.date.today(), con, workdir=workdir)
    try:
        log = ProblemLog()
        register_people(con, config, log)
        selects: dict[str, list[str]] = {}
        rows = []  # the files table: each record names its file by number, not by path
        for spec in config.sources:
            paths = source_files(spec, config.folder, config.file, log)
            run.files[spec.name] = []
            for index, path in enumerate(paths):
                loaded = load_file(con, spec, path, index, Path(workdir.name), log)
                if loaded is None:
                    continue
                fid = len(rows)
                rows.append((fid, spec.name, str(path), loaded.sheet, loaded.fmt))
                run.files[spec.name].append(loaded)
                run.fids[str(path)] = fid
                selects.setdefault(spec.kind, []).append(
                    parse_select(spec, loaded, config.timezone, fid)
                )
        log.raise_if_any()
        con.execute(
            "CREATE TABLE files (fid INTEGER, source VARCHAR, file VARCHAR, sheet VARCHAR, fmt VARCHAR)"
        )
        if rows:
            con.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", rows)
        # The judged tables need no order (each record keeps its file and row), and
        # without it DuckDB writes them in parallel and in less memory. Set only now:
        # a CSV's row numbers come from the order it was loaded in.
        con.execute("SET preserve_insertion_order = false")
        calls = [r.min_seconds for r in config.rules if r.count == "calls"]
        classify(con, selects, period, run.today, min(calls) if calls else 0)
    except BaseException:
        run.close()
        raise
    return run
