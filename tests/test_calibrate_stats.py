"""The statistics of okrkit.calibrate on inputs that vary: shrinkage, Kaplan-Meier, closed form."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.calibrate.lags import kaplan_meier
from okrkit.calibrate.odds import opportunities_for_deals
from okrkit.calibrate.shrinkage import fit_strength, shrink

counts = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 400)).map(lambda t: (min(t), max(t))),
    min_size=1,
    max_size=8,
)


def _frame(pairs, departments=1):
    return pd.DataFrame({
        "team": [f"r{i}" for i in range(len(pairs))],
        "department": [f"d{i % departments}" for i in range(len(pairs))],
        "k": [k for k, _ in pairs],
        "n": [n for _, n in pairs],
    })  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(counts, st.integers(1, 3))
def test_shrunk_rates_stay_inside_zero_one(pairs, departments):
    """Every posterior mean and interval end lies in [0, 1], and low <= high."""
    out = shrink(_frame(pairs, departments))
    assert ((out["low"] >= 0) & (out["high"] <= 1) & (out["low"] <= out["high"])).all()
    assert ((out["mean"] >= 0) & (out["mean"] <= 1)).all()


@settings(max_examples=60, deadline=None)
@given(counts)
def test_shrinkage_pulls_each_rep_toward_the_group_mean(pairs):
    """A rep's shrunk rate lies between its own raw rate and its department's mean."""
    out = shrink(_frame(pairs))
    reps = out[(out["level"] == "rep") & (out["n"] > 0)]
    low = np.minimum(reps["raw"], reps["prior_mean"]) - 1e-9
    high = np.maximum(reps["raw"], reps["prior_mean"]) + 1e-9
    assert ((reps["mean"] >= low) & (reps["mean"] <= high)).all()


def test_a_rep_with_few_units_moves_further_than_one_with_many():
    """Twelve opportunities are pulled toward the department more than 1,200 with the same rate."""
    frame = _frame([(4, 12), (400, 1200), (250, 1000), (260, 1000)])
    reps = shrink(frame).set_index("group")
    small = abs(reps.loc["r0", "mean"] - reps.loc["r0", "raw"])
    large = abs(reps.loc["r1", "mean"] - reps.loc["r1", "raw"])
    assert small > large


def test_equal_reps_are_pooled_fully():
    """Reps whose counts differ no more than chance fit the strength's upper bound."""
    assert fit_strength([25, 25, 25], [100, 100, 100], 0.25) > 1000


def test_posterior_interval_covers_known_rates_about_nine_times_in_ten():
    """Simulated reps with known rates: the 90% posterior intervals cover the truth 80-97% of the time."""
    rng = np.random.default_rng(7)
    hits = total = 0
    for _ in range(200):
        truth = rng.beta(20, 60, 5)
        n = rng.integers(20, 300, 5)
        frame = _frame(list(zip(rng.binomial(n, truth), n, strict=True)))
        reps = shrink(frame)
        reps = reps[reps["level"] == "rep"]
        hits += int(((reps["low"].to_numpy() <= truth) & (truth <= reps["high"].to_numpy())).sum())
        total += 5
    assert 0.80 <= hits / total <= 0.97  # measured: 84% (empirical Bayes runs a little narrow)


durations = st.lists(
    st.tuples(st.floats(0, 365, allow_nan=False), st.booleans()), min_size=1, max_size=60
)


@settings(max_examples=80, deadline=None)
@given(durations)
def test_kaplan_meier_survival_never_rises(pairs):
    """The Kaplan-Meier survival is non-increasing and stays within [0, 1]."""
    curve = kaplan_meier([d for d, _ in pairs], [o for _, o in pairs])
    assert (np.diff(curve.survival) <= 1e-12).all()
    assert ((curve.survival >= 0) & (curve.survival <= 1)).all()


def test_kaplan_meier_without_censoring_is_the_plain_share():
    """With every event observed, the survival at t is the share still waiting after t."""
    curve = kaplan_meier([10, 20, 30, 40], [True] * 4)
    assert np.allclose(curve.survival, [0.75, 0.5, 0.25, 0.0])
    assert curve.median == 20


def test_censored_deals_make_closing_look_slower_than_dropping_them():
    """Open deals kept as censored give a later median than leaving them out."""
    dropped = kaplan_meier([10, 20, 30], [True] * 3)
    kept = kaplan_meier([10, 20, 30, 35, 35, 35], [True, True, True, False, False, False])
    assert kept.median > dropped.median


def test_closed_form_needs_more_opportunities_for_more_certainty():
    """The beta-binomial closed form asks more opportunities at 80% than at 50%."""
    even = opportunities_for_deals(60, 250, 750, 0.5)
    safe = opportunities_for_deals(60, 250, 750, 0.8)
    assert 230 <= even <= 250 < safe
