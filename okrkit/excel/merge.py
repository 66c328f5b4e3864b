"""A read sheet merged into a team, keeping what the six columns cannot show."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from okrkit.draft import dangling_supports, set_text
from okrkit.errors import ProblemLog
from okrkit.excel.match import RowMatch, match_key_results, match_objectives, text_key
from okrkit.excel.read import SheetKR, SheetTable
from okrkit.i18n import t
from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.tables import kr_label

# -- merging a sheet into a team


def _set_text(old: Text, value: str, lang: str) -> Text:
    """One rule for edited texts (:func:`okrkit.draft.set_text`); an unchanged one is kept as is.

    The exact comparison comes first because set_text trims, and a text such
    as a quote-prefixed "= " read back literally must not count as an edit.
    """
    return old if old.get(lang) == value else set_text(old, value, lang)


def _strip_marker(text: str, lang: str) -> str:
    suffix = f" ({t('table.deduction', lang)})"
    return text[: -len(suffix)] if text.endswith(suffix) else text


def _free_id(pattern: str, start: int, used: set[str]) -> str:
    n = start
    while pattern.format(n) in used:
        n += 1
    used.add(pattern.format(n))
    return pattern.format(n)


@dataclass(frozen=True)
class Merged:
    """A sheet merged into a team, with how each row was matched (see :mod:`.match`)."""

    team: Team
    matches: tuple[RowMatch, ...]
    removed: tuple[KeyResult, ...]  # existing key results no row continues
    ids: tuple[str, ...]  # the merged key result's id for each match, in sheet order


def _completed_deduction(kr: KeyResult, row: SheetKR, table: SheetTable) -> KeyResult:
    """A new deduction item with the definition, penalty and cap export wrote for it."""
    key = text_key(row.text)
    info = next((d for d in table.deductions if text_key(d.text) == key), None) or next(
        (d for d in table.deductions if row.id and d.id == row.id), None
    )
    if info is None:
        return kr
    return replace(kr, definition=info.definition, penalty=info.penalty, cap=info.cap)


def merge_sheet(table: SheetTable, existing: Team | None, team_id: str) -> Merged:
    """The team the sheet describes, keeping ``existing``'s metadata (rules in the module doc).

    ``existing`` is never changed.
    """
    lang = table.lang
    old_objectives = match_objectives(table, existing, lang)
    matches = match_key_results(table, existing, old_objectives, lang)
    taken_o = {o.id for o in existing.objectives} if existing else set()
    taken_kr = {kr.id for _, kr in existing.key_results()} if existing else set()
    by_row = {id(m.row): m for m in matches}
    objectives, ids = [], []
    for position, (sheet_o, match) in enumerate(
        zip(table.objectives, old_objectives, strict=True), start=1
    ):
        objective = match or Objective(id=_free_id("O{}", position, taken_o), title=Text())
        krs = []
        for k_index, sheet_kr in enumerate(sheet_o.key_results):
            text = _strip_marker(sheet_kr.text, lang)
            kr = by_row[id(sheet_kr)].old
            if kr is None:
                kind = "deduction" if sheet_kr.is_deduction else "result"
                kr = KeyResult(
                    id=_free_id(f"KR{position}.{{}}", k_index + 1, taken_kr), text=Text(), kind=kind
                )
                if kind == "deduction":
                    kr = _completed_deduction(kr, sheet_kr, table)
            table.rows[kr.id] = sheet_kr.row
            ids.append(kr.id)
            if kr_label(kr, lang) == sheet_kr.text:
                new_text = kr.text
            else:
                new_text = _set_text(kr.text, text, lang)
            krs.append(replace(kr, text=new_text, weight=sheet_kr.weight))
        objectives.append(
            replace(
                objective,
                title=_set_text(objective.title, sheet_o.title, lang),
                description=_set_text(objective.description, sheet_o.description, lang),
                key_results=tuple(krs),
            )
        )
    # A kept process KR may feed a KR whose row was deleted: drop the dangling link.
    kept = set(ids)
    objectives = [
        replace(
            o,
            key_results=tuple(
                replace(kr, feeds=None) if kr.feeds and kr.feeds not in kept else kr
                for kr in o.key_results
            ),
        )
        for o in objectives
    ]
    removed = tuple(kr for _, kr in existing.key_results() if kr.id not in kept) if existing else ()
    if existing is not None:
        team = replace(existing, objectives=tuple(objectives))
    else:
        name = re.sub(r"\s*OKR\s*(计划表|plan)\s*$", "", table.title, flags=re.IGNORECASE)
        team = Team(
            id=team_id,
            name=Text(**{lang: name or table.sheet}),
            level="department",
            objectives=tuple(objectives),
        )
    return Merged(team, tuple(matches), removed, tuple(ids))


def merge_team(table: SheetTable, existing: Team | None, team_id: str) -> Team:
    """The team the sheet describes (:func:`merge_sheet` without the match details)."""
    return merge_sheet(table, existing, team_id).team


def _check_merged(
    table: SheetTable, team: Team, case: Case, existing: Team | None, file, log: ProblemLog
):
    for _, kr in team.key_results():
        if kr.is_deduction and kr.weight:
            log.add(
                file,
                f"{table.sheet}!{table.weight_column}{table.rows.get(kr.id, table.end_row)}",
                "a deduction item carries no positive weight",
                found=f"{kr.weight:g}%",
                expected="a blank: a deduction subtracts points per case",
                zh="扣分项不带正权重",
                expected_zh="留空：扣分项按次扣分",
            )
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if scored and all(kr.weight is not None for kr in scored):
        total = team.total_weight()
        if abs(total - 100) > 1e-6:
            # The cells to change are the scored rows' weights, not the total
            # row or a deduction row's empty cell below them.
            rows = sorted(table.rows[kr.id] for kr in scored if kr.id in table.rows)
            col = table.weight_column
            cells = f"{col}{rows[0]}:{col}{rows[-1]}" if len(rows) > 1 else f"{col}{rows[0]}"
            log.add(
                file,
                f"{table.sheet}!{cells}",
                f"the weights add to {total:g}%",
                found=f"{total:g}%",
                expected="100% (change a weight in these cells)",
                zh=f"权重合计为 {total:g}%",
                expected_zh="100%（请修改这些单元格中的权重）",
            )
    if existing is None:
        return
    for child_id, objective_id, missing in dangling_supports(case, team):
        log.add(
            file,
            f"{table.sheet}",
            f"objective {missing} is gone from the sheet, but team {child_id}'s "
            f"{objective_id} supports it",
            expected=f"keep that objective, or change the supports link in {child_id}'s file first",
            zh=f"目标 {missing} 已从表中删除，但团队 {child_id} 的 {objective_id} 支撑它",
            expected_zh=f"保留该目标，或先修改 {child_id} 文件中的 supports 链接",
        )
