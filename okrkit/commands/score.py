"""``okrkit score CASE_DIR --actuals FILE [--team ID] [--lang zh|en]``: each team's scorecard.

Bad actuals (an unknown team or KR id, a value that is not a number, a
missing period) raise a located CaseError, which the CLI prints before
exiting 2. Files are read as UTF-8 or GBK (detected, or ``--encoding``); a
file read as GBK is named on stderr.
"""

from __future__ import annotations

from okrkit.actuals import load_actuals
from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.commands.validate import add_encoding, print_encoding_notes
from okrkit.i18n import t
from okrkit.review import scorecard_table, summary_lines
from okrkit.scoring import grade_bands, score_team, scoring_settings
from okrkit.terminal import render_frame


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score", help="score each team against a period's actual results (review scorecard)"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument(
        "--actuals",
        required=True,
        metavar="FILE",
        help="actual results of one period (.yaml or .csv), e.g. CASE_DIR/actuals/2015.yaml",
    )
    parser.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    add_encoding(parser)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    encodings: dict = {}
    case = load_case(args.case_dir, encoding=args.encoding, encodings=encodings)
    actuals = load_actuals(args.actuals, case, encoding=args.encoding)
    encodings[actuals.source] = actuals.encoding
    print_encoding_notes(encodings, args.lang, args.encoding is not None)
    teams = pick_teams(case, args.team)
    settings, bands = scoring_settings(case), grade_bands(case)
    for team in teams:
        score = score_team(team, actuals.for_team(team.id), settings, bands)
        table = scorecard_table(team, score, args.lang)
        columns = list(table.columns)
        print(t("score.title", args.lang, team=team.name.get(args.lang), period=actuals.period))
        print(
            render_frame(
                table, numeric=columns[3:4] + columns[6:], percent=[columns[3], columns[6]]
            )
        )
        for line in summary_lines(team, score, args.lang):
            print(line)
        print()
    return 0
