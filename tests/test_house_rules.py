"""House rules that keep the test suite readable."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_has_a_one_line_docstring():
    """Each test function states its behaviour in a docstring."""
    missing = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
                "test_"
            ):
                if not ast.get_docstring(node):
                    missing.append(f"{path.relative_to(TESTS)}::{node.name}")
    assert missing == []
