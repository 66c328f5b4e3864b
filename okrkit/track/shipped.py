"""A case's shipped year in one store: the managers' check-ins and the records' counts.

The workbook and a trainer's demo need the year as a manager would have
lived it without writing into the case folder: :func:`case_store` opens a
store in a folder of the caller's choosing (a temporary one in the
chapters), imports ``<case>/checkins/<cycle>.csv`` (typed check-ins) and the
evidence counts of the case's records (``source = evidence``), both
idempotently, so calling it twice on one folder stores nothing new.
"""

from __future__ import annotations

from pathlib import Path

from okrkit.errors import OkrkitError
from okrkit.model import Case
from okrkit.track.io import read_checkins
from okrkit.track.store import STORE_NAME, Store, import_series


def checkins_file(case: Case, cycle: int) -> Path:
    """Where the case keeps its typed check-ins of ``cycle``: ``checkins/<cycle>.csv``."""
    if case.path is None:
        raise OkrkitError("the case was not loaded from a folder", zh="案例不是从文件夹读取的")
    return case.path / "checkins" / f"{cycle}.csv"


def case_store(
    case: Case, folder: str | Path, cycle: int | None = None, *, evidence: bool = True
) -> Store:
    """A store in ``folder`` holding the case's check-ins of ``cycle`` and, with ``evidence``, its records' counts.

    The caller closes it (or uses it in a ``with``). A missing check-ins file
    is a located error naming it; a case without an ``evidence:`` block
    simply brings no counts.
    """
    cycle = cycle or case.year
    path = checkins_file(case, cycle)
    if not path.exists():
        raise OkrkitError(f"{path}: no check-ins file for {cycle}",
                          zh=f"{path}：没有 {cycle} 年的进展记录文件")  # fmt: skip
    store = Store(Path(folder) / STORE_NAME)
    try:
        store.append(read_checkins(path, case, cycle=cycle))
        if evidence and case.sections.get("evidence"):
            from okrkit.evidence import series

            import_series(store, series(case, cycle), case)
    except BaseException:
        store.close()
        raise
    return store
