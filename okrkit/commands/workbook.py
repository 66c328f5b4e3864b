"""``okrkit workbook …``: the workshop kit built from the workbook's notebooks.

* ``okrkit workbook build --edition participant|trainer --out DIR [--lang zh|en]``
  writes one edition of every chapter (:mod:`okrkit.workbook.editions`);

Each subcommand is one ``register_…(sub)`` function in :data:`SUBCOMMANDS`: a
new one (``pack``) is added by defining ``register_pack(sub)`` in its own
module and appending it to that list.
"""

from __future__ import annotations

import sys

from okrkit.cli import add_lang

DEFAULT_NOTEBOOKS = "notebooks"


def _add_notebooks(parser) -> None:
    parser.add_argument(
        "--notebooks", metavar="DIR", default=DEFAULT_NOTEBOOKS,
        help=f"the workbook's notebooks (default {DEFAULT_NOTEBOOKS})",
    )  # fmt: skip


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

    built = build(args.notebooks, args.out, args.edition, args.lang)
    for path in built.notebooks:
        print(path)
    return 0


# The subcommands of `okrkit workbook`, in --help order.
SUBCOMMANDS = [register_build]


def register(subparsers) -> None:
    parser = subparsers.add_parser("workbook", help="the workshop kit: editions, handouts, slides")
    sub = parser.add_subparsers(dest="workbook_command", required=True, metavar="SUBCOMMAND")
    for register_one in SUBCOMMANDS:
        register_one(sub)


if __name__ == "__main__":  # pragma: no cover
    from okrkit.cli import main

    sys.exit(main(["workbook", *sys.argv[1:]]))
