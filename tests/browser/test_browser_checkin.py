"""The manager's page in Chromium: the 进展 tab takes a check-in and the status changes."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from okrkit.cases import load_case
from okrkit.track.store import Store
from tests.browser.conftest import free_port
from tests.conftest import CASES

pytestmark = pytest.mark.browser


def _field(page, label: str):
    """The text input of the ipywidgets field whose caption is ``label``."""
    caption = page.locator("label.widget-label", has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator(".widget-text:visible", has=caption).locator("input")


def test_progress_tab_shows_the_rule_live_and_saves_a_checkin(tmp_path, servers, tab, screenshot):
    """进展: typing 1400 suggests 正常, 300 落后; 保存进展 stores it and the table shows 落后."""
    case_dir = tmp_path / "a-company"
    shutil.copytree(CASES / "a-company", case_dir)
    port = free_port()
    argv = [sys.executable, "-m", "okrkit.cli", "app", str(case_dir), "--team", "rep-li"]
    base = servers.voila([*argv, "--port", str(port), "--no-browser"], {}, port)

    page = tab.page
    page.goto(f"{base}/", timeout=90_000)
    page.locator("h2.okrkit-app-title").wait_for(timeout=90_000)
    page.get_by_role("tab", name="进展").click()
    kr = page.locator(".widget-dropdown:visible", has=page.locator("label", has_text="关键成果"))
    text = load_case(case_dir).team("rep-li").key_result("KR1.4").text.zh
    kr.locator("select").select_option(label=f"KR1.4 {text}")
    _field(page, "数值").fill("1400")
    page.get_by_text(re.compile(r"^按规则：正常")).wait_for(timeout=30_000)
    _field(page, "数值").fill("300")
    page.get_by_text(re.compile(r"^按规则：落后")).wait_for(timeout=30_000)
    assert not (case_dir / "track.sqlite").exists()  # nothing written while typing
    page.get_by_role("button", name="保存进展").click()
    page.get_by_text(re.compile(r"^已保存：")).wait_for(timeout=30_000)
    row = page.locator(
        "table.dataframe tr", has=page.locator("td", has_text=re.compile(r"^KR1\.4$"))
    )
    row.filter(has_text="落后").wait_for(timeout=30_000)  # the table redraws after the message
    screenshot(page, "app-checkin-saved", full_page=True)
    with Store(case_dir / "track.sqlite") as store:
        [saved] = store.rows(2015)
    assert (saved["team"], saved["kr"], saved["value"]) == ("rep-li", "KR1.4", 300.0)
    assert tab.page_errors == [] and tab.dialogs == []
