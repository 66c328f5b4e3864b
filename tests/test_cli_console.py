"""The command line on a console or file whose code page lacks some characters (Chinese Windows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_output_encoded_as_gbk_has_no_traceback():
    """decompose prints its ✓ marks into a GBK stream (cp936, output redirected) without raising."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    result = subprocess.run(
        [sys.executable, "-m", "okrkit.cli", "decompose", str(ROOT / "cases" / "a-company"),
         "--team", "rep-zhang"],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert (result.returncode, b"Traceback" in result.stderr) == (0, False)
    assert "反向漏斗".encode("gbk") in result.stdout
