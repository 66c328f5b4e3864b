"""evidence and calibrate name on stderr each activity export they read as GBK, as validate names a GBK team file."""

from __future__ import annotations

from okrkit.cli import main
from tests.conftest import CASES

CASE = CASES / "a-company"


def test_evidence_names_the_gbk_export_in_english(capsys):
    """okrkit evidence --lang en says the H1 follow-ups were read as GBK, and only that file."""
    assert main(["evidence", str(CASE), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "crm-followups-2015H1.csv: read as GBK (GB18030)" in err
    assert "2015H2" not in err  # UTF-8 with a BOM: nothing to say


def test_evidence_names_the_gbk_export_in_chinese(capsys):
    """Without --lang the note is in Chinese."""
    assert main(["evidence", str(CASE)]) == 0
    assert "crm-followups-2015H1.csv：按GBK（GB18030）读取" in capsys.readouterr().err


def test_calibrate_names_the_historys_gbk_export(capsys):
    """okrkit calibrate names the 2014 history's GBK follow-ups the same way."""
    history = CASE / "records" / "2014"
    assert main(["calibrate", str(CASE), "--history", str(history), "--lang", "en"]) == 0
    assert "crm-followups-2014H1.csv: read as GBK (GB18030)" in capsys.readouterr().err


def test_decompose_names_the_declared_historys_gbk_export(worked_case_dir, capsys):
    """decompose, whose odds come from the case's declared history, names its GBK follow-ups."""
    with (worked_case_dir / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\ncalibration: {history: records/2014}\n")
    assert main(["decompose", str(worked_case_dir), "--team", "rep-zhang", "--lang", "en"]) == 0
    assert "crm-followups-2014H1.csv: read as GBK (GB18030)" in capsys.readouterr().err
