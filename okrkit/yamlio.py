"""Reading and writing the human-edited YAML files, keeping line numbers.

ruamel.yaml's round-trip mode remembers where every key and item stood in the
file, so a problem can be reported as ``teams/sales.yaml:42``, and saving can
keep a trainer's comments and layout.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrkit.errors import OkrkitError, ProblemLog
from okrkit.textfile import TextFileError, read_text

# Lists and mappings nested deeper than this are no case file; ruamel.yaml gives up near 1,000.
MAX_NESTING = 100


if TYPE_CHECKING:
    from ruamel.yaml import YAML


def _yaml() -> YAML:
    # Imported here, not at module import: a report's kernel imports okrkit (and so
    # this module) to show a case it never parses; ruamel.yaml is 40 ms of that.
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.preserve_quotes = True  # a saved file keeps the quotes its author wrote
    yaml.width = 4096  # never fold a long Chinese KR text across lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class _Lines:
    """Where a fast-loaded mapping's keys or a list's items stand: ruamel's ``.lc``, the part we use."""

    __slots__ = ("_at",)

    def __init__(self, at: dict) -> None:
        self._at = at

    def key(self, key) -> tuple[int, int]:
        return self._at[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._at[index]


class LineDict(dict):
    """A mapping read by the fast loader, with its keys' lines (``.lc.key``)."""

    __slots__ = ("lc",)


class LineList(list):
    """A list read by the fast loader, with its items' lines (``.lc.item``)."""

    __slots__ = ("lc",)


def line_dict(items: dict, at: dict) -> LineDict:
    """A :class:`LineDict` of ``items`` whose keys stand at ``at`` (``{key: (line, column)}``)."""
    out = LineDict(items)
    out.lc = _Lines(at)
    return out


def line_list(items: list, at: dict) -> LineList:
    """A :class:`LineList` of ``items`` whose items stand at ``at`` (``{index: (line, column)}``)."""
    out = LineList(items)
    out.lc = _Lines(at)
    return out


def plain_reduce(obj):
    """A pickler's ``reducer_override``: ruamel's round-trip nodes pickled as plain values.

    A mapping or list keeps its lines (as :class:`LineDict` / :class:`LineList`),
    a number or string becomes the built-in one. Unpickling then never imports
    ruamel.yaml (a report kernel's case snapshot holds case.yaml's raw blocks).
    Anything else of ruamel's (a tagged scalar, a set) is pickled as it is.
    """
    if not type(obj).__module__.startswith("ruamel."):
        return NotImplemented
    lines = getattr(getattr(obj, "lc", None), "data", None) or {}
    if isinstance(obj, dict):
        return line_dict, (dict(obj), {k: tuple(v[:2]) for k, v in lines.items()})
    if isinstance(obj, list):
        return line_list, (list(obj), {k: tuple(v[:2]) for k, v in lines.items()})
    for base in (bool, int, float, str):
        if isinstance(obj, base):
            return base, (base(obj),)
    return NotImplemented


class _Duplicate(Exception):
    """A key twice in one mapping: the round-trip loader says where, so it reads the file."""


@cache
def _fast_loader() -> type | None:
    """PyYAML's C (libyaml) safe loader with YAML 1.2 scalars and line marks; None without libyaml.

    PyYAML resolves YAML 1.1 (``no`` is False, ``010`` is 8, ``1:30`` is 90);
    ruamel.yaml, which writes and round-trips the case files, reads YAML 1.2. So
    the implicit resolvers here are ruamel's own 1.2 ones, and integers are
    built as ruamel builds them: what is read fast is what is read slowly (a
    test compares both on every shipped file and on the scalars that differ
    between 1.1 and 1.2).
    """
    try:
        import yaml
        from yaml import CSafeLoader
    except ImportError:
        return None
    from ruamel.yaml.resolver import implicit_resolvers

    class FastLoader(CSafeLoader):
        pass

    FastLoader.yaml_implicit_resolvers = {}  # PyYAML's 1.1 ones out; ruamel's 1.2 ones in

    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:  # all of them: a tag PyYAML cannot build (=) refuses the file
            FastLoader.add_implicit_resolver(tag, regexp, first)

    text_tag = "tag:yaml.org,2002:str"
    scalar = yaml.ScalarNode

    def build(loader, node):
        # Most of a case file is text: taken as it stands, past PyYAML's generic path.
        if node.tag == text_tag and type(node) is scalar:
            return node.value
        return loader.construct_object(node, deep=True)

    def mapping(loader, node):
        loader.flatten_mapping(node)
        out, at = LineDict(), {}
        for key_node, value_node in node.value:
            key = build(loader, key_node)
            if key in at:
                raise _Duplicate(key)
            at[key] = (key_node.start_mark.line, key_node.start_mark.column)
            out[key] = build(loader, value_node)
        out.lc = _Lines(at)
        return out

    def sequence(loader, node):
        out = LineList(build(loader, child) for child in node.value)
        out.lc = _Lines(
            {i: (c.start_mark.line, c.start_mark.column) for i, c in enumerate(node.value)}
        )
        return out

    def integer(loader, node):  # YAML 1.2 as ruamel reads it: 010 is ten, 0o10 is eight
        text = loader.construct_scalar(node).replace("_", "")
        sign = -1 if text[:1] == "-" else 1
        digits = text.lstrip("+-")
        for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)

    FastLoader.add_constructor("tag:yaml.org,2002:map", mapping)
    FastLoader.add_constructor("tag:yaml.org,2002:seq", sequence)
    FastLoader.add_constructor("tag:yaml.org,2002:int", integer)
    return FastLoader


def fast_load(text: str) -> Any:
    """Parse ``text`` with the fast read-only loader (:func:`_fast_loader`).

    Raises on anything it does not take exactly as the round-trip loader
    would (a YAML error, a duplicate key, an unknown tag, deep nesting), and
    ``RuntimeError`` without libyaml: the caller then reads with ruamel.
    """
    import yaml

    loader = _fast_loader()
    if loader is None:
        raise RuntimeError("PyYAML without libyaml")
    return yaml.load(text, Loader=loader)  # a safe loader, scalars as ruamel's


def read_yaml(
    path: Path,
    log: ProblemLog,
    *,
    what: str = "a YAML mapping",
    what_zh: str | None = None,
    encoding: str | None = None,
    encodings: dict | None = None,
    fast: bool = False,
) -> Any:
    """Parse ``path``; on any failure record a located problem and return None.

    ``what`` says what the file should hold, ``what_zh`` the same in Chinese
    (left out, the Chinese message shows ``what`` as written). The bytes go
    through :func:`okrkit.textfile.read_text`: UTF-8, UTF-8 with a BOM and GBK
    are read (``encoding`` declares one); ``encodings``, when given, receives
    ``{path: encoding used}`` ("utf-8", "utf-8-sig" or "gb18030") so a command
    can say which encoding was used.

    ``fast``: for a file only read, never saved: parse it with :func:`fast_load`
    (libyaml, ~10x faster) into mappings and lists that still know their lines;
    a file it does not take is read by ruamel as usual, so every error is the
    round-trip loader's, located the same way.
    """
    if what_zh is None and what == "a YAML mapping":
        what_zh = "YAML 映射（键: 值）"
    try:
        decoded = read_text(path, encoding=encoding)
    except TextFileError as exc:
        problem = exc.problem
        if problem.message == "file not found":
            problem = dataclasses.replace(problem, expected=what, expected_zh=what_zh)
        log.problems.append(problem)
        return None
    if encodings is not None:
        encodings[Path(path)] = decoded.encoding
    raw = decoded.text
    if not raw.strip():
        log.add(path, "", "the file is empty", expected=what, zh="文件是空的", expected_zh=what_zh)
        return None
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    data = ...
    if fast:
        try:
            data = fast_load(raw)
        except Exception:  # anything unusual: ruamel reads it and says where
            data = ...
    try:
        if data is ...:
            data = _yaml().load(raw)
    except RecursionError:
        # ruamel.yaml parses nested blocks recursively; thousands of [ or levels exhaust the stack.
        log.add(
            path,
            "",
            "nesting too deep to read",
            line=_deepest_line(raw),
            expected=f"at most {MAX_NESTING} levels of lists and mappings inside each other",
            zh="嵌套层数太多，无法读取",
            expected_zh=f"列表和映射相互嵌套不超过 {MAX_NESTING} 层",
        )
        return None
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


def load_round_trip(path: Path, *, encoding: str | None = None) -> Any:
    """Load a file keeping comments and layout, for editing in place.

    The text is read like :func:`read_yaml` (UTF-8, UTF-8 with a BOM or GBK;
    :class:`~okrkit.textfile.TextFileError` when it cannot be); saving writes
    UTF-8, so a GBK file edited in okrkit becomes UTF-8.
    """
    return _yaml().load(read_text(path, encoding=encoding).text)


def _deepest_line(text: str) -> int | None:
    """The first line nested deeper than MAX_NESTING (brackets or indentation), to locate the error."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        for char in line:
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            if depth > MAX_NESTING or indent > 2 * MAX_NESTING:
                return number
    return None


def write_atomically(
    path: Path, content: str, *, keep_previous: bool = True, expected_hash: str | None = None
) -> Path | None:
    """Write ``content`` so a crash never leaves a half-written file.

    The text goes to a temporary file in the same folder, then replaces the
    target in one rename, under an OS lock beside the target. The previous
    version, if any, is kept as ``<name>.bak`` (written the same way); its
    path is returned. With ``expected_hash`` (from :func:`file_hash`), the file
    must still be the one the editor loaded, or :class:`StaleFileError` is
    raised and nothing is written. See :func:`replace_file`.
    """
    written = replace_file(
        path, content.encode("utf-8"), keep_previous=keep_previous, expected_hash=expected_hash
    )
    return written.backup


# -- saving without losing anyone's edits
#
# An editor (a widget, the Excel import) remembers the sha256 of the bytes it
# loaded. A save takes an OS lock beside the target, checks the file still has
# that hash, and only then replaces it, so two people saving the same team
# cannot overwrite each other: the second is told, and nothing of theirs or
# anyone else's is lost. Every writer of a file goes through the same lock, so
# check and replace are one step for every okrkit process on the machine
# (and on a shared folder whose file system honours flock).

NO_FILE = "no-file"  # what file_hash says of a path with no file (a team not saved yet)
LOCK_TIMEOUT = 10.0  # seconds to wait for another save of the same file to finish


def content_hash(data: bytes) -> str:
    """The sha256 of ``data``, in hex: what an editor remembers of the file it loaded."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """The sha256 of the file's bytes now, or :data:`NO_FILE` when there is no file."""
    try:
        return content_hash(Path(path).read_bytes())
    except FileNotFoundError:
        return NO_FILE


def _changed_at(path: Path) -> str | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    except OSError:
        return None


class StaleFileError(OkrkitError):
    """The file was saved by someone else since it was loaded: nothing was written.

    ``path`` is the file, ``changed_at`` when it was last written (local time,
    None when it is gone).
    """

    @classmethod
    def of(cls, path: Path) -> StaleFileError:
        """The error for ``path`` as it is now (its modification time, or gone)."""
        return cls(path, _changed_at(Path(path)))

    def __init__(self, path: Path, changed_at: str | None):
        self.path = Path(path)
        self.changed_at = changed_at
        todo_en = (
            "nothing was saved. Reload it to see that version (your edits are dropped), "
            "or save yours under another name and merge the two by hand."
        )
        todo_zh = "本次没有保存任何内容。请重新载入查看那个版本（你的修改会被丢弃），或把你的版本另存为新文件，再手工合并。"
        if changed_at is None:
            en = f"{self.path} was deleted since you loaded it: {todo_en}"
            zh = f"{self.path} 在你载入之后已被删除：{todo_zh}"
        else:
            en = f"{self.path} was changed by someone else since you loaded it (at {changed_at}): {todo_en}"
            zh = f"{self.path} 在你载入之后已被别人修改（{changed_at}）：{todo_zh}"
        super().__init__(en, zh=zh)


class SaveBusyError(OkrkitError):
    """Another program held the file's save lock for too long: nothing was written."""

    def __init__(self, path: Path, lock: Path, waited: float):
        self.path = Path(path)
        super().__init__(
            f"{self.path} is being saved by another program (lock {lock} held for more than "
            f"{waited:g} s): nothing was saved; try again in a moment",
            zh=f"{self.path} 正被另一个程序保存（锁文件 {lock} 已被占用超过 {waited:g} 秒）："
            "本次没有保存任何内容，请稍后再试",
        )


class CannotWriteError(OkrkitError):
    """The target's folder cannot take a new file (permission, read-only, not a folder)."""

    def __init__(self, path: Path, exc: OSError):
        self.path = Path(path)
        import errno

        en, zh = {
            errno.EACCES: ("permission denied", "没有写入权限"),
            errno.EPERM: ("permission denied", "没有写入权限"),
            errno.EROFS: ("read-only file system", "只读文件系统"),
            errno.ENOENT: ("the folder does not take new files", "该文件夹不能新建文件"),
            errno.ENOTDIR: ("a file stands where a folder should be", "应为文件夹之处是一个文件"),
            errno.EEXIST: ("a file stands where a folder should be", "应为文件夹之处是一个文件"),
            errno.EISDIR: ("it is a folder", "这是一个文件夹"),
        }.get(exc.errno, (exc.strerror or str(exc), exc.strerror or str(exc)))
        super().__init__(
            f"{self.path}: cannot write the file: {en} (expected a file in a folder "
            "that can be written): nothing was written",
            zh=f"{self.path}：无法写入文件：{zh}（应为可写文件夹中的文件）：本次没有写入任何内容",
        )


def check_writable(path: Path) -> Path:
    """Make sure a file can be created beside ``path`` (its folder is created if missing).

    Called for every output of a command before the first is written, and by
    :func:`replace_file` before it waits for the lock, so an unwritable place is
    said as such at once instead of being taken for a lock another program holds.
    """
    path = Path(path)
    if path.is_dir():
        raise CannotWriteError(path, IsADirectoryError(21, "Is a directory"))
    # the name of a save's temp file, so a probe left by a kill is removed by the next save
    probe = path.with_name(f".{path.name}~{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink(missing_ok=True)  # a save holding the lock may have swept it already
    except OSError as exc:
        raise CannotWriteError(path, exc) from None
    return path


@dataclass(frozen=True)
class Written:
    """What a save did: the file, its backup (None for a new file) and the new bytes' hash."""

    path: Path
    backup: Path | None
    sha256: str


def lock_path(path: Path) -> Path:
    """The lock file beside ``path`` (``teams/.sales.yaml.lock``) that every save of it takes.

    It is left in place after a save, empty: on Unix, deleting a lock file on
    release lets a waiter that already opened it lock a file with no name
    while a newcomer creates and locks a fresh one, two writers at once.
    (filelock removes it on Windows only, where an open file cannot be deleted.)
    """
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def _temp_names(path: Path) -> re.Pattern:
    # ours: .sales.yaml~1a2b3c4d.tmp; okrkit before the lock: .sales.yaml.k3j_x9q2.tmp.
    # The fixed shapes never match another target's temp files (sales.yaml.x gives
    # .sales.yaml.x~….tmp, which has a dot and a tilde where ours has hex digits).
    name = re.escape(path.name)
    return re.compile(rf"\.{name}(~[0-9a-f]{{8}}|\.[a-z0-9_]{{8}})\.tmp")


def leftover_temp_files(path: Path) -> list[Path]:
    """Temporary files of ``path``'s saves still in its folder (a killed save leaves one)."""
    path = Path(path)
    pattern = _temp_names(path)
    try:
        return sorted(p for p in path.parent.iterdir() if pattern.fullmatch(p.name))
    except FileNotFoundError:
        return []


def replace_file(
    path: Path,
    data: bytes,
    *,
    keep_previous: bool = True,
    expected_hash: str | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Written:
    """Replace ``path`` with ``data`` atomically, under the file's lock.

    ``expected_hash`` (a :func:`file_hash` value, :data:`NO_FILE` for "must
    not exist yet") is checked under the lock: a mismatch raises
    :class:`StaleFileError` and writes nothing. The previous bytes become
    ``<name>.bak`` by the same temp-file-and-rename, so a backup is never half
    copied. Both keep the file's permission bits. No temporary file survives a
    failed save; one left by a killed save is removed by the next save.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    lock = lock_path(path)
    check_writable(path)
    try:
        with FileLock(lock, timeout=lock_timeout):
            return _replace_locked(path, data, keep_previous, expected_hash)
    except Timeout:
        raise SaveBusyError(path, lock, lock_timeout) from None


def _replace_locked(
    path: Path, data: bytes, keep_previous: bool, expected_hash: str | None
) -> Written:
    # Every save of this file holds the lock while its temp file exists, so a temp
    # file seen now belongs to a save that was killed: it is safe to remove.
    for orphan in leftover_temp_files(path):
        orphan.unlink(missing_ok=True)
    try:
        current = path.read_bytes()
        status = path.stat()
    except FileNotFoundError:
        current, status = None, None
    if expected_hash is not None:
        now = content_hash(current) if current is not None else NO_FILE
        if now != expected_hash:
            raise StaleFileError.of(path)
    mode = status.st_mode & 0o7777 if status is not None else None
    backup = None
    if keep_previous and current is not None:
        backup = path.with_name(path.name + ".bak")
        # the verified bytes themselves, with their date, so the .bak is exactly what was replaced
        _write_then_rename(path, backup, current, mode, times=status)
    _write_then_rename(path, path, data, mode)
    return Written(path, backup, content_hash(data))


def _write_then_rename(
    owner: Path, target: Path, data: bytes, mode: int | None, times: os.stat_result | None = None
) -> None:
    """Write ``data`` to a fresh temp file named after ``owner``, fsync, rename onto ``target``."""
    temp = owner.with_name(f".{owner.name}~{secrets.token_hex(4)}.tmp")
    # 0o666 minus the umask, as a plain new file would get; an existing file's bits win below
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if times is not None:
            os.utime(temp, ns=(times.st_atime_ns, times.st_mtime_ns))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)
