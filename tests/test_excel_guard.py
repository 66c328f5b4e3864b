"""Excel formula guard: no text okrkit writes, visible or hidden, becomes a formula."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from okrkit.errors import ProblemLog
from okrkit.excel import (
    META_SHEET,
    export_workbook,
    find_sheet,
    merge_team,
    read_deductions,
    read_sheet,
)
from okrkit.excel.guard import RISKY_START
from okrkit.model import KeyResult, Objective, Team, Text

DDE = "=cmd|' /C calc'!A0"
OWN_FORMULA = re.compile(r"^=SUM\([EF]\d+:[EF]\d+\)$")  # export's O分值 and total formulas


def team_named(name: str, kr_texts: list[str], title: str = "提升客户满意度") -> Team:
    weights = [100 // len(kr_texts)] * len(kr_texts)
    weights[0] += 100 - sum(weights)  # whole points: the test is about texts, not rounding
    krs = tuple(
        KeyResult(id=f"KR1.{n}", text=Text(zh=text), weight=float(weight))
        for n, (text, weight) in enumerate(zip(kr_texts, weights, strict=True), start=1)
    )
    objective = Objective(id="O1", title=Text(zh=title), key_results=krs)
    return Team(id="t", name=Text(zh=name), level="department", objectives=(objective,))


def saved_and_reloaded(team: Team, tmp: Path):
    path = tmp / "guard.xlsx"
    export_workbook([team]).save(path)
    return load_workbook(path)


def formulas(book) -> list[str]:
    """Every formula cell in every sheet, hidden ones included, that export did not mean."""
    return [
        f"{ws.title}!{cell.coordinate}={cell.value!r}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f" and not OWN_FORMULA.match(str(cell.value))
    ]


def test_a_dde_team_name_is_text_in_the_hidden_map_sheet(tmp_path):
    """A team named =cmd|' /C calc'!A0 is quote-prefixed text in the okrkit sheet and the title."""
    book = saved_and_reloaded(team_named(DDE, ["客户满意度90%"]), tmp_path)
    cell = book[META_SHEET]["A2"]  # the sheet's name: the team's, "/" made "_"
    assert (cell.value, cell.data_type, cell.quotePrefix) == (DDE.replace("/", "_"), "s", True)
    title = book.worksheets[0]["A1"]
    assert (title.value, title.data_type) == (f"{DDE}OKR计划表", "s")
    assert formulas(book) == []


risky = st.tuples(
    st.sampled_from(RISKY_START),
    st.text(alphabet="=+-@!|'/ CcmdalA0销售部\t\r\n_x0D", max_size=14),
).map("".join)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=risky, title=risky, kr_texts=st.lists(risky, min_size=1, max_size=3, unique=True))
def test_risky_texts_stay_text_and_come_back_unchanged(tmp_path, name, title, kr_texts):
    """Names, titles and KR texts starting with = + - @ tab or CR: never a formula, same text back."""
    team = team_named(name, kr_texts, title)
    book = saved_and_reloaded(team, tmp_path)
    assert formulas(book) == []
    log = ProblemLog()
    ws = find_sheet(book, "t", team, "guard.xlsx", log)
    table = read_sheet(ws, "guard.xlsx", log)
    assert not log.problems, log.problems
    back = merge_team(table, team, "t")
    assert back == team
    assert [k.text.zh for _, k in back.key_results()] == kr_texts
    assert table.title == f"{name}OKR计划表" and table.objectives[0].title == title


def test_a_risky_deduction_definition_is_text_in_the_deductions_sheet(tmp_path):
    """A deduction defined as '=HYPERLINK(…)' is text in the hidden sheet and comes back as written."""
    definition = '=HYPERLINK("http://x","投诉")'
    deduction = KeyResult(
        id="KR1.2",
        text=Text(zh="@有效投诉（减分项）"),
        kind="deduction",
        definition=Text(zh=definition),
    )
    team = team_named("客服部", ["客户满意度90%"])
    objective = team.objectives[0]
    team = replace(
        team, objectives=(replace(objective, key_results=(*objective.key_results, deduction)),)
    )
    book = saved_and_reloaded(team, tmp_path)
    assert formulas(book) == []
    log = ProblemLog()
    table = read_sheet(book.worksheets[0], "guard.xlsx", log)
    table.deductions = read_deductions(book, book.worksheets[0].title)
    new = merge_team(table, None, "t")
    assert new.key_result("KR1.2").definition == Text(zh=definition)
