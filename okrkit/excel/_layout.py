"""The sheet layout both directions agree on: rows, hidden id column, map sheet, marks."""

from __future__ import annotations

import re

from openpyxl.styles import Border, Side

META_SHEET = "okrkit"
# A second hidden sheet: what a deduction item needs that its row cannot show.
DEDUCTION_SHEET = "okrkit deductions"
DEDUCTION_HEADERS = ["sheet", "id", "text", "definition zh", "definition en", "penalty", "cap"]
ID_HEADER = "okrkit id"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = {"A": 6, "B": 20, "C": 24, "D": 52, "E": 10, "F": 10}
TOTAL_WORDS = {"合计", "总计", "total", "sum"}
# How a sheet marks a deduction item: the deck writes （减分项）; export adds it.
DEDUCTION_MARK = re.compile(r"减分项|\(deduction|deduction item", re.IGNORECASE)
