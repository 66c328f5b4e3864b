"""Tables for the terminal, with Chinese characters counted as two columns.

Chinese characters take two terminal cells; ``wcwidth`` knows which ones, so
columns line up in a terminal and in CI logs alike.
"""

from __future__ import annotations

import math

import pandas as pd
from wcwidth import wcswidth


def width(text: str) -> int:
    """Display width of ``text`` in terminal cells."""
    measured = wcswidth(text)
    return measured if measured >= 0 else len(text)


def wrap(text: str, limit: int) -> list[str]:
    """Cut ``text`` into lines of at most ``limit`` cells.

    Chinese may break between any two characters; Latin words break at the
    last space when there is one on the line.
    """
    lines, line = [], ""
    for char in text:
        if width(line + char) > limit and line:
            cut = line.rfind(" ")
            if char != " " and cut > 0 and line[-1].isascii() and char.isascii():
                lines.append(line[:cut])
                line = line[cut + 1 :]
            else:
                lines.append(line.rstrip())
                line = ""
            if char == " " and not line:
                continue
        line += char
    lines.append(line)
    return lines


def pad(text: str, cells: int, align: str = "left") -> str:
    """Pad ``text`` with spaces to ``cells`` display cells."""
    gap = max(cells - width(text), 0)
    return " " * gap + text if align == "right" else text + " " * gap


def _cell(value, percent: bool) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return f"{value:g}%" if percent else f"{value:g}"
    return str(value)


def render_frame(frame: pd.DataFrame, *, max_width: int = 44, numeric=(), percent=()) -> str:
    """Render a DataFrame as an aligned text table, wrapping long cells.

    Columns named in ``numeric`` are right-aligned; numbers in ``percent``
    columns are shown with a % sign, as the deck writes weights.
    """
    headers = [str(c) for c in frame.columns]
    flags = [header in percent for header in headers]
    rows = [
        [_cell(v, flag) for v, flag in zip(row, flags, strict=True)]
        for row in frame.itertuples(index=False)
    ]
    widths = []
    for index, header in enumerate(headers):
        longest = max([width(header)] + [width(row[index]) for row in rows])
        widths.append(min(longest, max_width))
    aligns = ["right" if header in numeric else "left" for header in headers]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(cells: list[str]) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        out = []
        for i in range(height):
            parts = [
                pad(w[i] if i < len(w) else "", widths[k], aligns[k]) for k, w in enumerate(wrapped)
            ]
            out.append("| " + " | ".join(parts) + " |")
        return out

    out = [rule, *line(headers), rule.replace("-", "=")]
    for row in rows:
        out += line(row)
    out.append(rule)
    return "\n".join(out)
