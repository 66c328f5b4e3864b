"""What one team's report shows, section by section, as escaped HTML.

The report template calls one method of :class:`TeamReport` per section, in one
cell, and shows what each returns (:meth:`TeamReport.show`): a :class:`Section`
(rendered as HTML) or ``None`` when the section does not apply (no funnel for a
department, no scorecard without actuals, no coach when okrkit.lint is not
installed).

HTML is composed with ``markupsafe.Markup``: ``Markup(template).format(value)``
escapes every value that is not already Markup, so user text (team names, KR
texts, error messages) can only ever appear as text.

The kernel imports this module, so it stays light: no matplotlib (the bars are
HTML, drawn by the browser with its own CJK fonts), pandas only through the
deck's table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from okrkit.cases import load_case
from okrkit.i18n import check_lang, t
from okrkit.model import Case, Team
from okrkit.report import features

# JupyterLab's CSS right-aligns every output table cell with a selector as specific
# as ours; `!important` keeps text left and numbers right, in JupyterLab and nbconvert.
STYLE = Markup(
    """<style>
.okr-report h1 { font-size: 1.7em; margin: .2em 0 .4em; }
.okr-report h2 { font-size: 1.3em; margin: 1.2em 0 .5em; border-bottom: 2px solid #4e79a7; }
.okr-report table { border-collapse: collapse; margin: .4em 0; }
.okr-report th, .okr-report td { border: 1px solid #ccc; padding: .3em .6em;
  text-align: left !important; vertical-align: top; }
.okr-report th { background: #f3f3f3; }
.okr-report td.num, .okr-report td.okr-weight, .okr-report td.okr-points,
.okr-report td.okr-no { text-align: right !important; font-variant-numeric: tabular-nums; }
.okr-report table.okr-table caption { font-weight: bold; padding: .3em; }
.okr-report tr.okr-total td { font-weight: bold; background: #fafafa; }
.okr-report table.okr-facts td, .okr-report table.okr-facts th { border: none; padding: .15em 1em .15em 0; }
.okr-report table.okr-facts tr { background: none !important; }
.okr-report table.okr-facts th { background: none; color: #555; font-weight: normal; }
.okr-report div.okr-barcell { width: 16em; }
.okr-report .okr-bar { background: #4e79a7; height: 1em; min-width: 1px; }
.okr-report .okr-funnel { max-width: 40em; }
.okr-report .okr-funnel div.okr-bar { margin: 3px auto; height: 1.7em; color: #fff;
  text-align: center; line-height: 1.7em; white-space: nowrap; }
.okr-report .ok { color: #1b5e20; }
.okr-report .bad { color: #b00020; font-weight: bold; }
.okr-report ul.okr-findings li { margin: .3em 0; }
.okr-report .hint { color: #555; }
</style>"""
)


@dataclass(frozen=True)
class Section:
    """A block of the report: what Jupyter and nbconvert show is its HTML."""

    html: Markup
    title: str = ""

    def _repr_html_(self) -> str:
        return str(Markup('<div class="okr-report">{}</div>').format(self.html))

    def __repr__(self) -> str:
        return self.title or "Section"


def fmt(value, unit: str = "") -> str:
    """A number as a person writes it: 8000, 12.5, 0.33; blank for None."""
    if value is None:
        return ""
    number = float(value)
    text = f"{number:.0f}" if number == int(number) else f"{number:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def with_unit(value, unit: str) -> str:
    """``8000万元``, ``8000 10k RMB``: a space only before a unit that starts with a letter or digit."""
    number = fmt(value)
    if not number or not unit:
        return number
    return f"{number} {unit}" if unit[0].isascii() and unit[0].isalnum() else f"{number}{unit}"


def percent(value) -> str:
    return "" if value is None else f"{float(value) * 100:.0f}%"


def table(headings: list[str], rows: list[list], numeric: set[int] = frozenset()) -> Markup:
    """An escaped HTML table; cells may be Markup (kept) or anything else (escaped)."""
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in headings)
    body = Markup("")
    for row in rows:
        cells = Markup("").join(
            Markup('<td class="num">{}</td>' if i in numeric else "<td>{}</td>").format(
                "" if v is None else v
            )
            for i, v in enumerate(row)
        )
        body += Markup("<tr>{}</tr>").format(cells)
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(head, body)


def facts_table(facts: list[tuple[str, str]]) -> Markup:
    """Label / value lines as a borderless two-column table."""
    rows = Markup("").join(Markup("<tr><th>{}</th><td>{}</td></tr>").format(k, v) for k, v in facts)
    return Markup('<table class="okr-facts"><tbody>{}</tbody></table>').format(rows)


def bar(share: float, css: str = "") -> Markup:
    """A horizontal bar ``share`` (0..1) of its cell wide."""
    width = max(0.0, min(1.0, share)) * 100
    return Markup(
        '<div class="okr-barcell"><div class="okr-bar {}" style="width: {:.1f}%"></div></div>'
    ).format(css, width)


def resolve_case_path(case_path: str | Path) -> Path:
    """``case_path`` as given, else relative to the project folder (for a template opened by hand)."""
    path = Path(case_path)
    if path.exists() or path.is_absolute():
        return path
    project = Path(__file__).resolve().parents[2]
    return project / path if (project / path).exists() else path


class TeamReport:
    """One team's report: the case, the team, the language, the optional review."""

    def __init__(
        self, case: Case, team: Team, lang: str = "zh", actuals=None, period=None, prepared=None
    ):
        self.case, self.team, self.lang = case, team, check_lang(lang)
        self.actuals = actuals
        self.period = period
        # The batch's slice for this team (okrkit.report.prepare): the coach's findings,
        # the evidence and the trend, judged once for all teams. None: judged here.
        self.prepared = prepared

    @classmethod
    def load(
        cls, case_path, team_id, *, lang="zh", actuals_path=None, period=None, case_snapshot=None
    ) -> TeamReport:
        """What the template's second cell calls with its parameters.

        ``case_snapshot``: the case (and actuals) the batch already loaded and
        validated (see ``okrkit.report.snapshot``); when it is None or gone, the
        case and actuals files are read.
        """
        prepared = None
        if case_snapshot is not None and Path(case_snapshot).exists():
            from okrkit.report.snapshot import read_snapshot

            case, actuals, slices = read_snapshot(case_snapshot)
            prepared = slices.get(team_id)
        else:
            case = load_case(resolve_case_path(case_path))
            actuals = features.load_actuals(case, actuals_path)
        team = case.team(team_id)
        if period is None and actuals is not None:
            period = getattr(actuals, "period", None)
        return cls(case, team, lang, actuals, period, prepared)

    def show(self, section: Section | None) -> None:
        """Display ``section`` as a cell output (the template's way); nothing for None."""
        if section is not None:
            from IPython.display import display

            display(section)

    # -- helpers

    def text(self, value) -> str:
        return value.get(self.lang) if value is not None else ""

    def heading(self, key: str, **values) -> Markup:
        return Markup("<h2>{}</h2>").format(t(key, self.lang, **values))

    def team_name(self, team: Team | None) -> str:
        return self.text(team.name) if team is not None else t("report.none", self.lang)

    # -- sections, in the template's order

    def header(self) -> Section:
        """Company, team, level, parent, owner, period, the KPI it serves."""
        case, team, lang = self.case, self.team, self.lang
        kpi = case.kpi
        facts = [
            (t("report.company", lang), self.text(case.name)),
            (t("report.level", lang), t(f"level.{team.level}", lang)),
            (t("report.parent", lang), self.team_name(case.parent(team))),
        ]
        if team.person:
            facts.append((t("report.person", lang), self.text(team.person)))
        period = self.period if self.period is not None else case.year
        if period is not None:
            facts.append((t("report.period", lang), str(period)))
        if kpi.text:
            kpi_line = f"{self.text(kpi.text)} {with_unit(kpi.target, self.text(kpi.unit))}".strip()
            facts.append((t("report.kpi", lang), kpi_line))
        if team.sales_target is not None:
            facts.append(
                (t("report.sales_target", lang), with_unit(team.sales_target, self.text(kpi.unit)))
            )
        title = t("report.title", lang, team=self.text(team.name))
        html = Markup("{}<h1>{}</h1>{}").format(STYLE, title, facts_table(facts))
        return Section(html, title)

    def plan_table(self) -> Section:
        """The deck's table (okrkit.tables escapes every cell)."""
        from okrkit.tables import plan_table_html

        return Section(Markup(plan_table_html(self.team, self.lang)), "plan")

    def weights(self) -> Section:
        """Each objective's points as a bar, the total checked against 100, deductions."""
        lang, team = self.lang, self.team
        status = features.weight_status(team)
        rows = []
        for objective in team.objectives:
            points = objective.planned_points()
            rows.append(
                [
                    self.text(objective.title),
                    fmt(points),
                    bar((points or 0) / 100) if points is not None else t("table.blank", lang),
                ]
            )
        headings = [t("report.objective", lang), t("col.points", lang), ""]
        notes = []
        if status.ok:
            notes.append(
                Markup('<p class="ok">{}</p>').format(
                    t("report.weights.ok", lang, total=fmt(status.total))
                )
            )
        else:
            notes.append(
                Markup('<p class="bad">{}</p>').format(
                    t("report.weights.off", lang, total=fmt(status.total))
                )
            )
        if status.blanks:
            notes.append(
                Markup('<p class="bad">{}</p>').format(
                    t("report.weights.blanks", lang, n=status.blanks)
                )
            )
        deductions = [self.text(kr.text) for _, kr in team.key_results() if kr.is_deduction]
        if deductions:
            notes.append(
                Markup("<p>{}</p>").format(
                    t("report.weights.deductions", lang, items="；".join(deductions))
                )
            )
        html = self.heading("report.weights") + table(headings, rows, {1}) + Markup("").join(notes)
        return Section(html, "weights")

    def alignment(self) -> Section:
        """Which parent objective each objective supports; which child objectives support it."""
        lang, case, team = self.lang, self.case, self.team
        parent = case.parent(team)
        parts = [self.heading("report.alignment")]
        if parent is None:
            parts.append(Markup("<p>{}</p>").format(t("report.align.top", lang)))
        else:
            rows = []
            for objective in team.objectives:
                target = self._objective_of(parent, objective.supports)
                rows.append(
                    [
                        self.text(objective.title),
                        self.text(target.title)
                        if target is not None
                        else Markup('<span class="bad">{}</span>').format(
                            t("report.align.unlinked", lang)
                        ),
                    ]
                )
            headings = [
                t("report.objective", lang),
                t("report.align.supports", lang, team=self.text(parent.name)),
            ]
            parts.append(table(headings, rows))
        children = case.children(team.id)
        if not children:
            parts.append(Markup("<p>{}</p>").format(t("report.align.no_children", lang)))
        else:
            rows = []
            for objective in team.objectives:
                supporters = [
                    f"{self.text(child.name)}：{self.text(o.title)}"
                    for child in children
                    for o in child.objectives
                    if o.supports == objective.id
                ]
                cell = (
                    Markup("<br>").join(escape(s) for s in supporters)
                    if supporters
                    else Markup('<span class="bad">{}</span>').format(
                        t("report.align.unsupported", lang)
                    )
                )
                rows.append([self.text(objective.title), cell])
            headings = [t("report.objective", lang), t("report.align.supported_by", lang)]
            parts.append(table(headings, rows))
        return Section(Markup("").join(parts), "alignment")

    @staticmethod
    def _objective_of(team: Team, objective_id: str | None):
        if objective_id is None:
            return None
        return next((o for o in team.objectives if o.id == objective_id), None)

    def funnel(self) -> Section | None:
        """For a position with a sales target: the reverse-funnel arithmetic and its shape."""
        plan = features.funnel_plan(self.case, self.team)
        if plan is None:
            return None
        lang = self.lang
        rows, shapes = [], Markup("")
        needs = list(plan.needs)
        for index, need in enumerate(needs):
            stage = need.stage
            unit = self.text(stage.unit)
            if index == 0:
                rule = with_unit(plan.target, unit)
            else:
                above = needs[index - 1]
                rule = f"{fmt(above.per_year)} ÷ {stage.rate_text()}"
                if stage.other_share:
                    rule = f"{fmt(above.per_year)} × (1 − {percent(stage.other_share)}) ÷ {stage.rate_text()}"
                name = self.text(stage.rate_name)
                if name:
                    rule += f"（{name}）"
            cadence = t(f"report.cadence.{stage.cadence}", lang) if stage.cadence else ""
            per_person = (
                f"{with_unit(need.per_period, unit)}/{cadence}"
                if need.per_period is not None
                else ""
            )
            target = f"{with_unit(need.target, unit)}/{cadence}" if need.target is not None else ""
            rows.append([self.text(stage.name), rule, fmt(need.per_year), per_person, target])
            width = 30 + 70 * index / max(1, len(needs) - 1)
            label = f"{self.text(stage.name)} {target or with_unit(need.per_year, unit)}"
            shapes += Markup('<div class="okr-bar" style="width: {:.0f}%">{}</div>').format(
                width, label
            )
        headings = [
            t("report.funnel.stage", lang),
            t("report.funnel.rule", lang),
            t("report.funnel.per_year", lang),
            t("report.funnel.per_person", lang),
            t("report.funnel.target", lang),
        ]
        html = (
            self.heading("report.funnel")
            + table(headings, rows, {2})
            + Markup('<div class="okr-funnel">{}</div>').format(shapes)
        )
        return Section(html, "funnel")

    def coach(self) -> Section | None:
        """The coach's findings (okrkit.lint), each with its hint; None without the coach."""
        if self.prepared is not None:
            found = self.prepared["findings"]
        else:
            found = features.findings(self.team, self.case)
        if found is None:
            return None
        lang = self.lang
        if not found:
            body = Markup('<p class="ok">{}</p>').format(t("report.coach.none", lang))
        else:
            items = Markup("").join(
                Markup(
                    '<li><span class="{}">{}</span> <code>{}</code> {}{}<br><span class="hint">{}</span></li>'
                ).format(
                    "bad" if f.severity == "error" else "",
                    t(f"report.coach.{f.severity}", lang),
                    f.code,
                    f"{f.location}: " if f.location else "",
                    f.message.get(lang),
                    f.hint.get(lang),
                )
                for f in found
            )
            body = Markup('<ul class="okr-findings">{}</ul>').format(items)
        return Section(self.heading("report.coach") + body, "coach")

    def scorecard(self) -> Section | None:
        """With actuals: every KR's completion and points, deductions, total and grade."""
        score = features.team_score(self.case, self.team, self.actuals)
        if score is None:
            return None
        from okrkit.scoring import direction_of  # loaded already: the score came from it

        lang, team = self.lang, self.team
        rows = []
        for item in score.krs:
            kr = team.key_result(item.kr_id)
            unit = self.text(kr.unit)
            actual = with_unit(item.actual, unit)
            if item.actual is not None and direction_of(kr) == "milestone":
                actual = t("score.done" if item.actual >= 1 else "score.not_done", lang)
            rows.append(
                [
                    self.text(kr.text),
                    fmt(item.weight, "%"),  # a share of 100, as `okrkit score` prints it
                    with_unit(kr.target, unit),
                    actual,
                    percent(item.completion)
                    if item.completion is not None
                    else t("report.score.unscored", lang),
                    fmt(item.points),
                    fmt(item.google),
                ]
            )
        headings = [
            t(f"report.score.{k}", lang)
            for k in ("kr", "weight", "target", "actual", "completion", "points", "google")
        ]
        parts = [self.heading("report.scorecard"), table(headings, rows, {1, 2, 3, 4, 5, 6})]
        if score.deductions:
            drows = [
                [self.text(team.key_result(d.kr_id).text), fmt(d.incidents), fmt(-(d.points or 0))]
                for d in score.deductions
            ]
            dheads = [
                t("table.deduction", lang),
                t("report.score.incidents", lang),
                t("report.score.points", lang),
            ]
            parts.append(table(dheads, drows, {1, 2}))
        grade = score.grade
        grade_text = ""
        if not score.rated:  # no actual at all: no total and no grade, never 0 and D
            grade_text = t("score.not_rated", lang)
        elif grade is not None:
            grade_text = f"{grade.grade} {self.text(grade.label)}".strip()
        totals = [
            (t("report.score.earned", lang), fmt(score.earned)),
            (t("report.score.deducted", lang), fmt(score.deducted)),
            (t("report.score.total", lang), fmt(score.total) if score.rated else "—"),
            (t("report.score.grade", lang), grade_text),
        ]
        parts.append(facts_table(totals))
        if score.provisional:
            parts.append(
                Markup('<p class="bad">{}</p>').format(
                    t("report.score.provisional", lang, n=len(score.unscored))
                )
            )
        return Section(Markup("").join(parts), "scorecard")
