"""The manager's page (okrkit app) in Chromium: move weights, save, the team file changes."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from okrkit.cases import load_case
from tests.browser.conftest import free_port
from tests.conftest import CASES

pytestmark = pytest.mark.browser


def _slider(page, kr_id: str):
    """The ipywidgets slider whose caption is the KR id."""
    caption = page.locator("label.widget-label", has_text=re.compile(f"^{re.escape(kr_id)}$"))
    return page.locator(".widget-slider", has=caption)


def _nudge(page, kr_id: str, key: str) -> None:
    """Move one KR's slider by one step with the keyboard, as a person would."""
    _slider(page, kr_id).locator(".noUi-handle").focus()
    page.keyboard.press(key)


def test_app_page_saves_moved_weights_to_the_team_file(
    tmp_path, servers, tab, screenshot, assert_chinese_renders
):
    """On the page: KR1.1 -1, KR1.3 +1, 保存 → sales.yaml rewritten, .bak kept, drafting tab follows."""
    case_dir = tmp_path / "a-company"
    shutil.copytree(CASES / "a-company", case_dir)
    team_file = case_dir / "teams" / "sales.yaml"
    before_text = team_file.read_text(encoding="utf-8")
    before = load_case(case_dir).team("sales")
    # The real command line, end to end: okrkit app starts Voilà, which starts the kernel.
    port = free_port()
    argv = [sys.executable, "-m", "okrkit.cli", "app", str(case_dir), "--team", "sales"]
    base = servers.voila([*argv, "--port", str(port), "--no-browser"], {}, port)

    from playwright.sync_api import expect  # here, so a missing playwright skips, not errors

    page = tab.page
    page.goto(f"{base}/", timeout=90_000)
    page.locator("h2.okrkit-app-title", has_text="销售部OKR计划表").wait_for(timeout=90_000)
    total = page.locator(".widget-html", has_text=re.compile(r"^\s*合计"))
    total.first.wait_for()
    assert total.first.inner_text().strip() == "合计 100"
    _nudge(page, "KR1.1", "ArrowLeft")
    page.get_by_text("合计 99（距100还差1）").wait_for()
    _nudge(page, "KR1.3", "ArrowRight")
    page.get_by_text("合计 100", exact=True).wait_for()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存到").wait_for()
    assert_chinese_renders(page)
    screenshot(page, "app-saved", full_page=True)

    # The drafting tab was rebuilt from the saved file: its live table shows 14% and 21%.
    page.get_by_text("“起草OKR”页已按文件重新载入").wait_for()
    page.get_by_role("tab", name="起草OKR").click()
    weights = page.locator("table.okr-table:visible td.okr-weight")
    for index, shown in enumerate(["14%", "15%", "21%"]):
        expect(weights.nth(index)).to_have_text(shown)
    screenshot(page, "app-drafting", full_page=True)

    after = load_case(case_dir).team("sales")
    assert after.key_result("KR1.1").weight == before.key_result("KR1.1").weight - 1
    assert after.key_result("KR1.3").weight == before.key_result("KR1.3").weight + 1
    assert team_file.with_name("sales.yaml.bak").read_text(encoding="utf-8") == before_text
    assert page.locator(".okrkit-error").count() == 0
    assert tab.page_errors == [] and tab.dialogs == []

    # The query string picks another team and English (Voilà hands it to the kernel).
    page.goto(f"{base}/?team=finance&lang=en", timeout=90_000)
    title = page.locator("h2.okrkit-app-title", has_text="Finance department OKR plan")
    title.wait_for(timeout=90_000)
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_visible()
