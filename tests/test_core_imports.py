"""The pure core stays free of plotting, widgets and notebook machinery."""

import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "ipywidgets", "papermill", "nbformat", "openpyxl")
CORE = [
    "okrkit",
    "okrkit.model",
    "okrkit.cases",
    "okrkit.readers",
    "okrkit.errors",
    "okrkit.tables",
]
CORE += [f"okrkit.{name}" for name in ("weights", "scoring", "decompose", "align", "lint")]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_heavy_library(module):
    """Importing a core module loads neither matplotlib, ipywidgets nor papermill."""
    code = (
        "import importlib, importlib.util, sys\n"
        f"if importlib.util.find_spec({module!r}) is None: sys.exit(0)\n"
        f"importlib.import_module({module!r})\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_import_okrkit_does_not_load_pandas():
    """The package's top level stays light: pandas loads on first table, not at import."""
    code = "import sys, okrkit; print('pandas' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
