"""How does a team's report become an A4 PDF (``okrkit report --pdf``)?

The same way the workshop handouts are printed (``okrkit.workbook.handouts``):
the report's own HTML page, with handouts' A4 page CSS and the shipped CJK font
linked by its file URL, printed by one headless Chromium through Playwright's
``page.pdf``. Chromium embeds the fonts it drew with, so Chinese stays text (it
can be copied and searched) and never turns to boxes on a printer without CJK
fonts. Each section after the first starts on a new page.

One browser serves the whole batch (:class:`Printer`): started with the batch,
it prints each report as soon as its page is written, a few tabs at a time, so
printing overlaps the kernels instead of following them.

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


class Printer:
    """One headless Chromium with a few tabs, printing reports while the batch still runs.

    Started before the batch, it prints each report as soon as its page is
    written (:meth:`submit`), ``tabs`` at a time: the browser starts once for the
    whole batch, the printing overlaps the kernels' waits, and the tabs'
    renderer processes share the cores. Playwright's async API runs on an event
    loop in a thread of its own (its sync API refuses a thread whose loop runs).
    """

    def __init__(self, tabs: int | None = None) -> None:
        import asyncio
        import threading

        from okrkit.report.batch import available_cores

        self.tabs = tabs or min(4, max(2, available_cores()))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="okrkit-pdf", daemon=True
        )
        self._thread.start()
        self._started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)

    async def _start(self) -> None:
        import asyncio

        from playwright.async_api import async_playwright

        self._playwright = await async_playwright().start()
        self._browser = await _launch(self._playwright)
        self._free: asyncio.Queue = asyncio.Queue()
        for _ in range(self.tabs):
            self._free.put_nowait(await self._browser.new_page())

    def submit(self, page: Path, pdf: Path):
        """Print ``page`` (a report's HTML file) to ``pdf``; a future of the path written."""
        import asyncio

        return asyncio.run_coroutine_threadsafe(self._print(Path(page), Path(pdf)), self._loop)

    async def _print(self, page: Path, pdf: Path) -> Path:
        import asyncio
        import os
        import tempfile

        await asyncio.wrap_future(self._started)
        tab = await self._free.get()
        try:
            with tempfile.TemporaryDirectory(prefix="okrkit-print-") as scratch:
                # A file page may load the font by its file URL; about:blank may not.
                source = Path(scratch) / "page.html"
                source.write_text(printable(page.read_text(encoding="utf-8")), encoding="utf-8")
                await tab.goto(source.as_uri(), wait_until="load")
                await tab.evaluate("document.fonts.ready")
            pdf.parent.mkdir(parents=True, exist_ok=True)
            tmp = pdf.with_name(f".{pdf.name}.{os.getpid()}.tmp")
            await tab.pdf(path=str(tmp), format="A4", print_background=True,
                          prefer_css_page_size=True)  # fmt: skip
            os.replace(tmp, pdf)  # a half-written PDF never has the final name
            return pdf
        finally:
            self._free.put_nowait(tab)

    def close(self) -> None:
        """Close the browser and end the printing thread (waits for nothing but that)."""
        import asyncio

        async def stop() -> None:
            try:
                await asyncio.wrap_future(self._started)
            except Exception:  # it never started: nothing to close
                return
            await self._browser.close()
            await self._playwright.stop()

        try:
            asyncio.run_coroutine_threadsafe(stop(), self._loop).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


async def _launch(playwright):
    """Chromium as ``okrkit.workbook.handouts`` launches it (its path, flags and errors)."""
    from okrkit.workbook.handouts import launch_options, no_browser

    options = launch_options()
    try:
        return await playwright.chromium.launch(**options)
    except Exception as error:  # Playwright raises its own Error when no browser exists
        raise no_browser(error) from error


def print_reports(pages: list[tuple[Path, Path]], printer: Printer | None = None) -> list[Path]:
    """Print each (report page, PDF path), a few tabs at a time; return the PDFs written, in order."""
    if printer is None:
        with Printer() as own:
            return print_reports(pages, own)
    futures = [printer.submit(html, pdf) for html, pdf in pages]
    return [future.result() for future in futures]
