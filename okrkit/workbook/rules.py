"""The workbook's teaching rhythm as checks a test can run.

* a code cell holds at most :data:`MAX_CODE_LINES` lines: one idea per cell,
  anything longer becomes a tested okrkit function;
* the first code cell is the ``parameters`` cell, holding ``LANG = "zh"`` (and
  only literal defaults), so papermill can set the language;
* every prose cell is bilingual: Chinese first, English in italics;
* a cell meant to show an error is tagged ``raises-exception``.
"""

from __future__ import annotations

import ast
import re

import nbformat

from okrkit.workbook.nav import NAV_TAG

MAX_CODE_LINES = 6
PARAMETERS_TAG = "parameters"
RAISES_TAG = "raises-exception"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A line of English in italics: it starts with one * or _ (not ** bold).
_ITALIC_ENGLISH = re.compile(r"^\s*[*_](?![*_])[^\n]*[A-Za-z][^\n]*[*_]\s*$", re.M)


def code_lines(source: str) -> int:
    """Lines of a code cell that are not blank."""
    return sum(1 for line in source.splitlines() if line.strip())


def tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def rhythm_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every way ``nb`` breaks the teaching rhythm, one line each (empty when fine)."""
    problems = []
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for index, cell in code:
        n = code_lines(cell.source)
        if n > MAX_CODE_LINES:
            problems.append(f"cell {index}: {n} lines of code; at most {MAX_CODE_LINES}")
        if n == 0:
            problems.append(f"cell {index}: empty code cell")
    problems += _parameter_problems(code)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and NAV_TAG not in tags(cell):
            if not (_CJK.search(cell.source) and _ITALIC_ENGLISH.search(cell.source)):
                problems.append(f"cell {index}: prose must be Chinese then English in italics")
    return problems


def _parameter_problems(code) -> list[str]:
    tagged = [(i, c) for i, c in code if PARAMETERS_TAG in tags(c)]
    if len(tagged) != 1:
        return [f"{len(tagged)} cells tagged {PARAMETERS_TAG!r}; expected exactly one"]
    index, cell = tagged[0]
    if code[0][0] != index:
        return [f"cell {index}: the parameters cell must be the first code cell"]
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as error:
        return [f"cell {index}: parameters cell does not parse: {error}"]
    names = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)):
            return [f"cell {index}: parameters cell holds literal assignments only"]
        names[node.targets[0].id] = node.value.value
    if names.get("LANG") not in ("zh", "en"):
        return [f"cell {index}: parameters cell must set LANG to 'zh' or 'en'"]
    return []
