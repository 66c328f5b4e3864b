"""Roll-ups: an objective is as healthy as its worst KR; teams, departments, the company.

An objective shows two numbers that answer different questions: its status
is the **worst** of its KRs' (one red KR is a conversation to have, however
well the rest go), and beside it the **weighted progress** — each scored KR's
completion so far (through :func:`okrkit.scoring.completion`, 0-100%) weighted
by its KR weight. A team's status is its worst objective's; a department or
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

if TYPE_CHECKING:
    import pandas as pd

_BY_RANK = np.array([*reversed(STATUSES), None], dtype=object)


def severity(status) -> np.ndarray:
    """Rank of each status (on_track 0 … off_track 3); -1 for None."""
    import pandas as pd

    return pd.Series(np.asarray(status, dtype=object)).map(SEVERITY).fillna(-1).to_numpy(dtype=int)


def worst_name(ranks) -> np.ndarray:
    """Back from ranks to names (None where nothing was judged)."""
    ranks = np.asarray(ranks, dtype=int)
    return _BY_RANK[np.where(ranks < 0, len(_BY_RANK) - 1, ranks)]


def kr_progress(frame: pd.DataFrame) -> np.ndarray:
    """Each KR's completion so far, 0-1: the last value (per period: the mean so far)."""
    standing = np.where(
        (frame["mode"] == "per_period").to_numpy(),
        frame["period_sum"].to_numpy(dtype=float) / frame["period_count"].to_numpy(dtype=float),
        frame["last_value"].to_numpy(dtype=float),
    )
    done = completion(frame["direction"].to_numpy(), frame["target"].to_numpy(dtype=float),
                      frame["baseline"].to_numpy(dtype=float), standing, 1.0)  # fmt: skip
    # No check-in is no progress (never a silent blank that averages away).
    return np.where(frame["n"].to_numpy() == 0, 0.0, done)


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    import pandas as pd

    scored = ~frame["deduction"].to_numpy(dtype=bool) & frame["weight"].notna().to_numpy()
    weight = np.where(scored, frame["weight"].to_numpy(dtype=float), 0.0)
    progress = np.nan_to_num(frame["progress"].to_numpy(dtype=float), nan=0.0)
    parts = pd.DataFrame({**{k: frame[k].to_numpy() for k in keys}, "w": weight,
                          "wp": weight * progress, "rank": severity(frame["status"])})  # fmt: skip
    grouped = parts.groupby(keys, sort=False).agg(w=("w", "sum"), wp=("wp", "sum"),
                                                  rank=("rank", "max"))  # fmt: skip
    with np.errstate(all="ignore"):
        grouped["progress"] = np.where(grouped["w"] > 0, grouped["wp"] / grouped["w"], np.nan)
    grouped["status"] = worst_name(grouped["rank"].to_numpy())
    return grouped.drop(columns=["wp", "rank"]).reset_index()


def objectives(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per team x objective: worst KR status, weighted progress, planned weight."""
    return _weighted(frame, ["team", "objective"]).rename(columns={"w": "weight"})


def teams(frame: pd.DataFrame, bands=()) -> pd.DataFrame:
    """One row per team: worst status, weighted progress, KRs by status, forecast total and grade."""
    import pandas as pd

    result = _weighted(frame, ["team"]).rename(columns={"w": "weight"}).set_index("team")
    status = frame["status"].to_numpy(dtype=object)
    counts = pd.DataFrame({name: status == name for name in STATUSES}).astype(int)
    counts["team"] = frame["team"].to_numpy()
    result = result.join(counts.groupby("team", sort=False).sum())
    points = frame.groupby("team", sort=False)[["points_run", "points_fit"]].sum(min_count=1)
    result["forecast_run"] = points["points_run"]
    result["forecast_fit"] = points["points_fit"]
    index = grade_index(result["forecast_run"].fillna(0).to_numpy(), bands)
    grades = np.array([band.grade for band in bands] + [None], dtype=object)
    result["grade_run"] = grades[index] if len(bands) else None
    return result.reset_index()


def scopes(frame: pd.DataFrame, case) -> pd.DataFrame:
    """One row per team that has teams below it (and the whole case): its subtree rolled up.

    Columns: scope (a team id), level, teams, krs, one count per status, worst
    status, and progress (the mean of its teams' weighted progress).
    """
    import pandas as pd

    per_team = teams(frame).set_index("team")
    parent = {team.id: team.parent for team in case.teams.values()}
    rows = []
    for team_id in per_team.index:
        ancestor, seen = team_id, set()
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            rows.append((ancestor, team_id))
            ancestor = parent.get(ancestor)
    links = pd.DataFrame(rows, columns=["scope", "team"])
    joined = links.merge(per_team.reset_index(), on="team")
    joined["rank"] = severity(joined["status"])
    sizes = joined.groupby("scope", sort=False)["team"].count()
    joined = joined[joined["scope"].map(sizes) > 1]  # a team alone is already in teams()
    agg = {name: (name, "sum") for name in STATUSES}
    result = joined.groupby("scope", sort=False).agg(
        teams=("team", "count"), progress=("progress", "mean"), rank=("rank", "max"), **agg
    )
    result["krs"] = result[list(STATUSES)].sum(axis=1)
    result["status"] = worst_name(result["rank"].to_numpy())
    result["level"] = [case.teams[s].level if s in case.teams else "" for s in result.index]
    return result.drop(columns=["rank"]).reset_index()
