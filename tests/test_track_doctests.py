"""The examples in okrkit.track's docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["okrkit.track.settings", "okrkit.track.checkin", "okrkit.track.pace"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name, monkeypatch):
    """Every >>> example in the module gives the output its docstring shows."""
    monkeypatch.chdir(ROOT)  # the examples load cases/a-company relative to the repo
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
