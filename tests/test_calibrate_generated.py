"""The generated linked history (scripts/make_history.py): seeded, and calibration recovers its rates."""

import sys
from pathlib import Path

import pandas as pd
import pytest

from okrkit.calibrate import calibrate
from okrkit.calibrate.proposal import proposal
from okrkit.cases import load_case

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import make_history  # noqa: E402
import make_records  # noqa: E402

REPS = 20


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "org"
    make_history.make_history(folder, REPS, seed=7)
    return folder


@pytest.fixture(scope="module")
def cal(org):
    return calibrate(load_case(org), org / "records" / "2014")


@pytest.fixture(scope="module")
def truth(org):
    return pd.read_parquet(org / "truth.parquet").set_index("team")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "records" / "2014").iterdir())}


def test_same_seed_writes_the_same_bytes(org, tmp_path):
    """Generating again with the same seed writes byte-identical Parquet exports and truth."""
    make_history.make_history(tmp_path, REPS, seed=7)
    assert _files(tmp_path) == _files(org)
    assert (tmp_path / "truth.parquet").read_bytes() == (org / "truth.parquet").read_bytes()


def test_another_seed_writes_another_history(org, tmp_path):
    """A different seed gives different records (the seed is really used)."""
    make_history.make_history(tmp_path, REPS, seed=8)
    assert _files(tmp_path)["crm-followups.parquet"] != _files(org)["crm-followups.parquet"]


def test_make_records_reps_option_writes_the_generated_case(tmp_path):
    """make_records.py --reps N --out DIR writes make_history's case with its three exports."""
    make_records.main(["--reps", "3", "--out", str(tmp_path / "case"), "--seed", "1"])
    assert sorted(p.name for p in (tmp_path / "case" / "records" / "2014").iterdir()) == sorted(
        make_history.FILES
    )
    assert len(load_case(tmp_path / "case").teams) == 3 + 1  # three reps, one department


@pytest.mark.parametrize(
    "stage, column", [("calls", "p_visit"), ("visits", "p_opp"), ("opportunities", "p_win")]
)
def test_company_rate_is_near_the_generated_rate(cal, truth, stage, column):
    """Each stage's company rate lies within 8% of the reps' generated rates (weighted by units)."""
    est = cal.rates[stage].estimates
    reps = est[est["level"] == "rep"].set_index("group")
    generated = (truth.loc[reps.index, column] * reps["n"]).sum() / reps["n"].sum()
    assert cal.rates[stage].company()["mean"] == pytest.approx(generated, rel=0.08)


@pytest.mark.parametrize(
    "stage, column", [("calls", "p_visit"), ("visits", "p_opp"), ("opportunities", "p_win")]
)
def test_rep_intervals_mostly_hold_the_generated_rates(cal, truth, stage, column):
    """At least 70% of the reps' 90% intervals hold the rate each rep was generated with."""
    est = cal.rates[stage].estimates
    reps = est[est["level"] == "rep"].set_index("group")
    rate = truth.loc[reps.index, column]
    assert ((reps["low"] <= rate) & (rate <= reps["high"])).mean() >= 0.7


def test_deal_size_is_near_the_generated_mean(cal):
    """The won deals' mean amount lies within 10% of the generator's 20万."""
    assert cal.deal_size.mean == pytest.approx(make_history.DEAL_MEAN, rel=0.1)


def test_proposal_writes_a_calibrated_plain_rate(cal):
    """A non-share rate (opportunities per visit) is proposed as a plain number YAML can hold."""
    made = proposal(cal)
    assert any(v.key == "visits.rate" for v in made.values)
    assert "+      rate: 0.4" in made.diff


def test_verdicts_for_all_reps_at_once_match_one_rep_at_a_time(cal):
    """verdict_frame's rows for each rep are exactly stage_verdicts for that rep."""
    from okrkit.calibrate.tables import stage_verdicts, verdict_frame

    frame = verdict_frame(cal.rates)
    assert set(frame["verdict"]) >= {"like_team"}
    for team, rows in frame.groupby("team"):
        one = stage_verdicts(cal.rates, team)
        assert [(v.stage, v.verdict, v.team_mean) for v in one] == list(
            zip(rows["stage"], rows["verdict"], rows["team_mean"], strict=True)
        )
