"""``okrkit workbook …``: the workshop kit built from the workbook's notebooks.

* ``okrkit workbook build --edition participant|trainer --out DIR [--lang zh|en]``
  writes one edition of every chapter (:mod:`okrkit.workbook.editions`);
* ``okrkit workbook handout CHAPTER|all --out DIR [--lang zh|en]`` prints each
  chapter, executed, as an A4 PDF (:mod:`okrkit.workbook.handouts`);
* ``okrkit workbook worksheet [CASE_DIR] --out DIR [--lang zh|en]`` prints the
  deck's tables as a fill-in worksheet PDF, blanks left open;
* ``okrkit workbook pack --platform P --out DIR`` writes an offline installer
  for a training room (:mod:`okrkit.workbook.pack`).

Each subcommand is one ``register_…(sub)`` function in :data:`SUBCOMMANDS`: a
new one (``pack``) is added by defining ``register_pack(sub)`` in its own
module and appending it to that list.
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrkit.cli import add_lang, is_case_folder, shipped_default
from okrkit.commands.workbook_pack import register_pack

DEFAULT_NOTEBOOKS = "notebooks"
DEFAULT_DECK = "cases/a-company-deck"


def _add_notebooks(parser) -> None:
    parser.add_argument(
        "--notebooks", metavar="DIR", default=DEFAULT_NOTEBOOKS,
        help=f"the workbook's notebooks (default {DEFAULT_NOTEBOOKS}, here or beside okrkit)",
    )  # fmt: skip


def notebooks_folder(given: str | Path) -> Path:
    """The workbook's notebooks folder, or a located error naming where it looked and the fix.

    The default ``notebooks`` is relative to where the command runs; outside
    the okrkit folder the chapters beside the installed package (a checkout,
    an editable install) are used instead. A folder with no chapter is an
    error that names its absolute path and ``--notebooks``.
    """
    from okrkit.errors import OkrkitError
    from okrkit.workbook.nav import present_chapters

    folder = shipped_default(given, DEFAULT_NOTEBOOKS, present_chapters)
    if present_chapters(folder):
        return folder
    where = folder.resolve()
    found = "no such folder" if not folder.exists() else "no chapter notebooks in it"
    found_zh = "没有这个文件夹" if not folder.exists() else "其中没有章节笔记本"
    raise OkrkitError(
        f"--notebooks: no workbook chapters in {where} ({found}; expected notebooks such as "
        "00-start-here.ipynb). Run the command in the okrkit folder, or point at the "
        "chapters: --notebooks /path/to/okrkit/notebooks",
        zh=f"--notebooks：{where} 中没有练习册章节（{found_zh}；应有 00-start-here.ipynb 等笔记本）。"
        "请在 okrkit 文件夹中运行，或用 --notebooks /path/to/okrkit/notebooks 指明章节所在的文件夹",
    )


def register_build(sub) -> None:
    parser = sub.add_parser(
        "build", help="write the participant or the trainer edition of every chapter"
    )
    parser.add_argument("--edition", required=True, choices=("participant", "trainer"))
    parser.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    _add_notebooks(parser)
    add_lang(parser)
    parser.set_defaults(run=run_build)


def run_build(args) -> int:
    from okrkit.workbook.editions import build

    built = build(notebooks_folder(args.notebooks), args.out, args.edition, args.lang)
    for path in built.notebooks:
        print(path)
    return 0


def register_handout(sub) -> None:
    parser = sub.add_parser("handout", help="each chapter, executed, as an A4 PDF (Chromium)")
    parser.add_argument("chapter", metavar="CHAPTER|all", help="a chapter (04 or its stem), or all")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PDFs")
    parser.add_argument(
        "--edition", choices=("participant", "trainer"), default="participant",
        help="which edition is printed (default participant: answers left for the reader)",
    )  # fmt: skip
    _add_notebooks(parser)
    add_lang(parser)
    parser.set_defaults(run=run_handout)


def run_handout(args) -> int:
    from okrkit.workbook.handouts import pick_chapters, print_handouts

    notebooks = notebooks_folder(args.notebooks)
    chapters = pick_chapters(args.chapter, notebooks)
    for path in print_handouts(chapters, notebooks, args.out, args.lang, args.edition):
        print(path)
    return 0


def register_worksheet(sub) -> None:
    parser = sub.add_parser(
        "worksheet", help="the deck's tables as a fill-in worksheet PDF, blanks left open"
    )
    parser.add_argument(
        "case_dir", metavar="CASE_DIR", nargs="?", default=DEFAULT_DECK,
        help=f"case folder (default {DEFAULT_DECK}, the deck's tables as printed)",
    )  # fmt: skip
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PDF")
    add_lang(parser)
    parser.set_defaults(run=run_worksheet)


def run_worksheet(args) -> int:
    from okrkit import load_case
    from okrkit.workbook.handouts import print_worksheet

    case = load_case(shipped_default(args.case_dir, DEFAULT_DECK, is_case_folder))
    print(print_worksheet(case, Path(args.out), args.lang))
    return 0


# The subcommands of `okrkit workbook`, in --help order.
SUBCOMMANDS = [register_build, register_handout, register_worksheet, register_pack]


def register(subparsers) -> None:
    parser = subparsers.add_parser("workbook", help="the workshop kit: editions, handouts, slides")
    sub = parser.add_subparsers(dest="workbook_command", required=True, metavar="SUBCOMMAND")
    for register_one in SUBCOMMANDS:
        register_one(sub)


if __name__ == "__main__":  # pragma: no cover
    from okrkit.cli import main

    sys.exit(main(["workbook", *sys.argv[1:]]))
