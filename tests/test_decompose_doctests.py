"""The examples in the decomposition modules' docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "okrkit.funnel",
    "okrkit.split",
    "okrkit.decompose",
    "okrkit.align",
    "okrkit.sensitivity",
    "okrkit.explain",
    "okrkit.charts.funnel",
    "okrkit.widgets.funnel",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name, monkeypatch):
    """Every >>> example in the module gives the output its docstring shows."""
    monkeypatch.chdir(ROOT)  # the examples load cases/a-company relative to the repo
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
