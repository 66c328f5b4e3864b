"""The funnel explorer driven headlessly: set control values, read tables, messages and the team."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.widgets.funnel import FunnelExplorer

CASE = Path(__file__).resolve().parent.parent / "cases" / "a-company"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture
def explorer(case):
    return FunnelExplorer(case, "rep-zhang")


def _row(html: str, stage: str) -> str:
    start = html.index(f"<td>{stage}</td>")
    return html[start : html.index("</tr>", start)]


def test_starts_with_the_decks_activity(explorer):
    """Opened on 张伟, the table shows 100 calls a week and the KRs read as in the deck."""
    assert "<td>100</td>" in _row(explorer.activity_html, "有效电话")
    assert "<td>20</td>" in _row(explorer.activity_html, "新客户拜访")
    assert "每周100个有效电话" in explorer.krs_html
    assert "销售指标完成率100%（1200万元）" in explorer.krs_html
    assert explorer.message.text == ""
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")
    assert "100%" in explorer.supply.value


def test_a_better_win_rate_halves_the_calls_and_redraws_the_same_figure(explorer):
    """Win rate 25% → 50% shows 50 calls a week; the chart is redrawn on the same figure."""
    figure, axes, redraws, image = (
        explorer.figure, explorer.axes, explorer.redraws, explorer.chart.value
    )  # fmt: skip
    explorer.controls["opportunities.rate"].value = 0.5
    assert "<td>50</td>" in _row(explorer.activity_html, "有效电话")
    assert "每周50个有效电话" in explorer.krs_html
    assert explorer.figure is figure and explorer.axes is axes
    assert explorer.redraws == redraws + 1
    assert bytes(explorer.chart.value) != bytes(image)
    assert "200%" in explorer.supply.value  # the declared 100 calls are now twice enough


def test_a_zero_rate_is_explained_inside_the_widget(explorer):
    """A win rate of 0 shows a message naming the rate; the last good table stays and Apply is off."""
    before = explorer.activity_html
    explorer.controls["opportunities.rate"].value = 0.0
    assert explorer.message.level == "error"
    assert "赢单率" in explorer.message.text and "必须大于0" in explorer.message.text
    assert "上一次有效输入" in explorer.message.text
    assert explorer.activity_html == before
    assert explorer.valid is False and explorer.apply_button.disabled


def test_a_negative_target_is_explained_then_cleared(explorer):
    """A negative target shows a message; a valid target clears it and recomputes."""
    explorer.controls["target"].value = -5
    assert "销售目标无效" in explorer.message.text and "-5" in explorer.message.text
    explorer.controls["target"].value = 600
    assert explorer.message.text == ""
    assert "<td>50</td>" in _row(explorer.activity_html, "有效电话")


def test_headcount_shares_the_target(explorer):
    """Two people sharing 1200万 each need 50 calls a week; a head count of 0 is refused."""
    explorer.controls["headcount"].value = 2
    assert "<td>50</td>" in _row(explorer.activity_html, "有效电话")
    explorer.controls["headcount"].value = 0
    assert "人数无效" in explorer.message.text


def test_apply_puts_the_generated_krs_into_a_new_team(case, explorer):
    """Apply at 1500万 updates the team trait (125 calls, KR ids and weights kept); the case's team is untouched."""
    original = copy.deepcopy(case.team("rep-zhang"))
    explorer.controls["target"].value = 1500
    explorer.apply_button.click()
    team = explorer.team
    assert team.key_result("KR1.1").target == 125
    assert team.key_result("KR1.1").text.zh == "每周125个有效电话"
    assert team.key_result("KR1.4").target == 1500
    assert team.total_weight() == 100
    assert explorer.message.level == "ok" and "100%" in explorer.message.text
    assert case.team("rep-zhang") == original
    assert explorer.case.team("rep-zhang") is team
    assert "100%" in explorer.supply.value


def test_apply_is_refused_while_the_input_is_invalid(explorer):
    """With a rate of 0, apply() changes nothing and says why."""
    team = explorer.team
    explorer.controls["calls.rate"].value = 0.0
    explorer.apply()
    assert explorer.team is team
    assert explorer.message.level == "warn"


def test_english_labels(case):
    """In English the controls, table and KRs read in English."""
    explorer = FunnelExplorer(case, "rep-li", lang="en")
    assert explorer.controls["opportunities.rate"].description == "win rate"
    assert "117 effective calls a week" in explorer.krs_html
    assert "<td>117</td>" in _row(explorer.activity_html, "effective calls")


def test_user_written_names_are_escaped(case):
    """A stage name holding markup shows as text in the table, never as HTML."""
    from dataclasses import replace

    funnel = copy.deepcopy(case.sections["funnel"])
    funnel["stages"][4]["name"] = {"zh": "<b>电话</b>", "en": "<b>calls</b>"}
    explorer = FunnelExplorer(
        replace(case, sections={**case.sections, "funnel": funnel}), "rep-zhang"
    )
    assert "&lt;b&gt;电话&lt;/b&gt;" in explorer.activity_html
    assert "<b>电话</b>" not in explorer.activity_html


def _with_unknown_stage(case):
    from dataclasses import replace

    team = case.team("rep-zhang")
    o = team.objectives[0]
    bad = replace(o, key_results=(replace(o.key_results[0], stage="callz"), *o.key_results[1:]))
    return case.with_team(replace(team, objectives=(bad, *team.objectives[1:])))


def test_a_located_problem_shows_in_chinese(case):
    """A KR naming an unknown funnel stage is explained in Chinese inside a Chinese explorer."""
    explorer = FunnelExplorer(_with_unknown_stage(case), "rep-zhang")
    assert explorer.message.level == "error"
    assert "O1/KR1.1.stage: 漏斗中没有阶段 'callz'" in explorer.message.text


def test_a_located_problem_shows_in_english(case):
    """The same problem is explained in English inside an English explorer."""
    explorer = FunnelExplorer(_with_unknown_stage(case), "rep-zhang", "en")
    assert "O1/KR1.1.stage: unknown funnel stage 'callz'" in explorer.message.text


# -- the P50–P80 band from a calibrated history


@pytest.fixture(scope="module")
def calibration(case):
    from okrkit.calibrate import calibrate

    return calibrate(case, CASE / "records" / "2014")


def _band_patches(explorer):
    from okrkit.charts.funnel import BAND_GID

    return [p for p in explorer.axes.patches if p.get_gid() == BAND_GID]


def test_a_calibration_draws_the_band_with_its_legend(case, calibration):
    """Given a calibration, the explorer's chart has the band and a legend naming 2014."""
    explorer = FunnelExplorer(case, "rep-zhang", calibration=calibration)
    assert len(_band_patches(explorer)) == 6
    assert "2014" in explorer.axes.get_legend().get_texts()[0].get_text()
    assert explorer.band["calls"].p50 < explorer.band["calls"].p80


def test_the_band_follows_the_target_not_the_rate_sliders(case, calibration):
    """A higher target raises P50; a rate slider moves the bars but leaves the band as it was."""
    explorer = FunnelExplorer(case, "rep-zhang", "en", calibration=calibration)
    before = explorer.band["calls"].p50
    explorer.controls["calls.rate"].value = 0.1
    assert explorer.band["calls"].p50 == before
    explorer.controls["target"].value = 1500
    assert explorer.band["calls"].p50 > before


def test_no_calibration_means_no_band(explorer):
    """The worked case declares no history: no band, no legend."""
    assert explorer.band is None and _band_patches(explorer) == []
    assert explorer.axes.get_legend() is None


def test_a_declared_history_gives_the_band(tmp_path):
    """A case whose case.yaml declares calibration: {history: records/2014} shows the band itself."""
    import shutil

    from okrkit.calibrate.declared import CACHE_NAME

    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
    with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\ncalibration: {history: records/2014}\n")
    explorer = FunnelExplorer(load_case(folder), "rep-li", "en")
    assert len(_band_patches(explorer)) == 6 and explorer.message.text == ""


def test_an_unreadable_declared_history_is_said_and_the_explorer_works(tmp_path):
    """A declared history folder that is empty leaves no band and a message naming the problem."""
    import shutil

    folder = tmp_path / "a-company"
    shutil.copytree(CASE, folder, ignore=shutil.ignore_patterns("records"))
    (folder / "records" / "2014").mkdir(parents=True)
    with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\ncalibration: {history: records/2014}\n")
    explorer = FunnelExplorer(load_case(folder), "rep-li", "en")
    assert explorer.band is None and explorer.message.level == "warn"
    assert "no file matches" in explorer.message.text and "<td>" in explorer.activity_html
