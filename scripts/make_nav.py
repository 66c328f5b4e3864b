"""Write each workbook notebook's generated header, footer and slide types (and strip it).

Usage: ``python scripts/make_nav.py`` rewrites notebooks/ in place;
``python scripts/make_nav.py --check`` lists stale notebooks and exits 1.
Titles, goals, times and sections come from okrkit/story.py: edit them there.
Slide types follow okrkit/workbook/slides.py (one ``##`` section a slide).
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrkit.workbook.clean import read
from okrkit.workbook.nav import generate, present_chapters, section_problems, unknown_notebooks

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    unknown = unknown_notebooks(FOLDER)
    for name in unknown:
        print(f"notebooks/{name}: no chapter in okrkit/story.py describes it", file=sys.stderr)
    mismatched = []
    for chapter in present_chapters(FOLDER):
        mismatched += section_problems(read(FOLDER / chapter.filename), chapter)
    for problem in mismatched:
        print(problem, file=sys.stderr)
    stale = []
    for path, text in generate(FOLDER).items():
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"notebooks/{path.name}: {'stale' if check else 'updated'}")
    return 1 if unknown or mismatched or (check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
