"""JupyterLab: the weights notebook runs, renders its widgets and responds to a slider."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import assert_chinese_renders

pytestmark = pytest.mark.browser


def _scratch_notebook(path: Path) -> None:
    source = (
        "import ipywidgets as w\n"
        "s = w.IntSlider(value=5, min=0, max=10, description='权重')\n"
        "l = w.Label(value='合计 5')\n"
        "s.observe(lambda c: setattr(l, 'value', f\"合计 {c['new']}\"), 'value')\n"
        "w.VBox([s, l])\n"
    )
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_lab_scratch(tmp_path, servers, tab, screenshot):
    """scratch"""
    root = tmp_path / "root"
    root.mkdir()
    _scratch_notebook(root / "scratch.ipynb")
    import time; t0=time.monotonic()
    base = servers.lab(root)
    print("server", time.monotonic()-t0)
    page = tab.page
    page.goto(f"{base}/lab/tree/scratch.ipynb")
    status = page.locator(".jp-StatusBar-TextItem", has_text="Idle")
    status.first.wait_for(timeout=60_000)
    print("idle", time.monotonic()-t0)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    handle = page.locator(".noUi-handle").first
    handle.wait_for(timeout=60_000)
    print("handle", time.monotonic()-t0)
    label = page.locator("div.widget-label").first
    assert label.inner_text() == "合计 5"
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('div.widget-label').innerText === '合计 6'")
    print("moved", time.monotonic()-t0)
    assert_chinese_renders(page)
    screenshot(page, "scratch-lab")
