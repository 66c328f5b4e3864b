"""Objective links and the revenue cascade check."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from okrkit.align import (
    cascade_check,
    supported_by,
    supports_path,
    unlinked_objectives,
    unsupported_objectives,
)
from okrkit.cases import load_case

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


def _sales_rule(case, **changes):
    split = dict(case.sections["split"])
    split["sales"] = {**split["sales"], **changes}
    return replace(case, sections={**case.sections, "split": split})


def test_worked_case_cascade_is_covered_with_a_declared_buffer(case):
    """KPI → 总经理 → 销售部 are covered; 销售部's children add to 8400, the declared 5% buffer."""
    rows = cascade_check(case)
    assert [(r.parent, r.status) for r in rows] == [
        ("kpi", "covered"),
        ("gm", "covered"),
        ("sales", "buffer"),
    ]
    sales = rows[-1]
    assert (sales.target, sales.total, sales.gap) == (8000, 8400, 400)
    assert sales.coverage == pytest.approx(1.05)
    assert [p.id for p in sales.parts] == ["agents", "end-users", "rep-zhang", "rep-li", "rep-wang"]
    assert "有意预留缓冲400万元" in sales.describe("zh", case.kpi.unit)
    assert "deliberate buffer of 400" in sales.describe("en", case.kpi.unit)


def test_a_shortfall_is_reported_with_its_amount(case):
    """With end users at 10万 each the children add to 7050: a shortfall of 950."""
    channels = [dict(c) for c in case.sections["split"]["sales"]["channels"]]
    channels[1]["per_unit"] = 10
    row = cascade_check(_sales_rule(case, channels=channels))[-1]
    assert row.status == "shortfall"
    assert row.gap == -950
    assert "缺口950万元" in row.describe("zh", case.kpi.unit)
    assert "shortfall of 950" in row.describe("en")


def test_an_excess_without_buffer_is_not_called_deliberate(case):
    """Without a declared buffer, 8400 for 8000 reads as an undeclared excess."""
    split = {k: dict(v) for k, v in case.sections["split"].items()}
    del split["sales"]["buffer"]
    row = cascade_check(replace(case, sections={**case.sections, "split": split}))[-1]
    assert row.status == "excess"
    assert "no buffer declared" in row.describe("en")


def test_an_excess_beyond_the_buffer_is_an_excess(case):
    """A 2% buffer does not cover handing out 5% more."""
    row = cascade_check(_sales_rule(case, buffer="2%"))[-1]
    assert row.status == "excess"


def test_a_rep_without_target_makes_the_check_incomplete(case):
    """A child team declaring no sales_target is named, and no total is judged."""
    broken = case.with_team(replace(case.team("rep-wang"), sales_target=None))
    row = cascade_check(broken)[-1]
    assert row.status == "missing"
    assert "王强" in row.describe("zh")


def test_without_split_children_with_targets_count(case):
    """With no split block the reps' declared targets (3600) are checked against 销售部's 8000."""
    sections = {k: v for k, v in case.sections.items() if k != "split"}
    rows = cascade_check(replace(case, sections=sections))
    sales = rows[-1]
    assert (sales.parent, sales.total, sales.status) == ("sales", 3600, "shortfall")
    assert rows[1].parent == "gm" and rows[1].total == 8000


def test_supported_by_lists_the_child_objectives(case):
    """销售部 O1 is served by each rep's O1; every objective appears, even unsupported ones."""
    links = supported_by(case, "sales")
    assert links["O1"] == [("rep-zhang", "O1"), ("rep-li", "O1"), ("rep-wang", "O1")]
    assert set(links) == {o.id for o in case.team("sales").objectives}


def test_supports_path_climbs_to_the_top(case):
    """A rep's O4 serves 销售部 O3, which serves the general manager's O3."""
    assert supports_path(case, "rep-zhang", "O4") == [
        ("rep-zhang", "O4"),
        ("sales", "O3"),
        ("gm", "O3"),
    ]


def test_unsupported_and_unlinked_objectives(case):
    """Removing the reps' links to 销售部 O2 leaves it unsupported and their O2 unlinked."""
    assert unsupported_objectives(case) == [] and unlinked_objectives(case) == []
    broken = case
    for team_id in ("rep-zhang", "rep-li", "rep-wang"):
        team = broken.team(team_id)
        objectives = tuple(
            replace(o, supports=None) if o.id == "O2" else o for o in team.objectives
        )
        broken = broken.with_team(replace(team, objectives=objectives))
    assert unsupported_objectives(broken) == [("sales", "O2")]
    assert unlinked_objectives(broken) == [
        ("rep-zhang", "O2"),
        ("rep-li", "O2"),
        ("rep-wang", "O2"),
    ]
