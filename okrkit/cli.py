"""The ``okrkit`` command: one subcommand per module in ``okrkit.commands``.

Every expected failure (a case that does not load, an unknown team) prints a
located message on stderr and exits 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from okrkit.errors import CaseError, OkrkitError
from okrkit.i18n import t

# Each module defines register(subparsers); the subparser's `run` default
# handles the parsed arguments and returns the exit code.
COMMAND_MODULES = [
    "okrkit.commands.validate",
    "okrkit.commands.show",
    "okrkit.commands.score",
    "okrkit.commands.report",
    "okrkit.commands.decompose",
    "okrkit.commands.lint",
    "okrkit.commands.excel",
    "okrkit.commands.app",
    "okrkit.commands.evidence",
    "okrkit.commands.calibrate",
    "okrkit.commands.checkin",
    "okrkit.commands.status",
    "okrkit.commands.review_month",
    "okrkit.commands.workbook",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="okrkit", description="OKR coaching workbook: cases, tables, decomposition, reports."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _tolerant_output() -> None:
    """A character the console's code page lacks becomes '?', never a traceback.

    On Chinese Windows, output redirected to a file (``okrkit decompose … > out.txt``)
    is encoded as cp936, which has no ✓; printing one raised UnicodeEncodeError
    after half the output.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 findings, 2 bad input)."""
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CaseError as error:
        lang = getattr(args, "lang", "en")
        print(error.render(lang), file=sys.stderr)
        n = len(error.problems)
        label = "cli.problem" if n == 1 else "cli.problems"
        print(t(label, lang, command=args.command, n=n), file=sys.stderr)
        return 2
    except OkrkitError as error:
        print(
            f"okrkit {args.command}: {error.render(getattr(args, 'lang', 'en'))}", file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `okrkit show … | head` closed the pipe: stop quietly, as Unix tools do.
        # Point stdout at devnull so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The shared --lang option."""
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of labels (default zh)"
    )


def shipped_default(given, default: str, is_there) -> Path:
    """A default folder (``cases/a-company``, ``notebooks``) found where okrkit ships it.

    Defaults are relative to where a command runs; a trainer who runs it from
    a USB folder or the desktop gets the copy beside the installed package (a
    checkout, an editable install) instead of "no such folder". A folder the
    user named is taken as it is. ``is_there(path)`` says whether a folder is
    the thing wanted.
    """
    folder = Path(given)
    if str(given) == default and not is_there(folder):
        beside = Path(__file__).resolve().parents[1] / default
        if is_there(beside):
            return beside
    return folder


def is_case_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a case (its case.yaml)."""
    return (Path(folder) / "case.yaml").is_file()


def pick_teams(case, team_ids: list[str] | None) -> list:
    """The teams named on the command line (all when none), or an error naming the known ids."""
    if not team_ids:
        return list(case.teams.values())
    unknown = [team_id for team_id in team_ids if team_id not in case.teams]
    if unknown:
        names = {"team": ", ".join(unknown), "known": ", ".join(case.teams)}
        raise OkrkitError(
            t("cli.unknown_team", "en", **names), zh=t("cli.unknown_team", "zh", **names)
        )
    return [case.teams[team_id] for team_id in team_ids]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
