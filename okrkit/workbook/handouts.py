"""Paper for the room: each chapter as an A4 PDF, and the deck's tables as a worksheet.

Why Chromium: nbconvert's PDF route goes through LaTeX, which drops Chinese
unless a CJK LaTeX set-up exists (it rarely does on a trainer's laptop). A
Chromium-family browser, driven by Playwright's ``page.pdf``, prints the same
HTML a browser shows, with fonts embedded. Which Chromium: ``OKRKIT_CHROMIUM``,
else Debian's ``/usr/bin/chromium``, else Playwright's own browser when one is
installed; none found is a clear bilingual error, never a traceback.

A chapter handout is the chapter executed in one language (participant
edition by default, so the answers stay for the reader to write), with code
cells tagged ``hide-code`` shown without their code, the footer's links left
out, and every widget drawn in the state the run left it
(:mod:`okrkit.workbook.widget_html`). A table pandas drew with its default
0, 1, 2 … row numbers prints without that column (:func:`without_row_numbers`):
on paper it reads as data. Chinese is drawn with the font okrkit
ships, then with the system's CJK fonts for any character the subset lacks.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from okrkit.errors import OkrkitError
from okrkit.i18n import check_lang, t
from okrkit.story import HIDE_CODE_TAG, Chapter
from okrkit.workbook.nav import FOOTER_ID, present_chapters
from okrkit.workbook.rules import PARAMETERS_TAG

INJECTED_TAG = "injected-parameters"  # papermill's copy of the parameters cell

CHROMIUM_ENV = "OKRKIT_CHROMIUM"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# No background calls home (a closed network refuses them and Chromium waits);
# --no-sandbox because training-room images and CI run as root.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
PAGE_CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
body.jp-Notebook { max-width: none; padding: 0; }
.jp-Cell { break-inside: avoid-page; }
.jp-OutputArea-output img { max-width: 100%; }
table { font-size: 9pt; }
"""


def pick_chapters(spec: str, folder: str | Path) -> list[Chapter]:
    """The chapters ``spec`` names: ``all``, a number (``04``) or a stem, among those in ``folder``."""
    present = present_chapters(folder)
    if spec == "all":
        return present
    wanted = spec.split("-", 1)[0].zfill(2) if spec[:2].isdigit() else spec
    found = [c for c in present if c.stem == spec or c.number == wanted]
    if not found:
        known = ", ".join(c.stem for c in present)
        raise OkrkitError(
            f"{folder}: no chapter {spec!r} (found none; expected all or one of {known})",
            zh=f"{folder}：没有章节 {spec!r}（应为 all 或 {known} 之一）",
        )
    return found


def chromium_path() -> Path | None:
    """The Chromium to print with, or None to let Playwright use its own browser."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return Path(chosen)
    return DEBIAN_CHROMIUM if DEBIAN_CHROMIUM.exists() else None


def launch_options() -> dict:
    """Playwright's ``chromium.launch`` arguments: the chosen executable (checked) and flags.

    Shared by the handouts (sync API) and the report batch's printer
    (:mod:`okrkit.report.pdf`, async API), so both print with the same browser.
    """
    executable = chromium_path()
    if executable is not None and not executable.exists():
        raise OkrkitError(
            f"{CHROMIUM_ENV}={executable}: no such file (expected a Chromium executable)",
            zh=f"{CHROMIUM_ENV}={executable}：文件不存在（应为 Chromium 可执行文件）",
        )
    return {
        "executable_path": str(executable) if executable else None,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


def no_browser(error: Exception) -> OkrkitError:
    """What to install when Playwright found no browser to launch (its own Error)."""
    return OkrkitError(
        f"no Chromium to print with ({error.__class__.__name__}); expected "
        f"{DEBIAN_CHROMIUM} (Debian: apt-get install chromium fonts-noto-cjk) "
        f"or {CHROMIUM_ENV}=/path/to/chromium",
        zh=f"找不到用来打印的 Chromium（{error.__class__.__name__}）；应安装 {DEBIAN_CHROMIUM}"
        f"（Debian：apt-get install chromium fonts-noto-cjk）或设置 {CHROMIUM_ENV}",
    )


def _launch(playwright):
    options = launch_options()
    try:
        return playwright.chromium.launch(**options)
    except Exception as error:  # Playwright raises its own Error when no browser exists
        raise no_browser(error) from error


def print_pages(pages: Iterable[tuple[str, Path]]) -> list[Path]:
    """Print each (HTML, PDF path) pair on A4 with one headless Chromium; return the paths.

    Playwright's sync API refuses to start in a thread whose asyncio loop is
    running (a Jupyter kernel, a test session already driving a browser), so the
    printing runs in a thread of its own.
    """
    from concurrent.futures import ThreadPoolExecutor

    pages = list(pages)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="okrkit-print") as pool:
        return pool.submit(_print_pages, pages).result()


def _print_pages(pages: list[tuple[str, Path]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            page = browser.new_page()
            for markup, path in pages:
                with tempfile.TemporaryDirectory(prefix="okrkit-print-") as scratch:
                    # A file page may load the font by its file URL; about:blank may not.
                    source = Path(scratch) / "page.html"
                    source.write_text(markup, encoding="utf-8")
                    page.goto(source.as_uri(), wait_until="load")
                    page.evaluate("document.fonts.ready")
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                page.pdf(
                    path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True
                )
                os.replace(tmp, path)  # a half-written PDF never has the final name
                written.append(path)
        finally:
            browser.close()
    return written


FONT_PATH = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansCJKsc-okrkit-subset.otf"
# After the shipped font, the CJK fonts a trainer's machine may have.
SYSTEM_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)


def font_css() -> str:
    """``@font-face`` for the shipped CJK font, and the font stacks that use it.

    The page is opened from a file, so the font is linked by its file URL
    rather than inlined (2 MB of base64 cost seconds to parse).
    """
    face = (
        "@font-face { font-family: 'okrkit CJK'; "
        f"src: url('{FONT_PATH.as_uri()}') format('opentype'); }}"
    )
    # The shipped font first, for Latin too: Chromium writes a PDF's text map from
    # the font's cmap, and the system's full Noto CJK maps shared glyphs to the
    # Kangxi radicals (copying "一" gives "⼀"); the subset has no radicals.
    stack = f"'okrkit CJK', {SYSTEM_STACK}"
    mono = f"'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace, {stack}"
    return (
        f"{face}\n:root {{ --jp-content-font-family: {stack}; --jp-ui-font-family: {stack};"
        f" --jp-code-font-family: {mono}; }}\n"
        f"body, .jp-Notebook {{ font-family: {stack}; }}\npre, code {{ font-family: {mono}; }}"
    )


def _styled(page: str, css: str) -> str:
    return page.replace("</head>", f"<style>{css}</style></head>", 1)


def executed_edition(chapter: Chapter, source: str | Path, lang: str, edition: str):
    """Chapter ``chapter`` of ``edition`` run top to bottom in ``lang`` (in a scratch folder)."""
    from okrkit.workbook.editions import build
    from okrkit.workbook.run import run_notebook

    with tempfile.TemporaryDirectory(prefix="okrkit-handout-") as scratch:
        built = build(source, Path(scratch) / "kit", edition, lang)
        path = built.folder / "notebooks" / chapter.filename
        return run_notebook(path, lang).notebook


# -- tables: pandas' default row numbers are not data

_ELLIPSIS = "..."  # the row pandas draws where it leaves rows out (display.max_rows)


def _is_row_numbers(table) -> bool:
    """Whether ``table`` (pandas' HTML of a DataFrame) starts with an unnamed 0, 1, 2 … column.

    That is the default RangeIndex: the header's corner cell is empty in every
    header row (a named index, or named columns, write their name there), and
    each body row has exactly one header cell, counting up by one from 0 (after
    pandas' "..." row for rows left out, it goes on from a later number).
    """
    head, body = table.find("thead"), table.find("tbody")
    if head is None or body is None:
        return False
    for row in head.find_all("tr", recursive=False):
        corner = row.find(["th", "td"], recursive=False)
        if corner is None or corner.name != "th" or corner.get_text(strip=True):
            return False
    expected, skipped = 0, False
    rows = body.find_all("tr", recursive=False)
    for row in rows:
        heads = row.find_all("th", recursive=False)
        if len(heads) != 1 or row.find(["th", "td"], recursive=False) is not heads[0]:
            return False
        text = heads[0].get_text(strip=True)
        if text == _ELLIPSIS and not skipped:
            skipped = True
            continue
        if not text.isdigit() or (int(text) != expected and not skipped):
            return False
        if skipped and int(text) < expected:
            return False
        expected, skipped = int(text) + 1, False
    return bool(rows)


def without_row_numbers(markup: str) -> str:
    """``markup`` with the default 0, 1, 2 … row-number column of each pandas table removed.

    A chapter's table (``explain.activity_table`` and the like) is a DataFrame
    whose index only numbers the rows; pandas draws it as a first column that a
    reader takes for data. A meaningful index (named, or labels such as team
    ids, or numbers that do not count from 0) is kept. Markup with no pandas
    table is returned unchanged.
    """
    if "dataframe" not in markup:
        return markup
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    tables = [
        table for table in soup.find_all("table", class_="dataframe") if _is_row_numbers(table)
    ]
    if not tables:
        return markup
    for table in tables:
        for row in table.find_all("tr"):
            row.find(["th", "td"], recursive=False).decompose()
    return str(soup)


def _drop_row_numbers(nb) -> None:
    """Every HTML output of ``nb`` (widgets already drawn) without pandas' row numbers, in place."""
    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data") or {}
            markup = data.get("text/html")
            if markup is not None:
                markup = "".join(markup) if isinstance(markup, list) else markup
                data["text/html"] = without_row_numbers(markup)


def handout_html(nb, chapter: Chapter, lang: str = "zh") -> str:
    """The printable page of an executed chapter: widgets in their state, no footer links."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from okrkit.report.html import TEMPLATE_DIR, TEMPLATE_NAME
    from okrkit.workbook.widget_html import CSS as WIDGET_CSS
    from okrkit.workbook.widget_html import render_views

    check_lang(lang)
    render_views(nb)
    _drop_row_numbers(nb)  # after the widgets are drawn: their outputs hold tables too
    nb.cells = [c for c in nb.cells if c.get("id") != FOOTER_ID]
    nb.metadata["title"] = f"{chapter.number} · {chapter.title.get(lang)}"
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    # The LANG cell and the copy papermill injects are how the chapter runs, not what
    # it teaches: a participant's page would show "LANG = zh" twice.
    exporter.register_preprocessor(
        TagRemovePreprocessor(
            remove_input_tags={HIDE_CODE_TAG},
            remove_cell_tags={PARAMETERS_TAG, INJECTED_TAG},
            enabled=True,
        ),
        enabled=True,
    )
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(nb, resources={"okrkit_font_stack": SYSTEM_STACK})
    return _styled(body, PAGE_CSS + WIDGET_CSS + font_css())


def print_handouts(
    chapters: Iterable[Chapter],
    source: str | Path,
    out: str | Path,
    lang: str = "zh",
    edition: str = "participant",
) -> list[Path]:
    """Run and print each chapter to ``out/<stem>.<lang>.pdf``; return the PDFs' paths."""
    check_lang(lang)
    out = Path(out)
    pages = [
        (
            handout_html(executed_edition(chapter, source, lang, edition), chapter, lang),
            out / f"{chapter.stem}.{lang}.pdf",
        )
        for chapter in chapters
    ]
    return print_pages(pages)


# -- the worksheet: the deck's tables with their blanks open


# The deck writes a blank as a gap before its unit ("销售额总体增长 %", "新增渠道代理商 家");
# the English text as "__". On paper each becomes a line long enough to write on.
_ZH_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[%\u4e00-\u9fff])")
_EN_GAP = re.compile(r"(?<![_\w])__(?![_\w])")
WRITE_LINE = "______"


def open_blanks(text: str, lang: str = "zh") -> str:
    """The deck's gap for a number widened into a line to write on.

    >>> open_blanks("销售额总体增长 %"), open_blanks("Total sales grow by __ %", "en")
    ('销售额总体增长 ______ %', 'Total sales grow by ______ %')
    """
    if lang == "zh":
        return _ZH_GAP.sub(f" {WRITE_LINE} ", text)
    return _EN_GAP.sub(WRITE_LINE, text)


def _cell_texts(markup: str, lang: str) -> str:
    """``open_blanks`` applied to the text between tags (never to the tags themselves)."""
    return re.sub(r">([^<]+)<", lambda m: f">{open_blanks(m.group(1), lang)}<", markup)


def worksheet_html(case, lang: str = "zh") -> str:
    """The deck's tables (one per team, in the case's order) as a page to fill in by hand.

    Blanks stay blank: a target the deck leaves open prints as an empty
    underlined gap ("销售额总体增长 ____ %"), an empty weight as an empty cell.
    """
    from okrkit.tables import plan_table_html

    check_lang(lang)
    tables = "\n".join(
        f'<section class="sheet">{_cell_texts(plan_table_html(team, lang), lang)}</section>'
        for team in case.teams.values()
    )
    title = html.escape(t("workbook.worksheet.title", lang))
    hint = html.escape(t("workbook.worksheet.hint", lang))
    css = (
        PAGE_CSS
        + font_css()
        + """
body { font-size: 10.5pt; }
h1 { font-size: 15pt; margin: 0 0 4pt 0; }
.sheet { break-inside: avoid-page; margin-bottom: 10mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 4pt 5pt; vertical-align: top; }
td:empty::after { content: "\\00a0"; }
td { min-height: 16pt; height: 16pt; }
"""
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{css}</style></head>"
        f"<body><h1>{title}</h1><p>{hint}</p>{tables}</body></html>"
    )


def print_worksheet(case, out: str | Path, lang: str = "zh") -> Path:
    """Print the worksheet to ``out/worksheet.<lang>.pdf``; return its path."""
    path = Path(out) / f"worksheet.{lang}.pdf"
    [written] = print_pages([(worksheet_html(case, lang), path)])
    return written
