"""Fixtures for tests that drive headless Chromium: the browser, local servers, screenshots.

Why this exists: widgets that pass headless Python tests can still fail where
people use them (front-end/back-end version mismatch, a callback error that
only shows in the browser). These fixtures start real servers on a free
loopback port and a real Chromium, and always stop them, also on failure.

- Chromium is Debian's (``/usr/bin/chromium``, or ``OKRKIT_CHROMIUM``):
  Playwright cannot download its own browser on these machines.
- Without Chromium the browser tests are skipped and the run says so at the
  end; with ``OKRKIT_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
- Screenshots go to ``screenshots/`` at the repo root (or
  ``OKRKIT_SCREENSHOTS``); each path is printed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("OKRKIT_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("OKRKIT_REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(os.environ.get("OKRKIT_SCREENSHOTS", ROOT / "screenshots"))

# Without the background-networking flags Chromium keeps dialling Google's
# hosts, which this closed network refuses; --no-sandbox because CI runs as root.
HEADLESS_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

# JupyterLab's "Jupyter news" toast can cover the notebook; only a settings
# override turns it off (there is no command-line flag for it).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    }
}


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


# ---------------------------------------------------------------- reporting

_TIMES: dict[str, float] = {}
_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report):
    """Sum set-up, call and tear-down time of each browser test for the summary."""
    if "browser" not in report.keywords:
        return
    _TIMES[report.nodeid] = _TIMES.get(report.nodeid, 0.0) + report.duration
    if report.when == "call" or report.outcome != "passed":
        _OUTCOMES.setdefault(report.nodeid, report.outcome)
        if report.when == "call":
            _OUTCOMES[report.nodeid] = report.outcome


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def pytest_terminal_summary(terminalreporter):
    """Say plainly whether the browser tests ran, and how long each took."""
    if not _TIMES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("browser tests (headless Chromium)")
    reason = why_no_browser()
    if reason and all(outcome == "skipped" for outcome in _OUTCOMES.values()):
        write(f"SKIPPED all {len(_TIMES)} browser tests: {reason}")
        write("CI sets OKRKIT_REQUIRE_BROWSER=1, which turns this skip into a failure.")
        return
    write(f"Chromium: {CHROMIUM}; screenshots: {SCREENSHOTS}")
    for nodeid, seconds in _TIMES.items():
        write(f"{_OUTCOMES.get(nodeid, '?'):>8}  {seconds:6.1f} s  {nodeid}")


# ---------------------------------------------------------------- servers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    """Every process started under ``pid`` (Linux /proc), deepest last."""
    found: list[int] = []
    queue = [pid]
    while queue:
        current = queue.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in task.read_text().split()]
                found += children
                queue += children
    return found


class Server:
    """A server process that is up once ``url`` answers, and is stopped with its children.

    Kernels start in sessions of their own, so killing the process group is not
    enough: the processes under the server are collected first and killed after.
    """

    def __init__(self, name: str, argv: list[str], url: str, env: dict, cwd: Path, log: Path):
        self.name, self.argv, self.url = name, argv, url
        self.env, self.cwd, self.log = env, cwd, log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> Server:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                self.argv,
                env=self.env,
                cwd=self.cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.tail()}"
                )
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status < 500:
                        return self
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"{self.name} did not answer at {self.url} in {timeout:.0f} s:\n{self.tail()}"
        )

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        children = _descendants(process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def jupyter_env(home: Path) -> dict[str, str]:
    """An environment whose Jupyter config, data and runtime live under ``home``.

    Kernel sessions survive page reloads, and a user's own settings could change
    what the page shows: every test run gets fresh folders.
    """
    env = dict(os.environ)
    for name in ("config", "data", "runtime"):
        folder = home / f"jupyter-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        env[f"JUPYTER_{name.upper()}_DIR"] = str(folder)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    # The kernel must import okrkit from this checkout, whatever the cwd is.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


class Servers:
    """Starts servers for one test; all are stopped at tear-down, also on failure."""

    def __init__(self, home: Path):
        self.home = home
        self.started: list[Server] = []

    def _start(self, name: str, argv: list[str], url: str, env: dict, cwd: Path) -> Server:
        server = Server(name, argv, url, env, cwd, self.home / f"{name}.log")
        self.started.append(server)
        return server.start()

    def lab(self, root_dir: Path) -> str:
        """JupyterLab serving ``root_dir``, no token; returns its base URL."""
        port = free_port()
        env = jupyter_env(self.home / "lab")
        settings = self.home / "lab" / "app-settings"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES), encoding="utf-8")
        argv = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",  # CI runs as root
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={root_dir}",
            f"--LabApp.app_settings_dir={settings}",
            "--LabApp.news_url=None",
            "--LabServerApp.workspaces_dir=" + str(self.home / "lab" / "workspaces"),
        ]
        base = f"http://127.0.0.1:{port}"
        self._start("jupyterlab", argv, f"{base}/api/status", env, root_dir)
        return base

    def voila(self, argv: list[str], env: dict, port: int) -> str:
        """``okrkit app`` (or any Voilà command) serving on ``port``; returns its base URL."""
        base = f"http://127.0.0.1:{port}"
        env = {**jupyter_env(self.home / "voila"), **env}
        self._start("voila", argv, f"{base}/", env, self.home)
        return base

    def http(self, directory: Path) -> str:
        """A plain ``http.server`` for static files in ``directory``; returns its base URL."""
        port = free_port()
        argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
        argv += ["--directory", str(directory)]
        base = f"http://127.0.0.1:{port}"
        self._start("http", argv, f"{base}/", dict(os.environ), directory)
        return base

    def stop_all(self) -> None:
        for server in reversed(self.started):
            server.stop()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    """Start servers in a test; each one is stopped when the test ends, pass or fail."""
    home = tmp_path / "servers"
    home.mkdir()
    started = Servers(home)
    try:
        yield started
    finally:
        for server in started.started:
            if server.process is not None and server.process.poll() is not None:
                print(f"{server.name} had already exited; its log:\n{server.tail()}")
        started.stop_all()


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium under Playwright, headless; skipped (or failed in CI) when missing."""
    reason = why_no_browser()
    if reason:
        if REQUIRE_BROWSER:
            pytest.fail(f"OKRKIT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=HEADLESS_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    """A browser page plus what it did that a test must check: dialogs and errors."""

    page: object
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(chromium, request) -> Iterator[Tab]:
    """A fresh page (own context, zh-CN) that records dialogs and errors.

    When the test fails, the page as it was is saved as screenshots/FAILED-<test>.png.
    """
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    record = Tab(page)

    def on_dialog(dialog):
        record.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda message: message.type == "error" and record.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    try:
        yield record
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"FAILED-{request.node.name}.png"
            with contextlib.suppress(Exception):
                page.screenshot(path=str(path), full_page=True)
                print(f"screenshot of the failure: {path}")
        context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves ``screenshots/<name>.png`` and prints where."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, **options) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), **options)
        print(f"screenshot: {path}")
        return path

    return take


# Draw a Chinese string and a private-use code point (which no font has) on a
# canvas: without a CJK font both come out as the same missing-glyph boxes.
_CJK_PROBE = """() => {
  const draw = (text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 120; canvas.height = 40;
    const ctx = canvas.getContext('2d');
    ctx.font = '24px sans-serif';
    ctx.fillText(text, 4, 30);
    return Array.from(ctx.getImageData(0, 0, 120, 40).data).join(',');
  };
  return draw('权重') !== draw('\\ue000\\ue001');
}"""


@pytest.fixture
def assert_chinese_renders():
    """``assert_chinese_renders(page)`` fails when Chinese comes out as boxes (no CJK font)."""

    def check(page) -> None:
        assert page.evaluate(_CJK_PROBE), (
            "Chromium draws Chinese as boxes here: install a CJK font "
            "(apt-get install fonts-noto-cjk)"
        )

    return check
