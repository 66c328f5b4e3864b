"""``okrkit app [CASE_DIR] [--team ID] [--port N] [--host ADDR] [--token T] [--no-browser]``.

The workbench as a web page, for managers who never open Jupyter: Voilà serves
``okrkit/templates/app.ipynb`` (code hidden); the page shows the weight tuner and
the drafting widget for one team at a time (:mod:`okrkit.widgets.app`). The case
is checked before the server starts, so a broken file gives the usual located
error and exit 2 instead of a page with a traceback.

By default the server listens on 127.0.0.1 only, without a token, as before. The
page writes team files, so ``--host`` with any other address (a colleague's
machine, ``0.0.0.0``) is refused unless a token is set: ``--token TOKEN``, or
``--token auto`` for a random one. The token is jupyter_server's own (Voilà 0.5's
``IdentityProvider``): handed over in ``JUPYTER_TOKEN``, not on the command line
where ``ps`` would show it to every user of the machine, and printed once, in the
URL to give the team. A request without it gets the login page (or 403 for the
API), never the workbench.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import subprocess
import sys
from importlib import resources
from pathlib import Path

from okrkit.cli import add_lang, is_case_folder, pick_teams, shipped_default
from okrkit.errors import OkrkitError
from okrkit.i18n import t

DEFAULT_CASE = "cases/a-company"
DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
#: ``--token auto``: a random token, made here and printed once.
AUTO_TOKEN = "auto"
MIN_TOKEN = 12
ENV_TOKEN = "JUPYTER_TOKEN"  # read by jupyter_server's IdentityProvider


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
    host: str = DEFAULT_HOST,
    token: str | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The Voilà command line and the extra environment that serve the app page.

    >>> argv, env = voila_command("cases/a-company", "sales", port=9000, open_browser=False)
    >>> argv[1:3], "--no-browser" in argv, env["OKRKIT_TEAM"]
    (['-m', 'voila'], True, 'sales')

    Notice: the server listens on 127.0.0.1 unless told otherwise (the page can
    write team files), and the case folder is passed as an absolute path because
    Voilà's kernel starts in the notebook's folder, not in the caller's. With a
    ``token``, ``Voila.auto_token`` makes Voilà keep jupyter_server's token
    instead of switching it off, and the token itself travels in the environment.
    """
    from okrkit.widgets.app import ENV_CASE_DIR, ENV_LANG, ENV_TEAM

    argv = [
        sys.executable,
        "-m",
        "voila",
        str(app_notebook()),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
    ]
    if not open_browser:
        argv.append("--no-browser")
    env = {ENV_CASE_DIR: str(Path(case_dir).resolve()), ENV_LANG: lang}
    if team:
        env[ENV_TEAM] = team
    if token:
        argv.append("--Voila.auto_token=True")
        env[ENV_TOKEN] = token
    return argv, env


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.x, ::1, localhost).

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.1.2.3")]
    [True, True, True, False, False]

    Any other name counts as not loopback: what it resolves to can change.
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_token(host: str, token: str | None) -> str | None:
    """The token the server needs: None on loopback without one; refused when required and missing."""
    if token == AUTO_TOKEN:
        return secrets.token_urlsafe(24)
    if token is not None:
        if len(token) < MIN_TOKEN or any(c.isspace() for c in token):
            raise OkrkitError(
                t("app.bad_token", "en", n=MIN_TOKEN, found=token),
                zh=t("app.bad_token", "zh", n=MIN_TOKEN, found=token),
            )
        return token
    if not is_loopback(host):
        raise OkrkitError(
            t("app.needs_token", "en", host=host), zh=t("app.needs_token", "zh", host=host)
        )
    return None


def page_url(host: str, port: int, token: str | None = None) -> str:
    """The address to open; an all-interfaces host is shown as this machine's name."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


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
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADDR",
        help=f"address to listen on (default {DEFAULT_HOST}); any other needs --token",
    )
    parser.add_argument(
        "--token",
        metavar="TOKEN",
        help=f"token every visitor must bring (at least {MIN_TOKEN} characters); "
        f"'{AUTO_TOKEN}' makes one and prints it in the URL",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a browser window; print the URL"
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from okrkit.cases import load_case

    token = server_token(args.host, args.token)  # before anything else: no token, no server
    args.case_dir = shipped_default(args.case_dir, DEFAULT_CASE, is_case_folder)
    case = load_case(args.case_dir)  # a broken case stops here: located error, exit 2
    if args.team:
        pick_teams(case, [args.team])
    argv, extra = voila_command(
        args.case_dir,
        args.team,
        lang=args.lang,
        port=args.port,
        open_browser=not args.no_browser,
        host=args.host,
        token=token,
    )
    url = page_url(args.host, args.port)
    print(t("app.serving", args.lang, url=url, case=case.name.get(args.lang)), flush=True)
    if token:
        print(t("app.token_url", args.lang, url=page_url(args.host, args.port, token)), flush=True)
    env = {k: v for k, v in os.environ.items() if k != ENV_TOKEN}  # only the token chosen here
    return subprocess.call(argv, env={**env, **extra})
