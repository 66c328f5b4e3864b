"""A pytest plugin for the workbook: nbval's notebook items are marked ``slow``.

Registered in pyproject.toml (``-p okrkit.workbook.pytest_plugin``) rather than
as a conftest.py in notebooks/, so the folder a trainer browses holds only
notebooks.
"""

import pytest


def pytest_collection_modifyitems(items):
    """Mark every item collected from a notebook as slow, like the papermill runs."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
