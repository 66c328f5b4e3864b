"""Every workbook notebook runs top to bottom, in Chinese and in English."""

from pathlib import Path

import pytest

from okrkit.workbook.run import chinese_in_outputs, run_notebook

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, lang):
    """The notebook executes with LANG injected; only cells tagged raises-exception fail."""
    result = run_notebook(path, lang)
    injected = [c for c in result.notebook.cells if "injected-parameters" in c.metadata.tags]
    assert injected and f'LANG = "{lang}"' in injected[0].source
    leaks = chinese_in_outputs(result.notebook)
    if lang == "en":
        assert leaks == [], "Chinese in an English run"
    else:
        assert leaks, "a Chinese run shows Chinese"
