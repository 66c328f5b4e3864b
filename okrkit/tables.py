"""The deck's table: one team's OKRs as a DataFrame or as merged-cell HTML.

Columns follow the deck: 序号 | 目标 (O) | 目标详细描述 | 关键成果 (KRs) | KR权重 | O分值.
As in the deck, an objective's cells are written once, on its first KR row;
O分值 is the sum of the objective's KR weights (deduction items never count);
a total row closes the table.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from okrkit.i18n import check_lang, t
from okrkit.model import KeyResult, Team

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = (
    "col.no",
    "col.objective",
    "col.description",
    "col.key_result",
    "col.weight",
    "col.points",
)


def columns(lang: str = "zh") -> list[str]:
    """The deck's six column headers in ``lang``."""
    return [t(key, lang) for key in COLUMNS]


def kr_label(kr: KeyResult, lang: str = "zh") -> str:
    """A KR's text as the table shows it (deductions marked when the text does not say so)."""
    label = kr.text.get(lang)
    if kr.is_deduction and t("table.deduction", lang) not in label:
        label = f"{label} ({t('table.deduction', lang)})"
    return label


def plan_table(team: Team, lang: str = "zh") -> pd.DataFrame:
    """A team's OKR table in the deck's layout, with O分值 and a total row.

    >>> from okrkit import load_case
    >>> table = plan_table(load_case("cases/a-company").team("sales"))
    >>> table["O分值"].dropna().tolist()
    [50.0, 30.0, 20.0, 100.0]

    Notice the last value: the total row's O分值 adds the objectives' points.
    """
    import pandas as pd  # imported here so `import okrkit` stays fast (pandas takes ~1 s)

    check_lang(lang)
    no, objective_col, description_col, kr_col, weight_col, points_col = columns(lang)
    rows = []
    for number, objective in enumerate(team.objectives, start=1):
        krs = objective.key_results or (None,)
        for index, kr in enumerate(krs):
            first = index == 0
            rows.append(
                {
                    no: str(number) if first else "",
                    objective_col: objective.title.get(lang) if first else "",
                    description_col: objective.description.get(lang) if first else "",
                    kr_col: kr_label(kr, lang) if kr is not None else "",
                    weight_col: kr.weight if kr is not None and not kr.is_deduction else None,
                    points_col: shown_points(objective) if first else None,
                }
            )
    weights = [row[weight_col] for row in rows if row[weight_col] is not None]
    points = [row[points_col] for row in rows if row[points_col] is not None]
    rows.append(
        {
            no: t("table.total", lang),
            objective_col: "",
            description_col: "",
            kr_col: "",
            weight_col: float(sum(weights)) if weights else None,
            points_col: float(sum(points)) if points else None,
        }
    )
    frame = pd.DataFrame(rows, columns=columns(lang))
    for column in (weight_col, points_col):
        frame[column] = frame[column].astype("Float64")
    return frame


def shown_points(objective) -> float | None:
    """The O分值 a table shows: blank for an objective of deduction items only, as the deck prints it.

    (The model's ``planned_points`` gives such an objective 0, which is right for
    sums; on the page a 0 or 0% reads as an objective worth nothing.)
    """
    if objective.key_results and all(kr.is_deduction for kr in objective.key_results):
        return None
    return objective.planned_points()


def _points(value) -> str:
    # pandas.NA (from the table's Float64 columns) is not a float: test by type.
    return f"{value:g}%" if isinstance(value, int | float) else ""


def _score(value) -> str:
    # O分值 is points out of 100 (`okrkit show` prints 60, not 60%); a weight is a share.
    return f"{value:g}" if isinstance(value, int | float) else ""


def plan_table_html(team: Team, lang: str = "zh", *, title: bool = True) -> str:
    """The deck's table as HTML, objective cells merged over their KR rows.

    Every user-written string is escaped, so a KR text such as
    ``<script>`` shows as text and never runs.
    """
    check_lang(lang)
    esc = html.escape
    head = "".join(f"<th>{esc(label)}</th>" for label in columns(lang))
    body = []
    for number, objective in enumerate(team.objectives, start=1):
        krs = objective.key_results or (None,)
        span = len(krs)
        for index, kr in enumerate(krs):
            cells = []
            if index == 0:
                merged = f' rowspan="{span}"' if span > 1 else ""
                cells += [
                    f'<td class="okr-no"{merged}>{number}</td>',
                    f'<td class="okr-objective"{merged}>{esc(objective.title.get(lang))}</td>',
                    f'<td class="okr-description"{merged}>{esc(objective.description.get(lang))}</td>',
                ]
            kr_text = esc(kr_label(kr, lang)) if kr is not None else ""
            css = "okr-kr okr-deduction" if kr is not None and kr.is_deduction else "okr-kr"
            weight = _points(kr.weight) if kr is not None and not kr.is_deduction else ""
            cells += [f'<td class="{css}">{kr_text}</td>', f'<td class="okr-weight">{weight}</td>']
            if index == 0:
                cells.append(
                    f'<td class="okr-points"{merged}>{_score(shown_points(objective))}</td>'
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
    # The total row, from the model: the same sums as plan_table's last row, without
    # pandas, so a report kernel that only needs HTML does not import it (~0.3 s).
    weights = [
        kr.weight for _, kr in team.key_results() if not kr.is_deduction and kr.weight is not None
    ]
    points = [o.planned_points() for o in team.objectives if o.planned_points() is not None]
    total_weight = float(sum(weights)) if weights else None
    total_points = float(sum(points)) if points else None
    body.append(
        f'<tr class="okr-total"><td colspan="4">{esc(t("table.total", lang))}</td>'
        f"<td>{_points(total_weight)}</td><td>{_score(total_points)}</td></tr>"
    )
    caption = (
        f"<caption>{esc(t('table.title', lang, team=team.name.get(lang)))}</caption>"
        if title
        else ""
    )
    return (
        f'<table class="okr-table">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
