"""The report's year sections: evidence from the records, trend from a check-in store."""

from __future__ import annotations

import math
import shutil
from datetime import date

import pytest

from okrkit import load_case
from okrkit.report import year_sections
from okrkit.report.sections import TeamReport
from okrkit.track.shipped import case_store
from okrkit.track.store import STORE_NAME
from tests.conftest import CASES

CASE = load_case(CASES / "a-company")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Each test module keeps its evidence cache in its own temporary folder."""
    monkeypatch.setattr(
        year_sections, "CACHE_FOLDER", tmp_path_factory.getbasetemp() / "evidence-cache"
    )


def html(section) -> str:
    return section._repr_html_()


@pytest.fixture(scope="module")
def stored_case(tmp_path_factory):
    """A temporary copy of A公司 with the shipped year in its check-in store."""
    folder = tmp_path_factory.mktemp("case") / "a-company"
    shutil.copytree(CASES / "a-company", folder)
    case = load_case(folder)
    case_store(case, folder).close()
    return case


def test_evidence_section_for_a_rep_with_records():
    """张伟's report shows his weekly calls from the records (110) against the target (100)."""
    page = html(year_sections.evidence_section(TeamReport(CASE, CASE.team("rep-zhang"), "zh")))
    assert "过程KR实际值" in page
    assert '<td>KR1.1 每周有效电话</td><td class="num">110</td><td class="num">100</td>' in page


def test_evidence_section_lists_rejects_by_reason_in_english():
    """The rep's records are summed up with the reasons in English (a short call is not counted)."""
    page = html(year_sections.evidence_section(TeamReport(CASE, CASE.team("rep-zhang"), "en")))
    assert "call too short to be effective (short_call)" in page
    assert "This rep&#39;s records" in page or "This rep's records" in page


def test_no_evidence_section_without_records():
    """Finance has no records: the section is absent (no empty heading)."""
    assert year_sections.evidence_section(TeamReport(CASE, CASE.team("finance"), "zh")) is None


def test_no_trend_section_without_a_store():
    """Without a check-in store the trend section is absent and no store is created."""
    report = TeamReport(CASE, CASE.team("rep-zhang"), "zh")
    assert year_sections.trend_section(report) is None
    assert not (CASES / "a-company" / STORE_NAME).exists()


def test_trend_section_with_a_store(stored_case):
    """With the shipped store: a row per KR with status, forecast, last comment, and inline charts."""
    team = stored_case.team("rep-li")
    page = html(
        year_sections.trend_section(TeamReport(stored_case, team, "en"), as_of=date(2015, 6, 30))
    )
    assert "Trend (as of 2015-06-30)" in page
    assert page.count("<tr>") == len(list(team.key_results())) + 1
    assert page.count('<svg class="okr-trend"') == len(list(team.key_results()))
    assert "http" not in page  # offline: nothing fetched from anywhere


def test_trend_takes_the_last_comment(stored_case):
    """The last comment shown is the latest check-in's comment of that KR."""
    from okrkit.report.prepare import team_trends
    from okrkit.track.store import Store

    as_of = date(2015, 12, 31)
    path = stored_case.path / STORE_NAME
    trends = team_trends(stored_case, path, [stored_case.team("rep-zhang")], as_of)
    with Store(path) as store:
        latest = store.frame(2015, team="rep-zhang", kr="KR1.4", until=as_of).sort_values("date")
    expected = [c for c in latest["comment"] if isinstance(c, str) and c][-1]
    krs = trends["rep-zhang"]["krs"]
    assert next(r for r in krs if r["kr"] == "KR1.4")["last"] == expected


@pytest.mark.parametrize("as_of", [date(2015, 3, 1), date(2015, 6, 30), date(2015, 12, 31)])
def test_team_trends_give_kr_trend_numbers_for_every_kr(stored_case, as_of):
    """One picture for all teams gives each KR exactly kr_trend's line, points, forecasts, status."""
    from okrkit.report.prepare import team_trends
    from okrkit.track.store import Store
    from okrkit.track.trend import kr_trend

    path = stored_case.path / STORE_NAME
    trends = team_trends(stored_case, path, list(stored_case.teams.values()), as_of)
    with Store(path) as store:
        for team in stored_case.teams.values():
            krs = {item["kr"]: item for item in trends[team.id]["krs"]}
            assert set(krs) == {kr.id for _, kr in team.key_results()}
            for kr_id, item in krs.items():
                want = kr_trend(stored_case, store, team.id, kr_id, as_of)
                assert item["mode"] == want.mode and item["status"] == want.status
                assert item["forecast_run"] == pytest.approx(want.forecast_run)
                assert item["forecast_fit"] == pytest.approx(want.forecast_fit)
                expected = [
                    None if math.isnan(v) else pytest.approx(v) for v in want.line["expected"]
                ]
                assert item["line"]["expected"] == expected  # no line where pace gives none (NaN)
                assert item["line"]["date"] == [d.date().isoformat() for d in want.line["date"]]
                assert item["points"]["value"] == pytest.approx(list(want.points["value"]))
                assert item["points"]["date"] == [d.date().isoformat() for d in want.points["date"]]


def test_a_prepared_report_shows_the_same_sections(stored_case):
    """The batch's prepared slice gives the same evidence and trend HTML as working it out by hand."""
    from okrkit.report.prepare import prepare

    as_of = date(2015, 6, 30)
    team = stored_case.team("rep-li")
    slices = prepare(stored_case, list(stored_case.teams.values()), as_of=as_of)
    by_hand = TeamReport(stored_case, team, "zh")
    batch = TeamReport(stored_case, team, "zh", prepared=slices["rep-li"])
    assert html(year_sections.evidence_section(batch)) == html(
        year_sections.evidence_section(by_hand)
    )
    assert html(year_sections.trend_section(batch)) == html(
        year_sections.trend_section(by_hand, as_of=as_of)
    )
    assert html(batch.coach()) == html(by_hand.coach())


def test_evidence_kr_text_is_escaped(monkeypatch):
    """A KR text with markup appears in the evidence table as text, never as a tag."""
    from dataclasses import replace

    from okrkit.model import Text

    evil = "<script>alert(1)</script>"
    facts = year_sections.evidence_facts(CASE, "rep-zhang")
    kr = replace(facts["actuals"][0]["kr"], text=Text(zh=evil, en=evil), stage=None)
    facts["actuals"][0] = {**facts["actuals"][0], "kr": kr}
    monkeypatch.setattr(year_sections, "evidence_facts", lambda *a, **k: facts)
    page = html(year_sections.evidence_section(TeamReport(CASE, CASE.team("rep-zhang"), "en")))
    assert evil not in page
    assert "&lt;script&gt;" in page


def test_default_as_of_stops_at_the_cycle_end():
    """A past cycle is seen at its last day; the current one at today."""
    assert year_sections.default_as_of(2015, date(2026, 12, 1)) == date(2015, 12, 31)
    assert year_sections.default_as_of(2026, date(2026, 3, 5)) == date(2026, 3, 5)


def test_evidence_is_computed_once_for_the_batch(monkeypatch):
    """A second team's section reads the first run's cache: the records are not judged again."""
    assert year_sections.evidence_facts(CASE, "rep-zhang") is not None

    def judged_again(*args, **kwargs):
        raise AssertionError("the records were judged again")

    monkeypatch.setattr("okrkit.evidence.run.evaluate", judged_again)
    facts = year_sections.evidence_facts(CASE, "rep-li")
    assert [a["kr"].id for a in facts["actuals"]] == ["KR1.1", "KR1.2", "KR1.3"]


def test_cache_key_changes_when_a_record_file_changes(tmp_path):
    """Touching a record file in a copy of the case gives a new key, so stale counts are never shown."""
    folder = tmp_path / "a-company"
    shutil.copytree(CASES / "a-company", folder)
    case = load_case(folder)
    before = year_sections.cache_key(case, None, date(2026, 1, 1))
    record = next((folder / "records" / "2015").glob("*.csv"))
    record.write_bytes(record.read_bytes() + b"\n")
    assert year_sections.cache_key(case, None, date(2026, 1, 1)) != before


def test_a_broken_evidence_block_is_shown_located(tmp_path):
    """Evidence people naming a team the case no longer has: the section names case.yaml and the team."""
    from okrkit.yamlio import dump_yaml, load_round_trip

    folder = tmp_path / "a-company"
    shutil.copytree(CASES / "a-company", folder)
    data = load_round_trip(folder / "case.yaml")
    data["teams"] = ["gm", "sales", "finance"]
    del data["split"]
    data.pop("tracking", None)  # its per-KR settings name the reps too
    (folder / "case.yaml").write_text(dump_yaml(data), encoding="utf-8")
    case = load_case(folder)
    page = html(year_sections.evidence_section(TeamReport(case, case.team("finance"), "zh")))
    assert 'class="bad"' in page and "case.yaml" in page and "rep-zhang" in page
