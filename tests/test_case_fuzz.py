"""Random edits to a valid case either still load or raise the located error."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit import CaseError, load_case
from tests.conftest import CASES

SOURCE = CASES / "a-company"
# Python's names for what ruamel.yaml parsed, and codec messages: never for a trainer's eyes.
INTERNAL_NAMES = re.compile(
    r"Commented\w+|NoneType|datetime\.|Scalar(Float|String|Int|Boolean)|(found|发现) (str|int|float|bool|list|dict)\b"
)
FILES = ["case.yaml", *(f"teams/{p.name}" for p in sorted((SOURCE / "teams").glob("*.yaml")))]
VALUES = st.one_of(
    st.sampled_from(
        [
            "15%",
            "十五%",
            "0.15",
            "1",
            "-3",
            "101",
            "null",
            "[]",
            "{}",
            "~",
            "'",
            "O9",
            "KR1.1",
            "at_least",
            "sideways",
            "position",
            "  ",
            "１５％",
            "[1, 2",
            "{zh: 好}",
            "true",
        ]
    ),
    st.integers(-200, 200).map(str),
    st.text(min_size=0, max_size=12),
)


def _mutate(text: str, line_index: int, action: str, value: str) -> str:
    lines = text.splitlines()
    index = line_index % len(lines)
    line = lines[index]
    if action == "replace_value" and ":" in line:
        key = line.split(":", 1)[0]
        lines[index] = f"{key}: {value}"
    elif action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, line)
    else:
        lines.insert(index, value)
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(FILES),
    line_index=st.integers(0, 500),
    action=st.sampled_from(["replace_value", "delete", "duplicate", "insert"]),
    value=VALUES,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_random_edit_loads_or_raises_a_located_case_error(file, line_index, action, value, codec):
    """An edited case, saved as UTF-8, UTF-8 with BOM or GB18030, loads or raises located problems.

    Nothing else escapes, and no message shows an internal type name.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "case"
        shutil.copytree(SOURCE, folder)
        target = folder / file
        edited = _mutate(target.read_text(encoding="utf-8"), line_index, action, value)
        target.write_bytes(edited.encode(codec, errors="replace"))
        try:
            load_case(folder)
        except CaseError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file.startswith(str(folder)) and problem.message
                for lang in ("en", "zh"):
                    assert not INTERNAL_NAMES.search(problem.render(lang)), problem.render(lang)
