"""``okrkit validate CASE_DIR``: load a case and report every problem.

Beyond what :func:`~okrkit.cases.load_case` checks, every other file of the
folder is read (:func:`~okrkit.cases.folder_problems`): team files the case
does not list, and each actuals file under ``actuals/``. A file read as GBK
is named on stderr, so a guess is never silent.
"""

from __future__ import annotations

import sys

from okrkit.cases import folder_problems, load_case
from okrkit.cli import add_lang
from okrkit.errors import CaseError
from okrkit.i18n import t
from okrkit.textfile import ACCEPTED, DecodedText, encoding_note, is_plain_utf8


def add_encoding(parser) -> None:
    """``--encoding NAME``: declare the files' encoding instead of detecting it."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help=f"encoding of the files when detection is not wanted ({ACCEPTED}); default: detected",
    )


def print_encoding_notes(encodings: dict, lang: str, declared: bool) -> None:
    """Say on stderr which files were not read as UTF-8 (GBK, detected or declared)."""
    for path, encoding in encodings.items():
        decoded = DecodedText("", encoding, declared)
        if declared or not is_plain_utf8(decoded):
            print(encoding_note(decoded, path, lang), file=sys.stderr)


def load_case_naming_encodings(args, lang: str):
    """``load_case(args.case_dir)`` with ``--encoding``; each file read as GBK named on stderr.

    Named even when the case is refused: a wrong guess of the encoding is seen
    beside the problem it caused.
    """
    encodings: dict = {}
    try:
        return load_case(args.case_dir, encoding=args.encoding, encodings=encodings)
    finally:
        print_encoding_notes(encodings, lang, args.encoding is not None)


def print_record_encoding_notes(by_declared: dict, lang: str) -> None:
    """The same notes for the activity records a command read (``EvidenceRun.encodings``)."""
    for declared, encodings in by_declared.items():
        print_encoding_notes(encodings, lang, declared)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="check a case folder; exit 2 with located messages"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    add_encoding(parser)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    encodings: dict = {}
    try:
        case = load_case(args.case_dir, encoding=args.encoding, encodings=encodings)
    except CaseError:
        print_encoding_notes(encodings, args.lang, args.encoding is not None)
        raise
    problems = folder_problems(case, encoding=args.encoding, encodings=encodings)
    print_encoding_notes(encodings, args.lang, args.encoding is not None)
    if problems:
        raise CaseError(problems)
    krs = sum(1 for team in case.teams.values() for _ in team.key_results())
    print(t("cli.valid", args.lang, case=args.case_dir, teams=len(case.teams), krs=krs))
    return 0
