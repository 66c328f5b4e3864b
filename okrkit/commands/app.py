"""``okrkit app [CASE_DIR] [--team ID] [--port N] [--no-browser]``: the workbench as a web page.

For managers who never open Jupyter: Voilà serves ``okrkit/templates/app.ipynb``
(code hidden) on localhost; the page shows the weight tuner and the drafting
widget for one team at a time (:mod:`okrkit.widgets.app`). The case is checked
before the server starts, so a broken file gives the usual located error and
exit 2 instead of a page with a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from okrkit.cli import add_lang, pick_teams
from okrkit.i18n import t

DEFAULT_CASE = "cases/a-company"
DEFAULT_PORT = 8866


def app_notebook() -> Path:
    """The app notebook shipped inside the package."""
    return Path(str(resources.files("okrkit") / "templates" / "app.ipynb"))


def voila_command(
    case_dir: str | Path,
    team: str | None = None,
    *,
    lang: str = "zh",
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
) -> tuple[list[str], dict[str, str]]:
    """The Voilà command line and the extra environment that serve the app page.

    >>> argv, env = voila_command("cases/a-company", "sales", port=9000, open_browser=False)
    >>> argv[1:3], "--no-browser" in argv, env["OKRKIT_TEAM"]
    (['-m', 'voila'], True, 'sales')

    Notice: the server listens on 127.0.0.1 only (the page can write team files),
    and the case folder is passed as an absolute path because Voilà's kernel
    starts in the notebook's folder, not in the caller's.
    """
    from okrkit.widgets.app import ENV_CASE_DIR, ENV_LANG, ENV_TEAM

    argv = [
        sys.executable,
        "-m",
        "voila",
        str(app_notebook()),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
    ]
    if not open_browser:
        argv.append("--no-browser")
    env = {ENV_CASE_DIR: str(Path(case_dir).resolve()), ENV_LANG: lang}
    if team:
        env[ENV_TEAM] = team
    return argv, env


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "app", help="serve the weight tuner and drafting widget as a web page (Voilà, code hidden)"
    )
    parser.add_argument(
        "case_dir", metavar="CASE_DIR", nargs="?", default=DEFAULT_CASE,
        help=f"case folder (default {DEFAULT_CASE})",
    )  # fmt: skip
    parser.add_argument("--team", metavar="ID", help="team shown first (default: the first team)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a browser window; print the URL"
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from okrkit.cases import load_case

    case = load_case(args.case_dir)  # a broken case stops here: located error, exit 2
    if args.team:
        pick_teams(case, [args.team])
    argv, extra = voila_command(
        args.case_dir, args.team, lang=args.lang, port=args.port, open_browser=not args.no_browser
    )
    url = f"http://127.0.0.1:{args.port}/"
    print(t("app.serving", args.lang, url=url, case=case.name.get(args.lang)), flush=True)
    return subprocess.call(argv, env={**os.environ, **extra})
