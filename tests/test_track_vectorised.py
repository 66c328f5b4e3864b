"""The vectorised engine (every KR at once) gives each KR what it gives that KR alone."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.track.picture import assess_frames
from okrkit.track.settings import TrackingSettings
from okrkit.track.standing import CHECKIN_COLUMNS, PLAN_COLUMNS, kr_order

CADENCES = ("week", "month", "quarter", "day")
SPRING = np.array([8, 5, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9], dtype=float)
PROFILES = np.vstack([np.full(12, 1 / 12), SPRING / SPRING.sum()])


@st.composite
def krs(draw):
    """One KR of the plan with its check-ins (dates, values and order vary)."""
    mode = draw(st.sampled_from(["cumulative", "per_period", "level"]))
    direction = draw(st.sampled_from([0, 1, 2, 3, 4]))
    deduction = draw(st.booleans()) and mode == "cumulative"
    target = draw(st.one_of(st.just(np.nan), st.floats(1, 1000)))
    baseline = draw(st.one_of(st.just(np.nan), st.floats(0, 1000)))
    cadence = draw(st.sampled_from(CADENCES)) if mode == "per_period" else None
    plan = {"objective": draw(st.sampled_from(["O1", "O2"])), "level": "position",
            "parent": None, "deduction": deduction, "direction": 3 if deduction else direction,
            "weight": np.nan if deduction else draw(st.floats(1, 40)), "target": target,
            "baseline": baseline, "penalty": 5.0 if deduction else np.nan,
            "cap": 20.0 if deduction else np.nan, "cadence": cadence, "mode": mode,
            "stale_days": draw(st.integers(1, 30)), "recent": draw(st.integers(1, 5)),
            "profile": draw(st.integers(0, 1)),
            "periods": draw(st.sampled_from([np.nan, 48.0])) if cadence else np.nan,
            "rate": draw(st.booleans())}  # fmt: skip
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        day = date(2015, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        start = None
        if mode == "per_period":
            start = day - timedelta(days=draw(st.integers(0, 6)))
        rows.append({"date": day, "period_start": start, "value": draw(st.floats(0, 2000)),
                     "confidence": draw(st.one_of(st.just(np.nan), st.integers(0, 10))),
                     "status": None, "status_reason": None,
                     "comment": draw(st.sampled_from(["", "客户推迟", "on plan"]))})  # fmt: skip
    return plan, rows


def frames(items, shuffle):
    """The plan and check-in frames for drawn KRs (team-i, KR1), rows in a drawn order."""
    plan_rows, checkin_rows = [], []
    for i, (plan, rows) in enumerate(items):
        plan_rows.append({"team": f"team-{i}", "kr": "KR1", **plan})
        checkin_rows += [{"team": f"team-{i}", "kr": "KR1", **row} for row in rows]
    plan = pd.DataFrame(plan_rows, columns=list(PLAN_COLUMNS))
    checkins = pd.DataFrame(checkin_rows, columns=list(CHECKIN_COLUMNS))
    checkins = checkins.iloc[shuffle(len(checkins))].reset_index(drop=True)
    for column in ("date", "period_start"):
        checkins[column] = pd.to_datetime(checkins[column])
    return plan, checkins


def same(left: pd.Series, right: pd.Series) -> bool:
    """Equal value by value, NaN/None/NaT equal to themselves."""
    both_missing = left.isna().to_numpy() & right.isna().to_numpy()
    equal = (left.to_numpy(dtype=object) == right.to_numpy(dtype=object)) | both_missing
    return bool(np.all(equal))


@settings(deadline=None, max_examples=60)  # a shared 2-core machine: time is not the property
@given(st.lists(krs(), min_size=1, max_size=8), st.randoms(use_true_random=False),
       st.integers(0, 364), st.integers(2, 8))  # fmt: skip
def test_all_krs_at_once_equal_each_kr_alone(items, random, as_of_day, fit_points):
    """Every column of every KR is the same computed with all KRs or with that KR alone."""
    plan, checkins = frames(items, lambda n: random.sample(range(n), n))
    as_of = pd.Timestamp(date(2015, 1, 1) + timedelta(days=as_of_day))
    tracking = TrackingSettings(fit_points=fit_points)
    together = assess_frames(plan, PROFILES, checkins, as_of, 2015, tracking)
    for i in range(len(plan)):
        mine = checkins[checkins["team"] == plan["team"][i]].reset_index(drop=True)
        alone = assess_frames(plan.iloc[[i]].reset_index(drop=True), PROFILES, mine, as_of, 2015,
                              tracking)  # fmt: skip
        for column in together.columns:
            assert same(together[column].iloc[[i]].reset_index(drop=True), alone[column]), column


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=200))
def test_kr_order_is_a_stable_sort_by_kr_then_date(pairs):
    """The fast order equals a stable sort of (KR row, date), in order or not."""
    group = np.array([g for g, _ in pairs], dtype=np.int64)
    within = np.array([w for _, w in pairs], dtype=np.int64)
    expected = np.lexsort((within, group)) if len(pairs) else np.zeros(0, dtype=np.intp)
    assert kr_order(group, within, 31).tolist() == expected.tolist()


@given(st.lists(st.integers(0, 70_000), max_size=300))
def test_radix_fallback_sorts_like_a_stable_sort(codes):
    """Without pandas' group sort, the 16-bit radix sort gives the same stable order."""
    import pandas._libs.algos as algos

    from okrkit.track.standing import _counting_sort

    group = np.array(codes, dtype=np.int64)
    saved = algos.groupsort_indexer
    try:
        del algos.groupsort_indexer  # as in a pandas without it
        order = _counting_sort(group, 70_001)
    finally:
        algos.groupsort_indexer = saved
    assert order.tolist() == np.argsort(group, kind="stable").tolist()
