"""The programme dashboard in Chromium, from file://: no network, search, sort, links to reports."""

from __future__ import annotations

import sys

import pytest

from okrkit.cli import main
from tests.conftest import ROOT
from tests.test_report_invalid import fake_run_team

sys.path.insert(0, str(ROOT / "scripts"))
from make_org import make_org

pytestmark = pytest.mark.browser


def org_reports(rows: str, tmp_path, monkeypatch):
    """A 120-team org's report folder (reports faked, the index real); rows as HTML or JSON."""
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    if rows == "json":
        monkeypatch.setattr("okrkit.report.index.DOM_ROWS_MAX", 50)
    case = make_org(tmp_path / "org", 120)
    out = tmp_path / "reports"
    assert main(["report", str(case), "--out", str(out), "--jobs", "1"]) in (0, 1)
    return out


@pytest.mark.parametrize("rows", ["html", "json"])
def test_the_team_table_searches_sorts_and_links_offline(
    rows, tmp_path, monkeypatch, tab, screenshot
):
    """A 120-team org opened from file:// with the network refused: a search finds one rep's
    row, a heading sorts, its link opens the report, and nothing was fetched from outside.
    Both ways the rows reach the page: HTML rows, and the JSON rows of a big organisation."""
    out = org_reports(rows, tmp_path, monkeypatch)
    page = tab.page
    outside: list[str] = []

    def refuse(route):
        if not route.request.url.startswith(("file:", "blob:", "data:")):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", refuse)
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("document.documentElement.dataset.tableReady === 'yes'")
    page.get_by_role("heading", name="推行情况").wait_for()
    assert page.locator("#dashboard tbody tr").count() >= 2  # the company and its departments
    search = page.locator("div.dt-search input")
    search.fill("d003-r004")
    page.wait_for_function("document.querySelectorAll('#teams tbody tr').length === 1")
    row = page.locator("#teams tbody tr").first
    assert "d003-r004" in row.get_attribute("id")
    screenshot(page, f"reports-dashboard-search-{rows}")
    search.fill("")
    page.wait_for_function("document.querySelectorAll('#teams tbody tr').length === 25")
    findings = page.locator("#teams thead th").nth(6)  # the coach's findings
    findings.click()  # ascending
    findings.click()  # descending
    # DataTables redraws after the click returns (JSON rows are drawn late): wait for the
    # column to read in descending order rather than reading it at once.
    page.wait_for_function(
        """() => {
            const v = [...document.querySelectorAll('#teams tbody tr td:nth-child(7)')]
                .map(td => parseInt(td.innerText, 10));
            return v.length === 25 && v[0] > v[v.length - 1]
                && v.every((x, i) => i === 0 || v[i - 1] >= x);
        }"""
    )
    shown = [int(x) for x in page.locator("#teams tbody tr td:nth-child(7)").all_inner_texts()]
    assert shown == sorted(shown, reverse=True) and shown[0] > shown[-1]
    search.fill("d003-r004")
    page.wait_for_function("document.querySelectorAll('#teams tbody tr').length === 1")
    page.locator("#teams tbody tr a").first.click()
    page.wait_for_url("**/d003-r004.html")
    assert outside == [] and tab.page_errors == [] and tab.console_errors == []


@pytest.mark.parametrize("rows", ["html", "json"])
def test_the_filter_button_builds_the_panes_and_filters(rows, tmp_path, monkeypatch, tab):
    """No filter pane is built while the page loads; its button builds them, and picking
    the company in the level pane leaves the one company row (HTML rows and JSON rows)."""
    out = org_reports(rows, tmp_path, monkeypatch)
    page = tab.page
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("document.documentElement.dataset.tableReady === 'yes'")
    assert page.locator("div.dtsp-searchPane").count() == 0
    page.get_by_role("button", name="筛选").click()
    level = page.locator("div.dtsp-searchPane").first
    level.locator("tbody tr", has_text="公司").first.click()
    page.wait_for_function("document.querySelectorAll('#teams tbody tr').length === 1")
    assert "共 1 个团队" in page.inner_text("div.dt-info")
    assert tab.page_errors == [] and tab.console_errors == []
