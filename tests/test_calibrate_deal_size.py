"""The 2014 deal size (17.8万 against the case's 20万) is the export's own won deals, not a bias."""

from pathlib import Path

import pandas as pd
import pytest

from okrkit.calibrate.deal_size import deal_size

HISTORY = Path(__file__).resolve().parents[1] / "cases" / "a-company" / "records" / "2014"


def _export_won_mean() -> tuple[int, float]:
    """Straight from the .xlsx: won opportunities with a closing date on or after creation."""
    frame = pd.read_excel(HISTORY / "crm-opportunities.xlsx", header=1, engine="openpyxl")
    created = pd.to_datetime(frame["创建时间"], unit="D", origin="1899-12-30")
    closed = pd.to_datetime(frame["结单时间"])
    won = frame[(frame["状态"] == "赢单") & closed.notna() & (closed >= created)]
    return len(won), float(won["预计金额(万元)"].mean())


def test_calibrated_deal_size_is_the_plain_mean_of_the_exports_won_deals():
    """The estimator's mean equals the mean of the won rows read by hand: nothing lost or added."""
    from okrkit.calibrate import calibrate
    from okrkit.cases import load_case

    cal = calibrate(load_case(HISTORY.parents[1]), HISTORY)
    n, mean = _export_won_mean()
    assert cal.deal_size.n == n and cal.deal_size.mean == pytest.approx(mean)


def test_a_known_sample_gives_its_mean_and_median():
    """deal_size on a frame: the mean (what the funnel needs), not the median, is the estimate."""
    amounts = pd.DataFrame({"team": ["a"] * 6 + ["b"] * 6, "amount": [10.0] * 11 + [130.0]})
    size = deal_size(amounts=amounts)
    assert size.mean == pytest.approx(20.0) and size.median == pytest.approx(10.0)
