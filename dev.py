"""Set-up and everyday tasks without `make`, on Windows, macOS and Linux.

    python dev.py demo      # one HTML report per team of cases/a-company, in reports/
    python dev.py test      # the whole test suite (what CI runs)
    python dev.py lab       # JupyterLab at the first chapter
    python dev.py slides --chapter 04   # JupyterLab presenting chapter 04 as slides
    python dev.py strip | nav | format | venv

A training room's Windows laptops have Python but not `make`, so this script is
the one place the steps live: the Makefile's targets call it, and they cannot
drift apart. It needs only the standard library of the Python that runs it; it
creates `.venv` beside itself on first use and re-installs only when
pyproject.toml changes (a hash of it is kept in `.venv/.installed`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("OKRKIT_VENV", ROOT / ".venv"))
DEFAULT_CASE = "cases/a-company"
DEFAULT_OUT = "reports"


def venv_bin(venv: Path, name: str, *, windows: bool = os.name == "nt") -> Path:
    """The path of an executable inside ``venv`` (``Scripts\\name.exe`` on Windows)."""
    if windows:
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


def requirements_hash(root: Path = ROOT) -> str:
    """What the installed environment was built from: a hash of pyproject.toml."""
    return hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()


def needs_install(venv: Path = VENV, root: Path = ROOT) -> bool:
    """True when .venv is missing or was installed from another pyproject.toml."""
    stamp = venv / ".installed"
    if not venv_bin(venv, "python").exists() or not stamp.exists():
        return True
    return stamp.read_text(encoding="utf-8").strip() != requirements_hash(root)


def run(*argv: str | Path) -> None:
    """Run one step, echoing it; stop with its exit code when it fails."""
    printable = " ".join(str(part) for part in argv)
    print(f"dev.py: {printable}", flush=True)
    code = subprocess.call([str(part) for part in argv], cwd=ROOT)
    if code != 0:
        raise SystemExit(code)


def ensure_venv() -> None:
    """Create or refresh .venv with the project and its dev dependencies.

    uv installs in seconds where pip takes a minute. --compile-bytecode: uv
    writes no .pyc by default, and where PYTHONDONTWRITEBYTECODE is set nothing
    ever does, so every process (each report kernel too) would compile pandas
    from source: import pandas 1.6 s instead of 0.45 s.
    """
    if not needs_install():
        return
    python = venv_bin(VENV, "python")
    if not python.exists():
        run(sys.executable, "-m", "venv", VENV)
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", "uv")
    run(venv_bin(VENV, "uv"), "pip", "install", "--quiet", "--compile-bytecode",
        "--python", python, "-e", ".[dev]")  # fmt: skip
    (VENV / ".installed").write_text(requirements_hash() + "\n", encoding="utf-8")


def default_actuals(case: str) -> str | None:
    """The review's actual results the case ships (its first actuals/*.yaml), if any."""
    found = sorted((ROOT / case).glob("actuals/*.yaml"))
    return str(found[0].relative_to(ROOT)) if found else None


def demo_argv(case: str, out: str, actuals: str | None = None) -> list[str]:
    """The `okrkit report` arguments of the main job (with the case's actuals, if it ships any)."""
    argv = ["report", case, "--out", out]
    actuals = actuals or default_actuals(case)
    if actuals:
        argv += ["--actuals", actuals]
    return argv


def lab_argv() -> list[str]:
    """JupyterLab's arguments: the repo as root, opened at the first chapter."""
    argv = ["lab", "--ServerApp.root_dir=.",
            "--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb"]  # fmt: skip
    # Jupyter refuses to run as root without saying so (CI and containers run as root).
    if hasattr(os, "getuid") and os.getuid() == 0:
        argv.append("--allow-root")
    return argv


def chapter_notebook(chapter: str, root: Path = ROOT) -> str:
    """The notebook of ``chapter`` ("04", or a stem such as "04-results-into-processes")."""
    number = chapter.split("-", 1)[0].zfill(2)
    found = sorted((root / "notebooks").glob(f"{number}-*.ipynb"))
    if not found:
        known = ", ".join(p.stem for p in sorted((root / "notebooks").glob("*.ipynb")))
        raise SystemExit(f"dev.py slides: no chapter {chapter!r} (chapters: {known})")
    return found[0].name


def slides_argv(chapter: str = "00", root: Path = ROOT) -> list[str]:
    """JupyterLab's arguments to present ``chapter``: the server opens at its RISE slide show.

    jupyterlab-rise serves /rise/<notebook> as a full-page slide show from the
    same server; /lab stays one click away for editing.
    """
    argv = lab_argv()
    url = f"--LabApp.default_url=/rise/notebooks/{chapter_notebook(chapter, root)}"
    return [url if part.startswith("--LabApp.default_url=") else part for part in argv]


def task_demo(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "okrkit"), *demo_argv(args.case, args.out, args.actuals))


def task_test(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "ruff"), "check", ".")
    run(venv_bin(VENV, "ruff"), "format", "--check", ".")
    run(venv_bin(VENV, "python"), "-m", "pytest", *args.extra)


def task_lab(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "jupyter"), *lab_argv(), *args.extra)


def task_slides(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "jupyter"), *slides_argv(args.chapter), *args.extra)


def task_strip(args: argparse.Namespace) -> None:
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run(venv_bin(VENV, "python"), "-m", "okrkit.workbook.clean", *notebooks)


def task_nav(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "python"), "scripts/make_nav.py")


def task_format(args: argparse.Namespace) -> None:
    run(venv_bin(VENV, "ruff"), "check", "--fix", ".")
    run(venv_bin(VENV, "ruff"), "format", ".")


def task_venv(args: argparse.Namespace) -> None:
    """Nothing more: ensure_venv already ran."""


TASKS = {
    "demo": (task_demo, "one HTML report per team of a case, and its index"),
    "test": (task_test, "ruff, then the whole pytest suite (extra arguments go to pytest)"),
    "lab": (task_lab, "JupyterLab at notebooks/00-start-here.ipynb"),
    "slides": (task_slides, "JupyterLab presenting a chapter as slides (--chapter 04; RISE)"),
    "strip": (task_strip, "remove notebook outputs before committing"),
    "nav": (task_nav, "rewrite each chapter's generated header and links"),
    "format": (task_format, "fix style with ruff"),
    "venv": (task_venv, "create or refresh .venv only"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python dev.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="task", required=True, metavar="TASK")
    for name, (_, help_text) in TASKS.items():
        task = sub.add_parser(name, help=help_text)
        if name == "demo":
            task.add_argument("--case", default=DEFAULT_CASE, help=f"case folder ({DEFAULT_CASE})")
            task.add_argument("--out", default=DEFAULT_OUT, help=f"output folder ({DEFAULT_OUT})")
            task.add_argument(
                "--actuals",
                help="actual results to score (default: the case's first actuals/*.yaml)",
            )
        if name == "slides":
            task.add_argument("--chapter", default="00", help="chapter to present (00 … 11)")
    return parser


# Tasks that pass any further arguments on (to pytest, to JupyterLab).
PASS_THROUGH = ("test", "lab", "slides")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # parse_known_args, not REMAINDER: `lab --no-browser` must reach JupyterLab
    # even though it looks like an option of this script.
    args, extra = parser.parse_known_args(argv)
    if extra and args.task not in PASS_THROUGH:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    ensure_venv()
    TASKS[args.task][0](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
