"""Excel in the deck's layout: teams out to ``.xlsx`` sheets, and a sheet back in.

**Export.** One sheet per team, drawn as the deck draws it: a title row
(``销售部OKR计划表``), the six columns 序号 | 目标 (O) | 目标详细描述 |
关键成果 (KRs) | KR权重 | O分值, the objective cells merged over their KR
rows, weights as percent numbers, O分值 as ``=SUM()`` formulas over the
objective's KR weights, and a total row. What a person does not see: a
hidden column G (``okrkit id``, e.g. ``O1/KR1.2``) that travels with its row
when rows are moved or inserted, a hidden sheet ``okrkit`` mapping each sheet
to its team id and language, and a hidden sheet ``okrkit deductions`` with
each deduction item's definition, penalty and cap (so a team created from the
sheet has a complete deduction item and passes the coach). Every text cell,
hidden ones included, goes through one formula guard (:mod:`.guard`): a team
named ``=cmd|' /C calc'!A0`` or a KR text starting with ``=``, ``+``, ``-``,
``@``, a tab or CR is a quote-prefixed text cell and comes back unchanged.

**Import** reads one sheet back into a team file. It accepts what people
really type — merged or repeated objective cells, ``15%`` text, ``15`` or
``0.15`` numbers (the rule of :mod:`okrkit.numbers`; a number formatted as a
percent is read as shown), blank spacer rows, extra columns such as notes —
and refuses what it cannot understand with a located error naming the sheet
and cell (``销售部!E7``; a weight total that is not 100% names the weight
cells, ``销售部!E3:E11``). Nothing is written unless the whole sheet is good.

The six columns cannot carry a KR's kind, target, unit, direction, links…,
so import *merges* into the existing team file and keeps all of that:

* an objective is matched by the hidden id, else by its title, else by its
  position; a key result by **the same text** anywhere in the team (spaces,
  case and full-width forms ignored), else by **the hidden id**, else by **a
  similar text** (:mod:`.match`) — never by position, so an inserted or
  deleted row shifts no target onto its neighbour;
* a key result matched by a similar text whose text changed while it keeps a
  target, unit, baseline, penalty or cap is listed (``销售部!D3``, old text,
  new text, the numbers kept) and the import **refuses, writing nothing**,
  unless ``accept_changes=True`` (``okrkit import --accept-changes``; the
  command exits 1). A text edited in a row that kept its hidden id is the
  same KR reworded: it is shown as a note, not refused;
* a matched item keeps every field the sheet does not show; the sheet sets
  the title, details, KR text, weight and order. A text changed in one
  language replaces that language and drops the other one (its translation
  no longer fits);
* rows missing from the sheet are removed; new rows become new objectives
  ``O<n>`` and key results ``KR<objective number>.<n>`` (kind ``result``, or
  ``deduction`` when the text says 减分项/deduction), the first ids the
  team file does not already use (a KR this import removes does not lend its
  id to a new one: an actuals file may still name it); a new deduction item whose text the export wrote takes its
  definition, penalty and cap from ``okrkit deductions``;
* a brand-new team (no file yet) takes its name from the title row, and is
  added to the case's ``teams:`` list.

An export imported back without edits leaves every team file byte-identical
(tested for every shipped team, zh and en sheets).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import load_workbook

from okrkit.casefile import FileVersion, opened_version
from okrkit.errors import CaseError, ProblemLog
from okrkit.excel._layout import DEDUCTION_SHEET, ID_HEADER, META_SHEET
from okrkit.excel.changes import CarriedChange, UnconfirmedChanges, carried_changes, other_notes
from okrkit.excel.merge import Merged, _check_merged, merge_sheet, merge_team
from okrkit.excel.read import (
    SheetKR,
    SheetObjective,
    SheetTable,
    find_sheet,
    read_deductions,
    read_sheet,
)
from okrkit.excel.write import export_case, export_workbook, save_workbook, sheet_name, write_sheet
from okrkit.model import Team
from okrkit.yamlio import NO_FILE

__all__ = [
    "DEDUCTION_SHEET",
    "ID_HEADER",
    "META_SHEET",
    "CarriedChange",
    "ImportPlan",
    "Merged",
    "SheetKR",
    "SheetObjective",
    "SheetTable",
    "UnconfirmedChanges",
    "export_case",
    "export_workbook",
    "find_sheet",
    "import_team",
    "merge_sheet",
    "merge_team",
    "plan_import",
    "read_deductions",
    "read_sheet",
    "save_workbook",
    "sheet_name",
    "write_import",
    "write_sheet",
]


@dataclass(frozen=True)
class ImportPlan:
    """What importing a sheet would write, worked out before anything is touched."""

    team: Team
    path: Path
    is_new: bool  # no team file yet: the case's teams list gains this team
    case_dir: Path
    changes: tuple[CarriedChange, ...]  # texts changed while numbers were kept
    notes: tuple[str, ...]  # new and removed key results, in the chosen language
    file: Path  # the workbook
    # The version of the team file the import was merged with: a save by someone
    # else between reading the case and writing the import is refused, not lost.
    version: FileVersion | None = None

    @property
    def unconfirmed(self) -> list[CarriedChange]:
        """The changes that need ``accept_changes`` (matched by similar text, not by id)."""
        return [c for c in self.changes if c.needs_acceptance]


def plan_import(
    xlsx: str | Path,
    case_dir: str | Path,
    team_id: str,
    *,
    parent: str | None = None,
    level: str | None = None,
    lang: str = "en",
) -> ImportPlan:
    """Read ``team_id``'s sheet from ``xlsx`` and merge it, writing nothing.

    Raises CaseError with sheet!cell locations when the sheet cannot be
    understood. ``lang`` is the language of the plan's notes.
    """
    from okrkit.cases import load_case

    xlsx = Path(xlsx)
    log = ProblemLog()
    book = _open_workbook(xlsx)
    case = load_case(case_dir)
    existing = case.teams.get(team_id)
    ws = find_sheet(book, team_id, existing, xlsx, log)
    table = read_sheet(ws, xlsx, log) if ws is not None else None
    if table is None:
        log.raise_if_any()
    table.deductions = read_deductions(book, ws.title)
    merged = merge_sheet(table, existing, team_id)
    team = merged.team
    if existing is None:
        if parent is not None and parent not in case.teams:
            log.add(
                xlsx,
                "",
                f"no parent team {parent!r} in the case",
                expected=", ".join(case.teams),
                zh=f"案例中没有上级团队 {parent!r}",
                expected_zh="、".join(case.teams),
            )
        parent_team = case.teams.get(parent) if parent else None
        default_level = {"company": "department", "department": "position"}.get(
            parent_team.level if parent_team else "", "department"
        )
        team = replace(team, parent=parent, level=level or default_level)
    _check_merged(table, team, case, existing, xlsx, log)
    log.raise_if_any()
    if existing is not None:
        path = existing.source
        version = opened_version(existing, loaded=existing)
    else:
        path = Path(case.path) / "teams" / f"{team_id}.yaml"
        team = replace(team, source=path)
        version = FileVersion(path, NO_FILE)  # a team file created meanwhile is not replaced
    return ImportPlan(
        team=team,
        path=path,
        is_new=existing is None,
        case_dir=Path(case.path),
        changes=tuple(carried_changes(merged, table)),
        notes=tuple(other_notes(merged, table, lang)) if existing is not None else (),
        file=xlsx,
        version=version,
    )


def write_import(plan: ImportPlan, *, accept_changes: bool = False) -> Path:
    """Write a planned import; refuse (UnconfirmedChanges, nothing written) unless accepted."""
    from okrkit.casefile import save_team

    if plan.unconfirmed and not accept_changes:
        raise UnconfirmedChanges(plan.file, plan.unconfirmed)
    save_team(plan.team, plan.path, expected=plan.version)
    if plan.is_new:
        try:
            _add_to_case_list(plan.case_dir, plan.team.id)
        except BaseException:
            plan.path.unlink(missing_ok=True)
            raise
    return plan.path


def import_team(
    xlsx: str | Path,
    case_dir: str | Path,
    team_id: str,
    *,
    parent: str | None = None,
    level: str | None = None,
    accept_changes: bool = False,
) -> tuple[Team, Path]:
    """Read ``team_id``'s sheet from ``xlsx`` and write it into the case's team file.

    Raises CaseError with sheet!cell locations when the sheet cannot be
    understood, and UnconfirmedChanges when a key result matched by a similar
    text would keep its old target or unit (unless ``accept_changes``); in
    both cases no file is touched. Returns the team and its path.
    """
    plan = plan_import(xlsx, case_dir, team_id, parent=parent, level=level)
    return plan.team, write_import(plan, accept_changes=accept_changes)


def _open_workbook(xlsx: Path):
    try:
        return load_workbook(xlsx)
    except FileNotFoundError:
        problem = _problem(
            xlsx,
            "file not found",
            expected="an .xlsx workbook",
            zh="找不到文件",
            expected_zh=".xlsx 工作簿",
        )
        raise CaseError([problem]) from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError/… for a non-workbook
        problem = _problem(
            xlsx,
            f"cannot read the workbook: {exc}",
            expected="an .xlsx workbook",
            zh=f"无法读取工作簿：{exc}",
            expected_zh=".xlsx 工作簿",
        )
        raise CaseError([problem]) from None


def _problem(file, message, *, expected=None, zh=None, expected_zh=None):
    from okrkit.errors import Problem

    return Problem(str(file), "", message, expected=expected, zh=zh, expected_zh=expected_zh)


def _add_to_case_list(folder: Path, team_id: str) -> None:
    from okrkit.cases import CASE_FILE
    from okrkit.yamlio import dump_yaml, load_round_trip, write_atomically

    case_file = folder / CASE_FILE
    data = load_round_trip(case_file)
    teams = data.get("teams")
    if teams is None or team_id in teams:
        return  # no list: the loader reads every teams/*.yaml
    teams.append(team_id)
    write_atomically(case_file, dump_yaml(data))
