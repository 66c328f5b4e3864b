"""okrkit decompose prints P50/P80 beside the reverse funnel when the case declares its history."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from okrkit.calibrate import calibrate
from okrkit.calibrate.declared import CACHE_NAME
from okrkit.calibrate.odds import rep_odds
from okrkit.cases import load_case
from okrkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKED = ROOT / "cases" / "a-company"


@pytest.fixture(scope="module")
def declared(tmp_path_factory) -> Path:
    """A copy of A公司 whose case.yaml declares its 2014 history."""
    folder = tmp_path_factory.mktemp("decompose") / "a-company"
    shutil.copytree(WORKED, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
    with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\ncalibration: {history: records/2014}\n")
    return folder


@pytest.fixture(scope="module")
def printed(declared) -> dict:
    """okrkit decompose --team rep-zhang on the declared copy, in both languages."""
    import contextlib
    import io

    out = {}
    for lang in ("zh", "en"):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(["decompose", str(declared), "--team", "rep-zhang", "--lang", lang]) == 0
        out[lang] = buffer.getvalue()
    return out


def test_english_odds_give_the_reps_and_the_companys_rates(printed):
    """The English printout says 'gives an even chance of 1200', once with his rates, once the company's."""
    text = printed["en"]
    assert "gives an even chance of 1200 (10k RMB)" in text
    assert "Zhang Wei's own rates" in text and "the company's rates" in text


def test_chinese_odds_read_as_a_room_would(printed):
    """The Chinese printout says 五成把握 and 八成把握, for 张伟自己 and for 公司."""
    text = printed["zh"]
    assert "有五成把握达成1200万元" in text and "有八成把握" in text
    assert "张伟自己的比率" in text and "公司的比率" in text


def test_odds_sit_after_the_reverse_funnel(printed):
    """The odds come after the activity table and before the forward check."""
    text = printed["en"]
    assert (
        text.index("Target (rounded up)") < text.index("even chance") < text.index("forward check")
    )


def test_printed_calls_are_rep_odds_with_the_companys_rates(declared, printed):
    """The company line for calls shows rep_odds(company=True)'s P50 and P80, P80 above P50."""
    case = load_case(declared)
    odds = rep_odds(calibrate(case, declared / "records" / "2014"), "rep-zhang", 1200, company=True)
    calls = next(o for o in odds if o.stage == "calls")
    assert calls.p80 > calls.p50
    lines = printed["en"].splitlines()
    line = next(s for s in lines if "effective calls" in s and "company's" in s)
    assert re.search(rf"{calls.p50} a week gives .*; {calls.p80} gives 80%", line)


def test_company_rates_differ_from_a_weak_reps_own(declared):
    """张伟 books fewer visits than the team: his own P50 calls exceed the company's."""
    cal = calibrate(load_case(declared), declared / "records" / "2014")
    own = {o.stage: o for o in rep_odds(cal, "rep-zhang", 1200, draws=4000)}
    company = {o.stage: o for o in rep_odds(cal, "rep-zhang", 1200, draws=4000, company=True)}
    assert own["calls"].p50 > company["calls"].p50


def test_no_odds_without_a_declared_history(capsys):
    """The shipped case declares no history: decompose prints no odds (and does not calibrate)."""
    assert main(["decompose", str(WORKED), "--team", "rep-zhang", "--lang", "en"]) == 0
    assert "even chance" not in capsys.readouterr().out


def test_unreadable_history_stops_before_anything_is_printed(declared, tmp_path, capsys):
    """A corrupt history file: exit 2, the file named in both languages, no half printout."""
    folder = tmp_path / "a-company"
    shutil.copytree(declared, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
    (folder / "records" / "2014" / "crm-opportunities.xlsx").write_bytes(b"not a workbook")
    for lang, words in (("en", "expected an excel workbook"), ("zh", "无法读取")):
        assert main(["decompose", str(folder), "--team", "rep-zhang", "--lang", lang]) == 2
        out, err = capsys.readouterr()
        assert out == "" and "crm-opportunities.xlsx" in err and "Traceback" not in err
        assert words in err.lower()
