"""One KR's trend as a small inline SVG: the report's chart without matplotlib in the kernel.

The same picture as :func:`okrkit.charts.trend.plot_trend` (the workbook's
chart): the expected line dashed (steps for a per-period KR), the check-ins as
points joined by a line, the target as a rule with its label, dotted lines from
the last check-in to the two year-end forecasts, a legend and a title carrying
the status. It draws the series :func:`okrkit.report.prepare.team_trends`
gives and computes nothing but the scale.

Why SVG and not a PNG from matplotlib: importing matplotlib and drawing nine
charts cost a rep's report over a second; this costs a millisecond, stays
vector in the PDF, and its text (Chinese too) is the page's text, in the
page's fonts. Every text is escaped (``markupsafe``).
"""

from __future__ import annotations

import math
from datetime import date
from itertools import pairwise

from markupsafe import Markup

from okrkit.track.labels import TREND_COLOURS, trend_word

ACTUAL, EXPECTED, RUN, FIT = TREND_COLOURS
WIDTH, HEIGHT = 480, 210
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 26, 22
_MONTHS = {
    "zh": [f"{m}月" for m in range(1, 13)],
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
}


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering ``low..high`` (1, 2, 2.5 or 5 times a power of ten apart)."""
    if not high > low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _path(points: list[tuple[float, float]], steps: bool = False) -> str:
    if steps:  # steps-post: hold each value until the next day
        stepped = []
        for (x0, y0), (x1, _) in pairwise(points):
            stepped += [(x0, y0), (x1, y0)]
        stepped.append(points[-1])
        points = stepped
    return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))


def svg_trend(kr: dict, *, title: str, target: float | None, lang: str) -> Markup:
    """The chart of one KR of :func:`okrkit.report.prepare.team_trends`; ``title`` is shown as is."""
    line, points = kr["line"], kr["points"]
    per_period = kr["mode"] == "per_period"
    start, end = _day(line["date"][0]), _day(line["date"][-1])
    values = [
        v for v in [*line["expected"], *points["value"]] if v is not None and math.isfinite(v)
    ]
    forecasts = [] if per_period or not points["value"] else [
        (v, colour, key) for v, colour, key in
        ((kr["forecast_run"], RUN, "run"), (kr["forecast_fit"], FIT, "fit")) if v is not None
    ]  # fmt: skip
    values += [v for v, _, _ in forecasts]
    show_target = not per_period and target is not None
    if show_target:
        values.append(float(target))
    ticks = nice_ticks(min([0.0, *values]), max([1.0, *values]))
    low, high = ticks[0], ticks[-1]

    def x(day: int) -> float:
        return LEFT + (day - start) / max(end - start, 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - TOP - BOTTOM)

    parts = [Markup('<text x="{}" y="14" font-size="11" font-weight="bold">{}</text>').format(
        LEFT, title)]  # fmt: skip
    # As few elements as the picture allows: the HTML export parses the whole page
    # (nbconvert's BeautifulSoup pass), and a report holds a chart per KR.
    grid = " ".join(f"M{LEFT},{y(tick):.1f} H{WIDTH - RIGHT}" for tick in ticks)
    parts.append(Markup('<path d="{}" stroke="#eee"/>').format(grid))
    for tick in ticks:
        parts.append(Markup('<text x="{}" y="{:.1f}" font-size="9" text-anchor="end">{:g}</text>')
                     .format(LEFT - 4, y(tick) + 3, tick))  # fmt: skip
    for i, name in enumerate(_MONTHS[lang]):
        first = date(date.fromordinal(start).year, i + 1, 1).toordinal()
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="9">{}</text>').format(
            x(first), HEIGHT - 6, name))  # fmt: skip
    parts.append(Markup('<path d="M{l},{t} L{l},{b} L{r},{b}" fill="none" stroke="#333"/>').format(
        l=LEFT, t=TOP, b=HEIGHT - BOTTOM, r=WIDTH - RIGHT))  # fmt: skip
    if show_target:
        parts.append(Markup(
            '<line x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" stroke="#333" stroke-width="0.8"/>'
            '<text x="{r}" y="{ty:.1f}" font-size="9" text-anchor="end">{label}</text>'
        ).format(l=LEFT, r=WIDTH - RIGHT, y=y(target), ty=y(target) - 3,
                 label=trend_word("target", lang, value=target)))  # fmt: skip
    expected = [(x(_day(d)), y(v)) for d, v in zip(line["date"], line["expected"], strict=True)
                if v is not None]  # fmt: skip
    if expected:
        parts.append(Markup(
            '<path d="{}" fill="none" stroke="{}" stroke-dasharray="5 3" stroke-width="1.5"/>'
        ).format(_path(expected, steps=per_period), EXPECTED))  # fmt: skip
    legend = [(EXPECTED, "5 3", trend_word("expected", lang))]
    dots = [(x(_day(d)), y(v)) for d, v in zip(points["date"], points["value"], strict=True)
            if math.isfinite(v)]  # fmt: skip
    if dots:
        parts.append(Markup('<path d="{}" fill="none" stroke="{}" stroke-width="1.5"/>').format(
            _path(dots), ACTUAL))  # fmt: skip
        circles = " ".join(f"M{cx - 2.5:.1f},{cy:.1f} a2.5,2.5 0 1,0 5,0 a2.5,2.5 0 1,0 -5,0"
                           for cx, cy in dots)  # fmt: skip
        parts.append(Markup('<path d="{}" fill="{}"/>').format(circles, ACTUAL))
        legend.append((ACTUAL, "", trend_word("actual", lang)))
        for value, colour, key in forecasts:
            parts.append(Markup(
                '<path d="M{:.1f},{:.1f} L{:.1f},{:.1f}" stroke="{}" stroke-dasharray="2 2" '
                'stroke-width="1.5" fill="none"/>'
            ).format(*dots[-1], x(end), y(value), colour))  # fmt: skip
            legend.append((colour, "2 2", trend_word(key, lang, value=round(value, 1))))
    parts.append(Markup(  # the legend's box hides the lines under it, as matplotlib's does
        '<rect x="{}" y="{}" width="150" height="{}" fill="#fff" fill-opacity="0.9" stroke="#ddd"/>'
    ).format(LEFT + 3, TOP, len(legend) * 12 + 2))  # fmt: skip
    for i, (colour, dash, label) in enumerate(legend):
        top = TOP + 6 + i * 12
        parts.append(Markup(
            '<line x1="{a}" x2="{b}" y1="{y}" y2="{y}" stroke="{c}" stroke-dasharray="{d}" '
            'stroke-width="1.5"/><text x="{tx}" y="{ty}" font-size="9">{label}</text>'
        ).format(a=LEFT + 6, b=LEFT + 22, y=top, c=colour, d=dash or "none", tx=LEFT + 26,
                 ty=top + 3, label=label))  # fmt: skip
    return Markup(
        '<svg class="okr-trend" role="img" width="{w}" '
        'height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif"><title>{kr}</title>{body}</svg>'
    ).format(w=WIDTH, h=HEIGHT, kr=kr["kr"], body=Markup("").join(parts))
