"""How a case folder becomes the model: ``case.yaml`` plus ``teams/<id>.yaml``.

:func:`load_case` walks every file, collects every problem with its file, line
and location path, and raises one :class:`~okrkit.errors.CaseError`. The file
format is documented in ``cases/README.md``; writing back lives in
:mod:`okrkit.casefile`.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from okrkit.errors import CaseError, Problem, ProblemLog
from okrkit.model import (
    CADENCES,
    DIRECTIONS,
    KINDS,
    LEVELS,
    Case,
    KeyResult,
    Kpi,
    Objective,
    Team,
    Text,
)
from okrkit.numbers import NumberError, parse_number, parse_target, refuse_percent_on_counted
from okrkit.readers import (
    check_mapping,
    list_indices,
    one_of,
    read_choice,
    read_id,
    read_number,
    read_text,
    read_weight,
    shown,
)
from okrkit.yamlio import Where, read_yaml

CASE_FILE = "case.yaml"
TEAMS_DIR = "teams"
WEIGHT_TOTAL = 100.0
_TOLERANCE = 1e-6

CASE_KEYS = {"id", "name", "industry", "year", "kpi", "story", "teams"}
TEAM_KEYS = {"id", "name", "level", "parent", "headcount", "sales_target", "person", "objectives"}
OBJECTIVE_KEYS = {"id", "title", "description", "supports", "key_results"}
KR_KEYS = {
    "id",
    "text",
    "kind",
    "weight",
    "target",
    "unit",
    "direction",
    "baseline",
    "cadence",
    "evidence",
    "feeds",
    "stage",
    "penalty",
    "cap",
    "definition",
    "confidence",
}
# Optional blocks of case.yaml, each checked by the module that owns it:
# name -> "module:function(raw, where, log)". Modules register here so that
# `okrkit validate` catches every mistake at load time.
# Checks over the loaded case for a block that refers to teams or KRs:
# name -> "module:function(case) -> list[Problem]".
WHOLE_CASE_CHECKS: dict[str, str] = {
    "funnel": "okrkit.decompose:stage_problems",
    "split": "okrkit.split:split_problems",
    "tracking": "okrkit.track.settings:tracking_problems",
}
SECTION_CHECKS: dict[str, str] = {
    "scoring": "okrkit.scoring:check_scoring",
    "grades": "okrkit.scoring:check_grades",
    "funnel": "okrkit.funnel:check_funnel",
    "split": "okrkit.split:check_split",
    "lint": "okrkit.lint:check_lint_section",
    "method": "okrkit.lint:check_method_section",
    "tracking": "okrkit.track.settings:check_tracking",
    "evidence": "okrkit.evidence.mapping:check_evidence",
    "calibration": "okrkit.calibrate.declared:check_calibration",
}


def load_case(
    path: str | Path,
    *,
    invalid_teams: dict | None = None,
    encoding: str | None = None,
    encodings: dict | None = None,
) -> Case:
    """Load a case folder; raise CaseError listing every problem found.

    ``invalid_teams``: a dict to fill instead of raising for problems located in
    team files: ``{team file: [problems]}``; those teams are left out of the case
    returned (for a batch that still reports on the valid teams). Problems of
    the case itself (``case.yaml``, the teams folder) are raised as usual.
    Files may be UTF-8, UTF-8 with a BOM or GBK (``encoding`` declares one for
    every file); ``encodings``, when given, receives ``{path: encoding used}``.

    >>> case = load_case("cases/a-company")
    >>> case.team("sales").name.get("en")
    'Sales department'
    """
    with cyclic_gc_paused():  # see there: without, a team's time grew with the case
        return _load_case(path, invalid_teams, encoding, encodings)


def _load_case(path, invalid_teams, encoding, encodings) -> Case:
    folder = Path(path)
    log = ProblemLog()
    if folder.is_file() and folder.name == CASE_FILE:
        folder = folder.parent
    if not folder.is_dir():
        log.add(
            folder,
            "",
            "no such case folder",
            expected=f"a folder holding {CASE_FILE}",
            zh="没有这个案例文件夹",
            expected_zh=f"包含 {CASE_FILE} 的文件夹",
        )
        log.raise_if_any()
    case_file = folder / CASE_FILE
    reading = {"encoding": encoding, "encodings": encodings}
    raw = read_yaml(case_file, log, what=_CASE_WHAT, what_zh=_CASE_WHAT_ZH, **reading)
    case = None
    if raw is not None:
        case = _parse_case(raw, Where(case_file, "", raw), log)
    if case is None:
        log.raise_if_any()
    teams, nodes = _load_teams(folder, raw, log, reading)
    _check_tree(teams, nodes, log)
    case = Case(**{**case, "teams": teams, "path": folder})
    if invalid_teams is None:
        log.raise_if_any()
    # Checks that need the whole case (a split naming teams, KRs naming funnel
    # stages) run once every file has loaded cleanly.
    for name, dotted in WHOLE_CASE_CHECKS.items():
        if name in case.sections:
            module, function = dotted.split(":")
            log.problems.extend(getattr(importlib.import_module(module), function)(case))
    if invalid_teams is not None:
        case = _without_invalid_teams(case, log, invalid_teams)
    log.raise_if_any()
    return case


_gc_lock = threading.Lock()
_gc_pauses = 0  # loads under way (threads may load cases at once)
_gc_was_enabled = True


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the case's files are parsed; as it was afterwards.

    Loading builds millions of small objects that all stay alive (every team, its
    parsed data with line marks). Each full collection walks every live object, so
    with the collector on, loading 10,000 teams spent ~40% of its time in it and
    the time a team grew with the case (1.8 ms a team at 1,000 teams, 2.6 at
    10,000; 1.3 and 1.5 without it). What loading makes is trees, freed by
    reference counting; a cycle made meanwhile is collected once it is back on.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def _without_invalid_teams(case: Case, log: ProblemLog, invalid: dict) -> Case:
    """Move problems located in team files from ``log`` to ``invalid``; drop those teams."""
    teams_dir = case.path / TEAMS_DIR
    kept = []
    for problem in log.problems:
        file = Path(problem.file)
        if file.parent == teams_dir and file.suffix == ".yaml":
            invalid.setdefault(file, []).append(problem)
        else:
            kept.append(problem)
    # A whole-case check that names an invalid team (split: {sales: {children:
    # [rep-li]}} when rep-li's file is empty) follows from that team's file: it
    # goes with the team, not to the case.
    by_stem = {file.stem: file for file in invalid}
    log.problems[:] = []
    for problem in kept:
        words = re.split(r"[.\[\]]+", problem.location)
        named = [w for w in words[1:] if w in by_stem] if words[0] in WHOLE_CASE_CHECKS else []
        if named:
            invalid[by_stem[named[-1]]].append(problem)
        else:
            log.problems.append(problem)
    teams = {i: team for i, team in case.teams.items() if team.source not in invalid}
    return dataclasses.replace(case, teams=teams)


_CASE_WHAT = "the case: id, name, kpi, teams"
_CASE_WHAT_ZH = "案例：id、name、kpi、teams"
_TEAM_WHAT = "a team: id, name, level, objectives"
_TEAM_WHAT_ZH = "团队：id、name、level、objectives"


# -- case.yaml


def _parse_case(raw: Any, where: Where, log: ProblemLog) -> dict | None:
    keys = CASE_KEYS | set(SECTION_CHECKS)
    if not isinstance(raw, dict):
        where.problem(
            log,
            "not a mapping",
            found=shown(raw),
            expected=_CASE_WHAT,
            zh="不是映射",
            expected_zh=_CASE_WHAT_ZH,
        )
        return None
    for key in raw:
        if key not in keys:
            where.at(key).problem(
                log,
                f"unknown field {shown(key)}",
                zh=f"未知字段 {shown(key)}",
                **one_of(sorted(keys)),
            )
    year = read_number(where.at("year"), log, percent_ok=False)
    kpi_where = where.at("kpi")
    kpi = Kpi(Text())
    if kpi_where.node is not None and check_mapping(
        kpi_where, log, {"text", "target", "unit", "baseline"}, "a mapping", "映射"
    ):
        kpi = Kpi(
            text=read_text(kpi_where.at("text"), log),
            target=read_number(kpi_where.at("target"), log),
            unit=read_text(kpi_where.at("unit"), log),
            baseline=read_number(kpi_where.at("baseline"), log),
        )
        # 95% on a KPI counted in 万元 is a completion rate, as on a team file's KR
        for key, value in (("target", kpi.target), ("baseline", kpi.baseline)):
            _check_percent_on_counted(kpi_where.at(key), value, kpi.unit, log, kpi=True)
    sections = {}
    for name, dotted in SECTION_CHECKS.items():
        if name in raw:
            module, function = dotted.split(":")
            getattr(importlib.import_module(module), function)(raw[name], where.at(name), log)
            sections[name] = raw[name]
    return {
        "id": read_id(where.at("id"), log, required=True) or where.file.parent.name,
        "name": read_text(where.at("name"), log, required=True),
        "industry": read_text(where.at("industry"), log),
        "year": int(year) if year is not None else None,
        "kpi": kpi,
        "story": read_text(where.at("story"), log),
        "sections": sections,
    }


def _team_files(folder: Path, raw: Any, log: ProblemLog) -> list[Path]:
    teams_dir = folder / TEAMS_DIR
    listed = raw.get("teams") if isinstance(raw, dict) else None
    if listed is None:
        files = sorted(teams_dir.glob("*.yaml"))
        if not files:
            log.add(
                teams_dir,
                "",
                "no team files",
                expected=f"{TEAMS_DIR}/<team id>.yaml files",
                zh="没有团队文件",
                expected_zh=f"{TEAMS_DIR}/<团队 id>.yaml 文件",
            )
        return files
    where = Where(folder / CASE_FILE, "", raw).at("teams")
    files = []
    for index in list_indices(where, log, "team ids", "团队 id "):
        team_id = read_id(where.at(index), log, required=True)
        if team_id is None:
            continue
        path = teams_dir / f"{team_id}.yaml"
        if not path.exists():
            where.at(index).problem(
                log,
                f"no file for team {team_id!r}",
                expected=f"{path}",
                zh=f"团队 {team_id!r} 没有文件",
            )
            continue
        files.append(path)
    return files


def _load_teams(
    folder: Path, raw: Any, log: ProblemLog, reading: dict
) -> tuple[dict[str, Team], dict[str, Where]]:
    """The teams by id, and where each team's data stands (to locate later problems)."""
    teams: dict[str, Team] = {}
    nodes: dict[str, Where] = {}
    for path in _team_files(folder, raw, log):
        # Team files are only read here (saving reads them round-trip itself): the fast
        # loader, with the lines problems need; ~10x faster at 10,000 teams.
        data = read_yaml(path, log, what=_TEAM_WHAT, what_zh=_TEAM_WHAT_ZH, fast=True, **reading)
        if data is None:
            continue
        team = parse_team(data, path, log)
        if team is None:
            continue
        if team.id != path.stem:
            # Saving writes teams/<id>.yaml: a differing id would fork the team into a second file.
            Where(path, "", data).at("id").problem(
                log,
                f"team id {team.id!r} differs from its file name {path.name!r}",
                found=team.id,
                expected=f"id: {path.stem} (or rename the file to {team.id}.yaml)",
                zh=f"团队 id {team.id!r} 与文件名 {path.name!r} 不一致",
                expected_zh=f"id: {path.stem}（或把文件改名为 {team.id}.yaml）",
            )
        if team.id in teams:
            Where(path, "", data).at("id").problem(
                log,
                f"duplicate team id {team.id!r}",
                expected=f"ids unique in the case (also in {teams[team.id].source})",
                zh=f"团队 id {team.id!r} 重复",
                expected_zh=f"案例内唯一的 id（{teams[team.id].source} 中也有）",
            )
            continue
        teams[team.id] = team
        nodes[team.id] = Where(path, "", data)
    return teams, nodes


# -- teams/<id>.yaml


def parse_team(data: Any, path: Path, log: ProblemLog) -> Team | None:
    """Read one team file's data; record problems in ``log``."""
    where = Where(Path(path), "", data)
    if not check_mapping(where, log, TEAM_KEYS, "a team mapping", "团队映射"):
        return None
    team_id = read_id(where.at("id"), log, required=True)
    headcount = read_number(where.at("headcount"), log, percent_ok=False)
    if headcount is not None and (headcount < 1 or headcount != int(headcount)):
        where.at("headcount").problem(
            log,
            "not a head count",
            found=f"{headcount:g}",
            expected="a whole number of 1 or more",
            zh="不是人数",
            expected_zh="1 或以上的整数",
        )
        headcount = None
    objectives = []
    objectives_where = where.at("objectives")
    for index in list_indices(objectives_where, log, "objectives", "目标"):
        objective = _objective(_by_id(objectives_where.at(index)), log)
        if objective is not None:
            objectives.append(objective)
    team = Team(
        id=team_id or Path(path).stem,
        name=read_text(where.at("name"), log, required=True),
        level=read_choice(where.at("level"), log, LEVELS, required=True, default="department"),
        parent=read_id(where.at("parent"), log),
        objectives=tuple(objectives),
        headcount=int(headcount) if headcount else 1,
        sales_target=read_number(where.at("sales_target"), log, percent_ok=False),
        person=read_text(where.at("person"), log),
        source=Path(path),
    )
    _check_ids(team, where, log)
    _check_weights(team, where, log)
    return team


def _by_id(where: Where, within: Where | None = None) -> Where:
    """The place of an objective or KR named by its id (``O1``, ``O1/KR1.4``), as lint names it.

    A manager finds ``O1/KR1.4.target`` faster than ``objectives[0].key_results[3].target``;
    the line stays the same. Without a readable id the index path is kept.
    """
    node = where.node
    key = node.get("id") if isinstance(node, dict) else None
    if isinstance(key, bool) or not isinstance(key, str | int) or not str(key).strip():
        return where
    if within is None:
        path = str(key)
    elif within.path.startswith("objectives["):
        return where  # its objective has no id: keep the index path whole
    else:
        path = f"{within.path}/{key}"
    return Where(where.file, path, node, where.line)


def _objective(where: Where, log: ProblemLog) -> Objective | None:
    if not check_mapping(where, log, OBJECTIVE_KEYS, "an objective mapping", "目标映射"):
        return None
    krs = []
    krs_where = where.at("key_results")
    for index in list_indices(krs_where, log, "key results", "关键结果"):
        kr = _key_result(_by_id(krs_where.at(index), within=where), log)
        if kr is not None:
            krs.append(kr)
    return Objective(
        id=read_id(where.at("id"), log, required=True) or "",
        title=read_text(where.at("title"), log, required=True),
        description=read_text(where.at("description"), log),
        key_results=tuple(krs),
        supports=read_id(where.at("supports"), log),
        line=where.line,
    )


def _key_result(where: Where, log: ProblemLog) -> KeyResult | None:
    if not check_mapping(where, log, KR_KEYS, "a key result mapping", "关键结果映射"):
        return None
    kind = read_choice(where.at("kind"), log, KINDS, default="result")
    weight = read_weight(where.at("weight"), log)
    if kind == "deduction" and weight:
        where.at("weight").problem(
            log,
            "a deduction item carries no positive weight",
            found=f"{weight:g}%",
            expected="no weight; set penalty (points per incident) and cap instead",
            zh="扣分项不带正权重",
            expected_zh="不设权重；改设 penalty（每次扣几分）和 cap（扣分上限）",
        )
    for key in ("penalty", "cap"):
        value = read_number(where.at(key), log, percent_ok=False)
        if value is not None and value < 0:
            where.at(key).problem(
                log,
                "cannot be negative",
                found=f"{value:g}",
                expected="points, 0 or more",
                zh="不能为负数",
                expected_zh="分数，0 或以上",
            )
    confidence = read_number(where.at("confidence"), log, percent_ok=False)
    if confidence is not None and not 0 <= confidence <= 10:
        where.at("confidence").problem(
            log,
            "not a confidence",
            found=f"{confidence:g}",
            expected="0 to 10 (how sure the owner is, at setting, that it will land)",
            zh="不是有效的信心值",
            expected_zh="0 到 10（设定时负责人对达成的把握）",
        )
        confidence = None
    target = read_number(where.at("target"), log)
    direction = read_choice(where.at("direction"), log, DIRECTIONS)
    baseline = read_number(where.at("baseline"), log)
    unit = read_text(where.at("unit"), log)
    _check_target_sign(where, target, direction, baseline, log)
    for key, value in (("target", target), ("baseline", baseline)):
        _check_percent_fraction(where.at(key), value, unit, log)
        _check_percent_on_counted(where.at(key), value, unit, log)
    return KeyResult(
        id=read_id(where.at("id"), log, required=True) or "",
        text=read_text(where.at("text"), log, required=True),
        kind=kind,
        weight=weight,
        target=target,
        unit=unit,
        direction=direction,
        baseline=baseline,
        cadence=read_choice(where.at("cadence"), log, CADENCES),
        evidence=read_text(where.at("evidence"), log),
        feeds=read_id(where.at("feeds"), log),
        stage=read_id(where.at("stage"), log),
        penalty=read_number(where.at("penalty"), log, percent_ok=False),
        cap=read_number(where.at("cap"), log, percent_ok=False),
        definition=read_text(where.at("definition"), log),
        confidence=confidence,
        line=where.line,
    )


def _check_percent_fraction(where: Where, value, unit, log: ProblemLog) -> None:
    """On a KR measured in % a bare 0.95 is 95% or 0.95%: refused, as for actuals.

    The same rule as :func:`okrkit.numbers.parse_percent_actual`; read silently as
    0.95 points it would make the target a hundred times too easy (an Excel cell shown
    as 95% holds 0.95).
    """
    if value is None or value == 0 or not -1 <= value <= 1:
        return
    if "%" not in ((unit or {}).get("zh"), (unit or {}).get("en")):
        return
    if parse_target(where.node)[1]:
        return  # written with its % sign: 0.5% means half a point
    points = f"{value * 100:.6g}%"
    where.problem(
        log,
        "ambiguous on a percent KR",
        found=shown(where.node),
        expected=f"{points} (a fraction of the whole) or {value:g}% (percent points)",
        zh="在百分比关键结果上有歧义",
        expected_zh=f"{points}（占整体的比例）或 {value:g}%（百分点）",
    )


def _check_percent_on_counted(
    where: Where, value, unit, log: ProblemLog, *, kpi: bool = False
) -> None:
    """``target: 95%`` on a KR counted in 万元 is a completion rate, not 95万元: refused.

    The same rule as an actual of 95% on that KR
    (:func:`okrkit.numbers.refuse_percent_on_counted`); read silently it scores as 95万元.
    ``kpi``: the case's headline KPI (``kpi.target: 95%`` in 万元), by the same rule.
    """
    if value is None:
        return
    unit = unit or Text()
    try:
        refuse_percent_on_counted(parse_target(where.node)[1], unit.zh, unit.en)
    except NumberError as exc:
        en, zh = unit.get("en"), unit.get("zh")
        expected, expected_zh = str(exc), exc.zh
        if kpi:  # the rule's own words say "this KR": the KPI is named as what it is
            expected = (
                f"a number in {en}, not a percent (the KPI counts {en}: write the amount itself)"
            )
            expected_zh = f"以{zh}计的数值，而不是百分比（该KPI按{zh}计：请写实际数量）"
        where.problem(
            log,
            f"a percent on {'the KPI' if kpi else 'a key result'} counted in {en}",
            found=shown(where.node),
            expected=expected,
            zh=f"按{zh}计的{'KPI' if kpi else '关键结果'}写了百分比",
            expected_zh=expected_zh,
        )


def _check_target_sign(where: Where, target, direction, baseline, log: ProblemLog) -> None:
    """A negative target is only meaningful as a level to move to (increase, decrease from a baseline).

    "At least -5" or "at most -3 complaints" cannot be scored (completion
    divides by the target), and scoring would give 0 without a word.
    """
    direction = direction or ("at_least" if target is not None else None)
    if target is None or target >= 0:
        return
    if direction in ("at_least", "at_most") or (direction == "decrease" and baseline is None):
        where.at("target").problem(
            log,
            f"a negative target makes no sense with direction {direction}",
            found=f"{target:g}",
            expected="a target of 0 or more, or direction increase / decrease with a baseline",
            zh=f"方向为 {direction} 时目标不能为负数",
            expected_zh="0 或以上的目标；或方向设为 increase / decrease 并给出 baseline",
        )


def _check_ids(team: Team, where: Where, log: ProblemLog) -> None:
    seen_objectives: set[str] = set()
    seen_krs: set[str] = set()
    objectives_where = where.at("objectives")
    for o_index, objective in enumerate(team.objectives):
        o_where = objectives_where.at(o_index)
        if objective.id and objective.id in seen_objectives:
            o_where.at("id").problem(
                log,
                f"duplicate objective id {objective.id!r}",
                expected="ids unique in the team",
                zh=f"目标 id {objective.id!r} 重复",
                expected_zh="团队内唯一的 id",
            )
        seen_objectives.add(objective.id)
        for k_index, kr in enumerate(objective.key_results):
            if kr.id and kr.id in seen_krs:
                # by index: the id names both KRs, the index the second one
                o_where.at("key_results").at(k_index).at("id").problem(
                    log,
                    f"duplicate key result id {kr.id!r}",
                    expected="ids unique in the team",
                    zh=f"关键结果 id {kr.id!r} 重复",
                    expected_zh="团队内唯一的 id",
                )
            seen_krs.add(kr.id)
    for o_index, objective in enumerate(team.objectives):
        for k_index, kr in enumerate(objective.key_results):
            if kr.feeds and kr.feeds not in seen_krs:
                o_where = _by_id(objectives_where.at(o_index))
                _by_id(o_where.at("key_results").at(k_index), within=o_where).at("feeds").problem(
                    log,
                    f"feeds names no key result of this team: {kr.feeds!r}",
                    expected="the id of a result KR in this team",
                    zh=f"feeds 指向的 {kr.feeds!r} 不是本团队的关键结果",
                    expected_zh="本团队某个结果类 KR 的 id",
                )


def _check_weights(team: Team, where: Where, log: ProblemLog) -> None:
    scored = [kr for _, kr in team.key_results() if not kr.is_deduction]
    if scored and all(kr.weight is not None for kr in scored):
        total = team.total_weight()
        if abs(total - WEIGHT_TOTAL) > _TOLERANCE:
            where.at("objectives").problem(
                log,
                f"weights of this table add to {total:g}",
                found=f"{total:g}",
                expected=f"{WEIGHT_TOTAL:g}",
                zh=f"本表权重合计为 {total:g}",
            )


# -- the team tree


def _check_tree(teams: dict[str, Team], nodes: dict[str, Where], log: ProblemLog) -> None:
    for team in teams.values():
        data_where = nodes[team.id]
        if team.parent is None:
            for index, objective in enumerate(team.objectives):
                if objective.supports:
                    _by_id(data_where.at("objectives").at(index)).at("supports").problem(
                        log,
                        "supports needs a parent team",
                        found=shown(objective.supports),
                        expected="no supports link on a team without parent",
                        zh="supports 需要有上级团队",
                        expected_zh="没有上级的团队不设 supports",
                    )
            continue
        parent = teams.get(team.parent)
        if parent is None:
            data_where.at("parent").problem(
                log,
                f"no team {team.parent!r} in this case",
                zh=f"本案例中没有团队 {team.parent!r}",
                **one_of(teams),
            )
            continue
        parent_objectives = {o.id for o in parent.objectives}
        for index, objective in enumerate(team.objectives):
            if objective.supports and objective.supports not in parent_objectives:
                _by_id(data_where.at("objectives").at(index)).at("supports").problem(
                    log,
                    f"team {parent.id!r} has no objective {objective.supports!r}",
                    zh=f"团队 {parent.id!r} 没有目标 {objective.supports!r}",
                    **one_of(sorted(parent_objectives)),
                )
    for team in teams.values():
        seen = [team.id]
        current = team
        while current.parent in teams:
            current = teams[current.parent]
            if current.id in seen:
                nodes[team.id].at("parent").problem(
                    log,
                    "teams form a cycle: " + " -> ".join([*seen, current.id]),
                    expected="a tree with one company at the top",
                    zh="团队上下级形成了循环：" + " -> ".join([*seen, current.id]),
                    expected_zh="以一家公司为顶层的树形结构",
                )
                break
            seen.append(current.id)


def folder_problems(
    case: Case, *, encoding: str | None = None, encodings: dict | None = None
) -> list[Problem]:
    """What ``okrkit validate`` checks beyond :func:`load_case`: every other file of the folder.

    A team file in ``teams/`` that ``case.yaml`` does not list (or spelled
    ``.yml``) is never read, so a trainer's edits there would be lost without
    a word; every actuals file in ``actuals/`` (``.yaml``, ``.yml``, ``.csv``)
    is read against the case, as ``okrkit score`` would.
    """
    from okrkit.actuals import load_actuals  # scoring pulls in numpy: only when validating

    log = ProblemLog()
    teams_dir = case.path / TEAMS_DIR
    raw = read_yaml(case.path / CASE_FILE, ProblemLog(), encoding=encoding)
    listed = isinstance(raw, dict) and raw.get("teams") is not None
    for path in sorted(teams_dir.glob("*")) if teams_dir.is_dir() else []:
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
            log.add(path, "", "team files end in .yaml; this file is not read",
                    expected=f"{path.stem}.yaml", zh="团队文件须以 .yaml 结尾；此文件不会被读取",
                    expected_zh=f"{path.stem}.yaml")  # fmt: skip
        elif path.suffix == ".yaml" and ".mine-" in path.stem:
            # okrkit.casefile.save_copy's name for edits refused because someone else saved first.
            team_id = path.stem.split(".mine-")[0]
            log.add(path, "", f"a copy of team {team_id!r} saved when someone else had saved it first; it is never read",
                    expected=f"its edits merged into {team_id}.yaml, then the copy deleted",
                    zh=f"团队 {team_id!r} 的副本：保存时别人已先保存，此副本不会被读取",
                    expected_zh=f"把其中的修改合并到 {team_id}.yaml，然后删除副本")  # fmt: skip
        elif path.suffix == ".yaml" and listed and path.stem not in case.teams:
            log.add(path, "", f"team file not listed in {CASE_FILE}: it is never read",
                    expected=f"{path.stem} added to teams: in {CASE_FILE}, or the file moved out of {TEAMS_DIR}/",
                    zh=f"{CASE_FILE} 的 teams 中没有列出这个团队文件：它不会被读取",
                    expected_zh=f"在 {CASE_FILE} 的 teams 中加入 {path.stem}，或把文件移出 {TEAMS_DIR}/")  # fmt: skip
    actuals_dir = case.path / "actuals"
    for path in sorted(actuals_dir.glob("*")) if actuals_dir.is_dir() else []:
        if path.name.startswith(".") or path.suffix.lower() not in (".yaml", ".yml", ".csv"):
            continue
        try:
            actuals = load_actuals(path, case, encoding=encoding)
        except CaseError as error:
            log.problems.extend(error.problems)
            continue
        if encodings is not None:
            encodings[path] = actuals.encoding
    return log.problems


def parse_weight(value, file: str = "<input>", location: str = "weight") -> float | None:
    """Read one weight the way case files do (for widgets and imports)."""
    log = ProblemLog()
    result = read_weight(Where(Path(file), location, value), log)
    log.raise_if_any()
    return result


__all__ = [
    "SECTION_CHECKS",
    "folder_problems",
    "load_case",
    "parse_number",
    "parse_team",
    "parse_weight",
]
