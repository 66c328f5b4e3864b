"""The coach and the drafting widget: how long a keystroke's refresh takes.

FLOOR is rendering the deck's table as HTML (``plan_table_html``) for the
same team, measured in the same run: the least a live preview must do. Then
the coach alone (``lint_team`` with its case), the widget's whole refresh
after a weight is typed (parse, update, preview, coach), and an Excel export
and re-import of the team in memory. Run:
`.venv/bin/python benchmarks/bench_coach.py`.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import report, sample

from okrkit.cases import load_case
from okrkit.errors import ProblemLog
from okrkit.excel import export_workbook, merge_team, read_sheet
from okrkit.lint import lint_case, lint_team
from okrkit.tables import plan_table_html
from okrkit.widgets.drafting import DraftingWidget

REPEAT = 50


def main() -> None:
    case = load_case(Path(__file__).resolve().parent.parent / "cases" / "a-company")
    team = case.team("sales")
    widget = DraftingWidget(case, "sales")
    widget.kr_select.value = "KR1.1"
    weights = iter(["15%", "16%"] * REPEAT)

    def type_weight():
        widget.fields["weight"].value = next(weights)

    def excel_round_trip():
        sheet = export_workbook([team]).worksheets[0]
        merge_team(read_sheet(sheet, "mem.xlsx", ProblemLog()), team, team.id)

    results = {
        "floor: plan_table_html(sales)": sample(lambda: plan_table_html(team), REPEAT),
        "lint_team(sales, case)": sample(lambda: lint_team(team, case), REPEAT),
        "lint_case(worked case, 6 teams)": sample(lambda: lint_case(case), REPEAT),
        "widget: type a weight -> preview + coach": sample(type_weight, REPEAT),
        "excel: export + read + merge (sales)": sample(excel_round_trip, REPEAT // 5),
    }
    floor = statistics.median(results["floor: plan_table_html(sales)"])
    for label, times in results.items():
        print(report(label, times, floor))


if __name__ == "__main__":
    main()
