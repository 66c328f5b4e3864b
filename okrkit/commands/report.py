"""``okrkit report CASE_DIR``: one HTML report per team, and an index linking them.

Everything that can be checked before a kernel starts is checked first (the case,
the team ids, the actuals file): bad input exits 2 with located messages and
writes nothing. Then each team's report runs (``okrkit.report``); a team whose
report fails keeps its executed notebook, is marked in the index, and makes the
command exit 1 after the others are done.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.i18n import t


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return number


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="one HTML report per team (papermill) and an index.html",
        description="Run the report template once per team; write DIR/<team>.ipynb, "
        "DIR/<team>.html and DIR/index.html.",
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument(
        "--team",
        action="extend",
        nargs="+",
        metavar="ID",
        help="only these teams (repeatable; default: every team)",
    )
    parser.add_argument("--out", default="reports", metavar="DIR", help="default: reports")
    add_lang(parser)
    parser.add_argument(
        "--actuals", metavar="FILE", help="actual results (YAML or CSV): adds the scorecard"
    )
    parser.add_argument("--period", metavar="P", help="the period the header names")
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="teams run in parallel (default: the number of cores, at most the teams)",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from okrkit.report import features

    case = load_case(args.case_dir)
    teams = pick_teams(case, args.team)
    actuals = features.load_actuals(case, args.actuals)
    return build_reports(
        case,
        teams,
        args.out,
        lang=args.lang,
        actuals=actuals,
        actuals_path=args.actuals,
        period=args.period,
        workers=args.jobs,
    )


def build_reports(
    case,
    teams,
    out_dir,
    *,
    lang="zh",
    actuals=None,
    actuals_path=None,
    period=None,
    workers=None,
    executor=None,
    progress=None,
) -> int:
    """Run the batch, write the index, print where it is; return the exit code (0 or 1)."""
    from okrkit.report.batch import run_batch
    from okrkit.report.index import write_index
    from okrkit.report.jobs import team_jobs
    from okrkit.report.snapshot import remove_snapshot, write_snapshot
    from okrkit.report.summary import build_index

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    snapshot = write_snapshot(out, case, actuals)
    jobs = team_jobs(
        case,
        teams,
        out,
        lang=lang,
        actuals_path=actuals_path,
        period=period,
        case_snapshot=snapshot,
    )
    try:
        results = run_batch(
            jobs,
            executor=executor,
            workers=workers,
            progress=progress,
            desc="okrkit report",
            lang=lang,
        )
    finally:
        remove_snapshot(snapshot)
    index = build_index(
        case, teams, jobs, results, lang=lang, actuals=actuals, actuals_path=actuals_path
    )
    path = write_index(index, out / "index.html").resolve()
    failed = [r for r in results if not r.ok]
    print(index.summary)
    print(t("cli.report.done", lang, path=path))
    if failed:
        print(t("cli.report.failed", lang, failed=len(failed), n=len(results)), file=sys.stderr)
        for result in failed:
            where = f" ({result.ipynb})" if result.ipynb else ""
            print(f"  {result.key}: {result.error}{where}", file=sys.stderr)
        return 1
    return 0
