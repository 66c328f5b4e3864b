"""The review scorecard as people read it: a table, deduction lines and a summary.

:mod:`okrkit.scoring` computes; this module only lays the numbers out in the
viewer's language, so the CLI, the scorecard widget and the reports show the
same table. Every user-written string in the HTML is escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from okrkit.i18n import check_lang, t
from okrkit.model import KeyResult, Team
from okrkit.scoring import TeamScore, direction_of, google_colour

COLUMNS = (
    "col.no",
    "score.col.objective",
    "score.col.kr",
    "score.col.weight",
    "score.col.target",
    "score.col.actual",
    "score.col.completion",
    "score.col.points",
    "score.col.o_points",
)


def format_actual(kr: KeyResult, value: float | None, lang: str = "zh") -> str:
    """An actual as typed back: 'done' for a milestone, '93%' for a percent KR, '' when blank.

    >>> from okrkit.model import KeyResult, Text
    >>> format_actual(KeyResult("K", Text("k"), target=95, unit=Text("%")), 93.0)
    '93%'
    """
    if value is None:
        return ""
    if not kr.is_deduction and direction_of(kr) == "milestone":
        return t("score.done" if value >= 1 else "score.not_done", lang)
    suffix = "%" if kr.unit.get(lang) == "%" else ""
    return f"{value:g}{suffix}"


def _target(kr: KeyResult, lang: str) -> str:
    if kr.target is None:
        return ""
    suffix = "%" if kr.unit.get(lang) == "%" else ""
    direction = direction_of(kr)
    if direction in ("increase", "decrease") and kr.baseline is not None:
        return f"{kr.baseline:g}{suffix} → {kr.target:g}{suffix}"
    if direction in ("at_most", "decrease"):
        return f"≤{kr.target:g}{suffix}"
    return f"{kr.target:g}{suffix}"


def scorecard_table(team: Team, score: TeamScore, lang: str = "zh") -> pd.DataFrame:
    """One row per scored KR: weight, target, actual, completion %, points, O points earned.

    >>> from okrkit import load_case
    >>> from okrkit.actuals import load_actuals
    >>> from okrkit.scoring import score_case
    >>> case = load_case("cases/a-company")
    >>> scores = score_case(case, load_actuals("cases/a-company/actuals/2015.yaml", case))
    >>> table = scorecard_table(case.team("rep-li"), scores["rep-li"], "en")
    >>> table["Points"].tolist()[:4]
    [9.0, 13.5, 12.0, 19.0]

    Notice the O points column: written once per objective, like the deck's O分值.
    """
    check_lang(lang)
    labels = [t(key, lang) for key in COLUMNS]
    earned = {o.objective_id: o.earned for o in score.objectives}
    rows = []
    for number, objective in enumerate(team.objectives, start=1):
        first = True
        for kr in objective.key_results:
            if kr.is_deduction:
                continue
            item = score.kr(kr.id)
            rows.append(
                [
                    str(number) if first else "",
                    objective.title.get(lang) if first else "",
                    kr.text.get(lang),
                    kr.weight,
                    _target(kr, lang),
                    format_actual(kr, item.actual, lang),
                    None if item.completion is None else round(item.completion * 100, 2),
                    None if item.points is None else round(item.points, 2),
                    round(earned[objective.id], 2) if first else None,
                ]
            )
            first = False
    frame = pd.DataFrame(rows, columns=labels)
    for column in labels[3:4] + labels[6:]:
        frame[column] = frame[column].astype("Float64")
    return frame


def _unscored(score: TeamScore, lang: str) -> str:
    items = ("、" if lang == "zh" else ", ").join(
        f"{kr_id}{_paren(t('unscored.' + reason, lang), lang)}" for kr_id, reason in score.unscored
    )
    return t("score.provisional", lang, n=len(score.unscored), items=items)


def summary_lines(team: Team, score: TeamScore, lang: str = "zh") -> list[str]:
    """The lines under the table: deductions, earned, total and grade, Google score, unscored.

    >>> from okrkit import load_case
    >>> from okrkit.actuals import load_actuals
    >>> from okrkit.scoring import score_case
    >>> case = load_case("cases/a-company")
    >>> scores = score_case(case, load_actuals("cases/a-company/actuals/2015.yaml", case))
    >>> summary_lines(case.team("rep-li"), scores["rep-li"], "en")[2]
    'Total: 81 · Grade: B (Good)'
    """
    check_lang(lang)
    lines = []
    for item in score.deductions:
        kr = team.key_result(item.kr_id)
        if item.points is None:
            continue
        lines.append(
            t(
                "score.deduction_line",
                lang,
                kr=kr.id,
                text=kr.text.get(lang),
                n=f"{item.incidents:g}",
                penalty=f"{item.penalty:g}",
                off=f"{item.points:g}",
                cap="—" if item.cap is None else f"{item.cap:g}",
            )
        )
    c = _colon(lang)
    lines.append(
        f"{t('score.earned', lang)}{c}{score.earned:.4g} · {t('score.deducted', lang)}{c}{score.deducted:g}"
    )
    total = f"{score.total:.4g}" if score.rated else "—"
    lines.append(f"{t('score.total', lang)}{c}{total} · {grade_text(score, lang)}")
    if score.google is not None:
        colour = t("google." + google_colour(score.google), lang)
        per_objective = " · ".join(
            f"{o.objective_id} {o.google:.2f}{_paren(t('google.' + google_colour(o.google), lang), lang)}"
            for o in score.objectives
            if o.google is not None
        )
        lines.append(
            f"{t('score.google', lang)}{c}{score.google:.2f}{_paren(colour, lang)} — {per_objective}"
        )
    if score.provisional:
        lines.append(_unscored(score, lang))
    return lines


def grade_text(score: TeamScore, lang: str = "zh") -> str:
    """'等级：A（优秀）' / 'Grade: A (Excellent)', or a note when the case sets no bands."""
    c = _colon(lang)
    if not score.rated:
        return f"{t('score.grade', lang)}{c}{t('score.not_rated', lang)}"
    if score.grade is None:
        return f"{t('score.grade', lang)}{c}{t('score.no_grade', lang)}"
    label = score.grade.label.get(lang)
    suffix = _paren(label, lang) if label else ""
    return f"{t('score.grade', lang)}{c}{score.grade.grade}{suffix}"


def _paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def scorecard_html(team: Team, score: TeamScore, lang: str = "zh") -> str:
    """The scorecard table and its summary as escaped HTML (for widgets and reports)."""
    frame = scorecard_table(team, score, lang)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for index, value in enumerate(row):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                text = "—" if index in (6, 7) else ""
            elif index in (3, 6):
                text = f"{value:g}%"
            elif isinstance(value, float):
                text = f"{value:g}"
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    summary = "".join(
        f"<div>{html.escape(line)}</div>" for line in summary_lines(team, score, lang)
    )
    return (
        f'<table class="okr-scorecard"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<div class="okr-scorecard-summary">{summary}</div>'
    )
