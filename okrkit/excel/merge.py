"""A read sheet merged into a team, keeping what the six columns cannot show."""

from __future__ import annotations

import re
from dataclasses import replace

from okrkit.draft import dangling_supports, set_text
from okrkit.errors import ProblemLog
from okrkit.excel.read import SheetTable
from okrkit.i18n import t
from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.tables import kr_label

# -- merging a sheet into a team


def _same(old: Text, new: str, lang: str) -> bool:
    return old.get(lang) == new


_set_text = set_text  # one rule for edited texts: see okrkit.draft.set_text


def _strip_marker(text: str, lang: str) -> str:
    suffix = f" ({t('table.deduction', lang)})"
    return text[: -len(suffix)] if text.endswith(suffix) else text


def _free_id(pattern: str, start: int, used: set[str]) -> str:
    n = start
    while pattern.format(n) in used:
        n += 1
    used.add(pattern.format(n))
    return pattern.format(n)


def _pick(candidates: list, used_ids: set[str], test) -> object | None:
    for item in candidates:
        if item.id not in used_ids and test(item):
            return item
    return None


def merge_team(table: SheetTable, existing: Team | None, team_id: str) -> Team:
    """The team the sheet describes, keeping ``existing``'s metadata (rules in the module doc).

    Returns a new Team; ``existing`` is never changed.
    """
    lang = table.lang
    old_objectives = list(existing.objectives) if existing else []
    old_krs = {kr.id: kr for _, kr in existing.key_results()} if existing else {}
    taken_o = {o.id for o in old_objectives}
    taken_kr = set(old_krs)
    matched_o: set[str] = set()
    matched_kr: set[str] = set()
    plan = []
    for index, sheet_o in enumerate(table.objectives):
        match = (
            _pick(old_objectives, matched_o, lambda o, s=sheet_o: o.id == s.id)
            or _pick(old_objectives, matched_o, lambda o, s=sheet_o: _same(o.title, s.title, lang))
            or (
                old_objectives[index]
                if index < len(old_objectives) and old_objectives[index].id not in matched_o
                else None
            )
        )
        if match is not None:
            matched_o.add(match.id)
        plan.append((sheet_o, match))
    objectives = []
    for position, (sheet_o, match) in enumerate(plan, start=1):
        if match is None:
            objective = Objective(id=_free_id("O{}", position, taken_o), title=Text())
            old_list = []
        else:
            objective = match
            old_list = list(match.key_results)
        krs = []
        for k_index, sheet_kr in enumerate(sheet_o.key_results):
            text = _strip_marker(sheet_kr.text, lang)
            kr = (
                old_krs.get(sheet_kr.id)
                if sheet_kr.id in old_krs and sheet_kr.id not in matched_kr
                else None
            )
            kr = (
                kr
                or _pick(
                    old_list,
                    matched_kr,
                    lambda k, text=text, raw=sheet_kr.text: (
                        k.text.get(lang) in (text, raw) or kr_label(k, lang) == raw
                    ),
                )
                or (
                    old_list[k_index]
                    if k_index < len(old_list) and old_list[k_index].id not in matched_kr
                    else None
                )
            )
            if kr is None:
                kr = KeyResult(
                    id=_free_id(f"KR{position}.{{}}", k_index + 1, taken_kr),
                    text=Text(),
                    kind="result",
                )
            matched_kr.add(kr.id)
            table.rows[kr.id] = sheet_kr.row
            if kr_label(kr, lang) == sheet_kr.text:
                new_text = kr.text
            else:
                new_text = _set_text(kr.text, text, lang)
            # A known KR keeps its kind (an English text may say "deduction"
            # innocently); a new one is a deduction when the sheet marks it so.
            kind = kr.kind if kr.text else ("deduction" if sheet_kr.is_deduction else "result")
            krs.append(replace(kr, text=new_text, kind=kind, weight=sheet_kr.weight))
        objectives.append(
            replace(
                objective,
                title=_set_text(objective.title, sheet_o.title, lang),
                description=_set_text(objective.description, sheet_o.description, lang),
                key_results=tuple(krs),
            )
        )
    # A kept process KR may feed a KR whose row was deleted: drop the dangling link.
    ids = {kr.id for o in objectives for kr in o.key_results}
    objectives = [
        replace(
            o,
            key_results=tuple(
                replace(kr, feeds=None) if kr.feeds and kr.feeds not in ids else kr
                for kr in o.key_results
            ),
        )
        for o in objectives
    ]
    if existing is not None:
        return replace(existing, objectives=tuple(objectives))
    name = re.sub(r"\s*OKR\s*(计划表|plan)\s*$", "", table.title, flags=re.IGNORECASE)
    return Team(
        id=team_id,
        name=Text(**{lang: name or table.sheet}),
        level="department",
        objectives=tuple(objectives),
    )


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
            log.add(
                file,
                f"{table.sheet}!{table.weight_column}{table.end_row}",
                f"the weights add to {total:g}%",
                found=f"{total:g}%",
                expected="100% (change a weight in this column)",
                zh=f"权重合计为 {total:g}%",
                expected_zh="100%（请修改本列中的权重）",
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
