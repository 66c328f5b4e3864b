"""Reading a review period's actual results: one YAML or CSV file per period.

A case keeps its actuals under ``actuals/``, e.g. ``cases/a-company/actuals/2015.yaml``::

    period: 2015                 # required: the review period's name
    teams:
      gm:                        # a team id of the case
        KR1.1: 18%               # a KR id and its actual, in the target's unit
        KR1.3: 93%               # percents are percent points, like targets
      rep-li:
        KR2.1: done              # a milestone: done / not done (完成 / 未完成, yes / no)
        KR4.1: 2                 # a deduction item: the number of incidents

The same as CSV (one row per KR, every row of one period)::

    period,team,key_result,actual
    2015,gm,KR1.1,18%
    2015,rep-li,KR4.1,2

The header may be in Chinese, as a Chinese sheet names the columns:
``期间,团队,关键成果,实际值`` (``周期``/``考核周期``, ``KR``, ``实际`` also read).

Either file may be UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8") or GBK (Excel's
"CSV" on Chinese Windows), detected or declared (:mod:`okrkit.textfile`);
rows with every cell empty (Excel's trailing ``,,,`` lines) are skipped. On a
percent KR a bare fraction such as ``0.93`` is refused as ambiguous: write
``93%`` (see :func:`okrkit.numbers.parse_percent_actual`).

A team or KR the file leaves out is not scored and is reported as such. Any
mistake (an unknown team or KR id, a value that is not a number, a missing
period) is collected with its file, line and place, and raised once as a
:class:`~okrkit.errors.CaseError`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from okrkit.errors import ProblemLog
from okrkit.model import Case, KeyResult, Team
from okrkit.numbers import (
    NumberError,
    parse_number,
    parse_percent_actual,
    parse_target,
    refuse_percent_on_counted,
    without_unit,
)
from okrkit.readers import shown
from okrkit.scoring import direction_of
from okrkit.textfile import TextFileError, csv_delimiter, read_text
from okrkit.yamlio import Where, read_yaml

CSV_COLUMNS = ("period", "team", "key_result", "actual")
# Headers a Chinese sheet gives the same columns (the check-in files take theirs too).
CSV_ALIASES = {
    "period": ("period", "期间", "周期", "考核周期"),
    "team": ("team", "团队"),
    "key_result": ("key_result", "kr", "关键成果"),
    "actual": ("actual", "实际", "实际值"),
}
_COLUMN_OF = {alias: name for name, aliases in CSV_ALIASES.items() for alias in aliases}
# ✓ / × are how a Chinese form marks done and not done (√ 打勾, × 打叉)
DONE = {"done", "yes", "true", "1", "完成", "已完成", "是", "y", "√", "✓", "✔"}
NOT_DONE = {"not done", "no", "false", "0", "未完成", "否", "n", "not_done", "×", "✗", "✘"}
MILESTONE_EXPECTED = "done or not done (完成 / 未完成, yes / no, 1 / 0)"
MILESTONE_EXPECTED_ZH = "完成或未完成（done / not done、是 / 否、1 / 0）"
INCIDENTS_EXPECTED = "a number of incidents such as 0, 1 or 2"
INCIDENTS_EXPECTED_ZH = "事件次数，如 0、1 或 2"


@dataclass(frozen=True)
class Actuals:
    """Actual results of one period: team id -> KR id -> number.

    Milestones are 1.0 (done) or 0.0; deduction items hold incident counts.
    """

    period: str
    values: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    source: Path | None = None
    encoding: str = "utf-8"  # how the file's bytes were decoded (okrkit.textfile)

    def for_team(self, team_id: str) -> Mapping[str, float]:
        """The actuals of one team (empty when the file leaves the team out)."""
        return self.values.get(team_id, {})


def parse_actual(kr: KeyResult, value) -> float:
    """Read one actual for ``kr``; raise ValueError saying what was expected (``.zh``: Chinese).

    >>> from okrkit import load_case
    >>> rep = load_case("cases/a-company").team("rep-li")
    >>> parse_actual(rep.key_result("KR2.1"), "完成"), parse_actual(rep.key_result("KR1.4"), "1,380")
    (1.0, 1380.0)

    Notice that a milestone reads done / not done, and a deduction a whole count.
    """
    if kr.is_deduction:
        if isinstance(value, str):
            # '2次' / '2起': how an incident count is written in Chinese
            value = (
                unicodedata.normalize("NFKC", value).strip().removesuffix("次").removesuffix("起")
            )
        try:
            number, percent = parse_target(value)
        except ValueError:
            raise NumberError(INCIDENTS_EXPECTED, INCIDENTS_EXPECTED_ZH) from None
        if percent or number < 0 or number != int(number):
            raise NumberError(
                f"{INCIDENTS_EXPECTED} (whole, 0 or more)",
                f"{INCIDENTS_EXPECTED_ZH}，须为0或以上的整数",
            )
        return float(number)
    if direction_of(kr) == "milestone":
        if isinstance(value, bool):
            return 1.0 if value else 0.0
        word = unicodedata.normalize("NFKC", str(value)).strip().lower()
        if word in DONE:
            return 1.0
        if word in NOT_DONE:
            return 0.0
        try:
            # 1.0 / 0.0: a YAML float, an Excel cell, a check-in export read back
            number = parse_number(value)
        except NumberError:
            raise NumberError(MILESTONE_EXPECTED, MILESTONE_EXPECTED_ZH) from None
        if number in (0.0, 1.0):
            return number
        raise NumberError(
            f"{MILESTONE_EXPECTED}; a milestone is done or not, never partly done",
            f"{MILESTONE_EXPECTED_ZH}；里程碑只有完成或未完成，没有部分完成",
        )
    if _is_percent(kr):
        return parse_percent_actual(value)
    number, percent = parse_target(without_unit(value, (kr.unit.zh, kr.unit.en)))
    # '95%' on a KR counted in 万元 is the completion rate, not 95万元 (the same rule as targets)
    refuse_percent_on_counted(percent, kr.unit.zh, kr.unit.en)
    return number


def _is_percent(kr: KeyResult) -> bool:
    """A KR measured in percent points: its unit is % (in either language)."""
    return "%" in (kr.unit.get("zh"), kr.unit.get("en"))


def load_actuals(
    path: str | Path,
    case: Case,
    *,
    encoding: str | None = None,
    unreadable_teams: frozenset[str] = frozenset(),
) -> Actuals:
    """Read an actuals file (``.yaml``/``.yml`` or ``.csv``) checked against ``case``.

    ``unreadable_teams``: ids of teams whose files exist but could not be read at
    all (a report batch lists them as invalid); their values are left out instead
    of being refused as an unknown team, so one broken file does not stop the run.

    >>> from okrkit import load_case
    >>> case = load_case("cases/a-company")
    >>> load_actuals("cases/a-company/actuals/2015.yaml", case).for_team("rep-li")["KR4.1"]
    2.0
    """
    path = Path(path)
    log = ProblemLog()
    if path.suffix.lower() == ".csv":
        actuals = _read_csv(path, case, log, encoding, unreadable_teams)
    elif path.suffix.lower() in (".yaml", ".yml"):
        actuals = _read_yaml(path, case, log, encoding, unreadable_teams)
    else:
        # An Excel workbook is the likeliest: say how to get the CSV out of it.
        sheet = path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et")
        log.add(
            path,
            "",
            "unknown actuals file type",
            found=path.suffix or repr(path.name),
            expected=".yaml or .csv" + (" (in Excel: Save As → CSV UTF-8)" if sheet else ""),
            zh="无法识别的实际值文件类型",
            expected_zh=".yaml 或 .csv"
            + ("（Excel：另存为 → CSV UTF-8（逗号分隔））" if sheet else ""),
        )
        actuals = None
    log.raise_if_any()
    return actuals


def _read_yaml(
    path: Path, case: Case, log: ProblemLog, encoding: str | None, skip: frozenset[str]
) -> Actuals | None:
    decoded: dict = {}
    data = read_yaml(
        path,
        log,
        what="period and teams: {team: {KR id: actual}}",
        what_zh="period 和 teams：{团队: {KR id: 实际值}}",
        encoding=encoding,
        encodings=decoded,
    )
    if data is None:
        return None
    where = Where(path, "", data)
    if not isinstance(data, Mapping):
        where.problem(
            log,
            "not a mapping",
            found=shown(data),
            expected="period and teams",
            zh="应为映射（键: 值）",
            expected_zh="period 和 teams",
        )
        return None
    for key in data:
        if key not in ("period", "teams"):
            where.at(key).problem(
                log,
                f"unknown field {shown(key)}",
                expected="period or teams",
                zh=f"未知字段 {shown(key)}",
                expected_zh="period 或 teams",
            )
    period = _period(data.get("period"), where.at("period"), log)
    teams_where = where.at("teams")
    values: dict[str, dict[str, float]] = {}
    if not isinstance(teams_where.node, Mapping):
        teams_where.problem(
            log,
            "missing" if teams_where.node is None else "not a mapping",
            found=None if teams_where.node is None else shown(teams_where.node),
            expected="team ids, each with KR id: actual lines",
            zh="缺少" if teams_where.node is None else "应为映射（键: 值）",
            expected_zh="团队 id，每个团队下写「KR id: 实际值」",
        )
        return None
    for team_id, krs in teams_where.node.items():
        team = _team(case, str(team_id), teams_where.at(team_id), log, skip)
        if team is None:
            continue
        team_where = teams_where.at(team_id)
        if not isinstance(krs, Mapping):
            team_where.problem(
                log,
                "not a mapping",
                found=shown(krs),
                expected="KR id: actual lines",
                zh="应为映射（键: 值）",
                expected_zh="「KR id: 实际值」各一行",
            )
            continue
        row = values.setdefault(team.id, {})
        for kr_id, value in krs.items():
            number = _value(team, str(kr_id), value, team_where.at(kr_id), log)
            if number is not None:
                row[str(kr_id)] = number
    return Actuals(period or "", values, path, decoded.get(path, "utf-8"))


def _read_csv(
    path: Path, case: Case, log: ProblemLog, encoding: str | None, skip: frozenset[str]
) -> Actuals | None:
    try:
        decoded = read_text(path, encoding=encoding)
    except TextFileError as exc:
        log.problems.append(exc.problem)
        return None
    with io.StringIO(decoded.text, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=csv_delimiter(decoded.text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        named = {h: _COLUMN_OF.get(h.lower(), h) for h in header}
        missing = [c for c in CSV_COLUMNS if c not in named.values()]
        if missing:
            log.add(path, "header", f"missing column {missing[0]!r}", line=1,
                    found=",".join(header) or "no header",
                    expected=",".join(CSV_COLUMNS) + " (or 期间,团队,关键成果,实际值)",
                    zh=f"缺少列 {missing[0]!r}",
                    expected_zh=",".join(CSV_COLUMNS) + "（或 期间,团队,关键成果,实际值）")  # fmt: skip
            return None
        periods: set[str] = set()
        values: dict[str, dict[str, float]] = {}
        try:
            for raw_row in reader:
                line = reader.line_num
                where = Where(path, f"row {line}", None, line)
                extra = [cell for cell in raw_row.pop(None, None) or [] if cell.strip()]
                row = {named.get((k or "").strip(), (k or "").strip()): (v or "").strip()
                       for k, v in raw_row.items()}  # fmt: skip
                if not extra and not any(row.values()):
                    continue  # Excel writes ",,,," for rows it once touched: nothing to read
                if extra:
                    where.problem(
                        log,
                        "more cells than columns",
                        found=", ".join(extra),
                        expected=",".join(CSV_COLUMNS),
                        zh="单元格比列多",
                    )
                period = _period(row["period"], where.at("period"), log)
                if period:
                    periods.add(period)
                team = _team(case, row["team"], where.at("team"), log, skip)
                if team is None:
                    continue
                kr_id = row["key_result"]
                number = _value(team, kr_id, row["actual"] or None, where.at(kr_id), log)
                if number is not None:
                    if kr_id in values.get(team.id, {}):
                        where.problem(
                            log,
                            f"{team.id} {kr_id} given twice",
                            expected="one row per KR",
                            zh=f"{team.id} {kr_id} 出现了两次",
                            expected_zh="每个KR一行",
                        )
                    values.setdefault(team.id, {})[kr_id] = number
        except csv.Error as exc:  # a quote left open, a field over the csv module's size limit
            log.add(path, "", f"not a readable CSV file: {exc}", line=reader.line_num,
                    expected="period,team,key_result,actual rows", zh=f"无法读取的 CSV 文件：{exc}",
                    expected_zh="period,team,key_result,actual 各行")  # fmt: skip
    if len(periods) > 1:
        log.add(path, "period", "more than one period in one file", found=", ".join(sorted(periods)),
                expected="one file per period", zh="一个文件里有多个周期",
                expected_zh="每个周期一个文件")  # fmt: skip
    return Actuals(next(iter(periods), ""), values, path, decoded.encoding)


def _period(value, where: Where, log: ProblemLog) -> str | None:
    if value is None or str(value).strip() == "":
        where.problem(
            log,
            "missing period",
            expected="the review period, e.g. 2015 or 2015-Q4",
            zh="缺少周期",
            expected_zh="复盘周期，如 2015 或 2015-Q4",
        )
        return None
    return str(value).strip()


def _team(
    case: Case, team_id: str, where: Where, log: ProblemLog, skip: frozenset[str] = frozenset()
) -> Team | None:
    if team_id in skip and team_id not in case.teams:
        return None  # its file could not be read: listed as invalid elsewhere
    if team_id not in case.teams:
        where.problem(
            log,
            f"unknown team {team_id!r}",
            expected="one of " + ", ".join(case.teams),
            zh=f"未知团队 {team_id!r}",
            expected_zh="以下之一：" + "、".join(case.teams),
        )
        return None
    return case.teams[team_id]


def _value(team: Team, kr_id: str, value, where: Where, log: ProblemLog) -> float | None:
    try:
        kr = team.key_result(kr_id)
    except KeyError:
        known = ", ".join(kr.id for _, kr in team.key_results())
        where.problem(
            log,
            f"team {team.id!r} has no key result {kr_id!r}",
            expected="one of " + known,
            zh=f"团队 {team.id!r} 没有关键结果 {kr_id!r}",
            expected_zh="以下之一：" + known.replace(", ", "、"),
        )
        return None
    if value is None or value == "":
        return None  # a blank is allowed: the KR is then reported as unscored
    try:
        return parse_actual(kr, value)
    except ValueError as exc:
        where.problem(
            log,
            "not a valid actual",
            found=shown(value),
            expected=str(exc),
            zh="不是有效的实际值",
            expected_zh=getattr(exc, "zh", None),
        )
        return None
