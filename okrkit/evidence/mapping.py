"""The ``evidence:`` block of case.yaml: which exports to read and how to count them.

::

    evidence:
      timezone: Asia/Shanghai        # local time of text timestamps (default)
      people:                        # who is who: any of name, userid, phone -> a team
        - {team: rep-zhang, name: 张伟, userid: zhangwei, phone: "13800000001"}
      sources:                       # one entry per export, starting from a preset
        dingtalk: {preset: dingtalk-checkin, files: records/2015/dingtalk-*.xlsx}
        followups:
          preset: crm-followups
          files: [records/2015/crm-followups.csv]
          encoding: gbk              # optional: otherwise detected
          columns: {person: 销售}     # override any column of the preset
      rules:                         # what counts, per funnel stage or KR id
        - {stage: calls, count: calls, min_seconds: 60}
        - {stage: visits, count: visits, customer: new}
        - {stage: opportunities, count: opportunities}
        - {id: revisit, count: revisit_coverage}

The loader (:func:`check_evidence`, registered in ``okrkit.cases``) reports
every mistake with its line; :func:`evidence_config` turns the block into an
:class:`EvidenceConfig` for the counting engine. Field by field:
``cases/README.md``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from okrkit.errors import ProblemLog
from okrkit.evidence.presets import KINDS, OPTIONAL_FIELDS, PRESETS, REQUIRED_FIELDS
from okrkit.readers import check_mapping, list_indices, one_of, read_text, shown
from okrkit.yamlio import Where

DEFAULT_TIMEZONE = "Asia/Shanghai"
FORMATS = ("csv", "xlsx", "json", "parquet")
COUNTS = ("calls", "visits", "opportunities", "revisit_coverage")
CUSTOMERS = ("new", "old", "any")
BLOCK_KEYS = {"timezone", "people", "sources", "rules"}
PERSON_KEYS = {"team", "name", "userid", "phone"}
LIST_OPTIONS = (
    "visit_types",
    "attendance_types",
    "no_checkin_exceptions",
    "call_channels",
    "new_customer",
    "old_customer",
    "statuses",
    "invalid_statuses",
    "time_formats",
)
SOURCE_KEYS = {
    "preset",
    "kind",
    "format",
    "files",
    "encoding",
    "timezone",
    "sheet",
    "records",
    "columns",
    "coordinate_scale",
    *LIST_OPTIONS,
}
RULE_KEYS = {"id", "stage", "kr", "count", "min_seconds", "customer", "sources", "name"}


@dataclass(frozen=True)
class SourceSpec:
    """One export: its files, how to read them and which column holds what."""

    name: str
    kind: str
    files: tuple[str, ...]
    format: str | None = None
    encoding: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    sheet: str | None = None
    records: str | None = None  # the JSON key holding the record list
    columns: dict[str, str] = field(default_factory=dict)  # field -> column header
    options: dict[str, Any] = field(default_factory=dict)  # value lists, coordinate scale
    line: int | None = None

    def option(self, name: str, default=None):
        value = self.options.get(name)
        return default if value is None else value


@dataclass(frozen=True)
class Rule:
    """What counts for the KRs of one funnel stage (or one KR id)."""

    id: str
    count: str
    stage: str | None = None
    kr: str | None = None
    min_seconds: float = 0
    customer: str = "any"
    sources: tuple[str, ...] = ()  # empty: every source of the kind
    name: Any = None
    line: int | None = None


@dataclass(frozen=True)
class Person:
    team: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceConfig:
    folder: Path
    file: Path  # case.yaml, for located errors
    timezone: str
    sources: tuple[SourceSpec, ...]
    rules: tuple[Rule, ...]
    people: tuple[Person, ...]


def check_evidence(raw, where: Where, log: ProblemLog) -> None:
    """Check the block at case load (``okrkit validate``); problems go to ``log``."""
    _parse(raw, where, log)


def evidence_config(case) -> EvidenceConfig:
    """The case's evidence settings; a CaseError names each problem with its line."""
    log = ProblemLog()
    file = Path(case.path or ".") / "case.yaml"
    raw = case.sections.get("evidence")
    where = Where(file, "evidence", raw)
    if raw is None:
        where.problem(
            log,
            "no evidence block",
            expected="evidence: with sources, people and rules",
            zh="没有 evidence 配置",
            expected_zh="evidence: 及其 sources、people、rules",
        )
        log.raise_if_any()
    parsed = _parse(raw, where, log)
    people = list(parsed["people"])
    # A team's person (张伟 / Zhang Wei) is a key by itself, so a small case
    # needs no people list at all.
    for team in case.teams.values():
        names = tuple(n for n in (team.person.zh, team.person.en) if n)
        if names:
            people.append(Person(team.id, names))
    for person in parsed["people"]:
        if person.team not in case.teams:
            log.add(file, "evidence.people", f"unknown team {person.team!r}",
                    zh=f"未知团队 {person.team!r}", **one_of(case.teams))  # fmt: skip
    log.raise_if_any()
    return EvidenceConfig(
        folder=Path(case.path or "."),
        file=file,
        timezone=parsed["timezone"],
        sources=tuple(parsed["sources"]),
        rules=tuple(parsed["rules"]),
        people=tuple(people),
    )


def _parse(raw, where: Where, log: ProblemLog) -> dict:
    out = {"timezone": DEFAULT_TIMEZONE, "sources": [], "rules": [], "people": []}
    if not check_mapping(where, log, BLOCK_KEYS, "a mapping", "映射"):
        return out
    out["timezone"] = _timezone(where.at("timezone"), log) or DEFAULT_TIMEZONE
    sources_where = where.at("sources")
    if not isinstance(sources_where.node, dict) or not sources_where.node:
        sources_where.problem(log, "missing or not a mapping", expected="source name: {preset, files}",
                              zh="缺少或不是映射", expected_zh="数据源名称: {preset, files}")  # fmt: skip
    else:
        for name in sources_where.node:
            spec = _source(str(name), sources_where.at(name), out["timezone"], log)
            if spec is not None:
                out["sources"].append(spec)
    for index in list_indices(where.at("people"), log, "people", "人员"):
        person = _person(where.at("people").at(index), log)
        if person is not None:
            out["people"].append(person)
    rules_where = where.at("rules")
    if rules_where.node is None:
        rules_where.problem(log, "missing", expected="a list of counting rules",
                            zh="缺少此项", expected_zh="计数规则列表")  # fmt: skip
    names = {s.name for s in out["sources"]}
    for index in list_indices(rules_where, log, "counting rules", "计数规则"):
        rule = _rule(rules_where.at(index), names, log)
        if rule is not None:
            out["rules"].append(rule)
    return out


def _timezone(where: Where, log: ProblemLog) -> str | None:
    if where.node is None:
        return None
    try:
        ZoneInfo(str(where.node))
    except (ZoneInfoNotFoundError, ValueError):
        where.problem(log, "unknown time zone", found=repr(where.node),
                      expected="an IANA zone such as Asia/Shanghai",
                      zh="未知时区", expected_zh="IANA 时区名，如 Asia/Shanghai")  # fmt: skip
        return None
    return str(where.node)


def _strings(where: Where, log: ProblemLog, what: str) -> list[str] | None:
    node = where.node
    if node is None:
        return None
    if isinstance(node, str | int | float):
        return [str(node)]
    if isinstance(node, list) and all(isinstance(v, str | int | float) for v in node):
        return [str(v) for v in node]
    where.problem(log, f"not {what}", found=shown(node), expected=f"{what}: a text or a list",
                  zh=f"不是{what}", expected_zh="文本或文本列表")  # fmt: skip
    return None


def _source(name: str, where: Where, timezone: str, log: ProblemLog) -> SourceSpec | None:
    if not check_mapping(where, log, SOURCE_KEYS, "a source", "数据源"):
        return None
    node = where.node
    base: dict = {}
    if node.get("preset") is not None:
        preset = str(node["preset"])
        if preset not in PRESETS:
            where.at("preset").problem(log, "unknown preset", found=repr(preset),
                                       zh="未知预设", **one_of(PRESETS))  # fmt: skip
            return None
        base = copy.deepcopy(PRESETS[preset])
    kind = str(node.get("kind") or base.get("kind") or "")
    if kind not in KINDS:
        where.at("kind").problem(log, "missing or unknown kind", found=repr(kind or None),
                                 zh="缺少或未知的数据源类型", **one_of(KINDS))  # fmt: skip
        return None
    files = _strings(where.at("files"), log, "file names or globs")
    if not files:
        where.at("files").problem(log, "missing", expected="a file name or glob, relative to the case folder",
                                  zh="缺少此项", expected_zh="文件名或通配符，相对于案例文件夹")  # fmt: skip
        return None
    fmt = node.get("format", base.get("format"))
    if fmt is not None and fmt not in FORMATS:
        where.at("format").problem(
            log, "unknown format", found=repr(fmt), zh="未知格式", **one_of(FORMATS)
        )
        return None
    columns = {k: v for k, v in (base.get("columns") or {}).items() if v}
    allowed = REQUIRED_FIELDS[kind] + OPTIONAL_FIELDS[kind]
    col_where = where.at("columns")
    if col_where.node is not None and check_mapping(
        col_where, log, set(allowed), "a column map", "列映射"
    ):
        for key, header in col_where.node.items():
            if header in (None, ""):
                columns.pop(key, None)  # an override may unmap an optional column
            else:
                columns[str(key)] = str(header)
    for required in REQUIRED_FIELDS[kind]:
        if required not in columns:
            col_where.problem(log, f"no column mapped for {required!r}",
                              expected=f"columns: {{{required}: <header in the export>}}",
                              zh=f"没有为 {required!r} 指定列",
                              expected_zh=f"columns: {{{required}: <导出文件中的列名>}}")  # fmt: skip
    options = {k: base[k] for k in (*LIST_OPTIONS, "coordinate_scale") if k in base}
    for key in LIST_OPTIONS:
        value = _strings(where.at(key), log, "values")
        if value is not None:
            options[key] = value
    if node.get("coordinate_scale") is not None:
        try:
            options["coordinate_scale"] = float(node["coordinate_scale"])
        except (TypeError, ValueError):
            where.at("coordinate_scale").problem(log, "not a number", found=repr(node["coordinate_scale"]),
                                                 expected="1 or 1000000", zh="不是数字")  # fmt: skip
    return SourceSpec(
        name=name,
        kind=kind,
        files=tuple(files),
        format=fmt,
        encoding=str(node["encoding"]) if node.get("encoding") else None,
        timezone=_timezone(where.at("timezone"), log) or timezone,
        sheet=str(node["sheet"]) if node.get("sheet") is not None else None,
        records=str(node.get("records") or base.get("records") or "") or None,
        columns=columns,
        options=options,
        line=where.line,
    )


def _person(where: Where, log: ProblemLog) -> Person | None:
    if not check_mapping(where, log, PERSON_KEYS, "a person", "人员"):
        return None
    team = where.node.get("team")
    if not team:
        where.at("team").problem(log, "missing", expected="the team id of this person",
                                 zh="缺少此项", expected_zh="此人的团队 id")  # fmt: skip
        return None
    keys: list[str] = []
    for key in ("name", "userid", "phone"):
        keys += _strings(where.at(key), log, "names or ids") or []
    if not keys:
        where.problem(log, "no name, userid or phone", expected="at least one way to recognise the person",
                      zh="没有 name、userid 或 phone", expected_zh="至少一种识别此人的方式")  # fmt: skip
    return Person(str(team), tuple(keys))


def _rule(where: Where, sources: set[str], log: ProblemLog) -> Rule | None:
    if not check_mapping(where, log, RULE_KEYS, "a rule", "规则"):
        return None
    node = where.node
    count = node.get("count")
    if count not in COUNTS:
        where.at("count").problem(log, "missing or unknown count", found=repr(count),
                                  zh="缺少或未知的计数方式", **one_of(COUNTS))  # fmt: skip
        return None
    stage, kr = node.get("stage"), node.get("kr")
    if count != "revisit_coverage" and bool(stage) == bool(kr):
        where.problem(log, "a rule names a stage or a KR id (one of them)",
                      found=f"stage={stage!r}, kr={kr!r}", expected="stage: calls, or kr: KR1.1",
                      zh="规则须指定 stage 或 kr（二选一）",
                      expected_zh="stage: calls，或 kr: KR1.1")  # fmt: skip
        return None
    customer = str(node.get("customer") or "any")
    if customer not in CUSTOMERS:
        where.at("customer").problem(log, "unknown customer type", found=repr(customer),
                                     zh="未知客户类型", **one_of(CUSTOMERS))  # fmt: skip
        return None
    min_seconds = node.get("min_seconds") or 0
    if not isinstance(min_seconds, int | float) or min_seconds < 0:
        where.at("min_seconds").problem(log, "not a number of seconds", found=repr(min_seconds),
                                        expected="0 or more, e.g. 60", zh="不是秒数",
                                        expected_zh="0或以上，如 60")  # fmt: skip
        return None
    named = _strings(where.at("sources"), log, "source names") or []
    for source in named:
        if source not in sources:
            where.at("sources").problem(log, f"unknown source {source!r}",
                                        zh=f"未知数据源 {source!r}", **one_of(sorted(sources)))  # fmt: skip
    return Rule(
        id=str(node.get("id") or stage or kr),
        count=count,
        stage=str(stage) if stage else None,
        kr=str(kr) if kr else None,
        min_seconds=float(min_seconds),
        customer=customer,
        sources=tuple(named),
        name=read_text(where.at("name"), log),
        line=where.line,
    )
