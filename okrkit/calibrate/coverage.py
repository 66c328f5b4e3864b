"""Is the history the right year? The share of its records that fall in the history period.

``okrkit calibrate --history records/2015`` on a 2015 case reads the plan year
itself: nearly every record is outside the history period (2014), and the few
stray December-2014 rows would calibrate a stage on nothing (0 of 120 calls
traced to a visit → 0.4%). :func:`coverage` counts what the evidence engine
rejected as ``outside_period`` and the years those records are dated in, so
the command can say so plainly and keep the case's assumptions instead of
proposing rates from a wrong year (QA H6).
"""

from __future__ import annotations

from dataclasses import dataclass

MOSTLY_OUTSIDE = 0.5  # more than half the records outside the period: not this period's history


@dataclass(frozen=True)
class Coverage:
    """How many records were read, how many fall outside the period, and their years."""

    read: int
    outside: int
    years: tuple[tuple[int, int], ...] = ()  # (year, records outside the period), most first

    @property
    def share_outside(self) -> float:
        return self.outside / self.read if self.read else 0.0

    @property
    def mostly_outside(self) -> bool:
        """More than half the records lie outside the history period."""
        return self.read > 0 and self.share_outside > MOSTLY_OUTSIDE

    def warning(self, folder, period: str, lang: str = "zh") -> str | None:
        """The plain sentence a trainer reads when the folder is not the period's history, or None."""
        if not self.mostly_outside:
            return None
        dated = ""
        if self.years:
            year = self.years[0][0]
            dated = (f"，多数记录是 {year} 年的" if lang == "zh" else
                     f"; most are dated {year}")  # fmt: skip
        if lang == "zh":
            return (f"{folder} 的 {self.read} 条记录中有 {self.outside} 条"
                    f"（{self.share_outside:.0%}）不在历史期 {period} 年内{dated}。"
                    f"这不像是 {period} 年的历史：各阶段保留案例的假设，不据此提出比率。"
                    f"请把 --history 指向 {period} 年的导出文件夹，或用 --period 指定记录所在的年份。")  # fmt: skip
        return (f"{self.outside} of the {self.read} records in {folder} "
                f"({self.share_outside:.0%}) fall outside the history period {period}{dated}. "
                f"This does not look like {period}'s history: every stage keeps the case's "
                f"assumption and no rate is proposed from it. Point --history at {period}'s "
                "exports, or set --period to the year the records are from.")  # fmt: skip


def coverage(run, summary: dict) -> Coverage:
    """The records read and those outside the period, from an evidence run and its summary."""
    total = summary["total"]
    outside = int(summary.get("reasons", {}).get("outside_period", 0))
    return Coverage(int(total["read"]), outside, _years_outside(run) if outside else ())


def _years_outside(run) -> tuple[tuple[int, int], ...]:
    from okrkit.evidence.presets import KINDS

    # the judged tables, not the ev_<kind> views: a wrong year's folder is all outside
    # the period, and the views would name every record's team for nothing
    union = " UNION ALL ".join(
        f"SELECT year(ts) AS y FROM ev_{kind}_judged WHERE reason = 'outside_period'"
        for kind in KINDS
    )
    rows = run.con.execute(
        f"SELECT y, count(*) FROM ({union}) WHERE y IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    return tuple((int(y), int(n)) for y, n in rows)
