"""The examples in the workbook modules' docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "okrkit.story",
    "okrkit.workbook.slides",
    "okrkit.workbook.editions",
    "okrkit.workbook.handouts",
    "okrkit.workbook.clean",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name, monkeypatch):
    """Every >>> example in the module gives the output its docstring shows."""
    monkeypatch.chdir(ROOT)  # the examples read notebooks/ and cases/ relative to the repo
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
