"""``okrkit review-month CASE_DIR --team ID --month 2015-06 [--lang zh|en]``: the 月度复盘.

One team's month, per objective and KR: the month's progress, the status and
its change since last month, the confidence trend, the forecast and the rate
needed, the comments and blockers typed that month, then the review's
questions with the KRs each concerns (okrkit.track.review).

Its own command rather than an option of ``okrkit status``: status is a
snapshot of many teams at a day; the review is one team's meeting over a
month — two pictures compared, the month's notes and a list of questions.
"""

from __future__ import annotations

import sys

from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.track.labels import beside_lines, outside_cycle
from okrkit.track.review import month_bounds, month_review, parse_month, review_lines
from okrkit.track.shipped import reading_store


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review-month",
        help="the monthly review (月度复盘) of one team: progress, status, questions",
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument("--team", required=True, metavar="ID", help="the team reviewed")
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="the month, e.g. 2015-06")
    parser.add_argument(
        "--store", metavar="PATH", help="check-in store (default CASE_DIR/track.sqlite)"
    )
    parser.add_argument("--no-notes", action="store_true", help="leave out comments and blockers")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    case = load_case(args.case_dir)
    [team] = pick_teams(case, [args.team])
    notes: list = []
    month = parse_month(args.month)  # 2015/6 or 2015年6月 as typed; 2015-06 from here on
    first, last, _ = month_bounds(month)
    cycle = case.year or first.year
    if first.year != cycle:
        # A month of another year has no check-ins of this cycle: every KR would read stale.
        outside_cycle("okrkit review-month", "--month", month, cycle)
    with reading_store(
        case, args.case_dir, args.store, cycle, notes, command="okrkit review-month"
    ) as store:
        review = month_review(case, store, team.id, month)
        beside = store.beside(cycle, team=team.id, until=last)
    for note, values in notes:
        print(note[args.lang].format(**values), file=sys.stderr)
    for line in review_lines(case, review, args.lang, notes=not args.no_notes):
        print(line)
    for line in beside_lines([row for row in beside if row["date"] >= str(first)], args.lang):
        print(line)
    return 0
