"""A source that cannot be read is a located error, exit 2, and nothing is written."""

from __future__ import annotations

import pytest

from okrkit import load_case
from okrkit.cli import main
from okrkit.errors import CaseError
from okrkit.evidence.run import evaluate
from tests.conftest import replace_in
from tests.test_evidence_support import (
    CALLS_SOURCE,
    DINGTALK_HEADER,
    TODAY,
    call,
    followups_csv,
    make_case,
    write_xlsx,
)


def problems(case_dir) -> list[str]:
    with pytest.raises(CaseError) as caught:
        evaluate(load_case(case_dir), "2015", today=TODAY).close()
    return [p.render("en") for p in caught.value.problems]


def test_missing_mapped_column_is_located(tmp_path):
    """A CSV without the mapped 通话时长(秒) column names the file, the header and what it found."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "c.csv").write_text("负责人,客户名称\n张伟,A\n", encoding="utf-8")
    (message, *_) = problems(case_dir)
    assert (
        "c.csv:1: header: missing column '跟进记录ID'" in message
        and "found 负责人, 客户名称" in message
    )


def test_header_below_a_title_row_is_found(tmp_path):
    """A DingTalk sheet's header under its title row is found; a sheet lacking 拜访对象 is located."""
    case_dir = make_case(tmp_path, "    d: {preset: dingtalk-checkin, files: records/d.xlsx}\n")
    write_xlsx(case_dir / "records" / "d.xlsx", DINGTALK_HEADER[:-2], [], title="签到记录")
    (message,) = problems(case_dir)
    assert "d.xlsx: 签到记录!2:2: missing column '拜访对象'" in message


def test_binary_file_named_csv_is_refused(tmp_path):
    """An .xlsx renamed .csv is refused in words, not read as text."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    write_xlsx(case_dir / "records" / "c.csv", ["a"], [])
    (message,) = problems(case_dir)
    assert "c.csv" in message and "Excel" in message


def test_declared_encoding_that_does_not_fit_is_located(tmp_path):
    """GBK bytes declared UTF-8 are a located error naming the bad byte's line."""
    case_dir = make_case(
        tmp_path, "    f: {preset: crm-followups, files: records/c.csv, encoding: utf-8}\n"
    )
    (case_dir / "records" / "c.csv").write_bytes(followups_csv([call(1)], "gbk"))
    (message,) = problems(case_dir)
    assert message.startswith(str(case_dir / "records" / "c.csv"))


def test_broken_json_is_located_by_line(tmp_path):
    """WeCom JSON cut short names the file and the line where it breaks."""
    case_dir = make_case(tmp_path, "    w: {preset: wecom-checkin, files: records/w.json}\n")
    (case_dir / "records" / "w.json").write_text('{"checkindata": [\n{"userid": ', encoding="utf-8")
    (message,) = problems(case_dir)
    assert "w.json:2:" in message and "not valid JSON" in message


def test_glob_matching_nothing_is_located_in_case_yaml(tmp_path):
    """A files: glob that matches no file names the source in case.yaml."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (message,) = problems(case_dir)
    assert "case.yaml" in message and "evidence.sources.followups.files" in message


def test_unknown_preset_is_located_at_validate(tmp_path):
    """okrkit validate names an unknown preset with its line in case.yaml."""
    case_dir = make_case(tmp_path, "    f: {preset: crm-folowups, files: records/c.csv}\n")
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    assert "evidence.sources.f.preset: unknown preset" in str(caught.value)


def test_rule_without_stage_or_kr_is_refused(tmp_path):
    """A counting rule naming neither a stage nor a KR is a located problem."""
    case_dir = make_case(tmp_path, CALLS_SOURCE, rules="  rules:\n    - {count: calls}\n")
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    assert "evidence.rules[0]" in str(caught.value)


def test_cli_exits_2_and_writes_nothing_on_an_unreadable_source(tmp_path, capsys):
    """okrkit evidence on a broken source exits 2, says where in Chinese, and writes no file."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "c.csv").write_text("负责人\n张伟\n", encoding="utf-8")
    out, rejects = tmp_path / "a.yaml", tmp_path / "r.csv"
    code = main(["evidence", str(case_dir), "--out", str(out), "--rejects", str(rejects)])
    assert (code, out.exists(), rejects.exists()) == (2, False, False)
    assert "缺少列" in capsys.readouterr().err


def test_missing_required_mapping_is_refused(tmp_path):
    """Unmapping a required column (duration) in a source's override is a located problem."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    replace_in(
        case_dir / "case.yaml",
        "files: 'records/*.csv'}",
        "files: 'records/*.csv', columns: {duration: ''}}",
    )
    with pytest.raises(CaseError) as caught:
        load_case(case_dir)
    assert "no column mapped for 'duration'" in str(caught.value)
