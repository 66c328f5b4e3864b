"""okrkit calibrate on A公司's shipped 2014 history: recovered rates, proposal, CLI, bad folders."""

import copy
import dataclasses
import datetime as dt
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.calibrate import calibrate
from okrkit.calibrate.cohorts import cohort_counts
from okrkit.cases import load_case
from okrkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "a-company"
HISTORY = CASE / "records" / "2014"
sys.path.insert(0, str(ROOT / "scripts"))
import make_records  # noqa: E402


@pytest.fixture(scope="module")
def cal():
    return calibrate(load_case(CASE), HISTORY)


def test_each_reps_call_rate_interval_holds_the_generators_rate(cal):
    """Every rep's 90% interval for visits per call contains the rate the history was generated from."""
    rate = cal.rates["calls"]
    for team, (_, truth, _, _) in make_records.TRUTH_2014.items():
        row = rate.rep(team)
        assert row["low"] <= truth <= row["high"], (team, truth, row["low"], row["high"])


def test_company_rates_hold_the_generators_rates(cal):
    """The company's win rate, opportunities per visit and old-customer share hold 25%, 0.5 and 50%."""
    for stage, truth in (("opportunities", 0.25), ("visits", 0.5)):
        row = cal.rates[stage].company()
        assert row["low"] <= truth <= row["high"]
    other = cal.rates["visits"].company(cal.rates["visits"].other_share)
    assert other["low"] <= make_records.OTHER_SHARE_2014 <= other["high"]


def test_every_stage_uses_the_cohort_method_on_a_full_year(cal):
    """A year of records gives each stage enough mature cohorts for the cohort method."""
    assert {r.method for r in cal.rates.values()} == {"cohort"}


def test_impossible_sequences_are_left_out_with_their_row(cal):
    """Won-before-created and won-without-a-date opportunities are listed by sheet and row."""
    text = [r.render("en") for r in cal.rejects]
    assert any("before it was created" in t and "商机!" in t for t in text)
    assert any("no closing date" in t for t in text)


def test_wang_qiang_finding_names_his_calls(cal):
    """The finding says 王强's calls book visits at well under the team's rate."""
    from okrkit.calibrate.explain import findings

    lines = findings(cal, "zh")
    assert any("王强" in line and "每个有效电话约到拜访的比例" in line for line in lines)


def test_open_deals_are_censored_in_the_close_lag(cal):
    """The opportunity-to-close lag is Kaplan-Meier with the open deals counted as censored."""
    lag = cal.lags["opportunities"]
    assert lag.method == "kaplan-meier" and lag.censored > 0 and 20 < lag.median < 80


def test_p80_asks_more_activity_than_p50(cal):
    """For 张伟's 1200万 the P80 call target is above the P50 one."""
    from okrkit.calibrate.odds import rep_odds

    odds = {o.stage: o for o in rep_odds(cal, "rep-zhang", 1200, draws=4000)}
    assert odds["calls"].p80 > odds["calls"].p50 > 0


@pytest.fixture
def copied_case(tmp_path):
    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder, ignore=shutil.ignore_patterns("records", "*.sqlite*"))
    return folder


def _moved(cal, folder):
    moved = copy.copy(cal)
    moved.case = dataclasses.replace(cal.case, path=folder)
    moved.folder = HISTORY
    return moved


def test_apply_writes_the_proposal_and_keeps_a_backup(cal, copied_case):
    """--apply's write leaves a case that loads with the proposed win rate, and case.yaml.bak."""
    from okrkit.calibrate.proposal import apply, proposal
    from okrkit.funnel import funnel_of

    made = proposal(_moved(cal, copied_case), today=dt.date(2015, 1, 5))
    apply(made)
    assert (copied_case / "case.yaml.bak").read_text(encoding="utf-8") == made.old_text
    win = funnel_of(load_case(copied_case)).stage("opportunities").rate
    assert win == pytest.approx(next(v.value for v in made.values if v.key == "opportunities.rate"))


def test_apply_refuses_a_case_changed_since_the_proposal(cal, copied_case):
    """A case.yaml edited after the proposal was made is not overwritten."""
    from okrkit.calibrate.proposal import apply, proposal
    from okrkit.yamlio import StaleFileError

    made = proposal(_moved(cal, copied_case))
    edited = made.old_text + "\n# a trainer's note\n"
    (copied_case / "case.yaml").write_text(edited, encoding="utf-8")
    with pytest.raises(StaleFileError):
        apply(made)
    assert (copied_case / "case.yaml").read_text(encoding="utf-8") == edited


def test_proposal_comment_names_the_data_and_the_date(cal, copied_case):
    """Each changed line's comment names the history folder, the method and the day."""
    from okrkit.calibrate.proposal import proposal

    made = proposal(_moved(cal, copied_case), today=dt.date(2015, 1, 5))
    changed = [line for line in made.diff.splitlines() if line.startswith("+ ")]
    assert changed and all("records/2014" in line and "2015-01-05" in line for line in changed)


@pytest.mark.parametrize("lang, words", [("en", "no such folder"), ("zh", "没有这个文件夹")])
def test_missing_history_folder_is_a_located_error(capsys, tmp_path, lang, words):
    """A history folder that does not exist: exit 2, the folder named, in the chosen language."""
    missing = tmp_path / "2013"
    code = main(["calibrate", str(CASE), "--history", str(missing), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and str(missing) in err and words in err and "--history" in err


@pytest.mark.parametrize(
    "lang, words", [("en", "not a readable .xlsx"), ("zh", "无法读取的 .xlsx")]
)
def test_unreadable_export_in_history_is_a_located_error(capsys, tmp_path, lang, words):
    """A broken workbook in the history folder: exit 2 naming that file."""
    for path in HISTORY.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "crm-opportunities.xlsx").write_bytes(b"not a workbook")
    code = main(["calibrate", str(CASE), "--history", str(tmp_path), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and "crm-opportunities.xlsx" in err and words in err


def test_generator_rewrites_the_shipped_history(tmp_path):
    """scripts/make_records.py --year 2014 writes the shipped 2014 CSV and JSON files byte for byte."""
    make_records.main(["--year", "2014", "--out", str(tmp_path)])
    for name in ("crm-followups-2014H1.csv", "crm-followups-2014H2.csv", "wecom-checkins.json"):
        assert (tmp_path / name).read_bytes() == (HISTORY / name).read_bytes()


class _History:
    """Enough of a History for cohort_counts: a connection with cal_opps and the dates."""

    def __init__(self, con, as_of):
        self.con, self.as_of, self.start = con, as_of, dt.date(2014, 1, 1)


@settings(max_examples=25, deadline=None)
@given(st.integers(15, 200))
def test_cohort_method_ignores_cohorts_younger_than_the_horizon(horizon):
    """Only months ending at least H days before the history's end are marked mature."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE cal_opps AS SELECT i AS oid, 'r' AS team,
            TIMESTAMP '2014-01-05' + INTERVAL (i * 7) DAY AS ts,
            CASE WHEN i % 4 = 0 THEN 'won' ELSE 'lost' END AS outcome,
            TIMESTAMP '2014-01-05' + INTERVAL (i * 7 + 10) DAY AS closed_ts, 10.0 AS amount
        FROM range(52) t(i)
    """)
    as_of = dt.date(2015, 1, 1)
    frame = cohort_counts(_History(con, as_of), "opportunities", "deals", horizon)
    for month, mature in zip(frame["month"], frame["mature"], strict=True):
        month_end = (dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
                     - dt.timedelta(days=1))  # fmt: skip
        assert mature == (month_end < as_of - dt.timedelta(days=horizon))


def test_chinese_stage_lines_name_the_department_and_write_the_assumption_as_a_share(cal):
    """In Chinese: 'sales 销售部' (not the bare id), full-width punctuation, the assumption as 50%."""
    from okrkit.calibrate.explain import stage_lines

    lines = stage_lines(cal, "zh")
    assert any(line.strip().startswith("sales 销售部") for line in lines)
    assert any(line.startswith("每次新客户拜访带来的项目机会（visits）：") for line in lines)
    assert any("案例假设 50%" in line and "批次法" in line for line in lines)
