"""QA H6, M10, M11, L2: okrkit calibrate on a wrong-year history, --apply, --team, English wording."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

import okrkit.calibrate
from okrkit.calibrate import calibrate
from okrkit.calibrate.coverage import Coverage
from okrkit.cases import load_case
from okrkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"
RECORDS = CASE / "records"


@pytest.fixture(scope="module")
def last_year():
    """The shipped 2014 history, calibrated once."""
    return calibrate(load_case(CASE), RECORDS / "2014")


@pytest.fixture(scope="module")
def wrong_year():
    """The plan year's own records given as the history (the QA's H6 command)."""
    return calibrate(load_case(CASE), RECORDS / "2015")


@pytest.fixture(scope="module")
def no_visits(tmp_path_factory):
    """2014's CRM exports with 2015's check-ins: no new-customer visit falls in the history."""
    folder = tmp_path_factory.mktemp("history")
    for name in ("crm-followups-2014H1.csv", "crm-followups-2014H2.csv", "crm-opportunities.xlsx"):
        shutil.copy(RECORDS / "2014" / name, folder / name)
    for name in ("dingtalk-checkins.xlsx", "wecom-checkins.json"):
        shutil.copy(RECORDS / "2015" / name, folder / name)
    return calibrate(load_case(CASE), folder)


@pytest.fixture
def copied_case(tmp_path):
    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder, ignore=shutil.ignore_patterns("records", "*.sqlite*"))
    return folder


def _moved(cal, folder):
    moved = copy.copy(cal)
    moved.case = dataclasses.replace(cal.case, path=folder)
    return moved


def _run(monkeypatch, cal, case_dir, *extra):
    monkeypatch.setattr(okrkit.calibrate, "calibrate", lambda *a, **k: cal)
    return main(["calibrate", str(case_dir), "--history", str(RECORDS / "2014"), *extra])


# -- H6: a history of the wrong year


def test_wrong_year_is_seen_as_mostly_outside_the_period(wrong_year):
    """Nearly every record of records/2015 lies outside the 2014 history period."""
    assert wrong_year.coverage.mostly_outside


def test_right_year_is_not_flagged(last_year):
    """The shipped 2014 history is not flagged as outside its period."""
    assert not last_year.coverage.mostly_outside


def test_wrong_year_warning_names_the_year_the_records_are_from(wrong_year):
    """The warning says the records are dated 2015 while the period is 2014."""
    text = wrong_year.coverage.warning("records/2015", wrong_year.period, "en")
    assert "2014" in text and "dated 2015" in text


def test_wrong_year_warning_is_in_chinese_too(wrong_year):
    """The Chinese warning names the period year."""
    assert "不在历史期 2014 年内" in wrong_year.coverage.warning("records/2015", "2014", "zh")


def test_wrong_year_command_exits_2(monkeypatch, wrong_year, copied_case):
    """calibrate on a wrong-year history exits 2 instead of proposing rates."""
    assert _run(monkeypatch, _moved(wrong_year, copied_case), copied_case) == 2


def test_wrong_year_command_writes_nothing_with_apply(monkeypatch, wrong_year, copied_case):
    """--apply on a wrong-year history leaves case.yaml as it was."""
    before = (copied_case / "case.yaml").read_bytes()
    _run(monkeypatch, _moved(wrong_year, copied_case), copied_case, "--apply")
    assert (copied_case / "case.yaml").read_bytes() == before


def test_mostly_outside_history_proposes_no_rate(last_year):
    """With most records outside the period, every stage keeps the case's assumption."""
    from okrkit.calibrate.proposal import proposed_values

    flagged = copy.copy(last_year)
    flagged.coverage = Coverage(read=100, outside=90)
    assert proposed_values(flagged)[0] == []


def test_stage_with_nothing_above_keeps_the_assumption(no_visits):
    """Calls whose visits are all out of period are not calibrated to a 0% rate."""
    assert no_visits.rates["calls"].method == "assumption"


def test_stage_with_nothing_above_says_why(no_visits):
    """The kept assumption is named: the calls cannot be traced to any outcome."""
    assert "cannot be traced" in no_visits.rates["calls"].reason.en


def test_stage_with_nothing_above_is_not_proposed(no_visits):
    """No calls.rate appears among the proposed values."""
    from okrkit.calibrate.proposal import proposed_values

    values, kept = proposed_values(no_visits)
    assert "calls" in kept and all(v.key != "calls.rate" for v in values)


# -- M10: --apply keeps the trainer's comments and says the targets no longer hold


def test_proposal_keeps_the_trainers_comment(last_year, copied_case):
    """The deal size line keeps its explanation and adds the calibration note after it."""
    from okrkit.calibrate.proposal import proposal

    made = proposal(_moved(last_year, copied_case), today=dt.date(2015, 1, 5))
    line = next(x for x in made.new_text.splitlines() if "mid-size OA integration" in x)
    assert "integration project (assumption) · calibrated: " in line


def test_a_second_note_replaces_the_first():
    """A line calibrated twice carries one calibration note, the newest."""
    import io

    from okrkit.calibrate.proposal import _add_note
    from okrkit.yamlio import _yaml

    yaml = _yaml()
    doc = yaml.load("rate: 5%   # one call in 20 (assumption)\n")
    _add_note(doc, "rate", "calibrated: first")
    _add_note(doc, "rate", "calibrated: second")
    out = io.StringIO()
    yaml.dump(doc, out)
    assert out.getvalue() == "rate: 5%   # one call in 20 (assumption) · calibrated: second\n"


def test_drift_counts_the_targets_the_new_funnel_changes(last_year, copied_case):
    """After applying the 2014 funnel, the three reps' activity targets fall short (OKR404)."""
    from okrkit.calibrate.proposal import apply, funnel_drift, proposal

    apply(proposal(_moved(last_year, copied_case)))
    assert funnel_drift(load_case(copied_case)).short == ("rep-zhang", "rep-li", "rep-wang")


def test_shipped_case_has_no_drift():
    """The shipped case's activity targets match its own funnel: nothing to say."""
    from okrkit.calibrate.proposal import funnel_drift

    assert funnel_drift(load_case(CASE)).sentence("en") is None


def test_apply_says_to_run_decompose(monkeypatch, capsys, last_year, copied_case):
    """calibrate --apply prints how many targets differ and the hint okrkit decompose."""
    _run(monkeypatch, _moved(last_year, copied_case), copied_case, "--apply", "--lang", "en")
    out = capsys.readouterr().out
    assert "9 process-KR targets no longer match" in out and "okrkit decompose" in out


# -- M11: an unknown --team fails before the calibration


def test_unknown_team_fails_before_calibrating(monkeypatch, capsys):
    """--team nobody exits 2 without running the calibration."""

    def never(*args, **kwargs):
        raise AssertionError("calibrated before checking --team")

    monkeypatch.setattr(okrkit.calibrate, "calibrate", never)
    rc = main(["calibrate", str(CASE), "--history", str(RECORDS / "2014"), "--team", "nobody"])
    assert rc == 2 and "nobody" in capsys.readouterr().err


# -- L2: the English output


def test_english_deal_size_uses_the_cases_english_unit(last_year):
    """The English deal size line says 10k RMB, not 万元."""
    from okrkit.calibrate.explain import deal_lines

    head = deal_lines(last_year, "en")[0]
    assert "10k RMB" in head and "万元" not in head


def test_one_month_is_singular():
    """A one-month lag reads '1 month later'."""
    from okrkit.calibrate.drivers import Relation
    from okrkit.model import Text

    relation = Relation("calls", 1, 30, 3, 0.5, 0.01, 0.2, "drives", 0.2, 0.7)
    assert "1 month later" in relation.sentence(Text(en="calls"), "en", Text(en="10k RMB"))


def test_driver_sentence_uses_the_english_money_unit():
    """The English driver sentence says 10k RMB per extra unit, not 万元."""
    from okrkit.calibrate.drivers import Relation
    from okrkit.model import Text

    relation = Relation("calls", 2, 30, 3, 0.5, 0.01, 0.2, "drives", 0.2, 0.7)
    assert "万元" not in relation.sentence(Text(en="calls"), "en", Text(en="10k RMB"))


@pytest.mark.parametrize(("chance", "word"), [("11%", "an"), ("8%", "an"), ("80%", "an"),
                                              ("18%", "an"), ("3%", "a"), ("1%", "a")])  # fmt: skip
def test_article_before_a_percent(chance, word):
    """'an 11% chance', 'an 8% chance', 'a 3% chance'."""
    from okrkit.calibrate.explain import article

    assert article(chance) == word


def test_lag_line_names_where_the_lag_runs_to(last_year):
    """The calls lag reads 'effective calls → new-customer visits', not 'the stage above'."""
    from okrkit.calibrate.explain import lag_lines

    lines = lag_lines(last_year, "en")
    assert any(x.startswith("effective calls → new-customer visits:") for x in lines)


def test_opportunity_lag_runs_to_the_close(last_year):
    """The opportunity lag is named as running to its close (won or lost)."""
    from okrkit.calibrate.explain import lag_lines

    assert any("→ 结单（赢单或输单）" in x for x in lag_lines(last_year, "zh"))


def test_rep_rows_line_up_with_long_english_names(last_year):
    """Each rep row's k/n column starts at the same place, whatever the name's length."""
    from okrkit.calibrate.explain import stage_lines

    rows = [x for x in stage_lines(last_year, "en") if x.startswith("    rep-")]
    assert len({x.index(" raw ") for x in rows}) == 1
