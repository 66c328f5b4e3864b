"""The process→result chart draws Chinese with the shipped font: no glyph missing."""

import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd

from okrkit.calibrate.drivers import relate


def _monthly():
    months = pd.date_range("2014-01-01", periods=12, freq="MS").date
    rows = []
    for team, base in (("rep-zhang", 400), ("rep-li", 420), ("rep-wang", 240)):
        for i, month in enumerate(months):
            calls = base + 60 * ((i * 7) % 5)
            rows.append({"team": team, "month": month, "calls": calls,
                         "revenue": 0.25 * calls + 10 * (i % 3)})  # fmt: skip
    return pd.DataFrame(rows)


def test_process_result_chart_saves_without_missing_glyphs(tmp_path):
    """The chart with Chinese labels saves to PNG with no missing-glyph warning."""
    from okrkit.charts import use_cjk_font  # noqa: F401  (registers the shipped font)
    from okrkit.charts.calibration import plot_process_result

    monthly = _monthly()
    relation = relate(monthly, "calls", 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_process_result(monthly, relation, "有效电话", lang="zh")
        ax.figure.savefig(tmp_path / "drivers.png")
    assert (tmp_path / "drivers.png").stat().st_size > 0
