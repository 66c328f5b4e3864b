"""GBK exports become UTF-8 for DuckDB: the same text in one process or in pieces, the first bad byte located."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit.evidence import transcode as tc
from tests.test_evidence_sources import problems
from tests.test_evidence_support import CALLS_SOURCE, call, followups_csv, make_case

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Chinese, ASCII, full-width forms, a 4-byte GB18030 character (€ is 2 bytes, 𠀀 is 4) and newlines.
TEXT = st.text(alphabet=st.sampled_from(list('张伟客户,0123456789 \n"（）€𠀀ａ')), max_size=400)


@pytest.fixture
def tiny_pieces(monkeypatch):
    """Read 7 bytes at a time and cut files of any size, so every edge case is reached."""
    monkeypatch.setattr(tc, "CHUNK_BYTES", 7)
    monkeypatch.setattr(tc, "PARALLEL_BYTES", 0)


@SETTINGS
@given(TEXT)
def test_pieces_decode_to_the_whole_files_text(tmp_path, tiny_pieces, text):
    """Decoded in three worker processes, the file is byte for byte its whole-file decoding."""
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(text.encode("gb18030"))
    tc.transcode(source, target, "gb18030", workers=3)
    assert target.read_bytes() == text.encode("utf-8")


@SETTINGS
@given(
    TEXT,
    st.integers(0, 400),
    st.sampled_from([b"\xff", b"\x80", b"\x81", b"\x81\x30", b"\xa1\x20"]),
)
def test_first_bad_byte_is_located_like_a_whole_file_decode(tmp_path, tiny_pieces, text, at, bad):
    """Serial or in pieces, the error names the offset, line and byte where Python's decoder stops."""
    data = text.encode("gb18030")
    at = min(at, len(data))
    while at and at < len(data) and _inside_character(data, at):
        at -= 1
    data = data[:at] + bad + data[at:]
    try:
        data.decode("gb18030")
        return  # (the bad bytes happened to complete a character)
    except UnicodeDecodeError as exc:
        expected = exc.start
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    line = data.count(b"\n", 0, expected) + 1
    for workers in (1, 3):
        with pytest.raises(tc.TranscodeError) as caught:
            tc.transcode(source, tmp_path / "out.csv", "gb18030", workers=workers)
        assert (caught.value.bad.offset, caught.value.bad.line) == (expected, line)


def _inside_character(data: bytes, at: int) -> bool:
    """Whether ``at`` falls inside a multi-byte character (inserting there would change it)."""
    position = 0
    while position < at:
        position += len(_first_character(data[position:]))
    return position != at


def _first_character(data: bytes) -> bytes:
    for size in (1, 2, 4):
        try:
            data[:size].decode("gb18030")
            return data[:size]
        except UnicodeDecodeError:
            continue
    return data[:1]


def case_with_a_bad_byte_at_line_2501(tmp_path):
    """A case whose 3,000-call GBK export has one broken byte at line 2501, past its head."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    rows = [call(n, customer=f"上海客户{n}有限公司") for n in range(1, 3001)]
    data = followups_csv(rows, "gbk")
    cut = data.index(b"GJ2500,")
    (case_dir / "records" / "c.csv").write_bytes(data[:cut] + b"\xff" + data[cut:])
    return case_dir


def test_damaged_byte_far_past_the_head_is_located_by_line(tmp_path):
    """A GBK export with one broken byte after its first 64 KiB names the line and byte, in zh and en."""
    (message,) = problems(case_with_a_bad_byte_at_line_2501(tmp_path))
    assert "c.csv:2501: byte 1: cannot read the text at byte 1 of line 2501" in message
    assert "0xFF" in message
