"""Reading and writing the human-edited YAML files, keeping line numbers.

ruamel.yaml's round-trip mode remembers where every key and item stood in the
file, so a problem can be reported as ``teams/sales.yaml:42``, and saving can
keep a trainer's comments and layout.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from okrkit.errors import ProblemLog


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.preserve_quotes = True  # a saved file keeps the quotes its author wrote
    yaml.width = 4096  # never fold a long Chinese KR text across lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_yaml(
    path: Path, log: ProblemLog, *, what: str = "a YAML mapping", what_zh: str | None = None
) -> Any:
    """Parse ``path``; on any failure record a located problem and return None.

    ``what`` says what the file should hold, ``what_zh`` the same in Chinese
    (left out, the Chinese message shows ``what`` as written).
    """
    if what_zh is None and what == "a YAML mapping":
        what_zh = "YAML 映射（键: 值）"
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        log.add(path, "", "file not found", expected=what, zh="找不到文件", expected_zh=what_zh)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.add(
            path,
            "",
            f"cannot read the file: {exc}",
            expected="a UTF-8 text file",
            zh=f"无法读取文件：{exc}",
            expected_zh="UTF-8 编码的文本文件",
        )
        return None
    if not raw.strip():
        log.add(path, "", "the file is empty", expected=what, zh="文件是空的", expected_zh=what_zh)
        return None
    try:
        data = _yaml().load(raw)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        log.add(
            path,
            "",
            f"YAML syntax error: {exc.problem or exc.context}",
            line=line,
            expected="valid YAML (check indentation, colons and quotes)",
            zh=f"YAML 语法错误：{exc.problem or exc.context}",
            expected_zh="合法的 YAML：请检查缩进、冒号和引号",
        )
        return None
    except YAMLError as exc:
        log.add(
            path,
            "",
            f"YAML error: {exc}",
            expected="valid YAML",
            zh=f"YAML 错误：{exc}",
            expected_zh="合法的 YAML",
        )
        return None
    if data is None:
        log.add(
            path,
            "",
            "the file holds no data",
            expected=what,
            zh="文件里没有数据",
            expected_zh=what_zh,
        )
    return data


@dataclass(frozen=True)
class Where:
    """A place in a parsed file: the file, the location path and the node."""

    file: Path
    path: str
    node: Any
    line: int | None = None

    def at(self, key: str | int) -> Where:
        """The place of ``key`` (a mapping key or a list index) below this one."""
        node = self.node
        line = self.line
        try:
            if isinstance(key, int):
                line = node.lc.item(key)[0] + 1
            else:
                line = node.lc.key(key)[0] + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            pass
        try:
            child = node[key]
        except (KeyError, IndexError, TypeError):
            child = None
        if isinstance(key, int):
            path = f"{self.path}[{key}]"
        else:
            path = f"{self.path}.{key}" if self.path else str(key)
        return Where(self.file, path, child, line)

    def problem(
        self, log: ProblemLog, message: str, *, found=None, expected=None, zh=None, expected_zh=None
    ) -> None:
        """Record a problem at this place (``zh``/``expected_zh``: the Chinese texts)."""
        log.add(
            self.file,
            self.path,
            message,
            line=self.line,
            found=found,
            expected=expected,
            zh=zh,
            expected_zh=expected_zh,
        )


def dump_yaml(data: Any) -> str:
    """Render data (plain or round-trip) as YAML text."""
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def load_round_trip(path: Path) -> Any:
    """Load a file keeping comments and layout, for editing in place."""
    return _yaml().load(Path(path).read_text(encoding="utf-8"))


def write_atomically(path: Path, content: str, *, keep_previous: bool = True) -> Path | None:
    """Write ``content`` so a crash never leaves a half-written file.

    The text goes to a temporary file in the same folder, then replaces the
    target in one rename. The previous version, if any, is kept as
    ``<name>.bak``; its path is returned.
    """
    path = Path(path)
    backup = None
    if keep_previous and path.exists():
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return backup
