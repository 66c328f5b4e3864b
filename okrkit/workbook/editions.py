"""Two editions of the workbook from one source: the participant's and the trainer's.

The committed notebooks are the one source. Each exercise has an answer cell
(``my_calls = None``), a cell tagged ``solution`` right after it that writes the
right answer from the tested functions, and a check cell
(``exercises.check_…``). From them:

* the **participant** edition drops every solution cell, so the answer stays
  blank and its check says what is still missing ("not done yet"), never a
  crash; the slide types stay, and nothing else changes;
* the **trainer** edition keeps the solutions and adds, after each ``##``
  heading, a markdown cell with the section's minutes, running time and
  speaker notes from :data:`okrkit.story.SECTIONS` in the chosen language
  (slide type ``notes``: in RISE they show in the speaker view, ``T``).

Both keep the ``LANG`` parameters cell, set to the edition's language, so a
Run All in JupyterLab shows the language the folder was built for.
"""

from __future__ import annotations

import copy
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from okrkit.errors import OkrkitError
from okrkit.i18n import check_lang
from okrkit.story import SOLUTION_TAG, Chapter, trainer_note
from okrkit.workbook.clean import to_text
from okrkit.workbook.nav import present_chapters
from okrkit.workbook.rules import PARAMETERS_TAG
from okrkit.workbook.slides import NOTES, is_section_heading

EDITIONS = ("participant", "trainer")
TRAINER_TAG = "trainer-notes"
_LANG_LINE = re.compile(r'^LANG\s*=\s*"(zh|en)"', re.M)


def check_edition(edition: str) -> str:
    """``edition`` when it is one of :data:`EDITIONS`, else a bilingual error."""
    if edition not in EDITIONS:
        raise OkrkitError(
            f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}",
            zh=f"未知的版本 {edition!r}；应为 {', '.join(EDITIONS)} 之一",
        )
    return edition


def _with_lang(cell, lang: str):
    if PARAMETERS_TAG in cell.metadata.get("tags", []):
        cell.source = _LANG_LINE.sub(f'LANG = "{lang}"', cell.source)
    return cell


def _notes_cell(stem: str, heading, lang: str):
    text = trainer_note(stem, heading.get("id"), lang)
    if text is None:
        return None
    cell = nbformat.v4.new_markdown_cell(
        text, metadata={"tags": [TRAINER_TAG], "slideshow": {"slide_type": NOTES}}
    )
    cell.id = f"{heading.id}-trainer"
    return cell


def edition_notebook(nb, chapter: Chapter, edition: str, lang: str = "zh"):
    """A copy of chapter ``nb`` as ``edition`` sees it, in ``lang``; ``nb`` is unchanged.

    >>> from okrkit.story import chapter
    >>> from okrkit.workbook.clean import read
    >>> nb = read("notebooks/04-results-into-processes.ipynb")
    >>> four = chapter("04-results-into-processes")
    >>> participant = edition_notebook(nb, four, "participant")
    >>> any("solution" in c.metadata.get("tags", []) for c in participant.cells)
    False
    >>> trainer = edition_notebook(nb, four, "trainer", "en")
    >>> sum(TRAINER_TAG in c.metadata.get("tags", []) for c in trainer.cells)
    7
    """
    check_edition(edition)
    check_lang(lang)
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        tags = cell.metadata.get("tags", [])
        if TRAINER_TAG in tags or (edition == "participant" and SOLUTION_TAG in tags):
            continue
        cells.append(_with_lang(cell, lang))
        if edition == "trainer" and is_section_heading(cell):
            notes = _notes_cell(chapter.stem, cell, lang)
            if notes is not None:
                cells.append(notes)
    out.cells = cells
    return out


@dataclass(frozen=True)
class Built:
    """One edition written to a folder: which, in which language, and its notebooks."""

    edition: str
    lang: str
    folder: Path
    notebooks: tuple[Path, ...]


def build(
    source: str | Path,
    out: str | Path,
    edition: str,
    lang: str = "zh",
    *,
    cases: str | Path | None = None,
) -> Built:
    """Write ``edition`` of every chapter in ``source`` to ``out/notebooks``.

    The case folders (``cases``, default ``source/../cases``) are copied beside
    it, so the notebooks' ``../cases/a-company`` resolves and the folder can be
    handed out as it is (a USB stick, a zip). An existing ``out`` is refused
    unless it is empty, so a trainer's own files are never overwritten.
    """
    check_edition(edition)
    check_lang(lang)
    source, out = Path(source), Path(out)
    cases = Path(cases) if cases is not None else source.parent / "cases"
    chapters = present_chapters(source)
    if not chapters:
        raise OkrkitError(
            f"{source}: no workbook chapters found (expected notebooks such as 00-start-here.ipynb)",
            zh=f"{source}：没有找到练习册章节（应有 00-start-here.ipynb 等笔记本）",
        )
    if out.exists() and any(out.iterdir()):
        raise OkrkitError(
            f"{out}: folder is not empty (found {len(list(out.iterdir()))} entries;"
            " expected a new or empty folder)",
            zh=f"{out}：文件夹不是空的（有 {len(list(out.iterdir()))} 项；应为新的或空的文件夹）",
        )
    target = out / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in chapters:
        nb = nbformat.read(str(source / chapter.filename), as_version=4)
        path = target / chapter.filename
        path.write_text(to_text(edition_notebook(nb, chapter, edition, lang)), encoding="utf-8")
        written.append(path)
    # The slide show's style sheet (jupyterlab-rise loads notebooks/rise.css).
    if (source / "rise.css").exists():
        shutil.copy2(source / "rise.css", target / "rise.css")
    if cases.is_dir():
        shutil.copytree(cases, out / "cases", ignore=shutil.ignore_patterns("*.bak", "__pycache__"))
    return Built(edition, lang, out, tuple(written))
