"""The per-team report's year sections: the evidence from the records and the trend of check-ins.

Two sections, each ``None`` when it does not apply, so the report shows no
empty heading:

* :func:`evidence_section` — for a position the case's ``evidence:`` block
  counts: each process KR's actual from the records against its target, and
  what of the rep's records was counted, merged or rejected, by reason
  (numbers from :mod:`okrkit.evidence.count` and :mod:`.rejects`);
* :func:`trend_section` — when the case has a check-in store
  (``<case>/track.sqlite``): per KR its status, forecast and last comment
  (from :func:`okrkit.track.picture.picture`) and a small inline SVG chart of
  the check-ins against the expected line (:mod:`okrkit.report.trend_chart`:
  no image file, nothing fetched, so the report stays offline).

In a batch both sections only format what the batch worked out once for all
teams (:mod:`okrkit.report.prepare`: the team's slice in the case snapshot, on
``report.prepared``), so the kernel imports neither DuckDB nor pandas nor
matplotlib, nor numpy (the check-in store's module imports it; it is imported
only where a store is opened). Run by hand (no snapshot), they work it out.
"""

from __future__ import annotations

import glob
import hashlib
import json
import math
import tempfile
from datetime import date
from pathlib import Path

from markupsafe import Markup

from okrkit.errors import OkrkitError
from okrkit.i18n import Words
from okrkit.report.sections import Section, facts_table, fmt, table

# Tests point this at their own folder; None: the system's temp folder.
CACHE_FOLDER: Path | None = None

WORDS = {
    "evidence": ("过程KR实际值（以活动记录为准）", "Process-KR actuals from the activity records"),
    "kr": ("过程KR", "process KR"),
    "actual": ("实际值", "actual"),
    "target": ("目标", "target"),
    "total": ("计入记录", "records counted"),
    "units": ("统计单位", "periods"),
    "records": ("本人记录", "This rep's records"),
    "read": ("读取", "read"),
    "counted": ("计入", "counted"),
    "merged": ("合并", "merged"),
    "rejected": ("剔除", "rejected"),
    "reason": ("未计入原因", "not counted, because"),
    "n": ("条数", "records"),
    "trend": ("进展趋势（截至 {date}）", "Trend (as of {date})"),
    "status": ("状态", "status"),
    "forecast": ("年底预测（按当前速度 / 按近期趋势）", "year-end forecast (run rate / trend)"),
    "last": ("最近一次进展说明", "last comment"),
    "none": ("无", "none"),
}  # fmt: skip


word = Words(WORDS)


# -- evidence


def has_records(case, team_id: str) -> bool:
    """Whether the case's evidence rules count any KR of ``team_id`` (no records are read)."""
    if not case.sections.get("evidence"):
        return False
    from okrkit.evidence.mapping import evidence_config
    from okrkit.evidence.rules import targets

    return any(t.team == team_id for t in targets(case, evidence_config(case).rules))


def cache_key(case, period=None, today: date | None = None) -> str:
    """What the evidence of a case depends on: its files' names, sizes and times, the period, today.

    Every file of the case folder and every file a source's globs match is
    stated (not read), so an edited record or case file gives a new key;
    today is in it because a record dated after today is rejected.
    """
    from okrkit.evidence.mapping import evidence_config
    from okrkit.track.store import STORE_NAME

    config = evidence_config(case)
    paths = {p for p in Path(case.path).rglob("*") if p.is_file()} if case.path else set()
    for spec in config.sources:
        for pattern in spec.files:
            paths.update(Path(p) for p in glob.glob(str(config.folder / pattern)))
    stats = sorted(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in paths
        if not p.name.startswith(STORE_NAME)  # the check-in store changes; the evidence does not
    )
    text = json.dumps([stats, str(period), str(today or date.today())])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def all_teams_evidence(run) -> dict:
    """Every counted team's actuals (KRs by id) and records bucket, as JSON-ready data."""
    from okrkit.evidence.count import kr_actuals
    from okrkit.evidence.rejects import _blank, summary

    teams = summary(run)["teams"]
    out: dict[str, dict] = {}
    for item in kr_actuals(run):
        entry = out.setdefault(
            item["team"], {"actuals": [], "records": teams.get(item["team"], _blank())}
        )
        entry["actuals"].append({"kr": item["kr"].id, "total": item["total"],
                                 "units": item["units"], "actual": item["actual"]})  # fmt: skip
    return out


def _cached_evidence(case, period) -> dict:
    """All teams' evidence, computed once and kept for the batch's other kernels.

    In the temp folder through :func:`okrkit.evidence.workdir.cached_json`, whose
    cache is bounded (the newest entries only, none unused for a week): keyed by
    the records' content, a changed export makes a new entry and old ones go.
    """
    from okrkit.evidence.workdir import cached_json

    folder = CACHE_FOLDER or Path(tempfile.gettempdir()) / "okrkit-report-evidence"

    def compute() -> dict:
        from okrkit.evidence.run import evaluate

        with evaluate(case, period) as run:
            return all_teams_evidence(run)

    return cached_json(folder, cache_key(case, period), compute)


def evidence_facts(case, team_id: str, period=None) -> dict | None:
    """``team_id``'s evidence for ``period`` (KRs resolved in the case), or None when it has no records."""
    if not has_records(case, team_id):
        return None
    entry = _cached_evidence(case, period).get(team_id)
    return None if entry is None else _resolved(case, team_id, entry)


def _resolved(case, team_id: str, entry: dict) -> dict:
    """An evidence entry with its KR ids resolved to the case's KRs."""
    team = case.team(team_id)
    actuals = [{**a, "kr": team.key_result(a["kr"])} for a in entry["actuals"]]
    return {"actuals": actuals, "records": entry["records"]}


def _prepared(report, key: str):
    """The batch's slice for this section (``okrkit.report.prepare``), or ``...`` when there is none."""
    prepared = getattr(report, "prepared", None)
    return ... if prepared is None else prepared.get(key)


def evidence_section(report) -> Section | None:
    """Each process KR's actual against its target and the rep's rejects by reason; None without records."""
    lang, case = report.lang, report.case
    heading = Markup("<h2>{}</h2>").format(word("evidence", lang))
    entry = _prepared(report, "evidence")
    if entry is ...:  # run by hand, not by the batch: judge the records here
        try:
            facts = evidence_facts(case, report.team.id, report.period)
        except OkrkitError as exc:  # a broken evidence: block is shown located, the rest renders
            return _broken(heading, exc.render(lang))
    elif entry is not None and "error" in entry:
        return _broken(heading, entry["error"][lang])
    else:
        facts = None if entry is None else _resolved(case, report.team.id, entry)
    if facts is None or not facts["actuals"]:
        return None
    from okrkit.evidence.explain import kr_label
    from okrkit.evidence.reasons import reason_text

    rows = [
        [f"{a['kr'].id} {kr_label(case, a['kr'], lang)}", fmt(a["actual"]), fmt(a["kr"].target),
         fmt(a["total"]), fmt(a["units"])]
        for a in facts["actuals"]
    ]  # fmt: skip
    heads = [word(k, lang) for k in ("kr", "actual", "target", "total", "units")]
    bucket = facts["records"]
    counts = [(word(k, lang), fmt(bucket[k])) for k in ("read", "counted", "merged", "rejected")]
    reasons = sorted(bucket["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [
        heading,
        table(heads, rows, {1, 2, 3, 4}),
        Markup("<h3>{}</h3>").format(word("records", lang)),
        facts_table(counts),
    ]
    if reasons:
        parts.append(table([word("reason", lang), word("n", lang)],
                           [[f"{reason_text(code, lang)} ({code})", fmt(n)] for code, n in reasons],
                           {1}))  # fmt: skip
    return Section(Markup("").join(parts), "evidence")


def _broken(heading: Markup, message: str) -> Section:
    lines = Markup("<br>").join(message.splitlines())
    return Section(heading + Markup('<p class="bad">{}</p>').format(lines), "evidence")


# -- trend


def store_path(case) -> Path | None:
    """The case's check-in store when it exists (opening a Store would create one)."""
    from okrkit.track.store import default_path

    if case.path is None:
        return None
    path = default_path(case.path)
    return path if path.exists() else None


def default_as_of(cycle: int, today: date | None = None) -> date:
    """Today, but never past the cycle's last day (a past year is seen at its end)."""
    return min(today or date.today(), date(cycle, 12, 31))


def _number(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return fmt(round(float(value), 1))


def trend_facts(report, path=None, as_of: date | None = None) -> dict | None:
    """The team's trend (``prepare.team_trends``): the batch's slice, else worked out here."""
    entry = _prepared(report, "trend")
    if entry is not ... and path is None and as_of is None:
        return entry
    path = path or store_path(report.case)
    if path is None:
        return None
    from okrkit.report.prepare import as_of_date, team_trends

    as_of = as_of or as_of_date(report.case)
    return team_trends(report.case, path, [report.team], as_of).get(report.team.id)


def trend_section(report, *, path=None, as_of: date | None = None) -> Section | None:
    """Per KR: status, forecast, last comment and a chart; None when the case has no store."""
    facts = trend_facts(report, path, as_of)
    if facts is None:
        return None
    from okrkit.report.trend_chart import svg_trend
    from okrkit.track.labels import status_name

    team, lang = report.team, report.lang
    rows, charts = [], []
    for item in facts["krs"]:
        kr = team.key_result(item["kr"])
        status = status_name(item["status"], lang)
        forecasts = (_number(item["forecast_run"]), _number(item["forecast_fit"]))
        rows.append([item["kr"], status, " / ".join(v for v in forecasts if v),
                     item["last"] or word("none", lang)])  # fmt: skip
        name = team.person.get(lang) or team.name.get(lang)
        title = f"{name} · {kr.id} {kr.text.get(lang)} · {status}"
        charts.append(svg_trend(item, title=title, target=kr.target, lang=lang))
    heads = ["KR", word("status", lang), word("forecast", lang), word("last", lang)]
    html = Markup("<h2>{}</h2>").format(word("trend", lang, date=facts["as_of"].isoformat()))
    body = table(heads, rows) + Markup("<div>{}</div>").format(Markup("").join(charts))
    return Section(html + body, "trend")
