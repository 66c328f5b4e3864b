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
