"""Shared fixtures: the shipped cases and throw-away copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"


@pytest.fixture
def worked_case_dir(tmp_path: Path) -> Path:
    """A writable copy of the worked A公司 case."""
    target = tmp_path / "a-company"
    shutil.copytree(CASES / "a-company", target)
    return target


@pytest.fixture
def deck_case_dir(tmp_path: Path) -> Path:
    """A writable copy of the deck's verbatim A公司 case."""
    target = tmp_path / "a-company-deck"
    shutil.copytree(CASES / "a-company-deck", target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a case file in place; fail loudly if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
