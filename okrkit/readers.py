"""How one field of a hand-edited YAML file is read, or located when it cannot be.

Each reader takes the place (:class:`~okrkit.yamlio.Where`) and the problem
log; it returns the value, or records a located problem in both languages and
returns a blank. Case files, funnel and split blocks and other sections all use
these, so the same mistake reads the same wherever it is made.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime

from okrkit.errors import ProblemLog
from okrkit.model import Text
from okrkit.numbers import parse_percent, parse_target
from okrkit.yamlio import Where

_TEXT = "text, or a mapping with zh and en"
_TEXT_ZH = "文本，或含 zh 和 en 的映射"


def shown(value, limit: int = 60) -> str:
    """A parsed value as its author wrote it, for ``found=``: never a Python type name.

    >>> import datetime
    >>> shown([93, 94]), shown({"KR1.1": 18}), shown(datetime.date(2015, 1, 1)), shown("销售")
    ('[93, 94]', '{KR1.1: 18}', '2015-01-01', "'销售'")

    Notice that a date shows as the text that YAML read as one.
    """
    text = repr(str(value)) if isinstance(value, str) else _flow(value, depth=0)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow(value, depth: int) -> str:
    """YAML flow spelling of a value, nested containers cut after a few levels (never recursing deep)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return f"{float(value):g}"
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime) and _at_midnight(value):
        return value.date().isoformat()  # an Excel date cell: openpyxl gives it at midnight
    if hasattr(value, "isoformat"):  # dates and times that YAML recognised
        return value.isoformat()
    if isinstance(value, dict | list | tuple | AbstractSet) and depth >= 3:
        return "…"
    if isinstance(value, dict):
        items = list(value.items())
        body = ", ".join(f"{_flow(k, depth + 1)}: {_flow(v, depth + 1)}" for k, v in items[:6])
        return "{" + body + (", …" if len(items) > 6 else "") + "}"
    if isinstance(value, list | tuple):
        body = ", ".join(_flow(item, depth + 1) for item in value[:8])
        return "[" + body + (", …" if len(value) > 8 else "") + "]"
    if isinstance(value, AbstractSet):
        # YAML's !!set {a, b}: ruamel's CommentedSet prints as set(odict_keys(…)).
        items = [_flow(item, depth + 1) for item in list(value)[:8]]
        return "{" + ", ".join(items) + (", …" if len(value) > 8 else "") + "}"
    return str(getattr(value, "value", value))  # a tagged scalar (!!tag x): its text


def _at_midnight(value: datetime) -> bool:
    # Fields, not value.time(): pandas' NaT is a datetime whose time() raises (its fields are NaN).
    midnight = (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
    return midnight and value.tzinfo is None


def one_of(options) -> dict[str, str]:
    """``expected``/``expected_zh`` naming the allowed values."""
    options = list(options)
    return {
        "expected": "one of " + ", ".join(options),
        "expected_zh": "以下之一：" + "、".join(options),
    }


def read_text(where: Where, log: ProblemLog, *, required: bool = False) -> Text:
    node = where.node
    if node is None or node == "":
        if required:
            where.problem(log, "missing", expected=_TEXT, zh="缺少此项", expected_zh=_TEXT_ZH)
        return Text()
    if isinstance(node, str):
        return Text(zh=str(node))
    if isinstance(node, dict):
        unknown = set(node) - {"zh", "en"}
        if unknown:
            key = sorted(unknown)[0]
            where.problem(
                log,
                f"unknown language key {key!r}",
                expected="zh and/or en",
                zh=f"未知的语言键 {key!r}",
                expected_zh="zh 和/或 en",
            )
        values = {}
        for lang in ("zh", "en"):
            value = node.get(lang)
            if value is not None and not isinstance(value, str | int | float):
                where.at(lang).problem(
                    log,
                    "not text",
                    found=shown(value),
                    expected="text",
                    zh="不是文本",
                    expected_zh="文本",
                )
                value = None
            values[lang] = None if value is None else str(value)
        if required and not (values["zh"] or values["en"]):
            where.problem(
                log,
                "empty",
                expected="text in zh or en",
                zh="内容为空",
                expected_zh="zh 或 en 的文本",
            )
        return Text(**values)
    if isinstance(node, int | float):
        return Text(zh=str(node))
    where.problem(
        log,
        "not text",
        found=shown(node),
        expected=_TEXT,
        zh="不是文本",
        expected_zh=_TEXT_ZH,
    )
    return Text()


def read_id(where: Where, log: ProblemLog, *, required: bool = False) -> str | None:
    node = where.node
    if node is None or node == "":
        if required:
            where.problem(log, "missing", expected="a value", zh="缺少此项", expected_zh="一个值")
        return None
    if isinstance(node, str | int) and not isinstance(node, bool):
        return str(node)
    where.problem(
        log,
        "not a name",
        found=shown(node),
        expected="a short id such as O1 or sales",
        zh="不是名称",
        expected_zh="简短的 id，如 O1 或 sales",
    )
    return None


def read_choice(
    where: Where, log: ProblemLog, options: tuple[str, ...], *, required=False, default=None
):
    value = read_id(where, log, required=required)
    if value is None:
        return default
    if value not in options:
        where.problem(log, "unknown value", found=shown(value), zh="未知的取值", **one_of(options))
        return default
    return value


def parse_or_report(where: Where, log: ProblemLog, parse=parse_target):
    """``parse(where.node)``, or None after recording a located "not a number" problem.

    The one place that words an unreadable number, for every block of every file.
    """
    try:
        return parse(where.node)
    except ValueError as exc:
        where.problem(
            log,
            "not a number",
            found=shown(where.node),
            expected=str(exc),
            zh="不是数字",
            expected_zh=getattr(exc, "zh", None),
        )
        return None


def read_number(where: Where, log: ProblemLog, *, percent_ok: bool = True) -> float | None:
    node = where.node
    if node is None or node == "":
        return None
    parsed = parse_or_report(where, log)
    if parsed is None:
        return None
    number, had_percent = parsed
    if had_percent and not percent_ok:
        where.problem(
            log,
            "a percent is not allowed here",
            found=shown(node),
            expected="a plain number",
            zh="此处不能用百分比",
            expected_zh="不带 % 的数字",
        )
    return number


def read_weight(where: Where, log: ProblemLog) -> float | None:
    node = where.node
    if node is None or node == "":
        return None
    try:
        return parse_percent(node)
    except ValueError as exc:
        where.problem(
            log,
            "not a weight",
            found=shown(node),
            expected=str(exc),
            zh="不是权重",
            expected_zh=getattr(exc, "zh", None),
        )
        return None


def check_mapping(where: Where, log: ProblemLog, keys: set[str], what: str, what_zh: str) -> bool:
    if not isinstance(where.node, dict):
        where.problem(
            log,
            f"not {what}",
            found=shown(where.node),
            expected=f"{what} (key: value lines)",
            zh=f"不是{what_zh}",
            expected_zh=f"{what_zh}（“键: 值”形式的行）",
        )
        return False
    report_unknown_fields(where, log, keys)
    return True


def report_unknown_fields(where: Where, log: ProblemLog, keys: set[str]) -> None:
    """Record every key of the mapping at ``where`` that is not in ``keys`` (a typo, usually)."""
    for key in where.node:
        if key not in keys:
            where.at(key).problem(
                log,
                f"unknown field {shown(key)}",
                zh=f"未知字段 {shown(key)}",
                **one_of(sorted(keys)),
            )


def list_indices(where: Where, log: ProblemLog, what: str, what_zh: str) -> list:
    node = where.node
    if node is None:
        return []
    if not isinstance(node, list):
        where.problem(
            log,
            "not a list",
            found=shown(node),
            expected=f"a list of {what} (lines starting with -)",
            zh="不是列表",
            expected_zh=f"{what_zh}列表（以 - 开头的行）",
        )
        return []
    return list(range(len(node)))
