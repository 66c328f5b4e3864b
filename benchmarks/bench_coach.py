"""The coach and the drafting widget: how long a keystroke's refresh takes.

FLOOR is rendering the deck's table as HTML (``plan_table_html``) for the
same team, measured in the same run: the least a live preview must do. Then
the coach alone (``lint_team`` with its case), the widget's whole refresh
after a weight is typed (parse, update, preview, coach), and an Excel export
and re-import of the team in memory.

The 10,000-team case (one company, 99 departments, 9,900 positions; KR texts
from templates in zh and en with varying numbers, as teams copy each other's
tables) is linted cold (text readings cleared) and warm; its floor is one
pass over the same case that visits every key result's text, the least a
coach of that case must do. The aim is ≤ 5 s cold. Run:
`.venv/bin/python benchmarks/bench_coach.py [--big-only]`.
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import report, sample

from okrkit.cases import load_case
from okrkit.errors import ProblemLog
from okrkit.excel import export_workbook, merge_team, read_sheet
from okrkit.lint import lint_case, lint_team
from okrkit.model import Case, KeyResult, Objective, Team, Text

REPEAT = 50
BIG = 10_000
_TEMPLATES = (
    "每周{n}个有效电话",
    "每月拜访新客户{n}家（以打卡为准）",
    "销售指标完成率100%（{n}万元）",
    "回款率从{n}%提升到95%",
    "Increase NPS from {n} to 60",
    "Hold {n} customer interviews",
    "客户满意度不低于{n}分",
    "退货率不超过{n}%",
    "每季度举办代理商技术培训{n}次",
    "Reduce churn to {n}%",
    "維持{n}家重點客戶",
    "新增渠道代理商{n}家",
)
_TITLES = (
    "提升回款率",
    "成为区域首选供应商",
    "Launch the new mobile app",
    "提升品牌影响力",
    "維持客戶滿意度",
    "Grow my selling skills",
    "完成销售任务",
    "Win design-ins at my accounts",
)


def generated_case(n: int = BIG, seed: int = 1) -> Case:
    """A company, 99 departments and n - 100 positions, two objectives of two KRs each."""
    rng = random.Random(seed)

    def team(team_id: str, level: str, parent: str | None) -> Team:
        objectives = []
        for i in (1, 2):
            krs = tuple(
                KeyResult(
                    f"KR{i}.{j}",
                    Text(zh=rng.choice(_TEMPLATES).format(n=rng.randrange(5, 100, 5))),
                    weight=25.0,
                )
                for j in (1, 2)
            )
            objectives.append(
                Objective(
                    f"O{i}",
                    Text(zh=rng.choice(_TITLES)),
                    key_results=krs,
                    supports="O1" if parent else None,
                )
            )
        return Team(team_id, Text(zh=team_id), level, parent=parent, objectives=tuple(objectives))

    teams = {"gm": team("gm", "company", None)}
    departments = [f"d{i}" for i in range(99)]
    for department in departments:
        teams[department] = team(department, "department", "gm")
    for k in range(n - 100):
        teams[f"p{k}"] = team(f"p{k}", "position", departments[k % 99])
    return Case("generated", Text(zh="generated", en="generated"), year=2025, teams=teams)


def _clear_readings() -> None:
    from okrkit.lint_rules import measurability
    from okrkit.textread import reading

    reading.read.cache_clear()
    reading._read_sides.cache_clear()
    measurability._blank_in_sides.cache_clear()


def big_case() -> None:
    """Lint the 10,000-team case cold and warm, against a floor that visits every KR text."""
    case = generated_case()

    def floor():
        return sum(
            len(kr.text.get("zh")) for team in case.teams.values() for _, kr in team.key_results()
        )

    def cold():
        _clear_readings()
        return lint_case(case)

    floor_times = sample(floor, 5)
    cold_times = sample(cold, 3)
    warm_times = sample(lambda: lint_case(case), 3)
    base = statistics.median(floor_times)
    print(report(f"floor: visit every KR text ({BIG} teams)", floor_times, base))
    print(report(f"lint_case, {BIG} teams, readings cold", cold_times, base))
    print(report(f"lint_case, {BIG} teams, readings warm", warm_times, base))
    verdict = "within" if statistics.median(cold_times) <= 5.0 else "OVER"
    print(f"aim: <= 5 s cold: {verdict} ({statistics.median(cold_times):.2f} s median)")


def main() -> None:
    if "--big-only" in sys.argv:
        big_case()
        return
    from okrkit.tables import plan_table_html
    from okrkit.widgets.drafting import DraftingWidget

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
    big_case()


if __name__ == "__main__":
    main()
