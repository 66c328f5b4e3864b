"""The process→result chart: each rep-month's extra activity against the revenue won later.

Every point comes from :func:`okrkit.calibrate.drivers.relate`'s own pairing
(within-rep differences at the stage's lead time); the title carries the
relation's sentence figures, so what the room sees is what was tested.
"""

from __future__ import annotations

import numpy as np

from okrkit.i18n import check_lang


def plot_process_result(monthly, relation, stage_name, *, lang: str = "zh", ax=None):
    """Scatter of a stage's within-rep monthly deviation against revenue ``lag`` months later."""
    check_lang(lang)
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(6, 4), layout="constrained").add_subplot()
    lag = relation.lag_months
    for team, rows in monthly.sort_values(["team", "month"]).groupby("team"):
        x = rows[relation.stage].to_numpy(dtype=float)
        y = rows["revenue"].to_numpy(dtype=float)
        if lag:
            x, y = x[:-lag], y[lag:]
        if len(x) < 2:
            continue
        ax.scatter(x - x.mean(), y - y.mean(), label=team, alpha=0.8)
    if relation.slope is not None:
        span = np.array(ax.get_xlim())
        ax.plot(span, relation.slope * span, color="#444444", linewidth=1)
    zh = lang == "zh"
    ax.set_xlabel(
        f"{stage_name}（与本人月均之差）"
        if zh
        else f"{stage_name} (difference from the rep's mean)"
    )
    ax.set_ylabel(f"{lag}个月后的成交额（万元，与本人月均之差）" if zh else
                  f"revenue won {lag} months later (万元, difference from the rep's mean)")  # fmt: skip
    if relation.r is not None:
        ax.set_title(
            f"r = {relation.r:.2f}，n = {relation.n}"
            if zh
            else f"r = {relation.r:.2f}, n = {relation.n}"
        )
    ax.axhline(0, color="#bbbbbb", linewidth=0.5)
    ax.axvline(0, color="#bbbbbb", linewidth=0.5)
    ax.legend(fontsize="small")
    return ax
