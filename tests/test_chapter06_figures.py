"""Chapter 06's prose quotes the 2014 calibration: each quoted figure is what the engine gives."""

import json
from pathlib import Path

import pytest

from okrkit import load_case
from okrkit.calibrate import calibrate, tables

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "notebooks" / "06-calibrate-the-funnel.ipynb"


@pytest.fixture(scope="module")
def prose() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def calibrated():
    case = load_case(ROOT / "cases" / "a-company")
    return case, calibrate(case, ROOT / "cases" / "a-company" / "records" / "2014")


def _row(table, stage: str, who: str):
    (row,) = table[(table["Stage"] == stage) & (table["Who"] == who)].itertuples(index=False)
    return row


def test_wang_qiangs_win_rate_figures_are_the_engines(prose, calibrated):
    """'only 35 opportunities', 'his raw 20%', 'the department's 24.5%' come from the rates table."""
    case, cal = calibrated
    table = tables.rates_table(case, cal.rates, "en")
    wang = _row(table, "win rate", "Wang Qiang")
    department = _row(table, "win rate", "Sales department")
    raw = wang[table.columns.get_loc("Raw rate")].removesuffix(".0%") + "%"
    assert f"only {wang[table.columns.get_loc('Out of')]} opportunities" in prose
    assert f"his raw {raw}" in prose
    assert f"department's {department[table.columns.get_loc('Calibrated')]}" in prose


def test_the_deal_size_figures_are_the_engines(prose, calibrated):
    """'123 won deals average 178,000 RMB … interval 160,000–195,000' is the deal-size estimate."""
    _, cal = calibrated
    size = cal.deal_size
    in_yuan = [f"{round(v, 1) * 10_000:,.0f}" for v in (size.mean, size.low, size.high)]
    assert f"{size.n} won deals average {in_yuan[0]} RMB" in prose
    assert f"interval {in_yuan[1]}–{in_yuan[2]}" in prose
    assert f"{size.n}笔成交平均{size.mean:.1f}万" in prose
    assert f"{size.low:.1f}–{size.high:.1f}万" in prose
