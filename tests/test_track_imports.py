"""okrkit.track stays a pure core: no plotting or widgets, and case loading stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "ipywidgets", "papermill", "nbformat")
MODULES = ["okrkit.track.store", "okrkit.track.checkin", "okrkit.track.pace",
           "okrkit.track.status", "okrkit.track.forecast", "okrkit.track.rollup",
           "okrkit.track.picture", "okrkit.track.io", "okrkit.track.tables",
           "okrkit.track.entry", "okrkit.track.trend"]  # fmt: skip


def _loaded(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip


@pytest.mark.parametrize("module", MODULES)
def test_track_module_imports_no_heavy_library(module):
    """Importing a track module loads neither matplotlib, ipywidgets nor papermill."""
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    assert _loaded(code) == ""


def test_checking_the_tracking_block_does_not_load_pandas():
    """Validating a case reads tracking: without importing pandas."""
    code = "import sys, okrkit.track.settings; print('pandas' in sys.modules)"
    assert _loaded(code) == "False"
