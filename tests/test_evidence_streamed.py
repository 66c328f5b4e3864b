"""A large GBK export is decoded into a pipe while DuckDB parses it: the same records, the same errors."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit.errors import ProblemLog
from okrkit.evidence import sources
from okrkit.evidence import transcode as tc
from okrkit.evidence.mapping import SourceSpec
from okrkit.evidence.presets import PRESETS
from tests.test_evidence_sources import problems
from tests.test_evidence_support import call, followups_csv
from tests.test_evidence_transcode import case_with_a_bad_byte_at_line_2501

SPEC = SourceSpec("f", "followup", ("x",), columns=PRESETS["crm-followups"]["columns"])
# Chinese and full-width text, commas, quotes and newlines inside a customer's name.
NAMES = st.text(alphabet=st.sampled_from(list('上海客户,（）"\n ａ€𠀀1')), min_size=1, max_size=12)


@pytest.fixture
def streamed(monkeypatch):
    """Every GBK file goes through the pipe, whatever its size and the machine's cores."""
    monkeypatch.setattr(tc, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(tc, "MIN_CORES", 10**6)


def load(path: Path, folder: Path, *, pipe: bool, monkeypatch) -> tuple[list, ProblemLog]:
    """The loaded file's rows (row number and every column) and the problems, by pipe or serially."""
    monkeypatch.setattr(sources, "_streamed", lambda p: pipe)
    con, log = duckdb.connect(), ProblemLog()
    loaded = sources.load_file(con, SPEC, path, 0, folder, log)
    if loaded is None:
        return [], log
    rows = con.execute(f"SELECT * EXCLUDE (_file) FROM {loaded.relation} ORDER BY _row").fetchall()
    return rows, log


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(NAMES, min_size=1, max_size=30))
def test_the_pipe_loads_the_records_a_whole_file_read_does(tmp_path_factory, monkeypatch, names):
    """Through the pipe, every record, its row number and each cell are those of the serial read."""
    folder = tmp_path_factory.mktemp("pipe")
    path = folder / "c.csv"
    path.write_bytes(
        followups_csv([call(n, customer=c) for n, c in enumerate(names, 1)], "gb18030")
    )
    serial, _ = load(path, folder, pipe=False, monkeypatch=monkeypatch)
    piped, log = load(path, folder, pipe=True, monkeypatch=monkeypatch)
    assert piped == serial and not log.problems


def test_a_bad_byte_far_in_is_located_through_the_pipe(tmp_path, streamed):
    """A broken byte at line 2501 of a piped GBK export is named by line and byte, as serially."""
    (message,) = problems(case_with_a_bad_byte_at_line_2501(tmp_path))
    assert "c.csv:2501: byte 1: cannot read the text at byte 1 of line 2501" in message


def test_a_csv_duckdb_cannot_parse_is_located_and_nothing_waits(tmp_path, monkeypatch):
    """A piped export DuckDB refuses (a row of extra cells far in) is a located problem; the writer ends."""
    path = tmp_path / "c.csv"
    data = followups_csv([call(n) for n in range(1, 40000)], "gb18030")
    path.write_bytes(data.replace(b"GJ30000,", b"GJ30000,x,y,z,", 1))
    rows, log = load(path, tmp_path, pipe=True, monkeypatch=monkeypatch)
    assert rows == [] and "not a readable CSV file" in log.problems[0].render("en")


def test_the_pipe_leaves_nothing_in_the_folder(tmp_path, monkeypatch):
    """After a piped load the run's folder holds no pipe and no UTF-8 copy."""
    path = tmp_path / "in" / "c.csv"
    path.parent.mkdir()
    path.write_bytes(followups_csv([call(n) for n in range(1, 50)], "gb18030"))
    (tmp_path / "work").mkdir()
    rows, _ = load(path, tmp_path / "work", pipe=True, monkeypatch=monkeypatch)
    assert len(rows) == 49 and list((tmp_path / "work").iterdir()) == []
