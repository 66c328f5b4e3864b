"""Helpers for the evidence tests: a copy of A公司 whose evidence block reads small files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

from okrkit import load_case
from okrkit.evidence.count import kr_actuals
from okrkit.evidence.rejects import summary
from okrkit.evidence.run import evaluate
from tests.conftest import CASES

TODAY = dt.date(2016, 1, 4)
FOLLOWUP_HEADER = [
    "跟进记录ID",
    "负责人",
    "客户名称",
    "客户类型",
    "跟进方式",
    "跟进时间",
    "通话时长(秒)",
]
OPPORTUNITY_HEADER = [
    "商机编号",
    "负责人",
    "客户名称",
    "商机阶段",
    "状态",
    "预计金额(万元)",
    "创建时间",
    "结单时间",
]
DINGTALK_HEADER = [
    "姓名",
    "工号",
    "部门",
    "签到时间",
    "签到地址",
    "经度",
    "纬度",
    "拜访对象",
    "备注",
]
RULES = """  rules:
    - {stage: calls, count: calls, min_seconds: 60}
    - {stage: visits, count: visits, customer: new}
    - {stage: opportunities, count: opportunities}
    - {id: revisit, count: revisit_coverage}
"""


def make_case(tmp_path: Path, sources: str, rules: str = RULES, people: str | None = None) -> Path:
    """A copy of cases/a-company (no records) whose evidence block is ``sources`` + ``rules``."""
    target = tmp_path / "case"
    shutil.copytree(CASES / "a-company", target, ignore=shutil.ignore_patterns("records"))
    text = (target / "case.yaml").read_text(encoding="utf-8")
    text = text[: text.index("\nevidence:")]
    people = (
        people or "  people:\n    - {team: rep-zhang, userid: zhangwei, phone: '13800000001'}\n"
    )
    block = f"\nevidence:\n{people}  sources:\n{sources}{rules}"
    (target / "case.yaml").write_text(text + block, encoding="utf-8")
    (target / "records").mkdir()
    return target


def followups_csv(rows: list[list], encoding: str = "utf-8") -> bytes:
    """A CRM follow-up export with ``rows`` under the preset's header."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FOLLOWUP_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def call(
    n: int,
    when="2015-03-02 10:00",
    seconds=120,
    who="张伟",
    customer=None,
    kind="新客户",
    channel="电话",
):
    """One follow-up row."""
    return [f"GJ{n}", who, customer or f"客户{n}", kind, channel, when, seconds]


def write_xlsx(path: Path, header: list, rows: list[list], title: str | None = "导出") -> None:
    """An .xlsx with an optional title row above the header, as DingTalk exports it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "签到记录"
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def wecom_json(records: list[dict]) -> str:
    """The WeCom checkin API's JSON around ``records``."""
    return json.dumps({"errcode": 0, "errmsg": "ok", "checkindata": records}, ensure_ascii=False)


def punch(
    when: str,
    kind="外出打卡",
    notes="客户A",
    exception="",
    lat=31230000,
    lng=121470000,
    user="zhangwei",
):
    """One WeCom check-in (local time as text -> unix seconds in Asia/Shanghai)."""
    local = dt.datetime.fromisoformat(when).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return {"userid": user, "checkin_type": kind, "exception_type": exception,
            "checkin_time": int(local.timestamp()), "notes": notes, "lat": lat, "lng": lng}  # fmt: skip


CALLS_SOURCE = "    followups: {preset: crm-followups, files: 'records/*.csv'}\n"


def outcome(case_dir: Path, period="2015"):
    """(totals per (team, KR id), summary) of an evidence run."""
    case = load_case(case_dir)
    with evaluate(case, period, today=TODAY) as run:
        totals = {(a["team"], a["kr"].id): a["total"] for a in kr_actuals(run)}
        return totals, summary(run)


def test_a_case_without_records_counts_nothing(tmp_path):
    """A source with only a header counts zero for every rep's KR."""
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "f.csv").write_bytes(followups_csv([]))
    totals, counts = outcome(case_dir)
    assert set(totals.values()) == {0} and counts["total"]["read"] == 0
