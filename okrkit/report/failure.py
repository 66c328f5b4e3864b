"""How does a report whose run failed say so, before anyone reads it as a whole report?

A run can stop half way: a cell raises (papermill keeps the notebook, with the
traceback), or the kernel dies (killed, out of memory), which leaves a notebook
that simply ends early and would export as a normal-looking short report. Every
report of a run that did not finish therefore gets a banner as its first cell, in
the ``.ipynb`` and so in the ``.html``: in both languages (the report's first),
naming the cell that failed by its number and first line, and the error.

The banner is a markdown cell holding one HTML block; every text in it is
escaped (an error line can echo a team's own words).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

#: Tag of the banner cell (a second failure never stacks a second banner).
TAG = "okrkit-failure"

_STYLE = (
    "border:3px solid #b00020;background:#fdecea;color:#7f0015;"
    "padding:.8em 1.2em;margin:0 0 1.5em 0;font-size:1.1em;font-weight:bold"
)

_WORDS = {
    "zh": {
        "at": "⚠ 本报告不完整：运行在第{n}个代码单元（{source}）失败：{error}",
        "before": "⚠ 本报告不完整：运行在执行任何代码单元之前失败：{error}",
        "rest": "以下内容只到失败处为止，不是完整的报告。",
    },
    "en": {
        "at": "⚠ This report is incomplete: the run failed at code cell {n} ({source}): {error}",
        "before": "⚠ This report is incomplete: the run failed before any code cell ran: {error}",
        "rest": "What follows stops where the run failed; it is not a whole report.",
    },
}


@dataclass(frozen=True)
class FailedCell:
    number: int  # 1-based, among the executed notebook's code cells
    source: str  # its first non-blank line

    def __str__(self) -> str:
        return f"{self.number}: {self.source}"


def failed_cell(nb) -> FailedCell | None:
    """The code cell the run stopped in, or None when no cell had started.

    papermill flags the cell that raised (``metadata.papermill.exception``); a
    dying kernel flags nothing, so then it is the last cell that had started.
    """
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    started = None
    for number, cell in enumerate(code, 1):
        meta = cell.get("metadata", {}).get("papermill", {})
        if meta.get("exception"):
            return FailedCell(number, _first_line(cell.source))
        if meta.get("start_time"):
            started = FailedCell(number, _first_line(cell.source))
    return started


def banner_texts(error: str, cell: FailedCell | None, lang: str) -> list[tuple[str, str]]:
    """The banner's paragraphs as ``(language, text)``: the report's language first."""
    texts = []
    for code in ("zh", "en") if lang == "zh" else ("en", "zh"):
        words = _WORDS[code]
        if cell is None:
            head = words["before"].format(error=error)
        else:
            head = words["at"].format(n=cell.number, source=cell.source, error=error)
        texts.append(
            (code, f"{head}。{words['rest']}" if code == "zh" else f"{head}. {words['rest']}")
        )
    return texts


def add_banner(nb, error: str, lang: str = "zh") -> FailedCell | None:
    """Put the failure banner first in ``nb`` (in place); return the cell that failed."""
    import nbformat

    cell = failed_cell(nb)
    paragraphs = "".join(
        f'<p lang="{"zh-CN" if code == "zh" else "en"}">{html.escape(text)}</p>'
        for code, text in banner_texts(error, cell, lang)
    )
    block = f'<div class="{TAG}" role="alert" style="{_STYLE}">{paragraphs}</div>'
    nb.cells = [c for c in nb.cells if TAG not in c.get("metadata", {}).get("tags", ())]
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(block, metadata={"tags": [TAG]}))
    return cell


def _first_line(source: str) -> str:
    """The cell's first line of code (a leading comment only when it is all there is)."""
    lines = [line.strip() for line in str(source).splitlines() if line.strip()]
    code = [line for line in lines if not line.startswith("#")]
    return (code or lines or [""])[0]
