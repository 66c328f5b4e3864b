"""nbval collects the notebooks here as tests: mark them slow, like the papermill runs."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
