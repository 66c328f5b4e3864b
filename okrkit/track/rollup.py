"""Roll-ups: an objective is as healthy as its worst KR; teams, departments, the company.

An objective shows two numbers that answer different questions: its status
is the **worst** of its KRs' (one red KR is a conversation to have, however
well the rest go), and beside it the **weighted progress** — each scored KR's
completion so far (through :func:`okrkit.scoring.completion`, 0-100%) weighted
by its KR weight; confidence (0-10) rolls up the same way over the KRs that
gave one (a group of deduction items alone, which carry no weight, takes the
plain mean of theirs). A team's status is its worst objective's; a department or
the company rolls up every team below it (itself included), counting KRs by
status. Deduction items take part in the status (an incident is a risk) but
carry no weight in progress.

Statuses rank ``off_track`` > ``stale`` > ``at_risk`` > ``on_track``
(:data:`okrkit.track.labels.STATUSES`): not knowing is worse than a known risk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from okrkit.scoring import completion, grade_index
from okrkit.track.labels import SEVERITY, STATUSES
from okrkit.track.standing import column

if TYPE_CHECKING:
    import pandas as pd

_BY_RANK = np.array([*reversed(STATUSES), None], dtype=object)


def severity(status) -> np.ndarray:
    """Rank of each status (on_track 0 … off_track 3); -1 for None."""
    import pandas as pd

    # The few distinct names looked up once (a Series.map costs more than the whole rule).
    codes, names = pd.factorize(np.asarray(status, dtype=object))
    ranks = np.array([SEVERITY.get(name, -1) for name in names] + [-1], dtype=int)
    return ranks[codes]  # code -1 (None) takes the appended -1


def worst_name(ranks) -> np.ndarray:
    """Back from ranks to names (None where nothing was judged)."""
    ranks = np.asarray(ranks, dtype=int)
    return _BY_RANK[np.where(ranks < 0, len(_BY_RANK) - 1, ranks)]


def kr_progress(frame: pd.DataFrame) -> np.ndarray:
    """Each KR's completion so far, 0-1: the last value (per period: the mean so far)."""
    standing = np.where(
        (column(frame, "mode") == "per_period"),
        column(frame, "period_sum", float) / column(frame, "period_count", float),
        column(frame, "last_value", float),
    )
    done = completion(column(frame, "direction"), column(frame, "target", float),
                      column(frame, "baseline", float), standing, 1.0)  # fmt: skip
    # No check-in is no progress (never a silent blank that averages away).
    return np.where(column(frame, "n") == 0, 0.0, done)


def _codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Group codes (in order of first appearance) and each group's key values."""
    import pandas as pd

    codes = np.zeros(len(frame), dtype=np.int64)
    for key in keys:
        part, _ = pd.factorize(frame[key].to_numpy(dtype=object))
        codes = codes * (int(part.max()) + 1 if len(part) else 1) + part
    codes, first = pd.factorize(codes)
    index = np.zeros(len(first), dtype=np.int64)
    index[codes] = np.arange(len(codes))  # any row of a group holds its key values
    return codes, {key: frame[key].to_numpy(dtype=object)[index] for key in keys}


def _weighted(frame: pd.DataFrame, keys: list[str]) -> tuple[dict, np.ndarray]:
    """Weighted progress and worst status per group, with numpy sums (no groupby)."""
    codes, values = _codes(frame, keys)
    size = len(values[keys[0]])
    scored = ~frame["deduction"].to_numpy(dtype=bool) & frame["weight"].notna().to_numpy()
    weight = np.where(scored, frame["weight"].to_numpy(dtype=float), 0.0)
    progress = np.nan_to_num(frame["progress"].to_numpy(dtype=float), nan=0.0)
    w = np.bincount(codes, weights=weight, minlength=size)
    wp = np.bincount(codes, weights=weight * progress, minlength=size)
    rank = np.full(size, -1)
    np.maximum.at(rank, codes, severity(frame["status"]))
    # Confidence rolls up like progress: the KR weights over the KRs that gave one.
    confidence = frame["confidence"].to_numpy(dtype=float)
    rated = np.where(np.isnan(confidence), 0.0, weight)
    wc = np.bincount(codes, weights=rated * np.nan_to_num(confidence, nan=0.0), minlength=size)
    rated_w = np.bincount(codes, weights=rated, minlength=size)
    # A deduction objective's KRs carry no weight, yet a manager rates them: their plain mean.
    gave = ~np.isnan(confidence)
    n_gave = np.bincount(codes, weights=gave.astype(float), minlength=size)
    plain = np.bincount(codes, weights=np.where(gave, confidence, 0.0), minlength=size)
    with np.errstate(all="ignore"):
        share = np.where(w > 0, wp / w, np.nan)
        trust = np.where(rated_w > 0, wc / rated_w, np.where(n_gave > 0, plain / n_gave, np.nan))
    # Columns by name, made a DataFrame once by the caller (pandas' cost per column counts
    # on the manager's page, where a team has a dozen KRs).
    result = {**values, "weight": w, "progress": share, "confidence": trust,
              "status": worst_name(rank)}  # fmt: skip
    return result, codes


def _table(columns: dict) -> pd.DataFrame:
    """Columns as a DataFrame, object arrays kept as objects (no string inference)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series(v, dtype=object)
                         if isinstance(v, np.ndarray) and v.dtype == np.dtype(object) else v
                         for name, v in columns.items()})  # fmt: skip


def objectives(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per team x objective: worst KR status, weighted progress, planned weight."""
    return _table(_weighted(frame, ["team", "objective"])[0])


def teams(frame: pd.DataFrame, bands=()) -> pd.DataFrame:
    """One row per team: worst status, weighted progress, KRs by status, forecast total and grade."""
    result, codes = _weighted(frame, ["team"])
    size = len(result["team"])
    status = frame["status"].to_numpy(dtype=object)
    for name in STATUSES:
        result[name] = np.bincount(codes, weights=(status == name), minlength=size).astype(int)
    for way in ("run", "fit"):
        points = frame[f"points_{way}"].to_numpy(dtype=float)
        known = np.bincount(codes, weights=~np.isnan(points), minlength=size)
        total = np.bincount(codes, weights=np.nan_to_num(points, nan=0.0), minlength=size)
        result[f"forecast_{way}"] = np.where(known > 0, total, np.nan)  # NaN: nothing to forecast
    index = grade_index(np.nan_to_num(result["forecast_run"], nan=0.0), bands)
    grades = np.array([band.grade for band in bands] + [None], dtype=object)
    result["grade_run"] = grades[index] if len(bands) else np.full(size, None, dtype=object)
    return _table(result)


def scopes(frame: pd.DataFrame, case, per_team: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per team that has teams below it (and the whole case): its subtree rolled up.

    Columns: scope (a team id), level, teams, krs, one count per status, worst
    status, and progress (the mean of its teams' weighted progress).
    ``per_team`` is :func:`teams` of ``frame`` when the caller has it already.
    """
    import pandas as pd

    per_team = teams(frame) if per_team is None else per_team
    parent = {team.id: team.parent for team in case.teams.values()}
    position = {team_id: i for i, team_id in enumerate(per_team["team"])}
    scope_ids, members = [], []
    for team_id, row in position.items():
        ancestor, seen = team_id, set()
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            scope_ids.append(ancestor)
            members.append(row)
            ancestor = parent.get(ancestor)
    codes, names = pd.factorize(np.array(scope_ids, dtype=object))
    members = np.array(members, dtype=np.int64)
    size = len(names)
    count = np.bincount(codes, minlength=size)
    progress = per_team["progress"].to_numpy(dtype=float)[members]
    known = np.bincount(codes, weights=~np.isnan(progress), minlength=size)
    with np.errstate(all="ignore"):
        mean = np.bincount(codes, weights=np.nan_to_num(progress, nan=0.0), minlength=size) / known
    rank = np.full(size, -1)
    np.maximum.at(rank, codes, severity(per_team["status"].to_numpy(dtype=object)[members]))
    result = pd.DataFrame({"scope": np.asarray(names, dtype=object), "teams": count,
                           "progress": mean})  # fmt: skip
    for name in STATUSES:
        result[name] = np.bincount(codes, weights=per_team[name].to_numpy(dtype=float)[members],
                                   minlength=size).astype(int)  # fmt: skip
    result["krs"] = result[list(STATUSES)].sum(axis=1)
    result["status"] = worst_name(rank)
    result["level"] = [case.teams[s].level if s in case.teams else "" for s in result["scope"]]
    # A team alone is already in teams(): only teams with teams below them roll up.
    return result[result["teams"] > 1].reset_index(drop=True)
