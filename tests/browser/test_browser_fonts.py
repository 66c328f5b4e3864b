"""The Chinese-rendering check the browser tests rely on can fail: without fonts it does."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import CHROMIUM, HEADLESS_FLAGS

pytestmark = pytest.mark.browser


def test_chinese_check_fails_when_chromium_has_no_cjk_font(
    tmp_path, chromium, assert_chinese_renders
):
    """A Chromium whose fontconfig sees no fonts draws boxes, and the check says so."""
    fonts = tmp_path / "no-fonts"
    fonts.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    bare = chromium.browser_type.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=HEADLESS_FLAGS,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )
    try:
        page = bare.new_page()
        page.set_content("<p>销售部OKR计划表</p>")
        with pytest.raises(AssertionError, match="fonts-noto-cjk"):
            assert_chinese_renders(page)
    finally:
        bare.close()


def test_chinese_check_passes_in_the_browser_the_tests_use(tab, assert_chinese_renders):
    """The Chromium the other tests drive has a CJK font (CI installs fonts-noto-cjk)."""
    tab.page.set_content("<p>销售部OKR计划表</p>")
    assert_chinese_renders(tab.page)
