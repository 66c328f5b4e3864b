"""Figures of the decomposition: the funnel, the cascade tree and the sensitivity tornado.

Each ``plot_*`` draws on ``ax`` (a new figure when None) and returns the Axes;
every number drawn comes from :mod:`okrkit.funnel`, :mod:`okrkit.align` or
:mod:`okrkit.sensitivity`. Redrawing on the same Axes (``ax.clear()`` first)
is how the funnel explorer keeps one figure alive.
"""

from __future__ import annotations

import math

from okrkit.align import cascade_check
from okrkit.explain import number
from okrkit.funnel import FunnelPlan
from okrkit.i18n import check_lang, t
from okrkit.model import Case
from okrkit.sensitivity import Sensitivity, lever_stage
from okrkit.split import parent_target

_BAR = "#5b9bd5"
_BAND = "#ed7d31"
BAND_GID = "p50-p80-band"  # the band's artists carry it, so a test (or a reader) can find them
# The band's words, zh and en, next to the only code that draws them.
_BAND_WORDS = {
    "legend": (
        "五成到八成把握所需（按{source}校准）",
        "P50–P80 activity (calibrated from {source})",
    ),
    "source": ("{period}年的记录", "the {period} records"),
    "history": ("历史记录", "the history"),
    "label": ("五成把握 {p50} · 八成把握 {p80}", "P50 {p50} · P80 {p80}"),
}
_STATUS_COLOURS = {
    "covered": "#1b7f3b",
    "buffer": "#1f4e79",
    "shortfall": "#b42318",
    "excess": "#9a6700",
    "missing": "#9a6700",
}


def _axes(ax, size):
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").add_subplot()


def _rate_text(stage) -> str:
    return f"{stage.rate:.1%}".replace(".0%", "%") if stage.rate_is_share else f"{stage.rate:g}"


class FunnelChart:
    """A funnel drawn once on ``ax`` and updated in place for each new plan.

    The funnel explorer keeps one of these for its life: :meth:`update` moves
    bars and rewrites labels instead of clearing the Axes, which keeps a redraw
    cheap. :func:`plot_funnel` is the one-shot form.
    """

    def __init__(self, ax, lang: str = "zh"):
        self.ax = ax
        self.lang = check_lang(lang)
        self.bars: list = []
        self.labels: list = []
        self.rates: list = []
        self.stage_ids: tuple = ()
        self.band_artists: list = []
        self.legend = None
        ax.set_xlim(0, 1.12)
        ax.set_axis_off()
        # A text artist, not set_title: a title makes every draw measure the
        # (hidden) tick labels to place itself.
        self.title = ax.text(
            0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=12
        )

    def _build(self, plan: FunnelPlan) -> None:
        ax = self.ax
        for artist in [*self.bars, *self.labels, *self.rates]:
            artist.remove()
        needs = plan.needs[1:]
        self.stage_ids = tuple(n.stage.id for n in needs)
        count = len(needs)
        self.bars = [ax.barh(y, 1.0, height=0.72, color=_BAR, alpha=0.45)[0] for y in range(count)]
        self.labels = [
            ax.text(0.5, y, "", ha="center", va="center", fontsize=9) for y in range(count)
        ]
        self.rates = [
            ax.text(1.02, y + 0.5, "", ha="left", va="center", fontsize=8) for y in range(count - 1)
        ]
        ax.set_ylim(-0.6, count - 0.4)

    def update(self, plan: FunnelPlan, band: dict | None = None, period: str = ""):
        """Show ``plan``: bar widths, labels, rates and title; return the Axes.

        ``band`` (:func:`okrkit.calibrate.odds.activity_band`, stage id ->
        Band) adds the activity needed at P50 and at P80 from a calibrated
        history as an orange band around each stage's bar, with a legend
        naming the history's ``period``; None removes it.
        """
        lang = self.lang
        if tuple(n.stage.id for n in plan.needs[1:]) != self.stage_ids:
            self._build(plan)
        needs = plan.needs[1:]  # y = 0 is the bottom bar: the stage next to revenue
        band = {k: v for k, v in (band or {}).items() if k in self.stage_ids}
        # Yearly counts span orders of magnitude (4800 calls, 60 deals): widths
        # follow their logarithm so every stage stays readable and the order holds.
        counts = [float(n.per_year) for n in needs] + [b.per_year_p80 for b in band.values()]
        largest = math.log10(1 + max(counts)) or 1.0

        def width_of(per_year: float) -> float:
            return max(math.log10(1 + float(per_year)) / largest, 0.15)

        self._draw_band(band, width_of, period)
        for y, need in enumerate(needs):
            stage = need.stage
            width = width_of(need.per_year)
            bar = self.bars[y]
            bar.set_x((1 - width) / 2)
            bar.set_width(width)
            label = t(
                "chart.funnel.bar", lang, name=stage.name.get(lang), per_year=number(need.per_year)
            )
            if need.target is not None:
                label += t(
                    "chart.funnel.target",
                    lang,
                    cadence=t(f"cadence.{stage.cadence}", lang),
                    target=need.target,
                    unit=stage.unit.get(lang),
                )
            if stage.id in band:
                zh, en = _BAND_WORDS["label"]
                words = zh if lang == "zh" else en
                label += "\n" + words.format(p50=band[stage.id].p50, p80=band[stage.id].p80)
            self.labels[y].set_text(label)
            if y + 1 < len(needs):
                self.rates[y].set_text("× " + _rate_text(needs[y + 1].stage))
        top = plan.funnel.stages[0]
        self.title.set_text(
            t(
                "chart.funnel.title",
                lang,
                name=top.name.get(lang),
                target=number(plan.target),
                unit=top.unit.get(lang),
            )
        )
        return self.ax

    def _draw_band(self, band: dict, width_of, period: str) -> None:
        """The P50–P80 band: on each side of a stage's centre, from the P50 width to the P80 width."""
        for artist in self.band_artists:
            artist.remove()
        self.band_artists = []
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        if not band:
            return
        for y, stage_id in enumerate(self.stage_ids):
            if stage_id not in band:
                continue
            inner, outer = (
                width_of(band[stage_id].per_year_p50),
                width_of(band[stage_id].per_year_p80),
            )
            for left in ((1 - outer) / 2, (1 + inner) / 2):  # the left sliver, the right one
                rect = self.ax.barh(y, (outer - inner) / 2, left=left, height=0.9, color=_BAND,
                                    alpha=0.35, zorder=0, gid=BAND_GID)[0]  # fmt: skip
                self.band_artists.append(rect)
        from matplotlib.patches import Patch

        pick = 0 if self.lang == "zh" else 1
        source = _BAND_WORDS["source" if period else "history"][pick].format(period=period)
        text = _BAND_WORDS["legend"][pick].format(source=source)
        handle = Patch(color=_BAND, alpha=0.35, label=text)
        # lower left: beside the narrow bottom bars (deals, opportunities), never over a label
        self.legend = self.ax.legend(handles=[handle], loc="lower left", fontsize=8, frameon=False)


def plot_funnel(plan: FunnelPlan, ax=None, lang: str = "zh", band=None, period: str = ""):
    """The funnel, first activity on top: units a year per stage and each person's target.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of, required_activity
    >>> ax = plot_funnel(required_activity(funnel_of(load_case("cases/a-company")), 1200))
    >>> ax.texts[0].get_text()
    '销售额1200万元：每年所需与每人目标'

    Notice: bar widths follow the yearly counts (log scale); the rates between
    bars say how one stage turns into the next. With ``band`` (from
    :func:`okrkit.calibrate.odds.activity_band`) the activity needed at P50
    and P80 shows around each bar.
    """
    return FunnelChart(_axes(ax, (7, 4)), lang).update(plan, band, period)


def _tree(case: Case):
    rows = {row.parent: row for row in cascade_check(case) if row.parent != "kpi"}
    tops = [team for team in case.teams.values() if team.parent is None]
    nodes, edges, positions = {}, [], {}
    leaves = [0]

    def visit(node_id, name, amount, depth):
        nodes[node_id] = (name, amount, depth)
        row = rows.get(node_id)
        children = list(row.parts) if row else []
        xs = []
        for part in children:
            child_id = part.id if part.kind == "team" else f"{node_id}/{part.id}"
            edges.append((node_id, child_id))
            xs.append(visit(child_id, part.name, part.amount, depth + 1))
        if xs:
            x = sum(xs) / len(xs)
        else:
            x = leaves[0]
            leaves[0] += 1
        positions[node_id] = x
        return x

    for top in tops:
        visit(top.id, top.name, parent_target(case, top), 0)
    return nodes, edges, positions, rows


def plot_cascade(case: Case, ax=None, lang: str = "zh"):
    """The revenue cascade as a tree: 总经理 → 销售部 → channels and reps, with targets.

    >>> from okrkit import load_case
    >>> ax = plot_cascade(load_case("cases/a-company"), lang="en")

    Notice: under each parent, its children's total as a share of its target
    (105% for 销售部: the declared buffer), coloured by the cascade check's status.
    """
    check_lang(lang)
    nodes, edges, positions, rows = _tree(case)
    ax = _axes(ax, (9, 4.5))
    depth_max = max((d for _, _, d in nodes.values()), default=0)
    width = max(positions.values(), default=0) + 1
    unit = case.kpi.unit.get(lang)
    for parent, child in edges:
        (x0, y0), (x1, y1) = (
            (positions[parent], -nodes[parent][2]),
            (positions[child], -nodes[child][2]),
        )
        ax.plot(
            [x0, x0, x1, x1],
            [y0 - 0.22, (y0 + y1) / 2, (y0 + y1) / 2, y1 + 0.22],
            color="#888888",
            lw=1,
        )
    for node_id, (name, amount, depth) in nodes.items():
        amount_text = "—" if amount is None else f"{number(amount)}{unit if lang == 'zh' else ''}"
        label = f"{name.get(lang)}\n{amount_text}"
        row = rows.get(node_id)
        colour = _STATUS_COLOURS[row.status] if row else "#555555"
        ax.text(
            positions[node_id],
            -depth,
            label,
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.35", "fc": "white", "ec": colour, "lw": 1.4},
        )
        if row:
            coverage = f"{row.coverage:.1%}".replace(".0%", "%")
            ax.text(
                positions[node_id],
                -depth - 0.4,
                t(f"chart.cascade.{row.status}", lang, coverage=coverage),
                fontsize=7,
                color=colour,
                ha="center",
                va="center",
            )
    ax.set_title(
        t(
            "chart.cascade.title",
            lang,
            kpi=case.kpi.text.get(lang),
            target=number(case.kpi.target) if case.kpi.target is not None else "—",
            unit=unit if lang == "zh" else f" ({unit})",
        )
    )
    ax.set_xlim(-0.8, width - 0.2)
    ax.set_ylim(-depth_max - 0.7, 0.6)
    ax.set_axis_off()
    return ax


def plot_tornado(
    rows: list[Sensitivity], funnel, ax=None, lang: str = "zh", stage: str | None = None
):
    """Each assumption ±10%: the change in one stage's required activity, biggest lever on top.

    >>> from okrkit import load_case
    >>> from okrkit.funnel import funnel_of
    >>> from okrkit.sensitivity import sensitivity
    >>> f = funnel_of(load_case("cases/a-company"))
    >>> ax = plot_tornado(sensitivity(f, 1200), f, lang="en")

    Notice: improving any one rate by 10% saves the same 9.1% of calls; only a
    share already large (old-customer revisits) moves it more.
    """
    check_lang(lang)
    ax = _axes(ax, (7, 3.5))
    stage = stage or lever_stage(funnel)
    ordered = sorted(rows, key=lambda r: -r.change(stage))  # smallest lever first: bottom
    for y, row in enumerate(ordered):
        better, worse = row.change(stage), row.change(stage, worse=True)
        ax.barh(y, better * 100, color="#1b7f3b", height=0.6)
        ax.barh(y, worse * 100, color="#b42318", height=0.6)
        for value in (better, worse):
            ax.text(
                value * 100,
                y,
                f" {value:+.1%} ",
                va="center",
                fontsize=8,
                ha="right" if value < 0 else "left",
            )
    ax.set_yticks(range(len(ordered)), [r.assumption.name.get(lang) for r in ordered], fontsize=8)
    ax.axvline(0, color="#333333", lw=0.8)
    limit = max(
        (abs(r.change(stage, worse=w)) for r in ordered for w in (True, False)), default=0.1
    )
    ax.set_xlim(-limit * 150, limit * 150)
    ax.set_xlabel(t("chart.tornado.x", lang, stage=funnel.stage(stage).name.get(lang)))
    ax.set_title(t("chart.tornado.title", lang))
    return ax
