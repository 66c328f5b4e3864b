"""The programme dashboard's figures: fill rate, weights, alignment, decomposition, coach, scores."""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.report import dashboard, programme
from okrkit.report.index import Index, IndexRow, render_index


def _kr(kr_id, kind="result", weight=50.0, feeds=None):
    return KeyResult(kr_id, Text(kr_id, kr_id), kind=kind, weight=weight, feeds=feeds)


def _team(team_id, parent=None, objectives=(), level="position"):
    return Team(team_id, Text(f"{team_id}部", team_id), level, parent, tuple(objectives))


def _case(*teams):
    return Case("c", Text("测试公司", "Test Co"), teams={t.id: t for t in teams})


TOP = _team(
    "gm",
    objectives=[Objective("O1", Text("a"), key_results=(_kr("KR1"), _kr("KR2")))],
    level="company",
)
# A department: two result KRs, one fed by a process KR; its O2 has no link upwards.
DEPT = _team(
    "d1",
    "gm",
    [
        Objective(
            "O1",
            Text("x"),
            supports="O1",
            key_results=(_kr("KR1", weight=40), _kr("KR2", weight=20)),
        ),
        Objective("O2", Text("y"), key_results=(_kr("KR3", "process", 40, feeds="KR1"),)),
    ],
    level="department",
)
EMPTY = _team("d1-r1", "d1")  # no OKRs written yet
REP = _team(
    "d1-r2",
    "d1",
    [Objective("O1", Text("z"), supports="O9", key_results=(_kr("KR1", weight=None),))],
)
CASE = _case(TOP, DEPT, EMPTY, REP)


def test_team_facts_count_links_decomposition_and_weights():
    """The department: 1 of 2 objectives linked, 1 of 2 result KRs decomposed, weights 100."""
    facts = programme.team_facts(CASE, DEPT)
    assert (facts.objectives, facts.linked, facts.results, facts.decomposed) == (2, 1, 2, 1)
    assert facts.has_okrs and facts.weights_ok


def test_a_link_to_an_objective_the_parent_lacks_is_not_aligned():
    """supports: O9 when the department has O1 and O2 only: not aligned; a blank weight fails."""
    facts = programme.team_facts(CASE, REP)
    assert (facts.objectives, facts.linked) == (1, 0)
    assert not facts.weights_ok


def test_coach_findings_are_split_by_severity():
    """Errors and warnings counted apart; anything not an error is a warning."""
    found = [SimpleNamespace(severity=s) for s in ("error", "warn", "warn", "info")]
    facts = programme.team_facts(CASE, TOP, findings=found)
    assert (facts.errors, facts.warnings) == (1, 3)


def test_company_and_department_scopes_add_up_their_teams():
    """Company: 4 teams + 1 invalid file, 3 filled; department d1: itself, two reps, the file."""
    facts = {t.id: programme.team_facts(CASE, t, score=s) for t, s in
             [(TOP, 80), (DEPT, 70), (EMPTY, None), (REP, 60)]}  # fmt: skip
    company, dept = programme.programme(CASE, facts, invalid_parents=["d1"])
    assert (company.teams, company.invalid, company.filled) == (5, 1, 3)
    assert company.fill_rate == 3 / 5 and company.weights_rate == 2 / 4  # EMPTY adds to 0
    assert (dept.scope, dept.teams, dept.filled, dept.invalid) == ("d1", 4, 2, 1)
    assert dept.alignment_rate == 1 / 3 and dept.decomposition_rate == 1 / 3
    assert dept.mean_score == 65 and dept.scored == 2
    assert company.mean_score == 70


def test_nothing_to_count_is_no_rate_not_zero():
    """A scope without objectives has no alignment rate, shown as a dash."""
    scope = programme.roll_up("x", "x", [programme.team_facts(CASE, EMPTY)])
    assert scope.alignment_rate is None and scope.decomposition_rate is None
    row = dashboard.cells(scope, "en", review=False, checkins=False)
    assert row[4] == "–" and row[2] == "0% (0/1)"


def test_checkin_mix_counts_each_status_per_department_and_unknown_as_stale():
    """Statuses by scope; a KR without a status is stale; freshness is the share not stale."""
    mix = programme.checkin_mix(
        CASE, [("d1", "on_track"), ("d1-r2", "at_risk"), ("d1-r2", None), ("gm", "off_track")]
    )
    assert mix[""] == {"on_track": 1, "at_risk": 1, "off_track": 1, "stale": 1}
    assert mix["d1"] == {"on_track": 1, "at_risk": 1, "off_track": 0, "stale": 1}
    scope = programme.roll_up("d1", "d1", [], checkins=mix["d1"])
    assert scope.fresh == 2 / 3


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.booleans(), st.integers(0, 4), st.integers(0, 4)),
        min_size=1,
        max_size=12,
    )
)
def test_rates_are_shares_of_the_counted_teams(rows):
    """Whatever the teams, each rate is between 0 and 1 and equals its part over its whole."""
    facts = [
        programme.TeamFacts(f"t{i}", filled, ok, objectives, min(linked, objectives), 0, 0)
        for i, (filled, ok, objectives, linked) in enumerate(rows)
    ]
    scope = programme.roll_up("", "all", facts)
    assert scope.fill_rate == sum(f.has_okrs for f in facts) / len(facts)
    assert 0 <= scope.weights_rate <= 1
    if scope.objectives:
        assert scope.alignment_rate == scope.linked / scope.objectives <= 1


def test_the_dashboard_and_the_team_table_are_escaped_and_bilingual():
    """A scope named <script> is text; the Chinese page has Chinese headings and DataTables words."""
    evil = "<script>alert(1)</script>"
    scope = programme.roll_up("d", evil, [programme.team_facts(CASE, DEPT)])
    index = Index(
        title="t",
        columns=["层级"],
        rows=[IndexRow(key="a", name=evil, values=[evil])],
        lang="zh",
        dashboard_title=dashboard.label("dashboard", "zh"),
        dashboard_columns=dashboard.columns("zh", review=False, checkins=False),
        dashboard_rows=[dashboard.cells(scope, "zh", review=False, checkins=False)],
    )
    page = render_index(index)
    assert evil not in page and page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert "推行情况" in page and "目标已对齐" in page and "没有匹配的团队" in page
    # DataTables itself arrives with the page (no network): itables' offline bundle.
    assert not re.search(r'<script[^>]+src="https?:', page) and "dt_css_b64" not in page


def test_a_big_table_sends_its_rows_as_escaped_json(monkeypatch):
    """Past DOM_ROWS_MAX rows the cells travel as JSON: the same cells, user text escaped."""
    import json

    from okrkit.report import index as index_module

    monkeypatch.setattr(index_module, "DOM_ROWS_MAX", 1)
    evil = "<script>alert(1)</script>"
    rows = [
        IndexRow(key=f"k{i}", name=evil, values=[i, evil], state="failed", error=evil)
        for i in range(3)
    ]
    page = render_index(Index(title="t", columns=["n", "text"], rows=rows, lang="en"))
    assert evil not in page and 'id="team-k0"' not in page  # no HTML rows
    data = json.loads(_rows_text(page))
    assert [d["DT_RowId"] for d in data] == ["team-k0", "team-k1", "team-k2"]
    assert data[0]["1"] == 0 and data[0]["2"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert data[0]["0"].startswith("&lt;script&gt;") and "failed" in data[0]["3"]


def _rows_text(page: str) -> str:
    """The text of the page's JSON rows element, as the browser's parser hands it to JSON.parse."""
    start = page.index('<script type="application/json" id="teams-rows">')
    start = page.index(">", start) + 1
    return page[start : page.index("</script>", start)]


def test_json_rows_cannot_end_their_script_element(monkeypatch):
    """Team names holding </script> and <!-- stay inside the rows element and read back exactly."""
    import json

    from okrkit.report import dashboard

    names = ["a</script><script>alert(1)</script>", "<!--<script>", "x</SCRIPT >"]
    element = str(dashboard.rows_element("teams-rows", [{"0": n} for n in names]))
    inner = element[element.index(">") + 1 : element.rindex("</script>")]
    assert "</" not in inner.lower() and "<!--" not in inner
    assert [row["0"] for row in json.loads(inner)] == names


def test_the_table_starts_datatables_without_itables_json_string(monkeypatch):
    """A big table's rows are parsed once by JSON.parse: no data_json string in the options."""
    from okrkit.report import index as index_module

    monkeypatch.setattr(index_module, "DOM_ROWS_MAX", 1)
    rows = [IndexRow(key=f"k{i}", name=f"n{i}", values=[i]) for i in range(3)]
    page = render_index(Index(title="t", columns=["n"], rows=rows, lang="en"))
    assert "data_json" not in page and "ITable" not in page.split('<script type="module">')[-1]
    assert 'JSON.parse(document.getElementById("teams-rows").textContent)' in page


def test_the_chinese_dashboard_leaves_no_english_word_of_datatables():
    """Every DataTables/SearchPanes text the zh dashboard can show is set in Chinese (defaults are English)."""
    import re

    from okrkit.report.dashboard import DATATABLES_ZH

    def texts(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from texts(value)
        else:
            yield node

    panes = DATATABLES_ZH["searchPanes"]
    assert {"emptyMessage", "loadMessage", "collapse", "clearMessage"} <= set(panes)
    assert not [
        t
        for t in texts(DATATABLES_ZH)
        if re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>|_[A-Z]+_|{[a-z]+}", "", t))
    ]
