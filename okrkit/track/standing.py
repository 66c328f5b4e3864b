"""Where each KR stands at a date: its plan beside what its check-ins say.

Two frames, one row per team x KR, so 10,000 teams are a few pandas passes:

* :func:`plan_frame` — the plan from the case (direction, target, baseline,
  weight, cadence, value mode, stale allowance, pace profile);
* :func:`standing_frame` — the plan with the check-ins up to ``as_of``
  folded in: how many, the last one (date, value, confidence, override,
  comment), and for a per-period KR the sum, the count and the mean of its
  recent periods; for every KR the sums a least-squares line over its last
  ``fit_points`` check-ins needs.

Only the current check-in at each key counts (corrections supersede). No
check-in is never read as a zero: such a KR has ``n == 0`` and no value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from okrkit.model import Case
from okrkit.scoring import DIRECTION_CODES, direction_of
from okrkit.track.checkin import cadence_of
from okrkit.track.pace import last_cycle_shares
from okrkit.track.settings import TrackingSettings, is_rate

if TYPE_CHECKING:
    import pandas as pd

PLAN_COLUMNS = ("team", "objective", "kr", "level", "parent", "deduction", "direction", "weight",
                "target", "baseline", "penalty", "cap", "cadence", "mode", "stale_days",
                "recent", "profile", "periods", "rate")  # fmt: skip


def _nan(value) -> float:
    return np.nan if value is None else float(value)


def plan_frame(
    case: Case,
    settings: TrackingSettings,
    cycle: int,
    teams=None,
    previous: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The plan as one row per KR, and the pace profiles its ``profile`` column indexes.

    Profile 0 is linear. ``previous`` holds the check-ins of earlier cycles,
    for KRs paced by ``last_cycle`` (linear where that cycle has none).
    """
    import pandas as pd

    from okrkit.scoring import scoring_settings
    from okrkit.track.pace import linear_shares as _linear

    scoring = scoring_settings(case)
    working = _working_periods(case)
    profiles: list[np.ndarray] = [_linear(cycle)]
    declared: dict[tuple, int] = {}
    rows = []
    for team in teams if teams is not None else case.teams.values():
        for objective, kr in team.key_results():
            pace = settings.pace_of(team.id, kr.id)
            profile = 0
            if pace.kind == "monthly":
                profile = declared.setdefault(pace.shares, len(profiles))
                if profile == len(profiles):
                    profiles.append(np.array(pace.shares))
            elif pace.kind == "last_cycle" and previous is not None and not previous.empty:
                mode = settings.mode_of(team.id, kr)
                past = previous[(previous["cycle"] == pace.cycle) & (previous["team"] == team.id)
                                & (previous["kr"] == kr.id)]  # fmt: skip
                shares = last_cycle_shares(past, mode)
                if shares is not None:
                    profile = len(profiles)
                    profiles.append(shares)
            penalty = kr.penalty if kr.penalty is not None else scoring.penalty
            cap = kr.cap if kr.cap is not None else scoring.deduction_cap
            rows.append(
                (team.id, objective.id, kr.id, team.level, team.parent, kr.is_deduction,
                 DIRECTION_CODES[direction_of(kr)], _nan(kr.weight), _nan(kr.target),
                 _nan(kr.baseline), _nan(penalty), _nan(cap),
                 cadence_of(kr) if settings.mode_of(team.id, kr) == "per_period" else None,
                 settings.mode_of(team.id, kr), settings.stale_days_of(team.id, kr.id),
                 settings.recent_periods.get(cadence_of(kr), 1), profile,
                 working.get(cadence_of(kr), np.nan), is_rate(kr))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)), np.vstack(profiles)


def _working_periods(case: Case) -> dict[str, float]:
    """Working weeks, months … a year from the case's funnel calendar (48 weeks), if it has one.

    The year-end actual of a per-period KR is its total over these working
    periods (okrkit.evidence divides by them), so the forecast divides the same way.
    """
    if "funnel" not in case.sections:
        return {}
    from okrkit.funnel import funnel_of

    try:
        return dict(funnel_of(case).calendar)
    except Exception:  # a funnel that cannot be read is reported by validate, not here
        return {}


CHECKIN_COLUMNS = ("team", "kr", "date", "period_start", "value", "confidence", "status",
                   "status_reason", "comment")  # fmt: skip


def standing_frame(
    plan: pd.DataFrame, checkins: pd.DataFrame, as_of, cycle: int, fit_points: int
) -> pd.DataFrame:
    """The plan with each KR's check-ins up to ``as_of`` folded in (see the module docstring).

    A DataFrame: the plan's columns and those of :func:`standing_columns`.
    """
    return with_columns(plan, standing_columns(plan, checkins, as_of, cycle, fit_points))


def standing_columns(
    plan: pd.DataFrame, checkins: pd.DataFrame, as_of, cycle: int, fit_points: int
) -> dict[str, np.ndarray]:
    """The columns :func:`standing_frame` adds to the plan, as numpy arrays by name.

    ``checkins`` holds current check-ins of ``cycle`` in :data:`CHECKIN_COLUMNS`
    (dates as datetime64). Columns added: n, last_date, last_value,
    confidence, override, override_reason, comment, period_sum, period_count,
    recent_mean, last_period_start, fit_n, fit_slope, fit_intercept (x in days
    since the cycle's first day; for per-period values, of the period's start).

    Check-ins are matched to plan rows once, then folded with numpy over the
    rows sorted by KR and date: the team and KR columns are factorised once
    each (as a groupby would), the sort is a counting sort by KR row (linear
    time) when the rows of each KR already come in date order, as the store
    gives them, which is what keeps 10,000 teams within a few multiples of a
    bare groupby.
    """
    import pandas as pd

    as_of = np.datetime64(pd.Timestamp(as_of).date(), "D")
    start = np.datetime64(f"{cycle}-01-01", "D")
    size = len(plan)
    row_of = plan_rows(plan, checkins)
    day = checkins["date"].to_numpy(dtype="datetime64[D]")
    period = checkins["period_start"].to_numpy(dtype="datetime64[D]")
    when = np.where(np.isnat(period), day, period)
    # Whole days as int64 from here: datetime64 arithmetic is several times slower.
    day_n, when_n = day.view(np.int64), when.view(np.int64)
    first = start.astype(np.int64)
    matched = (row_of >= 0) & (day_n <= as_of.astype(np.int64))
    # Most calls keep every row (no later check-in, every key known): then no copy.
    keep = None if matched.all() else np.flatnonzero(matched)

    def kept(values: np.ndarray) -> np.ndarray:
        return values if keep is None else values[keep]

    group, values = kept(row_of), kept(checkins["value"].to_numpy(dtype=float))
    when_kept = kept(when_n)
    # Counts and sums need no order: one pass each over the rows as they come
    # (so each KR's values are added in the same order however many KRs there are).
    counts = np.bincount(group, minlength=size)
    sums = np.bincount(group, weights=values, minlength=size)
    # Within a KR: by the period (or day) the value stands for, then the day written.
    # One int64 ordering both: (period, then the day written) as period x 2^20 + the
    # days between them; three passes, where clipping two 16-bit halves took eight.
    within = (when_kept << 20) + (kept(day_n) - when_kept)
    order = kr_order(group, within, size, counts)  # ties keep the store's (date, id) order
    ends = np.cumsum(counts)
    has = counts > 0
    recent_of = plan["recent"].to_numpy(dtype=int)
    depth = max(fit_points, int(recent_of.max()) if size else 1)
    # Only each KR's last `depth` check-ins matter from here: the rows they sit in.
    position, row, back = _tails(ends, counts, depth, len(order))
    taken = order[position]
    tail_values = values[taken]
    tail_x = (when_kept[taken] - first).astype(float)
    last_kept = order[np.where(has, ends - 1, 0)] if len(order) else np.zeros(size, dtype=int)
    picked = last_kept if keep is None else keep[last_kept] if len(order) else last_kept

    frame: dict = {}  # the new columns, added to the plan in one step at the end

    def latest(column: str, fill=None):
        if not len(order):
            return np.full(size, fill, dtype=object)
        # Only the picked rows leave the column (not the whole column converted first).
        taken = checkins[column].take(picked).to_numpy(dtype=object)
        return np.where(has, taken, fill).astype(object)

    def by_kr(rows, weights=None) -> np.ndarray:
        return np.bincount(rows, weights=weights, minlength=size)

    nat = np.datetime64("NaT", "D")
    with np.errstate(all="ignore"):
        frame["n"] = counts
        frame["period_sum"] = np.where(has, sums, np.nan)
        frame["period_count"] = counts.astype(float)
        mine = back < recent_of[row]
        frame["recent_mean"] = by_kr(row[mine], tail_values[mine]) / by_kr(row[mine])
        frame["last_date"] = pd.to_datetime(np.where(has, day[picked] if len(order) else nat, nat))
        frame["last_value"] = np.where(has, values[last_kept] if len(order) else np.nan, np.nan)
        if len(order):
            confidence = pd.to_numeric(checkins["confidence"].take(picked), errors="coerce")
            frame["confidence"] = np.where(has, confidence.to_numpy(dtype=float), np.nan)
        else:
            frame["confidence"] = np.full(size, np.nan)
        frame["override"] = latest("status")
        frame["override_reason"] = latest("status_reason")
        frame["comment"] = latest("comment", "")
        frame["last_period_start"] = pd.to_datetime(
            np.where(has, when[picked] if len(order) else nat, nat)
        )
        # Sums over the fitted rows only (the last fit_points of each KR).
        chosen = back < fit_points
        fx, fy, fg = tail_x[chosen], tail_values[chosen], row[chosen]
        n = by_kr(fg).astype(float)
        sx, sy, sxx, sxy = by_kr(fg, fx), by_kr(fg, fy), by_kr(fg, fx * fx), by_kr(fg, fx * fy)
        denominator = n * sxx - sx**2
        slope = np.where((n >= 2) & (denominator > 0), (n * sxy - sx * sy) / denominator, np.nan)
        frame["fit_n"] = n.astype(int)
        frame["fit_slope"] = slope
        frame["fit_intercept"] = np.where(np.isnan(slope), np.nan, (sy - slope * sx) / n)
    return frame


def _tails(ends, counts, depth: int, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each KR's last ``depth`` places in the sorted order: (place, KR row, steps back from the last).

    Oldest first within a KR, so sums over them add in the same order either way.
    With few KRs for the rows (the usual case: 52 check-ins a KR, 6 wanted) the
    places are computed per KR, not found by a pass over every row.
    """
    size = len(ends)
    if size * depth <= rows:
        back = np.arange(depth - 1, -1, -1)  # oldest first
        valid = back[None, :] < counts[:, None]
        place = (ends[:, None] - 1 - back[None, :])[valid]
        kr = np.broadcast_to(np.arange(size)[:, None], valid.shape)[valid]
        return place, kr, np.broadcast_to(back, valid.shape)[valid]
    kr = np.repeat(np.arange(size), counts)
    from_end = ends[kr] - 1 - np.arange(rows)
    place = np.flatnonzero(from_end < depth)
    return place, kr[place], from_end[place]


def with_columns(frame: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """``frame`` with ``columns`` added (replacing any of the same name), in one step.

    One concatenation instead of a setitem per column: on the manager's page,
    where a team has a dozen KRs, pandas' cost per setitem is most of the time.
    """
    import pandas as pd

    # Object arrays stay object columns: letting pandas infer a string column
    # copies every text (a third of the time for 200,000 KRs).
    columns = {name: pd.Series(values, index=frame.index, dtype=object)
               if isinstance(values, np.ndarray) and values.dtype == object else values
               for name, values in columns.items()}  # fmt: skip
    new = pd.DataFrame(columns, index=frame.index)
    kept = frame.drop(columns=[c for c in columns if c in frame.columns])
    return pd.concat([kept, new], axis=1)


def column(frame, name: str, dtype=None) -> np.ndarray:
    """A column as a numpy array, from a DataFrame or from the engine's dict of arrays."""
    values = frame[name]
    if isinstance(values, np.ndarray):
        return values if dtype is None else values.astype(dtype, copy=False)
    return values.to_numpy(dtype=dtype)


def added(frame, columns: dict):
    """``frame`` with ``columns``: a new dict for the engine's dict of arrays, else a DataFrame.

    The steps (status, forecast) take either; :func:`okrkit.track.picture.assess_frames`
    passes a dict between them and makes one DataFrame at the end, because on the
    manager's page, with a dozen KRs, pandas' cost per column is most of the time.
    """
    if isinstance(frame, dict):
        return {**frame, **columns}
    return with_columns(frame, columns)


def plan_columns(plan: pd.DataFrame) -> dict[str, np.ndarray]:
    """The plan's columns as numpy arrays (strings as objects), converted once for every step."""
    return {name: plan[name].to_numpy() for name in plan.columns}


def plan_rows(plan: pd.DataFrame, checkins: pd.DataFrame) -> np.ndarray:
    """The plan row of each check-in (-1 for a team or KR the plan lacks).

    Each key column of the check-ins is looked up once among the plan's few
    distinct teams and KR ids (:func:`positions`); a small table (teams x KR
    ids) then gives the row, so no pair of strings is looked up per row.
    """
    import pandas as pd

    team_ids, kr_ids = pd.unique(plan["team"]), pd.unique(plan["kr"])
    team_codes = positions(checkins["team"], team_ids)
    kr_codes = positions(checkins["kr"], kr_ids)
    plan_team = pd.Index(team_ids).get_indexer(plan["team"])
    plan_kr = pd.Index(kr_ids).get_indexer(plan["kr"])
    rows = np.arange(len(plan))
    if (len(team_ids) + 1) * (len(kr_ids) + 1) <= 4 * (len(plan) + len(checkins)) + 1024:
        # One cell per (team, KR id); the extra last row and column catch code -1.
        table = np.full((len(team_ids) + 1, len(kr_ids) + 1), -1, dtype=np.int64)
        table[plan_team, plan_kr] = rows
        return table[team_codes, kr_codes]
    # Ids unique to each team (a table too large): look the pair up as one integer.
    width = len(kr_ids) + 1
    pairs = pd.Index(plan_team.astype(np.int64) * width + plan_kr)
    found = pairs.get_indexer(team_codes.astype(np.int64) * width + kr_codes)
    missing = (found < 0) | (team_codes < 0) | (kr_codes < 0)
    return np.where(missing, -1, rows[np.maximum(found, 0)])


def positions(values: pd.Series, among) -> np.ndarray:
    """Where each of ``values`` stands in ``among`` (distinct), -1 where it is not there.

    Arrow-backed strings (pandas' default) are looked up by Arrow's own
    ``index_in``, a third faster than factorising them; other columns are
    factorised and their few distinct values looked up.

    >>> import pandas as pd
    >>> positions(pd.Series(["b", "x", "a", None]), ["a", "b"]).tolist()
    [1, -1, 0, -1]
    """
    import pandas as pd

    array = values.array
    if hasattr(array, "__arrow_array__") and pd.api.types.is_string_dtype(values.dtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        data = array.__arrow_array__()
        keys = pa.array([str(v) for v in among], type=data.type)
        found = pc.fill_null(pc.index_in(data, value_set=keys), -1)
        return np.asarray(found, dtype=np.int64)
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    where = np.append(pd.Index(list(among), dtype=object).get_indexer(uniques), -1)
    return where[codes]  # code -1 (a blank) takes the appended -1


def _counting_sort(group: np.ndarray, size: int) -> np.ndarray:
    """Positions of ``group`` (codes 0..size-1) sorted by code, ties in input order; linear time."""
    try:  # pandas' own group sort (the one its groupby uses), when it is there
        from pandas._libs.algos import groupsort_indexer

        return groupsort_indexer(group.astype(np.intp), size)[0]
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    # A least-significant-digit radix sort in 16-bit digits: numpy sorts those stably in O(n).
    order = np.arange(len(group))
    shift = 0
    while shift == 0 or (size - 1) >> shift:
        digit = ((group[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


def kr_order(group: np.ndarray, within: np.ndarray, size: int, counts=None) -> np.ndarray:
    """Positions sorted by ``group`` (the KR row), then ``within``; ties keep the input order.

    The same order as a stable sort of the pair, but when each KR's rows already
    come in ``within`` order (the store returns them by date) a counting sort by
    KR is enough, which is several times faster than sorting 10 million keys.
    """
    if not len(group):
        return np.zeros(0, dtype=np.intp)
    order = _counting_sort(group, size)
    # Sorted by KR, the KR codes are the runs of each count: written in order, not gathered.
    counts = np.bincount(group, minlength=size) if counts is None else counts
    sorted_group = np.repeat(np.arange(size), counts)
    sorted_within = within[order]
    in_order = (sorted_within[1:] >= sorted_within[:-1]) | (sorted_group[1:] != sorted_group[:-1])
    if in_order.all():
        return order
    return np.lexsort((within, group))  # stable: ties keep the input order
