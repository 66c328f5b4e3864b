"""The HTML reports in Chromium: index → team report, Chinese shown, a <script> in a KR stays text."""

from __future__ import annotations

import pytest

from okrkit.cli import main
from tests.conftest import replace_in

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"


def test_reports_link_to_a_team_report_that_shows_a_script_as_text(
    worked_case_dir, tmp_path, servers, tab, screenshot, assert_chinese_renders
):
    """index.html links to 销售部's report; its title shows, and a KR's <script> is text, not code."""
    replace_in(
        worked_case_dir / "teams" / "sales.yaml",
        "代理商总量150家，新增渠道代理商30家",
        f"代理商总量150家{SCRIPT}，新增渠道代理商30家",
    )
    out = tmp_path / "reports"
    assert main(["report", str(worked_case_dir), "--out", str(out)]) == 0
    base = servers.http(out)

    page = tab.page
    page.goto(f"{base}/index.html")
    page.get_by_role("heading", name="A公司 OKR报告").wait_for()
    assert_chinese_renders(page)
    screenshot(page, "reports-index", full_page=True)

    page.get_by_role("link", name="销售部", exact=True).click()
    page.wait_for_url(f"{base}/sales.html")
    title = page.get_by_role("heading", name="销售部 OKR报告")
    title.wait_for()
    assert title.is_visible()
    shown = page.get_by_text(SCRIPT).first
    assert shown.is_visible()
    assert "代理商总量150家" + SCRIPT in shown.inner_text()
    ran = "[...document.scripts].some(s => s.textContent.includes('alert(1)'))"
    assert page.evaluate(ran) is False
    assert tab.dialogs == []
    assert_chinese_renders(page)
    screenshot(page, "reports-sales", full_page=True)


def test_a_rep_report_shows_its_evidence_and_trend_sections(
    worked_case_dir, tmp_path, servers, tab, screenshot, assert_chinese_renders
):
    """With records and a check-in store: 李娜's report shows both year sections, a chart per KR, no errors."""
    from okrkit.cases import load_case
    from okrkit.track.shipped import case_store

    case_store(load_case(worked_case_dir), worked_case_dir).close()
    out = tmp_path / "reports"
    assert main(["report", str(worked_case_dir), "--out", str(out), "--team", "rep-li"]) == 0
    page = tab.page
    missing = []  # what the page asked for and did not get (the server has no favicon.ico)
    page.on("response", lambda r: r.status >= 400 and missing.append(r.url.rsplit("/", 1)[-1]))
    page.on("requestfailed", lambda r: missing.append(r.url.rsplit("/", 1)[-1]))
    page.goto(f"{servers.http(out)}/rep-li.html")
    evidence = page.get_by_role("heading", name="过程KR实际值（以活动记录为准）")
    trend = page.get_by_role("heading", name="进展趋势（截至 2015-12-31）")
    evidence.wait_for()
    assert evidence.is_visible() and trend.is_visible()
    team = load_case(worked_case_dir).team("rep-li")
    charts = page.locator("svg.okr-trend")
    assert charts.count() == len(list(team.key_results()))
    box = charts.first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100  # drawn, not collapsed
    assert page.get_by_text("每周117个有效电话").first.is_visible()
    assert set(missing) <= {"favicon.ico"}
    loading = "Failed to load resource"  # the favicon's 404, nothing of the report's own
    assert [e for e in tab.console_errors if not e.startswith(loading)] == []
    assert tab.page_errors == []
    assert_chinese_renders(page)
    charts.first.scroll_into_view_if_needed()
    screenshot(page, "reports-rep-li-year", full_page=True)
