"""The top-down split of a revenue target: share, headcount, amounts, channels, located problems."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.cases import load_case
from okrkit.errors import CaseError, OkrkitError, ProblemLog
from okrkit.split import parse_split, split_problems, split_rules, split_target
from okrkit.yamlio import Where

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


def _with_split(case, split):
    return replace(case, sections={**case.sections, "split": split})


def test_the_sales_department_split_has_channels_and_reps(case):
    """销售部's 8000万 goes to 150 agents × 20, 45 end users × 40 and the three reps' amounts."""
    rows = split_target(case, "sales")
    assert [(r.child, r.kind, r.amount) for r in rows] == [
        ("agents", "channel", 3000),
        ("end-users", "channel", 1800),
        ("rep-zhang", "team", 1200),
        ("rep-li", "team", 1400),
        ("rep-wang", "team", 1000),
    ]
    assert all(r.matches for r in rows)
    assert rows[0].basis.en == "150 × 20"


def test_the_gm_hands_the_whole_kpi_to_sales(case):
    """The general manager's split by share gives 销售部 100% of 8000万."""
    (row,) = split_target(case, "gm")
    assert (row.child, row.amount, row.declared, row.method) == ("sales", 8000, 8000, "share")


def test_headcount_split_shares_what_channels_leave(case):
    """By headcount, 8000 less 4800 of channels is shared 1:1:1 among the reps (hand arithmetic)."""
    split = {
        "sales": {
            "method": "headcount",
            "channels": [{"id": "agents", "name": "代理商", "amount": 4800}],
            "children": ["rep-zhang", "rep-li", "rep-wang"],
        }
    }
    rows = split_target(_with_split(case, split), "sales")
    assert [r.amount for r in rows] == pytest.approx([4800, 3200 / 3, 3200 / 3, 3200 / 3])
    assert [r.matches for r in rows] == [True, False, False, False]


def test_share_split_multiplies_the_parent_target(case):
    """By share, 30% of 8000 is 2400 and differs from 张伟's declared 1200."""
    split = {"sales": {"method": "share", "children": {"rep-zhang": "30%", "rep-li": "70%"}}}
    rows = split_target(_with_split(case, split), "sales")
    assert [(r.child, r.amount) for r in rows] == [("rep-zhang", 2400), ("rep-li", 5600)]
    assert not rows[0].matches


def test_a_child_that_is_not_under_the_parent_is_a_located_problem(case):
    """Naming finance under 销售部 is refused with the place in case.yaml."""
    split = {"sales": {"method": "amount", "children": {"finance": 100}}}
    broken = _with_split(case, split)
    problems = split_problems(broken)
    assert len(problems) == 1
    assert problems[0].location == "split.sales.children.finance"
    with pytest.raises(CaseError, match="finance"):
        split_target(broken, "sales")


# Problems whose expectation is okrkit.numbers' reason (Chinese once numbers gives one).
NUMBERS_WORDED = {"not a number", "not a share", "not a weight"}

BAD_SPLITS = [
    ({"sales": {"method": "lottery", "children": {"a": 1}}}, "split.sales.method", "unknown"),
    (
        {"sales": {"method": "amount", "children": {"a": -5}}},
        "split.sales.children.a",
        "negative",
    ),
    (
        {"sales": {"method": "share", "children": {"a": "abc"}}},
        "split.sales.children.a",
        "share",
    ),
    ({"sales": {"method": "headcount", "children": {"a": 1}}}, "split.sales.children", "list"),
    (
        {"sales": {"method": "amount", "children": {"a": 1}, "buffer": -0.1}},
        "split.sales.buffer",
        "share",
    ),
    (
        {
            "sales": {
                "method": "amount",
                "children": {"a": 1},
                "channels": [{"id": "x", "count": 3}],
            }
        },
        "split.sales.channels[0]",
        "no amount",
    ),
    (
        {"sales": {"method": "amount", "children": {"a": 1}, "channels": {"x": 1}}},
        "split.sales.channels",
        "not a list",
    ),
    (
        {"sales": {"method": "amount", "children": {"a": 1}, "channels": [{"amount": 5}]}},
        "split.sales.channels[0].id",
        "missing",
    ),
]


@pytest.mark.parametrize(("raw", "location", "says"), BAD_SPLITS)
def test_bad_split_blocks_are_located(raw, location, says):
    """Each bad split block records a problem at its place, saying what was expected."""
    log = ProblemLog()
    parse_split(raw, Where(Path("case.yaml"), "split", raw), log)
    found = [p for p in log.problems if p.location == location]
    assert found, [str(p) for p in log.problems]
    assert says in str(found[0])


def test_a_negative_amount_fails_the_case_load(tmp_path):
    """A negative rep amount in case.yaml stops load_case with file and line."""
    import shutil

    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder)
    path = folder / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rep-li: 1400", "rep-li: -1400"))
    with pytest.raises(CaseError) as info:
        load_case(folder)
    (problem,) = info.value.problems
    assert problem.location == "split.sales.children.rep-li" and problem.line


def test_split_rules_read_the_buffer(case):
    """The sales rule declares a 5% buffer, read as a fraction."""
    assert split_rules(case)["sales"].buffer == pytest.approx(0.05)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.floats(-2, 200, allow_nan=False),
    st.sampled_from(["25%", "-1", "abc", "100%", "１５％", "rep-li", "week"]),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "method",
                    "children",
                    "channels",
                    "buffer",
                    "id",
                    "count",
                    "per_unit",
                    "amount",
                    "rate",
                    "stages",
                    "calendar",
                    "cadence",
                    "other_share",
                    "name",
                    "sales",
                    "rep-li",
                    "week",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(raw=_data)
def test_any_block_gives_problems_never_exceptions(raw):
    """Whatever a split: or funnel: block holds, reading it records problems and never raises."""
    from okrkit.funnel import parse_funnel

    for parse, name in ((parse_split, "split"), (parse_funnel, "funnel")):
        log = ProblemLog()
        parse(raw, Where(Path("case.yaml"), name, raw), log)


@pytest.mark.parametrize(("raw", "location", "says"), BAD_SPLITS)
def test_every_split_problem_has_chinese(raw, location, says):
    """Each bad split block's problem has a Chinese message and, unless okrkit.numbers words it, expectation."""
    log = ProblemLog()
    parse_split(raw, Where(Path("case.yaml"), "split", raw), log)
    for problem in log.problems:
        assert problem.zh, str(problem)
        from_numbers = problem.message in NUMBERS_WORDED
        assert problem.expected is None or problem.expected_zh or from_numbers, str(problem)


def test_a_split_problem_renders_in_chinese(case):
    """A child not under its parent is explained in Chinese under zh."""
    split = {"sales": {"method": "amount", "children": {"finance": 100}}}
    (problem,) = split_problems(_with_split(case, split))
    assert problem.render("zh").endswith(
        "split.sales.children.finance: 'finance' 不是 'sales' 的下级团队"
        "（应为 sales的下级团队之一：rep-zhang, rep-li, rep-wang）"
    )


def test_a_split_problem_renders_in_english(case):
    """The same problem keeps its English text under en."""
    split = {"sales": {"method": "amount", "children": {"finance": 100}}}
    (problem,) = split_problems(_with_split(case, split))
    assert problem.render("en").endswith(
        "split.sales.children.finance: 'finance' is not a team under 'sales'"
        " (expected one of sales's child teams: rep-zhang, rep-li, rep-wang)"
    )


def test_a_team_without_a_split_rule_is_refused_in_chinese(case):
    """Splitting a team the case gives no rule for says so in Chinese under zh."""
    with pytest.raises(OkrkitError) as info:
        split_target(case, "rep-zhang")
    assert info.value.zh and info.value.render("zh") != str(info.value)


@settings(max_examples=100, deadline=None)
@given(raw=_data)
def test_any_block_problem_has_chinese(raw):
    """Whatever a split: or funnel: block holds, every problem it records has a Chinese message."""
    from okrkit.funnel import parse_funnel

    for parse, name in ((parse_split, "split"), (parse_funnel, "funnel")):
        log = ProblemLog()
        parse(raw, Where(Path("case.yaml"), name, raw), log)
        assert all(problem.zh for problem in log.problems), [str(p) for p in log.problems]
