"""The deck's table as a DataFrame and as merged-cell HTML."""

from dataclasses import replace

import pandas as pd

from okrkit import load_case, plan_table
from okrkit.tables import columns, plan_table_html
from tests.conftest import CASES

DECK = load_case(CASES / "a-company-deck")


def test_columns_are_the_decks_in_chinese():
    """The Chinese headers are the deck's six columns."""
    assert columns("zh") == [
        "序号",
        "目标 (O)",
        "目标详细描述",
        "关键成果 (KRs)",
        "KR权重",
        "O分值",
    ]


def test_english_headers_replace_the_chinese_ones():
    """lang='en' gives English headers and English cell text."""
    table = plan_table(load_case(CASES / "a-company").team("sales"), lang="en")
    assert list(table.columns)[:2] == ["No.", "Objective (O)"]
    assert table.iloc[0]["Objective (O)"] == "Reach the sales target"


def test_points_are_written_once_per_objective_and_totalled():
    """O分值 appears on each objective's first row, and the total row adds them."""
    table = plan_table(DECK.team("sales-rep"))
    assert table["O分值"].dropna().tolist() == [
        60,
        30,
        10,
        100,
    ]  # the deduction objective: blank, as in the deck
    assert table.iloc[-1]["序号"] == "合计"
    assert table.iloc[-1]["KR权重"] == 100


def test_one_row_per_key_result_plus_total():
    """The position table has 9 KR rows and one total row."""
    assert len(plan_table(DECK.team("sales-rep"))) == 10


def test_deduction_row_has_no_weight():
    """The deduction item is shown with a blank weight."""
    table = plan_table(DECK.team("sales-rep"))
    row = table[table["关键成果 (KRs)"].str.contains("有效投诉案例")].iloc[0]
    assert pd.isna(row["KR权重"])


def test_blank_weights_stay_blank_in_the_table():
    """The GM table's weights and points are NA, and so is its total."""
    table = plan_table(DECK.team("gm"))
    assert table["KR权重"].isna().all() and table["O分值"].isna().all()


def test_html_merges_objective_cells_over_their_rows():
    """An objective with four KRs spans four rows in the HTML."""
    markup = plan_table_html(DECK.team("sales-rep"))
    assert 'rowspan="4"' in markup and "<caption>销售岗位OKR计划表</caption>" in markup


def test_html_escapes_user_text():
    """A KR text holding a script tag is escaped, not emitted as markup."""
    team = DECK.team("sales")
    objective = team.objectives[0]
    kr = replace(
        objective.key_results[0],
        text=replace(objective.key_results[0].text, zh="<script>alert(1)</script>"),
    )
    team = replace(
        team,
        objectives=(
            replace(objective, key_results=(kr, *objective.key_results[1:])),
            *team.objectives[1:],
        ),
    )
    markup = plan_table_html(team)
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_plan_table_does_not_change_the_team():
    """Building the table leaves the team equal to what it was."""
    team = DECK.team("sales")
    before = replace(team)
    plan_table(team)
    assert team == before


def test_html_total_row_matches_the_frame_for_every_shipped_team():
    """plan_table_html sums without pandas; its total row says what plan_table's does."""
    import re

    import pandas as pd

    from okrkit import load_case
    from okrkit.tables import plan_table
    from tests.conftest import CASES

    for folder in ("a-company", "a-company-deck"):
        case = load_case(CASES / folder)
        for team in case.teams.values():
            total = plan_table(team).iloc[-1]
            weight, points = ("" if pd.isna(v) else f"{v:g}" for v in total.iloc[4:6])
            expected = [weight and f"{weight}%", points]  # a weight is a share, O分值 points
            row = re.search(r'<tr class="okr-total">(.*?)</tr>', plan_table_html(team)).group(1)
            assert re.findall(r"<td>([^<]*)</td>", row) == expected, team.id


def test_a_deduction_objective_carries_no_o_points_on_the_page():
    """The deck leaves the deduction objective's O分值 blank: neither table prints 0 there."""
    import re

    team = DECK.team("sales-rep")
    assert pd.isna(plan_table(team)["O分值"].iloc[-2])
    assert re.findall(r'class="okr-points"[^>]*>([^<]*)<', plan_table_html(team))[-1] == ""


def test_o_points_print_as_points_and_weights_as_shares():
    """The HTML table prints KR权重 15% but O分值 50, as `okrkit show` does."""
    import re

    markup = plan_table_html(load_case(CASES / "a-company").team("sales"))
    assert re.findall(r'class="okr-points"[^>]*>([^<]*)<', markup)[0] == "50"
    assert "15%" in markup
