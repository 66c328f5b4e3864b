"""The report's sections, drawn in-process (no kernel): content, language, escaping."""

from __future__ import annotations

import sys
from dataclasses import replace
from fractions import Fraction
from types import SimpleNamespace

import pytest

from okrkit import load_case
from okrkit.funnel import Stage
from okrkit.model import Text
from okrkit.report import features, sections
from okrkit.report.sections import TeamReport
from tests.conftest import CASES

EVIL = "<script>alert(1)</script>"
CASE = load_case(CASES / "a-company")


def html(section) -> str:
    return section._repr_html_()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_team_renders_in_both_languages(lang):
    """Every section of every team renders in zh and in en with the team's name."""
    for team in CASE.teams.values():
        report = TeamReport(CASE, team, lang)
        for name in ("header", "plan_table", "weights", "alignment"):
            page = html(getattr(report, name)())
            assert page.startswith('<div class="okr-report">')
            assert team.name.get(lang) in html(report.header())
        assert report.scorecard() is None  # no actuals, no scorecard


def test_header_and_weights_of_the_sales_department():
    """The sales department's header names company, level, parent, period and KPI; its weights add to 100."""
    report = TeamReport(CASE, CASE.team("sales"), "en")
    header = html(report.header())
    for expected in ("Company A", "Department", "General manager", "2015", "8000 10k RMB"):
        assert expected in header, expected
    weights = html(report.weights())
    assert "Weights add up to 100 ✓" in weights
    assert 'style="width: 50.0%"' in weights  # O1 carries 50 of 100 points


def test_alignment_goes_up_and_down():
    """Alignment shows the parent objectives a team supports and the child teams supporting it."""
    sales = html(TeamReport(CASE, CASE.team("sales"), "zh").alignment())
    assert "支撑的上级目标" in sales and "下级团队的支撑" in sales
    assert "销售岗位（李娜）" in sales  # a rep's objective supports one of sales'
    gm = html(TeamReport(CASE, CASE.team("gm"), "zh").alignment())
    assert "最上层团队" in gm


def test_blank_weights_are_flagged_not_read_as_zero():
    """The deck's GM table shows its weights as still blank, not as 0."""
    deck = load_case(CASES / "a-company-deck")
    page = html(TeamReport(deck, deck.team("gm"), "en").weights())
    assert "still blank" in page and "(to fill)" in page


def test_every_section_escapes_user_text(monkeypatch):
    """No section emits a user-written <script> unescaped."""
    team = CASE.team("rep-li")
    evil = Text(zh=EVIL, en=EVIL)
    objective = replace(
        team.objectives[0],
        title=evil,
        description=evil,
        key_results=tuple(replace(kr, text=evil) for kr in team.objectives[0].key_results),
    )
    team = replace(team, name=evil, person=evil, objectives=(objective, *team.objectives[1:]))
    case = replace(CASE.with_team(team), name=evil)
    report = TeamReport(case, team, "en", period=EVIL)

    stage = Stage(
        id="calls", name=evil, unit=evil, cadence="week", rate=50, rate_name=evil, other_share=0.5
    )
    need = SimpleNamespace(
        stage=stage, per_year=Fraction(7, 3), per_period=Fraction(1, 2), target=1
    )
    plan = SimpleNamespace(target=1400, needs=(need, need))
    monkeypatch.setattr(features, "funnel_plan", lambda case, team: plan)
    finding = SimpleNamespace(severity="warn", code="OKR1", location=EVIL, message=evil, hint=evil)
    monkeypatch.setattr(features, "findings", lambda team, case: [finding])
    kr = team.objectives[0].key_results[0]
    score = SimpleNamespace(
        krs=(
            SimpleNamespace(
                kr_id=kr.id, weight=10, actual=90, completion=0.9, points=9, google=0.9
            ),
        ),
        deductions=(SimpleNamespace(kr_id="KR4.1", incidents=2, points=10),),
        earned=9,
        deducted=10,
        total=-1,
        grade=SimpleNamespace(grade=EVIL, label=evil),
        provisional=True,
        rated=True,
        unscored=(("x", "no_actual"),),
    )
    monkeypatch.setattr(features, "team_score", lambda case, team, actuals: score)

    for name in ("header", "plan_table", "weights", "alignment", "funnel", "coach", "scorecard"):
        page = html(getattr(report, name)())
        assert EVIL not in page, name
        assert "&lt;script&gt;" in page, name


def test_funnel_arithmetic_reads_like_the_deck(monkeypatch):
    """The funnel section writes each stage's rule as the deck's arithmetic: 1400 × (1 − 50%) ÷ 0.07."""
    stages = [
        Stage(
            id="revenue", name=Text("销售额", "Sales"), unit=Text("万元", "10k RMB"), cadence=None,
            rate=None, rate_name=Text(), other_share=0.0,
        ),
        Stage(
            id="visits", name=Text("拜访", "Visits"), unit=Text("家", "visits"), cadence="month",
            rate=0.07, rate_name=Text("万元/次", "per visit"), other_share=0.5,
        ),
    ]  # fmt: skip
    needs = (
        SimpleNamespace(stage=stages[0], per_year=Fraction(1400), per_period=None, target=None),
        SimpleNamespace(stage=stages[1], per_year=Fraction(10000), per_period=Fraction(833, 1), target=834),
    )  # fmt: skip
    monkeypatch.setattr(
        features, "funnel_plan", lambda case, team: SimpleNamespace(target=1400, needs=needs)
    )
    page = html(TeamReport(CASE, CASE.team("rep-li"), "en").funnel())
    assert "1400 × (1 − 50%) ÷ 0.07（per visit）" in page
    assert "834 visits/month" in page


def test_optional_sections_follow_the_installed_modules():
    """Each optional section appears exactly when its module is importable."""
    rep = TeamReport(CASE, CASE.team("rep-li"), "zh")
    assert (rep.coach() is not None) == features.has_lint()
    has_funnel = features.has_funnel() and "funnel" in CASE.sections
    assert (rep.funnel() is not None) == has_funnel
    assert TeamReport(CASE, CASE.team("sales"), "zh").funnel() is None  # not a position


def test_kernel_side_imports_stay_light():
    """The template's import pulls neither matplotlib, pandas, papermill nor nbconvert."""
    import subprocess

    code = (
        "import sys\n"
        "from okrkit.report.sections import TeamReport\n"
        f"r = TeamReport.load({str(CASES / 'a-company')!r}, 'rep-li')\n"
        "[getattr(r, n)() for n in ('header', 'plan_table', 'weights', 'alignment')]\n"
        "print(','.join(m for m in ('matplotlib', 'pandas', 'papermill', 'nbconvert', 'nbformat')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_fmt_and_units():
    """Numbers are shown without float noise and units attach the way each language writes them."""
    assert sections.fmt(8000.0) == "8000" and sections.fmt(12.5) == "12.5"
    assert sections.fmt(Fraction(1, 3)) == "0.33" and sections.fmt(None) == ""
    assert sections.with_unit(8000, "万元") == "8000万元"
    assert sections.with_unit(8000, "10k RMB") == "8000 10k RMB"
    assert sections.with_unit(93, "%") == "93%"


def _scorecard(team_id: str, actuals_file, lang: str = "zh") -> str:
    from okrkit.actuals import load_actuals

    actuals = load_actuals(actuals_file, CASE)
    return html(TeamReport(CASE, CASE.team(team_id), lang, actuals=actuals).scorecard())


def test_the_scorecard_shows_milestones_and_weights_as_okrkit_score_does():
    """A milestone's actual reads 完成 and a weight 5%, as `okrkit score` prints them (not 1 and 5)."""
    page = _scorecard("rep-li", CASES / "a-company" / "actuals" / "2015.yaml")
    assert "<td>完成</td>" in page or ">完成<" in page
    assert ">5%<" in page


def test_a_team_without_any_actual_is_not_rated_in_its_report(tmp_path):
    """The report of a team the actuals do not mention shows no total and no grade, not 0 and D."""
    path = tmp_path / "one.csv"
    path.write_text("period,team,kr,actual\n2015,rep-li,KR1.1,1200\n", encoding="utf-8")
    page = _scorecard("gm", path)
    assert "未评分（没有任何实际值）" in page and ">D<" not in page
