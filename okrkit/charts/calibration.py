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


def plot_stage_intervals(case, rates: dict, *, lang: str = "zh", axes=None):
    """Per stage, each rep's raw rate (hollow), calibrated rate and 90% interval, the team's as a line.

    ``rates`` is :attr:`okrkit.calibrate.Calibration.rates` (or
    :func:`okrkit.calibrate.stage_rates`); ``axes`` one Axes per stage (new
    figure when None). Every number drawn is a row of the stage's estimates.
    Notice how a rep with few units (王强's 35 opportunities) is pulled
    toward the line while one with thousands of calls keeps their own rate.
    """
    from matplotlib.ticker import PercentFormatter

    from okrkit.calibrate.tables import who_label
    from okrkit.funnel import funnel_of

    check_lang(lang)
    funnel = funnel_of(case)
    measured = [
        (k, r) for k, r in rates.items() if r.method != "assumption" and r.estimates is not None
    ]
    if axes is None:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 1.2 + 1.1 * len(measured)), layout="constrained")
        axes = figure.subplots(max(len(measured), 1), 1, squeeze=False)[:, 0]
    for ax, (stage_id, rate) in zip(axes, measured, strict=False):
        stage = funnel.stage(stage_id)
        est = rate.estimates
        reps = est[est["level"] == "rep"].reset_index(drop=True)
        ys = np.arange(len(reps))[::-1]
        means = reps["mean"].to_numpy(dtype=float)
        errors = np.vstack(
            [means - reps["low"].to_numpy(float), reps["high"].to_numpy(float) - means]
        )
        ax.errorbar(means, ys, xerr=errors, fmt="o", color="#1f4e79", capsize=3, label=(
            "校准后（90%区间）" if lang == "zh" else "calibrated (90% interval)"))  # fmt: skip
        ax.scatter(reps["raw"].to_numpy(float), ys, facecolors="none", edgecolors="#b42318",
                   label="原始比率" if lang == "zh" else "raw rate", zorder=3)  # fmt: skip
        company = rate.company()
        ax.axvline(float(company["mean"]), color="#888888", linestyle="--", linewidth=1,
                   label="公司" if lang == "zh" else "company")  # fmt: skip
        ax.set_yticks(ys, [who_label(case, "rep", g, lang) for g in reps["group"]], fontsize=8)
        ax.set_ylim(-0.7, len(reps) - 0.3)
        ax.xaxis.set_major_formatter(
            PercentFormatter(1.0, decimals=1 if ax.get_xlim()[1] < 0.1 else 0)
        )
        ax.set_title((stage.rate_name or stage.name).get(lang), fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=8)
    if measured:
        # above the panels, not on one: a rep's interval may sit in any corner
        handles, labels = axes[0].get_legend_handles_labels()
        figure = axes[0].figure
        constrained = type(figure.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
        figure.legend(handles, labels, fontsize=7, frameon=False, ncols=3,
                      loc="outside upper right" if constrained else "upper right")  # fmt: skip
    return axes
