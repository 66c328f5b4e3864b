"""How long the workbook takes to run top to bottom, in Chinese and in English.

The floor is a notebook holding only the ``LANG`` parameter cell, run the same
way (kernel start, parameter injection, shutdown) in the same process, so each
chapter's figure is the work its cells add on top of starting a kernel.

Usage: ``.venv/bin/python benchmarks/bench_workbook.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import report, sample

from okrkit.workbook.run import run_notebook

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"


def floor_notebook(folder: Path) -> Path:
    """A notebook with nothing but the parameters cell."""
    cell = nbformat.v4.new_code_cell('LANG = "zh"', metadata={"tags": ["parameters"]})
    path = folder / "floor.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = floor_notebook(Path(tmp))
        run_notebook(floor_path, "zh")  # warm the file cache once
        floor = sorted(sample(lambda: run_notebook(floor_path, "zh"), max(3, args.repeat)))[1]
    print(report("floor: kernel with only the LANG cell", [floor]))
    total = 0.0
    for path in sorted(FOLDER.glob("*.ipynb")):
        for lang in ("zh", "en"):
            times = sample(lambda p=path, lang=lang: run_notebook(p, lang), args.repeat)
            total += min(times)
            print(report(f"{path.stem} ({lang})", times, floor))
    print(
        f"{'all chapters, both languages':<44} total {total:8.1f} s    = {total / floor:5.1f} x floor"
    )


if __name__ == "__main__":
    main()
