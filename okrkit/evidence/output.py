"""The counts as the rest of okrkit takes them: an actuals file and a time series.

- :func:`actuals_text`: the period's process-KR actuals in the format of
  ``okrkit.actuals`` (``okrkit score --actuals`` and ``okrkit report
  --actuals`` read it unchanged): per team, each KR's total divided by the
  period's working weeks or months, to one decimal, with the count in a
  comment.
- :func:`series_frame`: per team, KR, cadence (``week`` | ``month``) and
  period, the count — the shape the check-in store imports as
  ``source="evidence"``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrkit.evidence.count import SERIES_COLUMNS, kr_actuals, series_rows
from okrkit.yamlio import write_atomically


def series_frame(run):
    """The counts as a pandas DataFrame with :data:`SERIES_COLUMNS`."""
    import pandas as pd

    frame = pd.DataFrame(series_rows(run).columns, columns=SERIES_COLUMNS)
    return frame.astype({"value": "int64"})


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def actuals_text(run, actuals=None) -> str:
    """The actuals YAML of the process KRs counted from the records."""
    actuals = actuals if actuals is not None else kr_actuals(run)
    lines = [
        f"# Process-KR actuals of {run.period.name}, counted from the activity records by",
        f"# `okrkit evidence` on {dt.date.today().isoformat()} (format: okrkit.actuals).",
        f"period: {run.period.name}",
        "teams:",
    ]
    team = None
    for item in actuals:
        if item["team"] != team:
            team = item["team"]
            lines.append(f"  {team}:")
        unit = item["kr"].cadence or "period"
        units = _number(item["units"])
        lines.append(
            f"    {item['kr'].id}: {_number(item['actual'])}"
            f"  # {item['total']} counted / {units} working {unit}{'' if units == '1' else 's'}"
            f" ({item['rule'].id})"
        )
    return "\n".join(lines) + "\n"


def write_actuals(run, path: str | Path, actuals=None) -> Path:
    """Write the actuals file atomically."""
    path = Path(path)
    write_atomically(path, actuals_text(run, actuals), keep_previous=False)
    return path
