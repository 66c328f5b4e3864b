"""A case's shipped year in one store: the managers' check-ins and the records' counts.

The workbook and a trainer's demo need the year as a manager would have
lived it without writing into the case folder: :func:`case_store` opens a
store in a folder of the caller's choosing (a temporary one in the
chapters), imports ``<case>/checkins/<cycle>.csv`` (typed check-ins) and the
evidence counts of the case's records (``source = evidence``), both
idempotently, so calling it twice on one folder stores nothing new.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
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


SHIPPED_NOTE = {
    "zh": "{store} 尚无进展记录库：显示案例自带的 {cycle} 年进展（{file} 及记录统计），不写入案例文件夹",
    "en": "no check-in store at {store} yet: showing the case's own {cycle} check-ins ({file} and"
    " the records' counts), writing nothing into the case folder",
}
EMPTY_NOTE = {
    "zh": "{store} 尚无进展记录库：还没有任何进展（用 okrkit checkin 记录）",
    "en": "no check-in store at {store} yet: no check-ins so far (record them with okrkit checkin)",
}


def refuse_missing_store(store, case_dir, command: str) -> None:
    """A ``--store`` that names no file, given to a command that only reads, is refused.

    A command that reads (status, review-month, checkin --export) would show
    every KR stale from an empty store: a mistyped path is far likelier than a
    wish to see nothing, so it is a located error naming the path and the
    case's default. Commands that write (checkin, checkin --import) may start
    a new store there.
    """
    from okrkit.errors import ProblemLog
    from okrkit.track.store import default_path

    if Path(store).exists():
        return
    default = default_path(case_dir) if case_dir else None
    if default is not None:
        there, there_zh = ("", "") if default.exists() else (" (no file there yet)", "（尚未创建）")
        expected = (
            f"an existing check-in store; without --store {command} reads the case's "
            f"default {default}{there}"
        )
        expected_zh = (
            f"已有的进展记录库；不写 --store 时 {command} 读取案例默认的 {default}{there_zh}"
        )
    else:
        expected, expected_zh = "an existing check-in store", "已有的进展记录库"
    log = ProblemLog()
    log.add(command, "--store", "no check-in store at this path (mistyped?)", found=str(store),
            expected=expected, zh="此路径下没有进展记录库（路径写错了？）",
            expected_zh=expected_zh)  # fmt: skip
    log.raise_if_any()


@contextmanager
def reading_store(
    case: Case, case_dir, store=None, cycle: int | None = None, notes=None, *, command="okrkit"
):
    """The store a reading command (status, review-month) reads, opened and closed.

    ``--store`` when given; else the case's own ``track.sqlite`` when it exists;
    else, for a case that ships ``checkins/<cycle>.csv``, that year in a
    temporary store (:func:`case_store`), so ``okrkit status cases/a-company``
    shows the mid-year story out of the box; else an empty store in memory.
    Reading never creates a file in the case folder. ``notes`` (a list)
    receives what was read instead, as ``(note, values)`` for the caller to word.
    A ``--store`` naming no file is refused (:func:`refuse_missing_store`).
    """
    from okrkit.track.store import default_path

    if store:
        refuse_missing_store(store, case_dir, command)
    cycle = cycle or case.year
    path = Path(store) if store else default_path(case_dir)
    if store or path.exists():
        with Store(path) as opened:
            yield opened
        return
    shipped = checkins_file(case, cycle) if case.path is not None and cycle else None
    if shipped is not None and shipped.exists():
        if notes is not None:
            notes.append((SHIPPED_NOTE, {"store": path, "cycle": cycle, "file": shipped}))
        with tempfile.TemporaryDirectory() as folder, case_store(case, folder, cycle) as opened:
            yield opened
        return
    if notes is not None:
        notes.append((EMPTY_NOTE, {"store": path}))
    with Store(":memory:") as opened:
        yield opened
