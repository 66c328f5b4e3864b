"""Each trap of real exports is counted, merged or rejected with its reason, never lost."""

from __future__ import annotations

import csv

from okrkit import load_case
from okrkit.evidence.rejects import write_rejects
from okrkit.evidence.run import evaluate
from tests.test_evidence_support import (
    CALLS_SOURCE,
    DINGTALK_HEADER,
    OPPORTUNITY_HEADER,
    TODAY,
    call,
    followups_csv,
    make_case,
    outcome,
    punch,
    wecom_json,
    write_xlsx,
)

CHECKINS = (
    "    dingtalk: {preset: dingtalk-checkin, files: records/dingtalk.xlsx}\n"
    "    wecom: {preset: wecom-checkin, files: records/wecom.json}\n"
)


def calls_case(tmp_path, rows, encoding="utf-8"):
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    (case_dir / "records" / "calls.csv").write_bytes(followups_csv(rows, encoding))
    return case_dir


def calls_outcome(tmp_path, rows, encoding="utf-8"):
    totals, counts = outcome(calls_case(tmp_path, rows, encoding))
    return totals[("rep-zhang", "KR1.1")], counts["sources"]["followups"]["reasons"]


def checkin_case(tmp_path, dingtalk_rows, wecom_records):
    case_dir = make_case(tmp_path, CHECKINS)
    write_xlsx(
        case_dir / "records" / "dingtalk.xlsx", DINGTALK_HEADER, dingtalk_rows, title="签到记录"
    )
    (case_dir / "records" / "wecom.json").write_text(wecom_json(wecom_records), encoding="utf-8")
    return case_dir


def sign_in(when="2015-03-02 10:00", customer="客户A", who="张伟", lat="31.23", lng="121.47"):
    return [who, "A001", "销售部", when, "上海", lng, lat, customer, ""]


def test_effective_call_counts(tmp_path):
    """A 电话 of at least min_seconds counts as one effective call."""
    assert calls_outcome(tmp_path, [call(1, seconds=60)]) == (1, {})


def test_short_call_is_rejected(tmp_path):
    """A 电话 shorter than min_seconds is rejected as too short."""
    assert calls_outcome(tmp_path, [call(1, seconds=59)]) == (0, {"short_call": 1})


def test_broken_duration_is_rejected(tmp_path):
    """'约120秒' is not a number of seconds: rejected, never read as 120."""
    assert calls_outcome(tmp_path, [call(1, seconds="约120秒")]) == (0, {"broken_number": 1})


def test_full_width_and_clock_durations_are_read(tmp_path):
    """１２０, 120秒 and 2:00 are all 120 seconds."""
    rows = [call(1, seconds="１２０"), call(2, seconds="120秒"), call(3, seconds="2:00")]
    assert calls_outcome(tmp_path, rows) == (3, {})


def test_wechat_follow_up_is_not_a_call(tmp_path):
    """A 微信 follow-up is not an effective call."""
    assert calls_outcome(tmp_path, [call(1, channel="微信")]) == (0, {"not_a_call": 1})


def test_unknown_person_is_rejected(tmp_path):
    """A record whose person no name, id or phone names is rejected."""
    assert calls_outcome(tmp_path, [call(1, who="赵敏")]) == (0, {"unknown_person": 1})


def test_person_by_phone_is_recognised(tmp_path):
    """A phone number (with +86 and dashes) names the rep as well as the name does."""
    assert calls_outcome(tmp_path, [call(1, who="+86 138-0000-0001")]) == (1, {})


def test_outside_period_is_rejected(tmp_path):
    """A call of December 2014 is outside the 2015 period."""
    assert calls_outcome(tmp_path, [call(1, when="2014-12-31 18:00")]) == (0, {"outside_period": 1})


def test_future_date_is_rejected(tmp_path):
    """A mistyped 2051 is a date in the future, not just outside the period."""
    assert calls_outcome(tmp_path, [call(1, when="2051-03-02 10:00")]) == (0, {"future_date": 1})


def test_unreadable_time_is_rejected(tmp_path):
    """A time no format reads is rejected as unreadable."""
    assert calls_outcome(tmp_path, [call(1, when="上周三")]) == (0, {"broken_time": 1})


def test_missing_customer_on_a_call_is_rejected(tmp_path):
    """A call with no customer is rejected."""
    assert calls_outcome(tmp_path, [call(1, customer=" ")]) == (0, {"missing_customer": 1})


def test_time_spellings_are_read(tmp_path):
    """Slashes, 年月日, full-width digits, Excel serials and unix seconds/ms all read as 2015."""
    whens = ["2015/3/2 9:05", "2015年3月2日 09:05", "２０１５－０３－０２　０９：０５", "42065.4",
             "1425258300", "1425258300000"]  # fmt: skip
    rows = [call(i, when=w) for i, w in enumerate(whens)]
    assert calls_outcome(tmp_path, rows) == (len(whens), {})


def test_gbk_csv_is_read(tmp_path):
    """A GBK export is detected and its Chinese names match the rep."""
    assert calls_outcome(tmp_path, [call(1)], encoding="gbk") == (1, {})


def test_bom_csv_is_read(tmp_path):
    """A UTF-8 export with a BOM reads its first header correctly."""
    assert calls_outcome(tmp_path, [call(1)], encoding="utf-8-sig") == (1, {})


def test_same_call_in_two_exports_is_merged(tmp_path):
    """The same 跟进记录ID in two files counts once; the other is merged."""
    case_dir = calls_case(tmp_path, [call(1)])
    (case_dir / "records" / "again.csv").write_bytes(followups_csv([call(1)]))
    totals, counts = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.1")] == 1
    assert counts["sources"]["followups"]["reasons"] == {"duplicate_record": 1}


def test_declared_time_zone_is_moved_to_the_case_zone(tmp_path):
    """A source in UTC: 2015-12-31 17:00 UTC is 2016-01-01 01:00 in Shanghai, outside 2015."""
    case_dir = make_case(
        tmp_path, "    followups: {preset: crm-followups, files: 'records/*.csv', timezone: UTC}\n"
    )
    (case_dir / "records" / "c.csv").write_bytes(followups_csv([call(1, when="2015-12-31 17:00")]))
    _, counts = outcome(case_dir)
    assert counts["sources"]["followups"]["reasons"] == {"outside_period": 1}


def test_attendance_is_not_a_visit(tmp_path):
    """上班打卡 is attendance: rejected, not a visit."""
    case_dir = checkin_case(tmp_path, [], [punch("2015-03-02 08:55", kind="上班打卡", notes="")])
    totals, counts = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.2")] == 0
    assert counts["sources"]["wecom"]["reasons"] == {"attendance": 1}


def test_missed_check_in_is_rejected(tmp_path):
    """An 外出打卡 with exception 未打卡 was never made: rejected."""
    case_dir = checkin_case(tmp_path, [], [punch("2015-03-02 10:00", exception="未打卡")])
    assert outcome(case_dir)[1]["sources"]["wecom"]["reasons"] == {"no_checkin": 1}


def test_zero_coordinates_are_rejected(tmp_path):
    """A check-in at 0/0 had no location fix: rejected."""
    case_dir = checkin_case(tmp_path, [], [punch("2015-03-02 10:00", lat=0, lng=0)])
    assert outcome(case_dir)[1]["sources"]["wecom"]["reasons"] == {"zero_coordinates": 1}


def test_sign_in_without_customer_is_rejected(tmp_path):
    """A DingTalk 签到 with no 拜访对象 is not a visit to anyone."""
    case_dir = checkin_case(tmp_path, [sign_in(customer=None)], [])
    assert outcome(case_dir)[1]["sources"]["dingtalk"]["reasons"] == {"missing_customer": 1}


def test_visit_in_both_systems_counts_once(tmp_path):
    """The same customer on the same day in DingTalk and WeCom is one visit; the other merged."""
    case_dir = checkin_case(tmp_path, [sign_in("2015-03-02 10:05")], [punch("2015-03-02 10:00")])
    totals, counts = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.2")] == 1
    assert counts["sources"]["dingtalk"]["reasons"] == {"duplicate_visit": 1}


def test_merged_visit_names_the_record_it_duplicates(tmp_path):
    """The rejects file names the kept WeCom record for the merged DingTalk row."""
    case_dir = checkin_case(tmp_path, [sign_in("2015-03-02 10:05")], [punch("2015-03-02 10:00")])
    with evaluate(load_case(case_dir), "2015", today=TODAY) as run:
        write_rejects(run, tmp_path / "rejects.csv")
    rows = list(csv.DictReader((tmp_path / "rejects.csv").open(encoding="utf-8-sig")))
    assert [(r["location"], r["duplicate_of"].split(": ")[1]) for r in rows] == [
        ("签到记录!3:3", "checkindata[0]")
    ]


def test_rejected_cell_is_located_in_the_sheet(tmp_path):
    """A rejected 签到 names its sheet!cell below the title row, with zh and en reasons."""
    case_dir = checkin_case(tmp_path, [sign_in(), sign_in(customer=None)], [])
    with evaluate(load_case(case_dir), "2015", today=TODAY) as run:
        write_rejects(run, tmp_path / "rejects.csv")
    (row,) = csv.DictReader((tmp_path / "rejects.csv").open(encoding="utf-8-sig"))
    assert (row["location"], row["column"], row["reason_zh"], row["reason_en"]) == (
        "签到记录!H4", "拜访对象", "未填写客户", "no customer named")  # fmt: skip


def test_old_customer_visit_is_not_a_new_customer_visit(tmp_path):
    """A visit to a customer the CRM types 老客户 does not count as a new-customer visit."""
    case_dir = make_case(tmp_path, CHECKINS + CALLS_SOURCE)
    write_xlsx(
        case_dir / "records" / "dingtalk.xlsx", DINGTALK_HEADER, [sign_in(customer="老张公司")]
    )
    (case_dir / "records" / "wecom.json").write_text(wecom_json([]), encoding="utf-8")
    (case_dir / "records" / "c.csv").write_bytes(
        followups_csv([call(1, customer="老张公司", kind="老客户")])
    )
    totals, _ = outcome(case_dir)
    assert totals[("rep-zhang", "KR1.2")] == 0


def opportunity_outcome(tmp_path, rows):
    case_dir = make_case(
        tmp_path, "    opportunities: {preset: crm-opportunities, files: records/o.xlsx}\n"
    )
    write_xlsx(case_dir / "records" / "o.xlsx", OPPORTUNITY_HEADER, rows, title=None)
    totals, counts = outcome(case_dir)
    return totals[("rep-zhang", "KR1.3")], counts["sources"]["opportunities"]["reasons"]


def opp(n, status="进行中", amount=30, account="客户A", created="2015-03-02 10:00"):
    return [f"SJ{n}", "张伟", account, "需求确认", status, amount, created, None]


def test_valid_opportunity_counts(tmp_path):
    """An opportunity with an account, an amount above 0 and not 无效 counts."""
    assert opportunity_outcome(tmp_path, [opp(1), opp(2, status="赢单")]) == (2, {})


def test_invalid_opportunity_is_rejected(tmp_path):
    """An opportunity marked 无效 is rejected."""
    assert opportunity_outcome(tmp_path, [opp(1, status="无效")]) == (0, {"invalid_opportunity": 1})


def test_opportunity_without_amount_is_rejected(tmp_path):
    """Amount 0 is not above 0; '待定' is not an amount."""
    rows = [opp(1, amount=0), opp(2, amount="待定")]
    assert opportunity_outcome(tmp_path, rows) == (0, {"zero_amount": 1, "broken_amount": 1})


def test_opportunity_without_account_is_rejected(tmp_path):
    """An opportunity with no account is rejected."""
    assert opportunity_outcome(tmp_path, [opp(1, account=None)]) == (0, {"missing_account": 1})


def test_excel_serial_created_date_is_read(tmp_path):
    """A created date stored as an Excel serial number (42065.4) reads as 2 March 2015."""
    assert opportunity_outcome(tmp_path, [opp(1, created=42065.4)]) == (1, {})
