"""``okrkit status CASE_DIR [--date D] [--team ID] [--lang zh|en]``: the picture at a date.

Per team: each KR's expected value against its actual, the gap, the status
(by rule, or a manager's override beside the rule's), the forecast by run
rate and by trend with the completion it gives, and what is needed per
week/period from now on; then each objective's worst status beside its
weighted progress, the team's forecast total, and the department and company
roll-ups. Statuses are coloured on a terminal and plain when piped.
"""

from __future__ import annotations

import sys
from datetime import date

from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.errors import ProblemLog
from okrkit.terminal import render_frame
from okrkit.track.checkin import parse_date
from okrkit.track.labels import beside_lines, outside_cycle, word
from okrkit.track.picture import picture
from okrkit.track.shipped import reading_store
from okrkit.track.tables import colour_statuses, kr_table, objective_lines, scope_table, team_line


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "status", help="progress at a date: expected vs actual, status, forecast, needed rate"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument("--date", "--as-of", dest="date",
                        help="the day to look from (default: today, or the cycle's last day)")  # fmt: skip
    parser.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    parser.add_argument("--cycle", type=int, help="the cycle (year); default: the case's year")
    parser.add_argument(
        "--store", metavar="PATH", help="check-in store (default CASE_DIR/track.sqlite)"
    )
    parser.add_argument("--colour", "--color", dest="colour", choices=("auto", "always", "never"),
                        default="auto")  # fmt: skip
    add_lang(parser)
    parser.set_defaults(run=run)


def _as_of(text: str | None, cycle: int) -> date:
    if text:
        try:
            return parse_date(text)
        except ValueError as exc:
            log = ProblemLog()
            log.add("okrkit status", "--date", "not a date", found=repr(text), expected=str(exc),
                    zh="不是日期", expected_zh=exc.zh)  # fmt: skip
            log.raise_if_any()
    return min(date.today(), date(cycle, 12, 31))


def run(args) -> int:
    case = load_case(args.case_dir)
    lang = args.lang
    teams = pick_teams(case, args.team)
    cycle = args.cycle or case.year or date.today().year
    as_of = _as_of(args.date, cycle)
    if args.date and as_of.year != cycle:
        outside_cycle("okrkit status", "--date", as_of, cycle, "--cycle")
    colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
    notes: list = []
    with reading_store(
        case, args.case_dir, args.store, cycle, notes, command="okrkit status"
    ) as store:
        view = picture(case, store, as_of, cycle=cycle, teams=teams)
        beside = {team.id: store.beside(cycle, team=team.id, until=as_of) for team in teams}
    for note, values in notes:
        print(note[lang].format(**values), file=sys.stderr)
    for team in teams:
        print(word("title", lang, team=team.name.get(lang), date=as_of.isoformat()))
        table = render_frame(kr_table(view, team.id, lang), max_width=30)
        print(colour_statuses(table, lang) if colour else table)
        for line in objective_lines(view, team.id, lang):
            print(line)
        print(team_line(view, team.id, lang))
        for line in beside_lines(beside[team.id], lang):
            print(line)
        print()
    if not view.scopes.empty:
        print(word("rollup_title", lang, date=as_of.isoformat()))
        table = render_frame(scope_table(view, lang, case))
        print(colour_statuses(table, lang) if colour else table)
    return 0
