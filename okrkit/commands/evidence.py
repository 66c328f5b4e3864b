"""``okrkit evidence CASE [--period 2015] [--out FILE] [--rejects FILE] [--lang zh|en]``.

Counts each rep's process KRs from the activity records the case's
``evidence:`` block names and prints, per rep, each KR's actual against its
target, the weekly and monthly counts and the summary of what was counted,
merged and rejected. ``--out`` writes the actuals file (``okrkit score
--actuals`` reads it), ``--rejects`` the rejects CSV. A source that cannot be
read is a located error, exit 2, and nothing is written; so is an output
path that cannot be written (a missing folder is created), and ``--out`` for
a period in which a source has no record at all (its zeros would be read from
nothing; without ``--out`` the command says so and shows the counts).
"""

from __future__ import annotations

import argparse

from okrkit.cases import load_case
from okrkit.cli import add_lang


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evidence", help="process-KR actuals from check-ins, call logs and opportunities"
    )
    parser.add_argument("case_dir", metavar="CASE")
    parser.add_argument(
        "--period", help="2015, 2015-Q1, 2015-H2 or 2015-03 (default: the case's year)"
    )
    parser.add_argument("--out", metavar="FILE", help="write the process-KR actuals (YAML) here")
    parser.add_argument(
        "--rejects", metavar="FILE", help="write merged and rejected records (CSV) here"
    )
    # --today pins "now" (for tests of future dates); hidden from --help
    parser.add_argument("--today", help=argparse.SUPPRESS, default=None)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    import datetime as dt

    from okrkit.commands.validate import print_record_encoding_notes
    from okrkit.errors import OkrkitError
    from okrkit.evidence.count import kr_actuals, revisit_coverage, series_rows
    from okrkit.evidence.explain import actual_lines, monthly_frame, rejects_lines
    from okrkit.evidence.output import write_actuals
    from okrkit.evidence.rejects import summary, write_rejects
    from okrkit.evidence.run import evaluate
    from okrkit.evidence.span import empty_lines, source_spans
    from okrkit.terminal import render_frame
    from okrkit.yamlio import check_writable

    case = load_case(args.case_dir)
    lang = args.lang
    # Every output's place is checked (a missing folder created) before anything
    # is counted or written, so a bad --rejects never follows a written --out.
    for target in (args.out, args.rejects):
        if target:
            check_writable(target)
    today = dt.date.fromisoformat(args.today) if args.today else None
    with evaluate(case, args.period, today=today) as run_:
        print_record_encoding_notes(run_.encodings(), lang)  # as validate names a GBK file
        rows = series_rows(run_)
        actuals = kr_actuals(run_, rows)
        coverage = revisit_coverage(run_)
        counts = summary(run_)
        spans = source_spans(run_)
        empty = empty_lines(spans, run_.period, lang)
        if args.out and empty:
            # A zero from a period no record falls in is not a zero the reps earned.
            raise OkrkitError(
                "\n".join(empty) + f"\n{args.out}: not written: its actuals would be zeros "
                "read from no record (choose a --period the records cover); nothing was written",
                zh="\n".join(empty_lines(spans, run_.period, "zh"))
                + f"\n{args.out}：未写入：这些实际值将是没有记录的 0（请选择记录覆盖的 --period）；"
                "本次没有写入任何内容",
            )
        # Everything is computed before the first file is written, so a
        # failure leaves no half of the outputs behind.
        if args.out:
            write_actuals(run_, args.out, actuals)
        if args.rejects:
            write_rejects(run_, args.rejects, lang)
    for line in empty:
        print(("注意：" if lang == "zh" else "Note: ") + line)
    print("\n".join(actual_lines(case, run_.period, actuals, rows, coverage, lang)))
    print()
    table = monthly_frame(case, rows, lang)
    if not table.empty:
        print(render_frame(table, numeric=list(table.columns[2:])))
        print()
    print("\n".join(rejects_lines(case, counts, lang)))
    return 0
