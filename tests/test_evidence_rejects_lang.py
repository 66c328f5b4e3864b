"""The rejects CSV's own column headers follow --lang; the records' exported columns keep theirs."""

from __future__ import annotations

import csv

import pytest

from okrkit.cli import main
from okrkit.evidence.rejects import HEADERS, headers
from tests.conftest import CASES

CASE = CASES / "a-company"
EXPORTED = {"拜访对象", "checkin_type"}  # columns of the shipped DingTalk and WeCom exports


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The shipped case's rejects file written once in each language: lang -> (header, rows)."""
    out = {}
    for lang in ("zh", "en"):
        path = tmp_path_factory.mktemp(lang) / "rejects.csv"
        assert main(["evidence", str(CASE), "--rejects", str(path), "--lang", lang]) == 0
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        out[lang] = (rows[0], rows[1:])
    return out


def test_zh_rejects_file_heads_okrkits_columns_in_chinese(written):
    """--lang zh heads okrkit's columns 来源 … 重复于, and no English name of them is left."""
    header, _ = written["zh"]
    assert [h for h, _ in HEADERS.values()] == header[: len(HEADERS)]
    assert not {"source", "location", "reason_zh", "found", "expected"} & set(header)


def test_en_rejects_file_heads_okrkits_columns_in_english(written):
    """--lang en heads okrkit's columns source … duplicate_of."""
    header, _ = written["en"]
    assert [en for _, en in HEADERS.values()] == header[: len(HEADERS)]


def test_exported_columns_keep_their_headers_in_both_languages(written):
    """The records' own columns (拜访对象, checkin_type) are headed as exported in zh and en alike."""
    assert written["zh"][0][len(HEADERS) :] == written["en"][0][len(HEADERS) :]
    assert EXPORTED <= set(written["zh"][0])


def test_the_language_changes_headers_only(written):
    """The zh and en files hold the same rows, cell for cell and in the same order: only the header differs."""
    assert written["zh"][1] == written["en"][1]


def test_each_files_rejects_come_in_the_files_row_order(written):
    """Within one file the rejected and merged records are listed as they stand in it (row 2 before row 10)."""
    header, rows = written["en"]
    file, location = header.index("file"), header.index("location")
    by_file: dict[str, list[int]] = {}
    for row in rows:
        number = int(
            "".join(ch for ch in row[location].split("!")[-1].split(":")[0] if ch.isdigit())
        )
        by_file.setdefault(row[file], []).append(number)
    assert len(by_file) > 1 and any(len(n) > 9 for n in by_file.values())
    assert all(numbers == sorted(numbers) for numbers in by_file.values())


def test_a_header_an_export_already_uses_is_marked():
    """okrkit's 文件 column beside an exported column 文件 is headed '文件 (okrkit)', never twice."""
    assert headers("zh", {"文件"})["file"] == "文件 (okrkit)"
    assert headers("zh", set())["file"] == "文件"
