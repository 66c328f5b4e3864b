"""Notebooks as committed: no outputs, no execution counts, minimal metadata.

A notebook saved from JupyterLab carries outputs, execution counts, widget
state and the kernel path of whoever saved it. :func:`clean_notebook` keeps
only what the workbook needs: the cells' sources, their tags, stable ids, and
a ``python3`` kernelspec. ``python -m okrkit.workbook.clean FILE...`` (``make
strip``) rewrites files in place; ``--check`` only reports.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# How jupyterlab-rise presents a chapter: long slides (tables, widgets) scroll
# rather than shrink, and a slide show starts at the chapter's first slide.
RISE = {"scroll": True, "start_slideshow_at": "beginning", "slideNumber": True}
NOTEBOOK_METADATA = {
    "kernelspec": KERNELSPEC,
    "language_info": {"name": "python"},
    "rise": RISE,
}
# Cell metadata worth keeping: tags carry meaning (parameters, raises-exception,
# nav, solution, hide-code); slideshow and jupyter.source_hidden are generated
# from them by scripts/make_nav.py (okrkit.workbook.slides).
KEPT_CELL_METADATA = ("tags", "slideshow", "jupyter")


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` as it should be committed; ``nb`` itself is unchanged.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="2")]
    >>> clean_notebook(nb).cells[0].outputs
    []

    Notice that cell ids are kept (JupyterLab makes them; renumbering them
    would make every diff noisy) and only missing ones are made, from position.
    """
    out = copy.deepcopy(nb)
    out.nbformat, out.nbformat_minor = 4, 5
    out.metadata = nbformat.from_dict(copy.deepcopy(NOTEBOOK_METADATA))
    taken = {cell.get("id") for cell in out.cells if cell.get("id")}
    for index, cell in enumerate(out.cells):
        kept = {k: cell.metadata[k] for k in KEPT_CELL_METADATA if cell.metadata.get(k)}
        cell.metadata = nbformat.from_dict(kept)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if not cell.get("id"):
            cell.id = _free_id(f"cell-{index:02d}", taken)
            taken.add(cell.id)
    return out


def _free_id(wanted: str, taken: set) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def to_text(nb: nbformat.NotebookNode) -> str:
    """The notebook as committed text: nbformat's layout plus a final newline."""
    return nbformat.writes(nb) + "\n"


def read(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook file (format 4)."""
    return nbformat.read(str(path), as_version=4)


def hygiene_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What would make ``nb`` differ from its clean form, one line each (empty when clean).

    >>> hygiene_problems(clean_notebook(nbformat.v4.new_notebook()))
    []
    """
    problems = []
    if dict(nb.metadata) != NOTEBOOK_METADATA:
        extra = sorted(set(nb.metadata) - set(NOTEBOOK_METADATA))
        problems.append(
            f"notebook metadata is not minimal (extra keys: {extra or 'values differ'})"
        )
    for index, cell in enumerate(nb.cells):
        where = f"cell {index}"
        if cell.cell_type == "code" and cell.get("outputs"):
            problems.append(f"{where}: has outputs")
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            problems.append(f"{where}: has an execution count")
        extra = sorted(set(cell.metadata) - set(KEPT_CELL_METADATA))
        if extra:
            problems.append(
                f"{where}: metadata keys {extra} (only tags, slideshow and jupyter are kept)"
            )
        if not cell.get("id"):
            problems.append(f"{where}: no cell id")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Strip the given notebooks in place (``--check``: only list the unclean ones)."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [Path(a) for a in args if a != "--check"]
    unclean = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        cleaned = to_text(clean_notebook(nbformat.reads(text, as_version=4)))
        if cleaned != text:
            unclean.append(path)
            if not check:
                path.write_text(cleaned, encoding="utf-8")
    verb = "not clean" if check else "stripped"
    for path in unclean:
        print(f"{path}: {verb}")
    return 1 if check and unclean else 0


if __name__ == "__main__":
    raise SystemExit(main())
