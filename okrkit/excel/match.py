"""Which existing objective and key result each row of a sheet is.

A key result's target, unit, kind and links live in the team file, not on
the sheet, so matching decides which numbers a row gets. What a manager does
in Excel decides the order of the tests:

1. **the same text** (ignoring spaces, letter case and full-width forms), anywhere
   in the team: rows were reordered, moved to another objective, or the hidden
   id column was sorted out of step with its rows;
2. **the hidden id** (column ``okrkit id``): the wording was edited in place;
3. **a similar text** (:data:`SIMILAR` or closer, best pairs first): the
   wording was edited on a sheet that lost its ids. This is the match that may
   attach an old target to a new sentence, so the import lists it.

A row that matches nothing is a new key result; an old one nothing matched
is removed. There is no match by position: an inserted or deleted row would
shift every target below it onto its neighbour's text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from okrkit.excel.read import SheetKR, SheetObjective, SheetTable
from okrkit.model import KeyResult, Objective, Team
from okrkit.tables import kr_label

SIMILAR = 0.6  # difflib ratio: "每周有效电话100个" ~ "每周有效电话120个" is 0.89


@dataclass(frozen=True)
class RowMatch:
    """A sheet row and the existing key result it continues (``old`` None: a new one)."""

    objective: SheetObjective
    row: SheetKR
    old: KeyResult | None
    how: str | None  # "text", "id", "similar" or None


def text_key(text: str) -> str:
    """A text as compared: full-width folded, case-folded, without spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def _keys(kr: KeyResult, lang: str) -> set[str]:
    return {text_key(kr.text.get(lang)), text_key(kr_label(kr, lang))}


def match_objectives(table: SheetTable, existing: Team | None, lang: str) -> list[Objective | None]:
    """For each sheet objective, the existing one it continues: by id, title, else position.

    An objective holds no numbers of its own, so a renamed one in the same
    place keeps its id and ``supports`` link.
    """
    old = list(existing.objectives) if existing else []
    taken: set[str] = set()
    found: list[Objective | None] = []
    for index, sheet_o in enumerate(table.objectives):
        tests = (
            lambda o, s=sheet_o: o.id == s.id,
            lambda o, s=sheet_o: o.title.get(lang) == s.title,
        )
        match = next(
            (o for test in tests for o in old if o.id not in taken and test(o)),
            None,
        )
        if match is None and index < len(old) and old[index].id not in taken:
            match = old[index]
        if match is not None:
            taken.add(match.id)
        found.append(match)
    return found


def match_key_results(
    table: SheetTable, existing: Team | None, objectives: list[Objective | None], lang: str
) -> list[RowMatch]:
    """Every sheet row with the existing key result it continues, in sheet order."""
    rows = [
        (sheet_o, kr, objectives[i])
        for i, sheet_o in enumerate(table.objectives)
        for kr in sheet_o.key_results
    ]
    home = {kr.id: o.id for o, kr in existing.key_results()} if existing else {}
    old = [kr for _, kr in existing.key_results()] if existing else []
    assigned: dict[int, tuple[KeyResult, str]] = {}
    taken: set[str] = set()

    def prefer(index: int, kr: KeyResult) -> tuple:
        _, row, objective = rows[index]
        same_objective = objective is not None and home[kr.id] == objective.id
        return (kr.id != row.id, not same_objective)

    for index, (_, row, _) in enumerate(rows):
        keys = {text_key(row.text)}
        candidates = [kr for kr in old if kr.id not in taken and keys & _keys(kr, lang)]
        if candidates:
            best = min(candidates, key=lambda kr, i=index: prefer(i, kr))
            assigned[index] = (best, "text")
            taken.add(best.id)
    by_id = {kr.id: kr for kr in old}
    for index, (_, row, _) in enumerate(rows):
        if index not in assigned and row.id in by_id and row.id not in taken:
            assigned[index] = (by_id[row.id], "id")
            taken.add(row.id)
    pairs = []
    for index, (_, row, _) in enumerate(rows):
        if index in assigned:
            continue
        for kr in old:
            if kr.id not in taken:
                ratio = SequenceMatcher(
                    None, text_key(row.text), text_key(kr.text.get(lang))
                ).ratio()
                if ratio >= SIMILAR:
                    pairs.append((-ratio, prefer(index, kr), index, kr))
    for _, _, index, kr in sorted(pairs, key=lambda p: p[:3]):
        if index not in assigned and kr.id not in taken:
            assigned[index] = (kr, "similar")
            taken.add(kr.id)
    return [
        RowMatch(sheet_o, row, *assigned.get(index, (None, None)))
        for index, (sheet_o, row, _) in enumerate(rows)
    ]
