"""``okrkit export`` and ``okrkit import``: the deck's tables in and out of Excel.

``okrkit export CASE_DIR [--team ID] -o FILE.xlsx`` writes one sheet per team;
``okrkit import FILE.xlsx --case CASE_DIR --team ID`` merges a sheet back into
the team's file (rules in :mod:`okrkit.excel`). A sheet that cannot be read
gives located ``sheet!cell`` messages and exit 2, and nothing is written.

Exit 1 (nothing written) when the sheet reads fine but a key result matched
only by a similar text (its hidden id was lost) would keep its old target or
unit under the new text: each is listed with its cell, old and new text and
the numbers kept. ``--accept-changes`` writes them anyway. Exit 1, not 2: the
sheet is not wrong, the import needs a person's decision (as the coach's
errors give 1).
"""

from __future__ import annotations

from okrkit.cli import add_lang, pick_teams
from okrkit.i18n import t


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help="write teams to an .xlsx in the deck's layout")
    export.add_argument("case_dir", metavar="CASE_DIR")
    export.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    add_lang(export)
    export.set_defaults(run=run_export)

    imp = subparsers.add_parser("import", help="read a team's sheet back into its team file")
    imp.add_argument("xlsx", metavar="FILE.xlsx")
    imp.add_argument("--case", required=True, metavar="CASE_DIR")
    imp.add_argument("--team", required=True, metavar="ID")
    imp.add_argument("--parent", metavar="ID", help="parent team of a brand-new team")
    imp.add_argument(
        "--level", choices=("company", "department", "position"), help="level of a brand-new team"
    )
    imp.add_argument(
        "--accept-changes",
        action="store_true",
        help="write even when a reworded KR without its hidden id keeps its old target/unit",
    )
    add_lang(imp)
    imp.set_defaults(run=run_import)


def run_export(args) -> int:
    from okrkit.cases import load_case
    from okrkit.excel import export_case

    case = load_case(args.case_dir)
    teams = pick_teams(case, args.team)
    path = export_case(case, args.output, [team.id for team in teams], args.lang)
    print(t("excel.exported", args.lang, n=len(teams), path=path))
    return 0


def run_import(args) -> int:
    import sys

    from okrkit.excel import UnconfirmedChanges, plan_import, write_import

    note = "注意" if args.lang == "zh" else "note"
    plan = plan_import(
        args.xlsx, args.case, args.team, parent=args.parent, level=args.level, lang=args.lang
    )
    try:
        path = write_import(plan, accept_changes=args.accept_changes)
    except UnconfirmedChanges as refused:
        # New and removed KRs too: they help judge whether a similar text is the same KR.
        for line in plan.notes:
            print(f"{note}: {plan.file}: {line}", file=sys.stderr)
        print(refused.render(args.lang), file=sys.stderr)
        return 1
    for change in plan.changes:
        print(f"{note}: {plan.file}: {change.render(args.lang)}")
    for line in plan.notes:
        print(f"{note}: {plan.file}: {line}")
    team = plan.team
    krs = sum(1 for _ in team.key_results())
    print(
        t(
            "excel.imported",
            args.lang,
            team=team.id,
            objectives=len(team.objectives),
            krs=krs,
            path=path,
        )
    )
    return 0
