"""How does a team's report become an A4 PDF (``okrkit report --pdf``)?

The same way the workshop handouts are printed (``okrkit.workbook.handouts``):
the report's own HTML page, with handouts' A4 page CSS and the shipped CJK font
linked by its file URL, printed by one headless Chromium through Playwright's
``page.pdf``. Chromium embeds the fonts it drew with, so Chinese stays text (it
can be copied and searched) and never turns to boxes on a printer without CJK
fonts. Each section after the first starts on a new page.

:func:`check_printer` runs before the batch does anything: no Playwright or no
browser is exit 2 with what to install, not a traceback after an hour of reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from okrkit.errors import OkrkitError

#: Every report section after the first (plan) starts on a new page; a table row,
#: a bar or a finding is never cut in half. The template shows its sections as the
#: outputs of one cell (older reports: one cell each), so both are matched.
REPORT_PRINT_CSS = """
.jp-OutputArea-child:has(.okr-report h2) ~ .jp-OutputArea-child:has(.okr-report h2),
.jp-Cell:has(.okr-report h2) ~ .jp-Cell:has(.okr-report h2) { break-before: page; }
.okr-report tr, .okr-report li, .okr-report .okr-bar { break-inside: avoid; }
.jp-OutputArea-output { overflow: visible; }
"""


def check_printer() -> None:
    """Raise a bilingual OkrkitError saying what to install when no PDF can be printed."""
    from okrkit.workbook import handouts

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise OkrkitError(
            "--pdf needs Playwright and a Chromium-family browser: pip install playwright, "
            "then apt-get install chromium fonts-noto-cjk (or: playwright install chromium)",
            zh="--pdf 需要 Playwright 和 Chromium 类浏览器：pip install playwright，"
            "再 apt-get install chromium fonts-noto-cjk（或 playwright install chromium）",
        ) from None
    chosen = handouts.chromium_path()
    if chosen is not None:
        if chosen.exists() or shutil.which(str(chosen)):
            return
        where = f"{handouts.CHROMIUM_ENV}={chosen}: no such file"
        where_zh = f"{handouts.CHROMIUM_ENV}={chosen}：文件不存在"
    else:
        if _playwright_browser() is not None:
            return
        where = f"no {handouts.DEBIAN_CHROMIUM} and no browser of Playwright's own"
        where_zh = f"没有 {handouts.DEBIAN_CHROMIUM}，也没有 Playwright 自带的浏览器"
    raise OkrkitError(
        f"--pdf: {where}; install one: apt-get install chromium fonts-noto-cjk "
        f"(or: playwright install chromium), or set {handouts.CHROMIUM_ENV}=/path/to/chrome",
        zh=f"--pdf：{where_zh}；请安装：apt-get install chromium fonts-noto-cjk"
        f"（或 playwright install chromium），或设置 {handouts.CHROMIUM_ENV}=浏览器路径",
    )


def _playwright_browser() -> Path | None:
    """The Chromium Playwright downloaded itself, if any (without starting it)."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no driver, or no browser downloaded
        return None
    return path if path.exists() else None


def printable(page_html: str) -> str:
    """The report page with A4 page rules, the shipped CJK font and section page breaks."""
    from okrkit.workbook import handouts

    css = handouts.PAGE_CSS + handouts.font_css() + REPORT_PRINT_CSS
    return page_html.replace("</head>", f"<style>{css}</style></head>", 1)


def print_reports(pages: list[tuple[Path, Path]]) -> list[Path]:
    """Print each (report page, PDF path) with one browser; return the PDFs written."""
    from okrkit.workbook.handouts import print_pages

    return print_pages((printable(html.read_text(encoding="utf-8")), pdf) for html, pdf in pages)
