"""``okrkit lint CASE_DIR [--team ID] [--lang zh|en]``: the OKR coach in the terminal.

Prints one compiler-style line per finding (``file:line: CODE name: ...``)
with the fix hint indented below, then a summary. Exit 0 when there is no
error (warnings allowed), 1 when there are errors, 2 when the case cannot be
read (cli.main turns the CaseError into located messages).
"""

from __future__ import annotations

from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.i18n import t
from okrkit.lint import all_rules, config_of, count_findings, has_errors, lint_case


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lint", help="coach a case's OKRs: weak or incomplete OKRs, with codes and fix hints"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR", nargs="?")
    parser.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    parser.add_argument("--no-hints", action="store_true", help="one line per finding, no hints")
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.rules:
        for rule in all_rules():
            print(f"{rule.code} {rule.name} [{rule.severity}] {rule.reason.get(args.lang)}")
        return 0
    if not args.case_dir:
        from okrkit.errors import OkrkitError

        raise OkrkitError(t("lint.need_case", "en"), zh=t("lint.need_case", "zh"))
    case = load_case(args.case_dir)
    teams = pick_teams(case, args.team)
    findings = lint_case(case, [team.id for team in teams], config_of(case))
    for finding in findings:
        print(finding.format(args.lang, hint=not args.no_hints))
    counts = count_findings(findings)
    print(
        t(
            "lint.summary",
            args.lang,
            teams=len(teams),
            errors=counts["error"],
            warnings=counts["warn"],
        )
    )
    return 1 if has_errors(findings) else 0
