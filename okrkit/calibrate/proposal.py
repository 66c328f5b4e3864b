"""The calibrated rates as a proposed ``funnel:`` block: a diff, never a silent change.

:func:`proposed_values` picks, per assumption, the company-level estimate of
a stage the history could calibrate (a stage whose history was too thin keeps
the case's assumption, and says so). :func:`proposal` rewrites those numbers
in ``case.yaml``'s own text (ruamel round trip: every other line, comment and
spelling stays), each line's own comment kept and followed by a note naming
the data, the method and the date (``# … (assumption) · calibrated:
records/2014, cohort method, 90% 22.1%–27.3%, 2026-12-01; was 25%``), and
returns the unified diff. :func:`apply` writes it through
:func:`okrkit.yamlio.replace_file`: atomic, the previous file kept as
``case.yaml.bak``, and refused (nothing written) if ``case.yaml`` changed since
the proposal was made. The new text is checked by the funnel's own parser
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

from okrkit.errors import ProblemLog


@dataclass(frozen=True)
class Proposed:
    """One assumption's proposed value and where it comes from."""

    key: str  # "<stage>.rate" | "<stage>.other_share"
    current: float
    value: float
    low: float | None
    high: float | None
    method: str
    is_share: bool  # written with %

    def text(self, value: float | None = None) -> str:
        value = self.value if value is None else value
        return f"{value:.1%}".replace(".0%", "%") if self.is_share else f"{value:g}"


@dataclass(frozen=True)
class Proposal:
    """The proposed case.yaml text, its diff against the current one, and the hash it is based on."""

    path: Path
    old_text: str
    new_text: str
    diff: str
    base_hash: str
    values: tuple[Proposed, ...]
    kept: tuple[str, ...]  # stages whose assumption is kept for lack of history


def _round(value: float, is_share: bool) -> float:
    # a plain float: a numpy scalar from the estimates cannot be written to YAML
    value = float(value)
    return round(value, 3) if is_share else round(value, 2 if value < 10 else 1)


def proposed_values(calibration) -> tuple[list[Proposed], list[str]]:
    """The company-level estimate for each assumption the history could calibrate."""
    from okrkit.funnel import funnel_of

    funnel = funnel_of(calibration.case)
    values, kept = [], []
    coverage = getattr(calibration, "coverage", None)
    if coverage is not None and coverage.mostly_outside:
        # not this period's history (QA H6): no rate is proposed from it
        return [], [stage.id for stage in funnel.stages[1:]]
    for stage in funnel.stages[1:]:
        if stage is funnel.stages[1]:  # right below the revenue: the average deal size
            size = calibration.deal_size
            if size is None or size.method != "data":
                kept.append(stage.id)
                continue
            values.append(Proposed(f"{stage.id}.rate", stage.rate, _round(size.mean, False),
                                   size.low, size.high, "mean of won deals", False))  # fmt: skip
            continue
        rate = calibration.rates.get(stage.id)
        if rate is None or rate.method == "assumption":
            kept.append(stage.id)
            continue
        row = rate.company()
        is_share = stage.rate_is_share
        values.append(Proposed(f"{stage.id}.rate", stage.rate, _round(row["mean"], is_share),
                               row["low"], row["high"], rate.method, is_share))  # fmt: skip
        if stage.other_share and rate.other_share is not None:
            other = rate.company(rate.other_share)
            values.append(Proposed(f"{stage.id}.other_share", stage.other_share,
                                   _round(other["mean"], True), other["low"], other["high"],
                                   "traced", True))  # fmt: skip
    return values, kept


def _comment(item: Proposed, source: str, day: dt.date, lang: str) -> str:
    interval = ""
    if item.low is not None and item.high is not None:
        low, high = (_round(float(v), item.is_share) for v in (item.low, item.high))
        interval = f", 90% {item.text(low)}–{item.text(high)}"
    method = {
        "cohort": ("批次法", "cohort method"),
        "period": ("期间法", "period method"),
        "mean of won deals": ("成交额均值", "mean of won deals"),
        "traced": ("按来源追溯", "traced to its source"),
    }.get(item.method, (item.method, item.method))
    if lang == "zh":
        return f"校准：{source}，{method[0]}{interval}，{day}；原为 {item.text(item.current)}"
    return f"calibrated: {source}, {method[1]}{interval}, {day}; was {item.text(item.current)}"


_NOTE_MARKS = ("calibrated:", "校准：")
_NOTE_JOIN = " · "


def _add_note(node, attribute: str, note: str) -> None:
    """Add the calibration note to the line's comment, keeping the trainer's explanation.

    ``rate: 20  # average deal size … (assumption)`` becomes ``rate: 17.8  #
    average deal size … (assumption) · calibrated: …; was 20``. A note from an
    earlier ``--apply`` is replaced, not stacked. The comment token is edited in
    place, so its column and any comment lines ruamel keeps after it stay.
    """
    entry = node.ca.items.get(attribute)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None:
        node.yaml_add_eol_comment(note, attribute)
        return
    first, newline, rest = token.value.partition("\n")
    own = first.lstrip().removeprefix("#").strip()
    for mark in _NOTE_MARKS:
        own = "" if own.startswith(mark) else own.split(_NOTE_JOIN + mark)[0]
    token.value = f"# {own}{_NOTE_JOIN}{note}" if own else f"# {note}"
    token.value += newline + rest


def proposal(calibration, *, today: dt.date | None = None, lang: str = "en") -> Proposal:
    """The case.yaml text with the calibrated numbers and the diff from the current text."""
    from okrkit.yamlio import _yaml, content_hash

    path = Path(calibration.case.path) / "case.yaml"
    data = path.read_bytes()
    old_text = data.decode("utf-8-sig")
    yaml = _yaml()
    doc = yaml.load(old_text)
    values, kept = proposed_values(calibration)
    day = today or dt.date.today()
    try:
        source = (
            Path(calibration.folder).resolve().relative_to(Path(calibration.case.path).resolve())
        )
    except ValueError:
        source = Path(calibration.folder)
    source = f"{source.as_posix()} ({calibration.period})"
    stages = {str(s.get("id")): s for s in doc["funnel"]["stages"]}
    for item in values:
        stage_id, _, attribute = item.key.partition(".")
        node = stages[stage_id]
        if _round(item.current, item.is_share) == item.value:
            continue  # the history agrees with the assumption to the digit: nothing to change
        node[attribute] = item.text() if item.is_share else item.value
        _add_note(node, attribute, _comment(item, source, day, lang))
    out = io.StringIO()
    yaml.dump(doc, out)
    new_text = out.getvalue()
    _check(path, new_text)
    diff = "".join(difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=f"{path} (now)", tofile=f"{path} (proposed)", n=1))  # fmt: skip
    return Proposal(path, old_text, new_text, diff, content_hash(data), tuple(values), tuple(kept))


def _check(path: Path, text: str) -> None:
    """The proposed funnel must read back: the funnel's own parser, located problems."""
    from okrkit.funnel import parse_funnel
    from okrkit.yamlio import Where, _yaml

    log = ProblemLog()
    raw = _yaml().load(text)
    parse_funnel(raw.get("funnel"), Where(path, "funnel", raw.get("funnel")), log)
    log.raise_if_any()


def apply(proposal_: Proposal):
    """Write the proposal: atomic, ``case.yaml.bak`` kept, refused if the file changed since."""
    from okrkit.yamlio import replace_file

    return replace_file(
        proposal_.path, proposal_.new_text.encode("utf-8"), expected_hash=proposal_.base_hash
    )


@dataclass(frozen=True)
class Drift:
    """After a new funnel: the process-KR targets that no longer match what it asks for."""

    differ: int  # process-KR targets other than the funnel's number
    short: tuple[
        str, ...
    ]  # teams whose activity targets no longer supply the sales target (OKR404)

    def sentence(self, lang: str = "zh") -> str | None:
        """What the trainer is told after --apply, or None when every target still matches."""
        if not self.differ and not self.short:
            return None
        teams = ("、" if lang == "zh" else ", ").join(self.short)
        if lang == "zh":
            short = f"，其中 {teams} 的过程目标已不足以支撑销售目标（OKR404）" if self.short else ""
            return (f"注意：按新的漏斗，{self.differ} 个过程KR的目标与漏斗算出的数量不再一致{short}。"
                    "运行 okrkit decompose 查看新的数量，再改团队表。")  # fmt: skip
        targets = "target" if self.differ == 1 else "targets"
        short = (f"; the activity targets of {teams} no longer supply the sales target (OKR404)"
                 if self.short else "")  # fmt: skip
        return (f"Note: with the new funnel, {self.differ} process-KR {targets} no longer match "
                f"what the funnel asks for{short}. Run okrkit decompose for the new numbers, "
                "then update the team files.")  # fmt: skip


def funnel_drift(case) -> Drift:
    """The coach's forward check (OKR404's) on ``case`` as it now reads."""
    from okrkit.decompose import supply_checks

    checks = supply_checks(case)
    differ = sum(
        1
        for check in checks
        for row in check.rows
        if row.required is not None and row.declared != row.required
    )
    return Drift(differ, tuple(check.team for check in checks if not check.ok))
