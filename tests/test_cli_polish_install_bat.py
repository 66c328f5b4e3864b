"""install.bat prefers the py launcher and stops, in zh and en, on a python of the wrong version."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from okrkit.workbook import pack


def _lines(tmp_path, version: str = "3.11") -> list[str]:
    pack._write_scripts(tmp_path, pack.PLATFORMS["win_amd64"], version)
    return (tmp_path / "install.bat").read_bytes().decode("utf-8").split("\r\n")


def _check_code(lines: list[str]) -> str:
    """The Python code install.bat runs to check the version of the python on PATH."""
    line = next(line for line in lines if line.startswith("python -c "))
    return re.match(r'python -c "([^"]+)"', line)[1]


def test_the_py_launcher_is_tried_before_python_on_path(tmp_path):
    """py -3.11 is asked for first; the python on PATH only when the launcher lacks 3.11."""
    lines = _lines(tmp_path)
    launcher = lines.index("py -3.11 --version >nul 2>&1 && goto :launcher")
    assert launcher < next(i for i, line in enumerate(lines) if line.startswith("python "))


def test_python_on_path_is_version_checked_before_the_venv(tmp_path):
    """The check on the python on PATH goes to :wrongpython, before python -m venv runs."""
    lines = _lines(tmp_path)
    check = next(i for i, line in enumerate(lines) if line.startswith("python -c "))
    assert lines[check].endswith("|| goto :wrongpython")
    assert check < lines.index("python -m venv .venv || goto :fail")


@pytest.mark.parametrize(
    "minor, code", [(sys.version_info.minor, 0), (sys.version_info.minor + 1, 1)]
)
def test_the_version_check_passes_only_the_wheels_python(tmp_path, minor, code):
    """Run by this Python, the check exits 0 for a pack of its own version and 1 for another."""
    check = _check_code(_lines(tmp_path, f"3.{minor}"))
    assert subprocess.run([sys.executable, "-c", check], check=False).returncode == code


def test_the_version_check_has_no_exclamation_mark(tmp_path):
    """No "!" in the check: cmd with delayed expansion would remove it."""
    assert "!" not in _check_code(_lines(tmp_path))


def test_a_wrong_python_gets_a_bilingual_message_then_a_pause(tmp_path):
    """:wrongpython says in zh and en which Python is needed, then pauses and exits 1."""
    lines = _lines(tmp_path)
    after = lines[lines.index(":wrongpython") :]
    message = next(line for line in after if line.startswith("echo ") and "3.11" in line)
    assert "需要 Python 3.11" in message and "Python 3.11 is needed" in message
    assert after.index("pause") > after.index(message)
    assert after[after.index("pause") + 1] == "exit /b 1"
