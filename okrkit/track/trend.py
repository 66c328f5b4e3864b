"""One KR through the cycle: its check-ins against the expected-pace line.

What a trend chart (the report's trend section, the manager's page, the
monthly review chapter) draws, as numbers from one tested function, so a
chart holds no arithmetic of its own:

* ``points`` — the current check-ins up to ``as_of``: date, value (per
  period: the period's start and its count), confidence, comment;
* ``line`` — the expected value on every day the chart needs (each month's
  end, and the cycle's first day): cumulative KRs run from the baseline to
  the target along the pace; per-period KRs show the (phased) target per
  period; levels the target;
* the forecast end values (run rate, trend) at the cycle's last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from okrkit.model import Case
from okrkit.track.pace import expected_value, fraction_done
from okrkit.track.picture import picture
from okrkit.track.settings import tracking_settings
from okrkit.track.standing import plan_frame

if TYPE_CHECKING:
    import pandas as pd

    from okrkit.track.store import Store


@dataclass(frozen=True)
class Trend:
    """A KR's check-ins, its expected line and where it is forecast to end."""

    team: str
    kr: str
    mode: str
    points: pd.DataFrame
    line: pd.DataFrame
    forecast_run: float | None
    forecast_fit: float | None
    status: str | None


def _float(value) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def kr_trend(case: Case, store: Store, team: str, kr: str, as_of: date, *, cycle=None) -> Trend:
    """The trend of ``team``'s ``kr`` at ``as_of`` (KeyError naming it when the case lacks it)."""
    import pandas as pd

    case.team(team).key_result(kr)  # a clear KeyError before any work
    view = picture(case, store, as_of, cycle=cycle, teams=[case.team(team)])
    row = view.krs[view.krs["kr"] == kr].iloc[0]
    cycle = view.cycle
    rows = store.frame(cycle, team=team, kr=kr, until=as_of)
    per_period = row["mode"] == "per_period"
    when = rows["period_start"] if per_period else rows["date"]
    points = pd.DataFrame({"date": when, "value": rows["value"],
                           "confidence": rows["confidence"], "comment": rows["comment"]})  # fmt: skip
    days = pd.date_range(f"{cycle}-01-01", f"{cycle}-12-31", freq="ME").insert(
        0, pd.Timestamp(f"{cycle}-01-01")
    )
    plan, profiles = plan_frame(case, tracking_settings(case), cycle, teams=[case.team(team)])
    shares = profiles[int(plan.loc[plan["kr"] == kr, "profile"].iloc[0])]
    day_values = days.to_numpy(dtype="datetime64[D]")
    fraction = fraction_done(day_values, cycle, shares)
    count = len(day_values)
    expected = expected_value(np.full(count, row["mode"]), np.full(count, row["direction"]),
                              np.full(count, row["target"]), np.full(count, row["baseline"]),
                              fraction)  # fmt: skip
    if per_period and int(row["profile"]) > 0:
        month = (day_values.astype("datetime64[M]").astype(int) % 12).astype(int)
        expected = row["target"] * shares[month] / profiles[0][month]
    line = pd.DataFrame({"date": days, "expected": expected})
    return Trend(team, kr, row["mode"], points, line, _float(row["forecast_run"]),
                 _float(row["forecast_fit"]), row["status"])  # fmt: skip
