"""Weights: check, normalise, rebalance, O分值 and coaching hints."""

from __future__ import annotations

import copy
import doctest
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit.weights
from okrkit import load_case
from okrkit.model import KeyResult, Objective, Team, Text
from okrkit.weights import (
    WeightError,
    check_weights,
    largest_remainder,
    max_weight,
    normalize_weights,
    objective_points,
    rebalance_weights,
    total_status,
    weight_hints,
    weights_of,
    with_weights,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def case():
    return load_case(ROOT / "cases" / "a-company")


@pytest.fixture(scope="module")
def sales(case):
    return case.team("sales")


def make_team(weights, kinds=None, per_objective=3) -> Team:
    """A team whose KRs carry ``weights``, grouped ``per_objective`` to an objective."""
    kinds = kinds or ["process"] * len(weights)
    krs = [
        KeyResult(id=f"K{i}", text=Text(zh=f"KR {i}"), kind=kinds[i], weight=w)
        for i, w in enumerate(weights)
    ]
    objectives = tuple(
        Objective(id=f"O{n}", title=Text(zh=f"O{n}"), key_results=tuple(krs[i : i + per_objective]))
        for n, i in enumerate(range(0, len(krs), per_objective))
    )
    return Team(id="t", name=Text(zh="t"), level="position", objectives=objectives)


def test_doctests_hold():
    """The examples in the module's docstrings run as written."""
    assert doctest.testmod(okrkit.weights).failed == 0


def test_check_reports_sum_blanks_and_negatives():
    """A check lists blanks and negatives by id and the gap to 100."""
    check = check_weights(make_team([50, None, -5, 30]))
    assert check.total == 75
    assert check.gap == -25
    assert check.blanks == ("K1",)
    assert check.negatives == ("K2",)
    assert not check.ok


def test_check_skips_deduction_items(sales, case):
    """Deduction items carry no weight and are not reported as blanks."""
    check = check_weights(case.team("rep-li"))
    assert check.ok and check.blanks == () and check.scored == 8


def test_objective_points_of_the_sales_table(sales):
    """Planned O分值 is the sum of each objective's KR weights (50/30/20)."""
    assert objective_points(sales) == {"O1": 50.0, "O2": 30.0, "O3": 20.0}


def test_largest_remainder_hands_left_points_to_largest_fractions():
    """100 split 1:1:1 gives 34/33/33, the extra point to the first tie."""
    assert largest_remainder({"a": 2, "b": 1, "c": 1}, 100) == {"a": 50, "b": 25, "c": 25}
    assert largest_remainder({"a": 1, "b": 1, "c": 1}, 100) == {"a": 34, "b": 33, "c": 33}


def test_normalize_scales_and_keeps_locks():
    """Unlocked weights scale to fill 100 minus the locked ones, which stay."""
    team = make_team([20, 10, 10, 40])
    new = normalize_weights(team, locked={"K3"})
    assert weights_of(new) == {"K0": 30, "K1": 15, "K2": 15, "K3": 40}


def test_normalize_fills_blanks_with_the_average():
    """A blank takes the average of the set unlocked weights before scaling."""
    new = normalize_weights(make_team([30, None, 10]))
    assert weights_of(new) == {"K0": 50, "K1": 33, "K2": 17}


def test_normalize_refuses_locks_over_100():
    """Locks adding to more than 100 cannot be normalised; the error says so."""
    with pytest.raises(WeightError, match="locked weights add to 110"):
        normalize_weights(make_team([60, 50, 10]), locked={"K0", "K1"})


def test_normalize_refuses_locking_a_blank():
    """A blank weight cannot be locked: there is nothing to keep."""
    with pytest.raises(WeightError, match="blank weight cannot be locked"):
        normalize_weights(make_team([60, None]), locked={"K1"})


def test_transforms_leave_the_input_unchanged(sales):
    """normalize, rebalance and with_weights return new teams; the input is untouched."""
    before = copy.deepcopy(sales)
    normalize_weights(with_weights(sales, {"KR1.1": 40}))
    rebalance_weights(sales, "KR1.3", 35, locked={"KR2.2"}, floor=5)
    assert sales == before
    assert sales.key_result("KR1.3").weight == 20


def test_rebalance_others_absorb_in_proportion(sales):
    """Raising KR1.3 by 10 takes the points from the unlocked others in proportion."""
    new = rebalance_weights(sales, "KR1.3", 30, locked={"KR2.2"})
    weights = weights_of(new)
    assert weights["KR1.3"] == 30 and weights["KR2.2"] == 20
    assert sum(weights.values()) == 100
    # the others had 15,15,5,5,5,5,10 (60); they now share 50
    assert [weights[k] for k in ("KR1.1", "KR1.2", "KR3.3")] == [13, 13, 8]


def test_rebalance_respects_the_floor(sales):
    """No KR goes below the case's floor, even when one KR takes almost everything."""
    new = rebalance_weights(sales, "KR1.1", 90, floor=5)
    weights = weights_of(new)
    assert min(weights.values()) >= 5
    assert weights["KR1.1"] == max_weight(sales, "KR1.1", floor=5) == 60
    assert sum(weights.values()) == 100


def test_rebalance_unknown_kr_names_the_known_ones(sales):
    """Rebalancing an id the team does not have says which ids it has."""
    with pytest.raises(WeightError, match=r"KR1\.1, KR1\.2"):
        rebalance_weights(sales, "KR9.9", 10)


def test_hints_flag_a_heavy_result_kr_and_noise(sales):
    """A result KR over 40 turns the table into a KPI; a KR under 5 is noise."""
    hints = weight_hints(with_weights(sales, {"KR1.3": 45, "KR3.2": 3}), "en")
    codes = {(h.code, h.kr_id) for h in hints}
    assert ("W201", "KR1.3") in codes and ("W202", "KR3.2") in codes
    assert hints[0].code == "W101" and "off 100" in hints[0].message


def test_hints_quiet_on_the_worked_sales_table(sales):
    """The deck's sales table (5% KRs are at the limit, not under it) raises no hint."""
    assert weight_hints(sales, "zh") == []


def test_total_status_says_by_how_much(sales):
    """The total line says how far from 100 it is, in both languages."""
    assert total_status(with_weights(sales, {"KR1.1": 10}), "en") == (
        "Total 95 (5 under 100)",
        "error",
    )
    assert total_status(sales, "zh") == ("合计 100", "ok")


weight_lists = st.lists(
    st.one_of(st.none(), st.integers(min_value=0, max_value=100)), min_size=1, max_size=15
)


@settings(max_examples=300, deadline=None)
@given(weights=weight_lists, data=st.data(), floor=st.sampled_from([0, 0, 2, 5]))
def test_normalize_always_sums_to_100_and_keeps_locks(weights, data, floor):
    """Whatever the weights, locks and floor, normalising gives whole points adding to exactly 100."""
    team = make_team(weights)
    set_ids = [f"K{i}" for i, w in enumerate(weights) if w is not None]
    locked = set(data.draw(st.lists(st.sampled_from(set_ids), unique=True)) if set_ids else [])
    locked_sum = sum(weights[int(k[1:])] for k in locked)
    free = len(weights) - len(locked)
    if locked_sum + free * floor > 100 or (free == 0 and locked_sum != 100):
        with pytest.raises(WeightError):
            normalize_weights(team, locked, floor=floor)
        return
    new = weights_of(normalize_weights(team, locked, floor=floor))
    assert sum(new.values()) == 100
    assert all(float(w).is_integer() and w >= 0 for w in new.values())
    assert all(new[k] >= floor for k in new if k not in locked)
    for k in locked:
        assert new[k] == weights[int(k[1:])]


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=100), min_size=2, max_size=15),
    pick=st.integers(min_value=0),
    value=st.integers(min_value=-20, max_value=150),
    floor=st.sampled_from([0, 0, 3, 5]),
    lock_mask=st.integers(min_value=0),
)
def test_rebalance_never_goes_negative_or_under_the_floor(weights, pick, value, floor, lock_mask):
    """Rebalancing after any change keeps every weight at or above 0 and the floor, total 100."""
    team = make_team(weights)
    ids = list(weights_of(team))
    kr_id = ids[pick % len(ids)]
    locked = {k for i, k in enumerate(ids) if lock_mask >> i & 1 and k != kr_id}
    others = len(ids) - len(locked) - 1
    if sum(weights[int(k[1:])] for k in locked) + (others + 1) * floor > 100:
        with pytest.raises(WeightError):
            rebalance_weights(team, kr_id, value, locked, floor=floor)
        return
    new = weights_of(rebalance_weights(team, kr_id, value, locked, floor=floor))
    assert sum(new.values()) == 100
    assert all(w >= 0 for w in new.values())
    assert all(new[k] >= floor for k in ids if k not in locked)
    assert all(new[k] == weights[int(k[1:])] for k in locked)


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=60), min_size=3, max_size=12),
    value=st.integers(min_value=0, max_value=100),
)
def test_rebalance_absorbs_in_proportion(weights, value):
    """The others keep their order and each lands within one point of its exact share."""
    team = make_team(weights)
    new = weights_of(rebalance_weights(team, "K0", value))
    others = {f"K{i}": w for i, w in enumerate(weights) if i}
    amount = 100 - new["K0"]
    total = sum(others.values())
    for k, w in others.items():
        exact = amount * w / total if total else amount / len(others)
        assert abs(new[k] - exact) < 1
        for j, v in others.items():
            if w > v:
                assert new[k] >= new[j]


def test_weight_errors_carry_chinese():
    """A weight error renders in Chinese under zh and keeps its English under en."""
    with pytest.raises(WeightError) as info:
        normalize_weights(make_team([60, 50, 10]), locked={"K0", "K1"})
    assert info.value.render("zh") == "锁定的权重合计 110；应不超过 100"
    assert info.value.render("en") == "locked weights add to 110; expected at most 100"
