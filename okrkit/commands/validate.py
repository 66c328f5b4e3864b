"""``okrkit validate CASE_DIR``: load a case and report every problem."""

from __future__ import annotations

from okrkit.cases import load_case
from okrkit.cli import add_lang
from okrkit.i18n import t


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="check a case folder; exit 2 with located messages"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    case = load_case(args.case_dir)
    krs = sum(1 for team in case.teams.values() for _ in team.key_results())
    print(t("cli.valid", args.lang, case=args.case_dir, teams=len(case.teams), krs=krs))
    return 0
