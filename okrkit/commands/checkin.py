"""``okrkit checkin CASE_DIR``: record a check-in, import a file of them, or export the log.

    okrkit checkin CASE --team rep-li --kr KR1.4 --value 620 [--date 2015-06-30]
                   [--confidence 7] [--comment …] [--blockers …] [--status 有风险 --reason …]
    okrkit checkin CASE --import checkins.csv|xlsx
    okrkit checkin CASE --export checkins.csv|xlsx
    okrkit checkin CASE --evidence        # the counts okrkit.evidence finds in the records

The store is ``CASE_DIR/track.sqlite`` unless ``--store PATH``. A bad value,
date, team or KR is refused with a located message (exit 2) and nothing is
written; a typed check-in prints the status it gives by rule.
"""

from __future__ import annotations

from datetime import date

from okrkit.cases import load_case
from okrkit.cli import add_lang
from okrkit.errors import OkrkitError, ProblemLog
from okrkit.track.checkin import Place, make_checkin
from okrkit.track.entry import record_checkin
from okrkit.track.io import export_checkins, read_checkins
from okrkit.track.labels import status_name, word
from okrkit.track.store import Store, default_path, import_series

OPTIONS = {name: f"--{name.replace('_', '-')}" for name in
           ("team", "kr", "value", "date", "confidence", "status", "reason", "comment",
            "blockers", "cycle", "source", "period_start")}  # fmt: skip


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "checkin", help="record a KR check-in, or import/export check-ins (CSV, Excel)"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument("--team", metavar="ID")
    parser.add_argument("--kr", metavar="ID", help="key result id, e.g. KR1.4")
    parser.add_argument("--value", help="the value in the KR's unit (per period for a cadence KR)")
    parser.add_argument("--date", help="the day the value stands at (default: today)")
    parser.add_argument("--confidence", help="0 (no chance) to 10 (certain)")
    parser.add_argument("--status", help="override the rule: on_track, at_risk, off_track")
    parser.add_argument("--reason", help="why the status differs from the rule")
    parser.add_argument("--comment", default="")
    parser.add_argument("--blockers", default="")
    parser.add_argument("--cycle", help="the cycle (year); default: the case's year")
    parser.add_argument("--import", dest="import_file", metavar="FILE", help=".csv or .xlsx")
    parser.add_argument("--export", dest="export_file", metavar="FILE", help=".csv or .xlsx")
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="import the process-KR counts the case's evidence: block finds in its records",
    )
    parser.add_argument("--encoding", help="a CSV's encoding when not detected (gbk, utf-8)")
    parser.add_argument(
        "--store", metavar="PATH", help="check-in store (default CASE_DIR/track.sqlite)"
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def _refuse(message_en: str, message_zh: str) -> OkrkitError:
    return OkrkitError(message_en, zh=message_zh)


def _cycle(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        log = ProblemLog()
        log.add("okrkit checkin", "--cycle", "not a cycle", found=repr(text),
                expected="a year such as 2015", zh="不是有效的周期", expected_zh="年份，如 2015")  # fmt: skip
        log.raise_if_any()
    return int(text)


def _typed_fields(args) -> dict:
    """The check-in typed on the command line, as make_checkin and record_checkin take it."""
    return {"team": args.team, "kr": args.kr, "value": args.value, "date": args.date,
            "confidence": args.confidence, "status": args.status, "reason": args.reason,
            "comment": args.comment, "blockers": args.blockers, "cycle": args.cycle,
            "today": date.today()}  # fmt: skip


def _check_typed(case, args) -> None:
    """Every problem of the typed check-in, raised before a store is opened (nothing written)."""
    log = ProblemLog()
    missing = [
        o for o, v in (("--team", args.team), ("--kr", args.kr), ("--value", args.value)) if not v
    ]
    for option in missing:
        log.add("okrkit checkin", option, "missing", expected="team, KR and value together",
                zh="缺少", expected_zh="团队、KR 与数值须同时给出")  # fmt: skip
    log.raise_if_any()
    make_checkin(case, Place("okrkit checkin", columns=OPTIONS), log, **_typed_fields(args))
    log.raise_if_any()


def run(args) -> int:
    case = load_case(args.case_dir)
    lang = args.lang
    modes = [
        bool(args.import_file),
        bool(args.export_file),
        bool(args.evidence),
        bool(args.team or args.kr or args.value),
    ]
    if sum(modes) != 1:
        raise _refuse(
            "give one of --team/--kr/--value, --import FILE, --export FILE or --evidence",
            "请指定 --team/--kr/--value、--import 文件、--export 文件或 --evidence 中的一种",
        )
    if args.export_file and args.store:
        # exporting only reads: a --store naming no file is a typo, not an empty year
        from okrkit.track.shipped import refuse_missing_store

        refuse_missing_store(args.store, args.case_dir, "okrkit checkin --export")
    path = args.store or default_path(args.case_dir)
    if args.import_file:
        # Read (and refuse) the file before the store is opened: a refused import
        # says "nothing was written", and an empty store left at a new path would be.
        encodings: dict = {}
        items = read_checkins(args.import_file, case, cycle=args.cycle, encoding=args.encoding,
                              encodings=encodings)  # fmt: skip
        # As validate and score do: a GBK file is read, and said so on stderr.
        from okrkit.commands.validate import print_encoding_notes

        print_encoding_notes(encodings, lang, args.encoding is not None)
        if not items:
            print(word("nothing_in_file", lang, file=args.import_file))
            return 0
        with Store(path) as store:
            result = store.append(items)
        print(word("saved", lang, added=result.added, superseded=result.superseded,
                   unchanged=result.unchanged, store=path))  # fmt: skip
        return 0
    counts = None
    if args.export_file or args.evidence:
        cycle = _cycle(args.cycle)  # a bad --cycle is refused before the store is opened
        if args.evidence:
            # The counts per week and month from the records (okrkit.evidence), as
            # check-ins with source "evidence"; importing them again stores nothing.
            from okrkit.evidence import series

            counts = series(case, cycle)  # records refused before the store is opened
    else:
        _check_typed(case, args)  # refused before the store is opened, as an import is
    with Store(path) as store:
        if args.export_file:
            n = export_checkins(store, args.export_file, cycle=cycle, case=case, lang=lang)
            print(word("exported", lang, n=n, file=args.export_file))
            return 0
        if counts is not None:
            result = import_series(store, counts, case, cycle=cycle)
            print(word("saved", lang, added=result.added, superseded=result.superseded,
                       unchanged=result.unchanged, store=path))  # fmt: skip
            if result.beside:
                print(word("beside_saved", lang, n=result.beside))
            return 0
        saved = record_checkin(case, store, Place("okrkit checkin", columns=OPTIONS),
                               **_typed_fields(args))  # fmt: skip
        result = saved.result
        print(word("saved", lang, added=result.added, superseded=result.superseded,
                   unchanged=result.unchanged, store=path))  # fmt: skip
        print(word("now", lang, team=saved.checkin.team, kr=saved.checkin.kr,
                   status=status_name(saved.status, lang),
                   suggested=status_name(saved.suggested, lang)))  # fmt: skip
    return 0
