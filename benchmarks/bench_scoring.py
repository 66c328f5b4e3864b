"""Benchmark: score a synthetic organisation of 10,000 teams and 200,000 KRs.

The organisation is one DataFrame in the columns okrkit.scoring.score_frame
reads (team, objective, kr, deduction, direction, weight, target, baseline,
actual, penalty, cap), drawn at random but with a fixed seed: 19 weighted KRs
and one deduction item per team, every direction represented, some actuals
missing. It is scored with the vectorised path (completion by direction,
cap, points, deductions with caps, unscored counts, totals, grades).

The floor, measured in the same run on the same data, is a bare pandas
groupby-sum of weight x actual per team: the least any per-team total costs.
A sample of teams is also scored one by one with score_team to check that
both paths agree (the test suite holds that property too).

Target (issue 4): <= 1 s. Run: .venv/bin/python benchmarks/bench_scoring.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrkit.model import KeyResult, Objective, Team, Text  # noqa: E402
from okrkit.scoring import (  # noqa: E402
    DIRECTION_CODES,
    FRAME_COLUMNS,
    GradeBand,
    ScoringSettings,
    score_frame,
    score_team,
)

TEAMS, KRS_PER_TEAM = 10_000, 20
REPEAT = 5
BANDS = (GradeBand("S", 95), GradeBand("A", 85), GradeBand("B", 70), GradeBand("C", 60),
         GradeBand("D", 0))  # fmt: skip
SETTINGS = ScoringSettings(cap=1.0, penalty=5, deduction_cap=20)
CODES = {code: name for name, code in DIRECTION_CODES.items()}


def organisation(seed: int = 2015) -> pd.DataFrame:
    """10,000 teams x 20 KRs: 19 weighted (weights 5 apart, summing to 100) + 1 deduction."""
    rng = np.random.default_rng(seed)
    n = TEAMS * KRS_PER_TEAM
    position = np.tile(np.arange(KRS_PER_TEAM), TEAMS)
    deduction = position == KRS_PER_TEAM - 1
    direction = rng.integers(0, 5, n)
    target = rng.uniform(10, 1000, n)
    baseline = np.where(direction <= 1, target * rng.uniform(0.5, 1.5, n), np.nan)
    actual = target * rng.uniform(0.3, 1.4, n)
    actual = np.where(direction == 4, rng.integers(0, 2, n), actual)
    actual = np.where(deduction, rng.poisson(0.5, n), actual)
    actual[rng.random(n) < 0.01] = np.nan  # 1% missing: reported as unscored
    weight = np.where(deduction, np.nan, np.where(position < 5, 6.0, 5.0))  # 5x6 + 14x5 = 100
    team = np.repeat(np.array([f"team-{i:05d}" for i in range(TEAMS)], dtype=object), KRS_PER_TEAM)
    return pd.DataFrame(
        {
            "team": team,
            "objective": "O" + pd.Series(position // 5 + 1).astype(str).to_numpy(),
            "kr": "KR" + pd.Series(position).astype(str).to_numpy(),
            "deduction": deduction,
            "direction": direction,
            "weight": weight,
            "target": np.where(direction == 4, np.nan, target),
            "baseline": baseline,
            "actual": actual,
            "penalty": np.where(deduction, SETTINGS.penalty, np.nan),
            "cap": np.where(deduction, SETTINGS.deduction_cap, np.nan),
        },
        columns=list(FRAME_COLUMNS),
    )


def team_of(rows: pd.DataFrame) -> tuple[Team, dict]:
    """The Team and actuals of one team's rows, for the per-team path."""
    krs, actuals = [], {}
    for row in rows.itertuples(index=False):
        nan = lambda v: None if pd.isna(v) else float(v)  # noqa: E731
        krs.append(
            KeyResult(
                id=row.kr,
                text=Text(zh=row.kr),
                weight=nan(row.weight),
                kind="deduction" if row.deduction else "result",
                direction=None if row.deduction else CODES[row.direction],
                target=nan(row.target),
                baseline=nan(row.baseline),
                penalty=nan(row.penalty),
                cap=nan(row.cap),
            )
        )
        actuals[row.kr] = nan(row.actual)
    objective = Objective(id="O1", title=Text(zh="O1"), key_results=tuple(krs))
    return Team(id=rows["team"].iat[0], name=Text(zh="t"), level="position",
                objectives=(objective,)), actuals  # fmt: skip


def best_of(action, repeat: int = REPEAT) -> tuple[float, float, float]:
    """(best wall, median wall, median CPU) seconds of ``repeat`` calls."""
    times, cpu = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return min(times), statistics.median(times), statistics.median(cpu)


def main() -> None:
    frame = organisation()
    print(f"{frame['team'].nunique():,} teams, {len(frame):,} KRs")

    def floor() -> pd.Series:
        return (frame["weight"] * frame["actual"]).groupby(frame["team"], sort=False).sum()

    result = score_frame(frame, SETTINGS, BANDS)
    floor_best, floor_median, floor_cpu = best_of(floor)
    score_best, score_median, score_cpu = best_of(lambda: score_frame(frame, SETTINGS, BANDS))

    sample = frame["team"].drop_duplicates().sample(200, random_state=1)
    by_team = dict(tuple(frame[frame["team"].isin(sample)].groupby("team", sort=False)))
    start = time.perf_counter()
    worst = 0.0
    for team_id, rows in by_team.items():
        team, actuals = team_of(rows)
        one = score_team(team, actuals, SETTINGS, BANDS)
        worst = max(worst, abs(one.total - result.loc[team_id, "total"]))
        assert one.grade.grade == result.loc[team_id, "grade"], team_id
    per_team = (time.perf_counter() - start) / len(by_team)

    print(f"score_frame (vectorised): best {score_best:.3f} s, median {score_median:.3f} s")
    print(f"floor, bare groupby-sum:  best {floor_best:.3f} s, median {floor_median:.3f} s")
    print(f"ratio score_frame / floor: {score_median / floor_median:.1f}x (median), "
          f"{score_best / floor_best:.1f}x (best)")  # fmt: skip
    print(f"CPU time (median): score_frame {score_cpu:.3f} s, floor {floor_cpu:.3f} s, "
          f"ratio {score_cpu / floor_cpu:.1f}x")  # fmt: skip
    print(f"target <= 1 s: {'met' if score_median <= 1.0 else 'NOT met'} on this machine")
    print(f"per-team path (incl. building Team objects): {per_team * 1e3:.2f} ms a team, "
          f"~{per_team * TEAMS:.1f} s for all {TEAMS:,}")  # fmt: skip
    print(
        f"agreement on {len(by_team)} sampled teams: max |total difference| {worst:.2e}, "
        "grades equal"
    )
    print(
        f"grades: {result['grade'].value_counts().sort_index().to_dict()}; "
        f"unscored KRs: {int(result['unscored'].sum()):,}"
    )


if __name__ == "__main__":
    main()
