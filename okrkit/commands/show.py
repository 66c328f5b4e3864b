"""``okrkit show CASE_DIR [--team ID]``: the deck's tables in the terminal.

Files are read as UTF-8 or GBK (detected, or ``--encoding``); a file read as
GBK is named on stderr, as validate and score do.
"""

from __future__ import annotations

from okrkit.cli import add_lang, pick_teams
from okrkit.commands.validate import add_encoding, load_case_naming_encodings
from okrkit.i18n import t
from okrkit.tables import columns, plan_table
from okrkit.terminal import render_frame


def register(subparsers) -> None:
    parser = subparsers.add_parser("show", help="print each team's OKR table as the deck draws it")
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    add_encoding(parser)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    case = load_case_naming_encodings(args, args.lang)
    numeric = columns(args.lang)[4:]
    for team in pick_teams(case, args.team):
        print(t("table.title", args.lang, team=team.name.get(args.lang)))
        print(render_frame(plan_table(team, args.lang), numeric=numeric, percent=numeric[:1]))
        print()
    return 0
