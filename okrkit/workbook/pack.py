"""An offline room: a folder a trainer copies to a USB stick to install twenty laptops.

``okrkit workbook pack --platform win_amd64 --out DIR`` writes::

    DIR/wheels/           okrkit's wheel and a wheel of every dependency, for that platform
    DIR/requirements.txt  each wheel pinned with its sha256, so a damaged copy is refused
    DIR/install.bat       Windows: python -m venv .venv, then pip install from wheels/ only
    DIR/install.sh        Linux and macOS: the same
    DIR/start.bat / start.sh   JupyterLab at the first chapter
    DIR/workbook/         the chapters (notebooks/) and the cases (cases/)
    DIR/README.txt        what to do, in Chinese and English

Which packages a platform needs is resolved by ``uv pip compile
--python-platform``, because ``pip download --platform`` evaluates environment
markers for the machine it runs on: packing for Windows on Linux with pip alone
leaves out pywinpty, colorama and tzdata, and the laptops fail at start-up.
The pinned list is then fetched with ``pip download --only-binary=:all:`` so
that nothing must compile on a laptop without a compiler.
"""

from __future__ import annotations

import email.parser
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from okrkit.errors import OkrkitError


@dataclass(frozen=True)
class Platform:
    """A target of the wheelhouse: uv's name for it and pip's wheel platform tags."""

    name: str
    uv: str  # for `uv pip compile --python-platform`
    tags: tuple[str, ...]  # for `pip download --platform` (tried in turn)
    windows: bool = False


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform("win_amd64", "x86_64-pc-windows-msvc", ("win_amd64",), windows=True),
        Platform(
            "manylinux_x86_64",
            "x86_64-manylinux_2_28",
            ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
        ),
        Platform(
            "manylinux_aarch64",
            "aarch64-manylinux_2_28",
            ("manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"),
        ),
        Platform("macosx_arm64", "aarch64-apple-darwin", ("macosx_11_0_arm64",)),
        Platform("macosx_x86_64", "x86_64-apple-darwin", ("macosx_10_13_x86_64",)),
    )
}


class PackError(OkrkitError):
    """A wheelhouse could not be built; says which step and why."""


def platform(name: str) -> Platform:
    """The platform called ``name``, or an error listing the known ones."""
    try:
        return PLATFORMS[name]
    except KeyError:
        known = ", ".join(PLATFORMS)
        raise PackError(
            f"unknown platform {name!r} (expected one of: {known})",
            zh=f"不认识的平台 {name!r}（应为其中之一：{known}）",
        ) from None


def host_platform() -> str:
    """The preset that fits the machine running this code (for tests and a same-OS room)."""
    import platform as stdlib_platform

    machine = stdlib_platform.machine().lower()
    if sys.platform == "win32":
        return "win_amd64"
    if sys.platform == "darwin":
        return "macosx_arm64" if machine in ("arm64", "aarch64") else "macosx_x86_64"
    return "manylinux_aarch64" if machine in ("arm64", "aarch64") else "manylinux_x86_64"


def source_tree() -> Path:
    """The okrkit source folder (holding pyproject.toml) this package runs from."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").exists():
        raise PackError(
            "pack builds okrkit's wheel from its source folder, and this okrkit was installed"
            " without one: run it from a clone of the repository (python dev.py venv)",
            zh="打包需要从 okrkit 的源代码目录构建安装包，而当前的 okrkit 没有源代码目录："
            "请在代码仓库的克隆里运行（python dev.py venv）",
        )
    return root


def runtime_requirements(wheel: Path | None = None) -> list[str]:
    """okrkit's own dependencies (not the dev extras), as a wheel declares them.

    With ``wheel``: the Requires-Dist of that wheel, so the wheelhouse matches
    the okrkit it ships even when pyproject.toml changed after the local install.
    Without: the installed okrkit's metadata.
    """
    if wheel is None:
        declared = metadata.requires("okrkit") or []
    else:
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            message = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
        declared = message.get_all("Requires-Dist") or []
    return [r for r in declared if not re.search(r"\bextra\s*==", r)]


def uv_binary() -> str:
    """The uv program (dev.py installs it into .venv)."""
    try:
        import uv  # the PyPI package ships the binary

        return uv.find_uv_bin()
    except (ImportError, FileNotFoundError):
        found = shutil.which("uv")
        if found:
            return found
    raise PackError(
        "pack resolves each platform's packages with uv, which is not installed"
        " (pip install uv, or python dev.py venv)",
        zh="打包要用 uv 按平台解析依赖，但没有安装 uv（pip install uv，或 python dev.py venv）",
    )


def _step(argv: list[str], what: str, what_zh: str) -> str:
    """Run one packing step; a failure becomes a PackError with the tool's last lines."""
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        raise PackError(f"{what} failed:\n{tail}", zh=f"{what_zh}失败：\n{tail}")
    return result.stdout


def pinned_requirements(
    target: Platform, python_version: str, requirements: list[str] | None = None
) -> list[str]:
    """Every package the platform needs, pinned (``name==version``), markers resolved for it."""
    requirements = runtime_requirements() if requirements is None else requirements
    with tempfile.TemporaryDirectory() as folder:
        wanted = Path(folder) / "requirements.in"
        wanted.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        out = Path(folder) / "requirements.txt"
        _step(
            [
                uv_binary(),
                "pip",
                "compile",
                str(wanted),
                "--quiet",
                "--no-header",
                "--no-annotate",
                "--python-platform",
                target.uv,
                "--python-version",
                python_version,
                "-o",
                str(out),
            ],
            f"resolving the packages for {target.name}",
            f"按 {target.name} 解析依赖",
        )
        lines = out.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def download(pins: list[str], target: Platform, python_version: str, wheels: Path) -> None:
    """Fetch one binary wheel per pinned package for the platform into ``wheels``."""
    nodot = python_version.replace(".", "")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(pins) + "\n")
    try:
        platform_args = [arg for tag in target.tags for arg in ("--platform", tag)]
        _step(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", str(wheels), *platform_args,
             "--python-version", python_version, "--implementation", "cp",
             "--abi", f"cp{nodot}", "--abi", "abi3", "--abi", "none", "-r", handle.name],
            f"downloading the wheels for {target.name}",
            f"下载 {target.name} 的安装包",
        )  # fmt: skip
    finally:
        Path(handle.name).unlink(missing_ok=True)


def build_own_wheel(source: Path, wheels: Path) -> Path:
    """okrkit's own wheel (pure Python: one file serves every platform)."""
    before = set(wheels.glob("okrkit-*.whl"))
    _step(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
         str(wheels), str(source)],
        "building okrkit's wheel",
        "构建 okrkit 安装包",
    )  # fmt: skip
    built = sorted(set(wheels.glob("okrkit-*.whl")) - before) or sorted(wheels.glob("okrkit-*"))
    return built[-1]


_WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)-")


def lock_lines(wheels: Path) -> list[str]:
    """``name==version --hash=sha256:…`` for every wheel, for ``pip --require-hashes``.

    The hashes are of the files in the folder, so a stick copied badly (or a
    wheel swapped) is refused at install instead of failing later in class.
    """
    lines = []
    for wheel in sorted(wheels.glob("*.whl")):
        match = _WHEEL_NAME.match(wheel.name)
        if match is None:
            continue
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        name = match["name"].replace("_", "-").lower()
        lines.append(f"{name}=={match['version']} --hash=sha256:{digest}")
    return lines


# The wheels are built for one Python (cp3{minor}): the py launcher picks that version even
# when another python comes first on PATH; a python on PATH is used only if it is that
# version, else the window says so and stays open (pip would refuse every wheel later).
# No "!" in the check: cmd with delayed expansion would eat it.
INSTALL_BAT = """@echo off
rem Installs okrkit from wheels\\ with no network (okrkit workbook pack).
cd /d "%~dp0"
py -3.{minor} --version >nul 2>&1 && goto :launcher
python -c "import sys; sys.exit(0 if sys.version_info[:2] == (3, {minor}) else 1)" >nul 2>&1 || goto :wrongpython
python -m venv .venv || goto :fail
goto :install
:launcher
py -3.{minor} -m venv .venv || goto :fail
:install
.venv\\Scripts\\python -m pip install --no-index --find-links wheels --require-hashes -r requirements.txt || goto :fail
echo.
echo 安装完成。双击 start.bat 打开练习册。 / Installed. Double-click start.bat to open the workbook.
pause
exit /b 0
:wrongpython
echo.
echo 需要 Python 3.{minor}（安装包是为它准备的），但没有 py -3.{minor}，PATH 上的 python 也不是 3.{minor}。请安装 Python 3.{minor}（勾选 "Add python.exe to PATH"），再双击 install.bat。 / Python 3.{minor} is needed (the wheels are built for it), but there is no py -3.{minor} and the python on PATH is not 3.{minor}. Install Python 3.{minor} (tick "Add python.exe to PATH"), then double-click install.bat again.
echo PATH 上的 python / python on PATH:
python --version
pause
exit /b 1
:fail
echo 安装失败：请确认已安装 Python 3.{minor}。 / Install failed: check that Python 3.{minor} is installed.
pause
exit /b 1
"""

INSTALL_SH = """#!/bin/sh
# Installs okrkit from wheels/ with no network (okrkit workbook pack).
set -e
cd "$(dirname "$0")"
"${{PYTHON:-python3}}" -m venv .venv
.venv/bin/python -m pip install --no-index --find-links wheels --require-hashes -r requirements.txt
echo "安装完成。运行 ./start.sh 打开练习册。 / Installed. Run ./start.sh to open the workbook."
"""

# When JupyterLab cannot start (install.bat not run, a port taken), the window stays
# open with the error and what to do, instead of flashing shut.
START_BAT = """@echo off
cd /d "%~dp0workbook" || goto :fail
..\\.venv\\Scripts\\jupyter lab --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb || goto :fail
exit /b 0
:fail
echo.
echo 练习册没能打开：请先双击 install.bat 完成安装，并看上面的错误信息。 / The workbook did not open: double-click install.bat first, and read the error above.
pause
exit /b 1
"""

START_SH = """#!/bin/sh
cd "$(dirname "$0")/workbook"
exec ../.venv/bin/jupyter lab --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb "$@"
"""

README_TXT = """okrkit 离线安装包 / okrkit offline installer
平台 / platform: {platform}, Python {python}

中文：
1. 每台电脑先安装 Python {python}（Windows 安装时勾选 "Add python.exe to PATH"）。
2. 把整个文件夹复制到电脑上，Windows 双击 install.bat（Linux/macOS 运行 ./install.sh）。
   安装不需要网络；requirements.txt 里的校验值保证复制过程中文件没有损坏。
3. 双击 start.bat（或 ./start.sh）打开练习册，从 00-start-here 开始。

English:
1. Install Python {python} on each laptop (on Windows tick "Add python.exe to PATH").
2. Copy this whole folder to the laptop; on Windows double-click install.bat
   (on Linux/macOS run ./install.sh). No network is needed; the hashes in
   requirements.txt make sure no file was damaged in the copy.
3. Double-click start.bat (or ./start.sh) to open the workbook at 00-start-here.

{count} wheels, {megabytes:.0f} MB.
"""


def pack(out: str | Path, platform_name: str, python_version: str | None = None) -> Path:
    """Write the offline installer for ``platform_name`` into ``out``; return ``out``."""
    target = platform(platform_name)
    python_version = python_version or f"{sys.version_info.major}.{sys.version_info.minor}"
    if not re.fullmatch(r"3\.\d+", python_version):
        raise PackError(
            f"not a Python version: {python_version!r} (expected 3.11, 3.12 …)",
            zh=f"不是 Python 版本号：{python_version!r}（应为 3.11、3.12 …）",
        )
    oldest = oldest_python()
    if int(python_version.split(".")[1]) < oldest:
        # checked before any download: pip would resolve nothing for it, after minutes
        raise PackError(
            f"okrkit needs Python 3.{oldest} or newer, not {python_version} (give --python 3.{oldest} "
            "or newer, the version installed on the laptops)",
            zh=f"okrkit 需要 Python 3.{oldest} 或更新版本，不能是 {python_version}"
            f"（请用 --python 3.{oldest} 或更新版本，即笔记本上安装的版本）",
        )
    source = source_tree()
    out = Path(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    own = build_own_wheel(source, wheels)
    pins = pinned_requirements(target, python_version, runtime_requirements(own))
    download(pins, target, python_version, wheels)
    (out / "requirements.txt").write_text("\n".join(lock_lines(wheels)) + "\n", encoding="utf-8")
    _write_scripts(out, target, python_version)
    _copy_workbook(source, out / "workbook")
    write_readme(out, target, python_version, wheels)
    return out


def oldest_python() -> int:
    """The oldest Python 3 minor version okrkit installs on (pyproject's ``requires-python``)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        spec = metadata("okrkit")["Requires-Python"] or ""
    except PackageNotFoundError:  # run from a source tree that was never installed
        spec = ""
    found = re.search(r">=\s*3\.(\d+)", spec)
    return int(found[1]) if found else 11


def write_readme(out: Path, target: Platform, python_version: str, wheels: Path) -> Path:
    """README.txt in both languages, UTF-8 with a BOM.

    Notepad before Windows 10 1903 reads a text file without a BOM in the
    console's code page (GBK on a Chinese laptop) and shows the Chinese as
    mojibake; with the BOM every Notepad, and every other editor, reads UTF-8.
    (The .bat files stay BOM-less: cmd would run the BOM as part of the first line.)
    """
    total = sum(w.stat().st_size for w in wheels.glob("*.whl"))
    readme = README_TXT.format(
        platform=target.name,
        python=python_version,
        count=len(list(wheels.glob("*.whl"))),
        megabytes=total / 1e6,
    )
    path = out / "README.txt"
    path.write_text(readme, encoding="utf-8-sig")
    return path


def _write_scripts(out: Path, target: Platform, python_version: str) -> None:
    minor = python_version.split(".")[1]
    if target.windows:
        # cmd reads a .bat in the console's code page (GBK, 936, on Chinese Windows):
        # the file is UTF-8 and starts by switching the console to UTF-8 (65001), so
        # the Chinese lines show on Windows 10 and later; CRLF line ends, as cmd expects.
        for name, text in (("install.bat", INSTALL_BAT), ("start.bat", START_BAT)):
            body = text.format(minor=minor).replace("\n", "\r\n")
            (out / name).write_bytes(("@chcp 65001 >nul\r\n" + body).encode("utf-8"))
    else:
        for name, text in (("install.sh", INSTALL_SH), ("start.sh", START_SH)):
            path = out / name
            path.write_text(text.format(minor=minor), encoding="utf-8")
            path.chmod(0o755)


def _copy_workbook(source: Path, dest: Path) -> None:
    """The chapters and the cases, without outputs, checkpoints or backups."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "*.bak", "__pycache__", "*.sqlite*")
    for folder in ("notebooks", "cases"):
        shutil.copytree(source / folder, dest / folder, ignore=ignore, dirs_exist_ok=True)
