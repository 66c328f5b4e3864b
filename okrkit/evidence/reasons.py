"""Why a record was not counted, in both languages: the reason catalogue.

Each reason has a stable code (the rejects file's ``reason`` column), the
field it is about (so the rejects file can name the cell) and what was
expected instead. The wording is the coaching: a trainer reads the rejects
with the room to teach what counts (上班打卡 is attendance, not a visit).
"""

from __future__ import annotations

# code: (field, English, Chinese, expected, expected in Chinese)
REASONS: dict[str, tuple[str, str, str, str, str]] = {
    "unknown_person": ("person", "unknown person", "无法识别的人员",
                       "a name, user id or phone listed under evidence.people (or a team's person)",
                       "evidence.people 中列出的姓名、用户 id 或电话（或团队的 person）"),
    "broken_time": ("time", "unreadable time", "无法识别的时间",
                    "a date and time such as 2015-03-02 09:30, an Excel date, or unix seconds",
                    "日期时间，如 2015-03-02 09:30、Excel 日期或 unix 秒数"),
    "future_date": ("time", "date in the future", "日期在未来",
                    "a date on or before today", "今天或以前的日期"),
    "outside_period": ("time", "outside the period", "不在统计周期内",
                       "a date within the period", "周期内的日期"),
    "no_checkin": ("exception", "no check-in (未打卡)", "未打卡，不是拜访",
                   "a check-in the rep actually made", "本人实际完成的打卡"),
    "attendance": ("type", "attendance, not a visit (上班/下班打卡)", "考勤打卡（上班/下班），不是拜访",
                   "an 外出打卡 or 签到 at a customer", "在客户处的外出打卡或签到"),
    "not_a_visit": ("type", "not a visit check-in", "不是拜访打卡",
                    "an 外出打卡 or 签到 at a customer", "在客户处的外出打卡或签到"),
    "missing_customer": ("customer", "no customer named", "未填写客户",
                         "the customer visited or called", "拜访或通话的客户"),
    "zero_coordinates": ("lat", "coordinates 0/0 (no location fix)", "坐标为 0/0（未定位）",
                         "the check-in's latitude and longitude", "打卡的经纬度"),
    "not_a_call": ("channel", "not a call (visits count from check-ins)", "不是电话（拜访以打卡为准）",
                   "a 电话 follow-up", "跟进方式为电话"),
    "broken_number": ("duration", "not a number of seconds", "不是秒数",
                      "a whole number of seconds such as 120, or 2:00", "秒数，如 120 或 2:00"),
    "short_call": ("duration", "call too short to be effective", "通话过短，不是有效电话",
                   "at least the rule's min_seconds", "不少于规则的 min_seconds 秒"),
    "invalid_opportunity": ("status", "marked 无效 (invalid)", "状态为无效",
                            "进行中, 赢单 or 输单", "进行中、赢单或输单"),
    "unknown_status": ("status", "unknown status", "未知状态",
                       "one of the source's statuses", "数据源 statuses 中的状态"),
    "missing_account": ("account", "no account (customer)", "未填写客户",
                        "the opportunity's customer", "商机所属客户"),
    "broken_amount": ("amount", "not an amount", "金额无法识别",
                      "a number such as 35 or 1,200.5", "数字，如 35 或 1,200.5"),
    "zero_amount": ("amount", "amount not above 0", "金额不大于0",
                    "an amount above 0", "大于0的金额"),
}  # fmt: skip

MERGED = {
    "duplicate_visit": (
        "one visit per rep, customer and day (both check-in systems)",
        "每人每客户每天只计一次拜访（两个打卡系统合并）",
    ),
    "duplicate_record": ("the same record again", "重复的同一条记录"),
}


def reason_text(code: str, lang: str = "en") -> str:
    """The reason (or merge) in ``lang``."""
    if code in REASONS:
        _, en, zh, _, _ = REASONS[code]
        return zh if lang == "zh" else en
    en, zh = MERGED[code]
    return zh if lang == "zh" else en
