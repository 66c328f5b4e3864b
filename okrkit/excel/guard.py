"""Text cells that stay text: the one guard every exported cell goes through.

A team named ``=cmd|' /C calc'!A0`` or a KR text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is what spreadsheet formula
injection looks like. Export writes every text as a string cell (never a
formula) and marks the risky ones with Excel's quote prefix (the leading
apostrophe a person types), so Excel keeps them text even after someone edits
the cell. XML turns a carriage return into a line feed, so it is written with
OOXML's own escape ``_x000D_`` (which Excel shows as the character); a literal
``_xHHHH_`` in a text is escaped as ``_x005F_xHHHH_`` so it survives too.

Import reads a quote-prefixed cell literally (no trimming: what was exported
comes back character for character) and undoes the OOXML escapes.
"""

from __future__ import annotations

import re
import unicodedata

# What a spreadsheet may take as the start of a formula (OWASP's CSV-injection list).
RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def is_risky(text: str) -> bool:
    """Would a spreadsheet read ``text`` as the start of a formula?"""
    return text.startswith(RISKY_START)


def _escape(text: str) -> str:
    return _ESCAPE_LIKE.sub(r"_x005F_\1", text).replace("\r", "_x000D_")


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def put_value(cell, value) -> None:
    """Write ``value`` into ``cell``; a string is always a string cell, never a formula."""
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = _escape(value)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if is_risky(value):
        cell.quotePrefix = True


def put_formula(cell, formula: str) -> None:
    """Write one of export's own formulas (``=SUM(E3:E5)``): the only formulas it writes."""
    cell.value = formula


def cell_text(cell) -> str:
    """The text a cell holds: exactly as written when quote-prefixed, else trimmed."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _unescape(unicodedata.normalize("NFC", str(value)))
    return text if getattr(cell, "quotePrefix", False) else text.strip()
