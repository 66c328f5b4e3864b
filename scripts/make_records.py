"""Generate A公司's 2015 activity records as the real exports would hold them (seeded).

    .venv/bin/python scripts/make_records.py [--year 2015|2014] [--out DIR] [--seed N]
    .venv/bin/python scripts/make_records.py --reps 10000 --out DIR [--seed N]   # at scale

(``--reps``: a case of N reps with a linked 2014 history, scripts/make_history.py.)

Writes what three reps' systems would export for 2015, traps included in
realistic proportions, so that ``okrkit evidence cases/a-company`` has
something true to count and the workbook something true to teach:

- ``dingtalk-checkins.xlsx``: DingTalk 签到 export, a title row above the
  header; every rep signs in at customers here;
- ``wecom-checkins.json``: WeCom 打卡 (the API's JSON): 上班/下班打卡 every
  working day (attendance, not visits), 外出打卡 at customers with the customer
  in ``notes`` — and some of those visits also signed in on DingTalk;
- ``crm-followups-2015H1.csv`` (GBK, ``2015/3/2 9:05``) and
  ``crm-followups-2015H2.csv`` (UTF-8 with BOM, ``2015-07-01 09:05:00``;
  the export overlaps the first by a few days);
- ``crm-opportunities.xlsx`` (created dates as Excel serial numbers).

The counted totals per rep are fixed (:data:`COUNTED`): they are the ones
``actuals/2015.yaml`` states (110 effective calls a week for 张伟 over the
case's 48 working weeks, and so on). Everything else — short calls, 微信,
attendance, 未打卡, 0/0 coordinates, missing customers, unknown people,
"约120秒", 2014 and future dates, 无效 opportunities, duplicates across files
and systems — is added around them and must be rejected or merged. The
activity follows the calendar: nothing on weekends and public holidays, a dip
around the Spring Festival (春节, 19 February 2015) and a year-end push.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import random
from pathlib import Path

YEAR = 2015
REPS = {  # team: (name, WeCom userid, phone)
    "rep-zhang": ("张伟", "zhangwei", "13800000001"),
    "rep-li": ("李娜", "lina", "13800000002"),
    "rep-wang": ("王强", "wangqiang", "13800000003"),
}
LEFT_COMPANY = ("赵敏", "zhaomin")  # left in 2014; her old rows still show up in exports
# Counted per rep for 2015: (effective calls, new-customer visits, valid opportunities).
# 5280 / 48 weeks = 110; 264 / 12 = 22; 216 / 12 = 18 — and so on (actuals/2015.yaml).
COUNTED = {
    "rep-zhang": (5280, 264, 216),
    "rep-li": (5054, 259, 230),
    "rep-wang": (2822, 122, 102),
}
OLD_CUSTOMERS = {"rep-zhang": 14, "rep-li": 16, "rep-wang": 10}
MIN_SECONDS = 60
HOLIDAYS = {  # 2015 public holidays (days off), from the State Council's notice
    *[dt.date(2015, 1, d) for d in (1, 2, 3)],
    *[dt.date(2015, 2, d) for d in range(18, 25)],
    dt.date(2015, 4, 6), dt.date(2015, 5, 1), dt.date(2015, 6, 22),
    dt.date(2015, 9, 3), dt.date(2015, 9, 4),
    *[dt.date(2015, 10, d) for d in range(1, 8)],
}  # fmt: skip
WORKING_WEEKENDS = {dt.date(2015, 1, 4), dt.date(2015, 2, 15), dt.date(2015, 2, 28),
                    dt.date(2015, 9, 6), dt.date(2015, 10, 10)}  # fmt: skip
CITIES = "上海 杭州 苏州 南京 无锡 宁波 合肥 常州".split()
WORDS = "华信 东方 明德 远航 金桥 瑞丰 恒通 天成 宏达 嘉禾 中联 博远 凯利 信诚 长江 新锐 同济 汇通 卓越 永安".split()
TRADES = "科技 制造 物流 医药 建设 电子 食品 纺织 机械 化工".split()


# 2014 (the history okrkit calibrate reads), from the State Council's notice for 2014.
HOLIDAYS_2014 = {
    dt.date(2014, 1, 1), *[dt.date(2014, 1, 31) + dt.timedelta(days=d) for d in range(7)],
    *[dt.date(2014, 4, d) for d in (5, 6, 7)], *[dt.date(2014, 5, d) for d in (1, 2, 3)],
    dt.date(2014, 5, 31), dt.date(2014, 6, 1), dt.date(2014, 6, 2),
    *[dt.date(2014, 9, d) for d in (6, 7, 8)], *[dt.date(2014, 10, d) for d in range(1, 8)],
}  # fmt: skip
WORKING_WEEKENDS_2014 = {dt.date(2014, 1, 26), dt.date(2014, 2, 8), dt.date(2014, 5, 4),
                         dt.date(2014, 9, 28), dt.date(2014, 10, 11)}  # fmt: skip
SPRING_DIP = {
    2015: (dt.date(2015, 2, 9), dt.date(2015, 3, 6)),  # 春节 19 February 2015
    2014: (dt.date(2014, 1, 20), dt.date(2014, 2, 14)),
}  # 春节 31 January 2014


def working_days(year: int = YEAR) -> list[dt.date]:
    holidays, weekends = (
        (HOLIDAYS, WORKING_WEEKENDS) if year == YEAR else (HOLIDAYS_2014, WORKING_WEEKENDS_2014)
    )
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if (day.weekday() < 5 or day in weekends) and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def weight(day: dt.date) -> float:
    """How busy a working day is: the Spring Festival dip, the year-end push."""
    first, last = SPRING_DIP.get(day.year, SPRING_DIP[YEAR])
    if first <= day <= last:
        return 0.45  # reps and customers are away before and after 春节
    if day.month == 1 and day.day < 10:
        return 0.8
    if day.month >= 11:
        return 1.3  # the year-end push to close this year's budget
    return 1.0


def spread(total: int, days: list[dt.date], rng: random.Random, effort=None) -> dict[dt.date, int]:
    """``total`` events over ``days`` by weight with a little noise, summing exactly.

    ``effort`` (month -> factor) makes some months busier than the calendar alone.
    """
    shares = [weight(d) * rng.uniform(0.75, 1.25) * (effort or {}).get(d.month, 1) for d in days]
    scale = total / sum(shares)
    raw = [s * scale for s in shares]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(days)), key=lambda i: raw[i] - counts[i], reverse=True)[
        : total - sum(counts)
    ]:
        counts[i] += 1
    return dict(zip(days, counts, strict=True))


def company(rng: random.Random, used: set) -> str:
    while True:
        name = f"{rng.choice(CITIES)}{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司"
        if name not in used:
            used.add(name)
            return name


def at(day: dt.date, rng: random.Random, start=9, end=18) -> dt.datetime:
    seconds = rng.randrange(start * 3600, end * 3600)
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


class Records:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.days = working_days()
        self.used: set[str] = set()
        self.old = {
            t: [company(self.rng, self.used) for _ in range(n)] for t, n in OLD_CUSTOMERS.items()
        }
        self.new = {t: [company(self.rng, self.used) for _ in range(150)] for t in REPS}
        self.dingtalk: list[dict] = []
        self.wecom: list[dict] = []
        self.followups: list[dict] = []
        self.opportunities: list[dict] = []

    # -- follow-ups and calls

    def follow_up(self, team, when, channel, seconds, customer, kind, name=None):
        self.followups.append({
            "跟进记录ID": f"GJ{len(self.followups) + 1:07d}", "负责人": name or REPS[team][0],
            "客户名称": customer, "客户类型": kind, "跟进方式": channel,
            "跟进时间": when, "通话时长(秒)": "" if seconds is None else str(seconds),
        })  # fmt: skip

    def customer(self, team):
        if self.rng.random() < 0.3:
            return self.rng.choice(self.old[team]), "老客户"
        return self.rng.choice(self.new[team]), "新客户"

    def calls(self):
        rng = self.rng
        for team in REPS:
            # Every customer's type is fixed by its first follow-up: log each once early.
            for customer in self.old[team]:
                self.follow_up(team, at(self.days[0], rng), "微信", None, customer, "老客户")
            for customer in self.new[team]:
                self.follow_up(team, at(self.days[0], rng), "微信", None, customer, "新客户")
            for day, n in spread(COUNTED[team][0], self.days, rng).items():
                for _ in range(n):
                    customer, kind = self.customer(team)
                    seconds = rng.randint(MIN_SECONDS, 900)
                    text = fullwidth(str(seconds)) if rng.random() < 0.01 else seconds
                    self.follow_up(team, at(day, rng), "电话", text, customer, kind)
                for _ in range(round(n * 0.25)):  # unanswered or cut short: not effective
                    customer, kind = self.customer(team)
                    self.follow_up(
                        team, at(day, rng), "电话", rng.randint(0, MIN_SECONDS - 1), customer, kind
                    )
                for _ in range(round(n * 0.1)):
                    customer, kind = self.customer(team)
                    self.follow_up(team, at(day, rng), "微信", None, customer, kind)
                if rng.random() < 0.04:
                    customer, kind = self.customer(team)
                    self.follow_up(
                        team, at(day, rng), "电话", f"约{rng.randint(6, 30) * 10}秒", customer, kind
                    )
                if rng.random() < 0.03:
                    self.follow_up(team, at(day, rng), "电话", rng.randint(60, 600), "", "新客户")
            for _ in range(40):  # late-2014 calls the export's date filter let through
                customer, kind = self.customer(team)
                day = dt.date(2014, 12, rng.randint(1, 31))
                self.follow_up(team, at(day, rng), "电话", rng.randint(60, 600), customer, kind)
            customer, kind = self.customer(team)  # a mistyped year: 2051
            self.follow_up(team, at(dt.date(2051, 3, 2), rng), "电话", 180, customer, kind)
        for _ in range(60):  # a rep who left: her name matches nobody any more
            day = rng.choice(self.days)
            self.follow_up("rep-zhang", at(day, rng), "电话", rng.randint(60, 600),
                           company(rng, self.used), "新客户", name=LEFT_COMPANY[0])  # fmt: skip

    # -- visits

    def visit(self, team, when, customer, system, lat=31.23, lng=121.47):
        lat += self.rng.uniform(-0.2, 0.2) if lat else 0
        lng += self.rng.uniform(-0.2, 0.2) if lng else 0
        if system == "dingtalk":
            self.dingtalk.append({
                "姓名": REPS[team][0] if team in REPS else team, "工号": f"A{list(REPS).index(team) + 1:03d}"
                if team in REPS else "", "部门": "销售部", "签到时间": when.strftime("%Y-%m-%d %H:%M"),
                "签到地址": "上海市", "签到详细地址": f"{customer or '未知'}附近", "经度": f"{lng:.6f}",
                "纬度": f"{lat:.6f}", "拜访对象": customer, "备注": "",
            })  # fmt: skip
        else:
            self.wecom.append(self._punch(team, when, "外出打卡", "", customer, lat, lng))

    def _punch(self, team, when, kind, exception, notes, lat=31.23, lng=121.47):
        return {
            "userid": REPS[team][1] if team in REPS else team, "groupname": "销售部打卡",
            "checkin_type": kind, "exception_type": exception,
            "checkin_time": int(when.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()),
            "location_title": notes or "", "location_detail": "", "wifiname": "", "notes": notes or "",
            "wifimac": "", "mediaids": [], "lat": round(lat * 1e6), "lng": round(lng * 1e6), "deviceid": "",
        }  # fmt: skip

    def visits(self):
        rng = self.rng
        months = {}
        for day in self.days:
            months.setdefault(day.month, []).append(day)
        for team in REPS:
            seen = set()
            for day, n in spread(COUNTED[team][1], self.days, rng).items():
                customers = rng.sample(self.new[team], n)
                for customer in customers:
                    seen.add((customer, day))
                    self._one_visit(team, at(day, rng), customer)
            for month, days in months.items():  # old customers: most revisited every month
                share = 0.55 if month == 2 else rng.uniform(0.85, 1.0)
                for customer in self.old[team][: round(OLD_CUSTOMERS[team] * share)]:
                    day = rng.choice(days)
                    if (customer, day) not in seen:
                        seen.add((customer, day))
                        self._one_visit(team, at(day, rng), customer)
            for day in self.days:  # attendance: 上班/下班打卡 every working day
                self.wecom.append(self._punch(team, at(day, rng, 8, 9), "上班打卡", "", ""))
                exception = "未打卡" if rng.random() < 0.03 else ""
                self.wecom.append(
                    self._punch(team, at(day, rng, 18, 19), "下班打卡", exception, "")
                )
            for _ in range(6):  # a sign-in with no customer written
                self.visit(team, at(rng.choice(self.days), rng), "", "dingtalk")
                self.wecom.append(
                    self._punch(team, at(rng.choice(self.days), rng), "外出打卡", "", "")
                )
            for _ in range(4):  # no location fix: 0/0
                self.wecom.append(self._punch(team, at(rng.choice(self.days), rng), "外出打卡", "",
                                              rng.choice(self.new[team]), 0.0, 0.0))  # fmt: skip
            for _ in range(3):  # 外出打卡 missed: 未打卡
                self.wecom.append(self._punch(team, at(rng.choice(self.days), rng), "外出打卡", "未打卡",
                                              rng.choice(self.new[team])))  # fmt: skip
        for _ in range(12):
            self.visit(
                LEFT_COMPANY[0], at(rng.choice(self.days), rng), company(rng, self.used), "dingtalk"
            )

    def _one_visit(self, team, when, customer):
        rng = self.rng
        system = "wecom" if team == "rep-li" and rng.random() < 0.6 else "dingtalk"
        self.visit(team, when, customer, system)
        if rng.random() < 0.2:  # signed in on both systems at the same customer
            self.visit(team, when + dt.timedelta(minutes=rng.randint(1, 20)), customer,
                       "dingtalk" if system == "wecom" else "wecom")  # fmt: skip
        if rng.random() < 0.1:  # signed in again when leaving
            self.visit(
                team, when + dt.timedelta(hours=1, minutes=rng.randint(0, 50)), customer, system
            )
        if rng.random() < 0.15:  # the CRM visit log: not evidence, the check-in is
            self.follow_up(
                team,
                when,
                "现场拜访",
                None,
                customer,
                "新客户" if customer in self.new[team] else "老客户",
            )

    # -- opportunities

    def opps(self):
        rng = self.rng
        number = 0

        def add(team, created, account, status, amount, name=None):
            nonlocal number
            number += 1
            closed = (
                created + dt.timedelta(days=rng.randint(20, 120))
                if status in ("赢单", "输单")
                else None
            )
            self.opportunities.append({
                "商机编号": f"SJ{YEAR}{number:05d}", "负责人": name or REPS[team][0], "客户名称": account,
                "商机阶段": rng.choice(["初步接洽", "需求确认", "方案报价", "商务谈判", "成交"]),
                "状态": status, "预计金额(万元)": amount, "创建时间": created, "结单时间": closed,
            })  # fmt: skip

        for team in REPS:
            for day, n in spread(COUNTED[team][2], self.days, rng).items():
                for _ in range(n):
                    status = rng.choices(["进行中", "赢单", "输单"], [5, 3, 2])[0]
                    add(team, at(day, rng), rng.choice(self.new[team] + self.old[team]), status,
                        round(rng.uniform(5, 120), 1))  # fmt: skip
                if rng.random() < 0.08:
                    add(
                        team,
                        at(day, rng),
                        rng.choice(self.new[team]),
                        "无效",
                        round(rng.uniform(5, 50), 1),
                    )
                if rng.random() < 0.02:
                    add(team, at(day, rng), "", "进行中", round(rng.uniform(5, 50), 1))
                if rng.random() < 0.02:
                    add(
                        team,
                        at(day, rng),
                        rng.choice(self.new[team]),
                        "进行中",
                        rng.choice([0, "待定"]),
                    )
            for _ in range(8):  # opened in late 2014
                add(team, at(dt.date(2014, 12, rng.randint(1, 31)), rng), rng.choice(self.old[team]),
                    "进行中", round(rng.uniform(5, 80), 1))  # fmt: skip


# -- 2014: the history that okrkit calibrate reads
#
# Unlike 2015 (fixed counted totals), 2014 is generated event by event from
# each rep's true rates, so that calibration has something true to recover:
# a call to a new customer books a visit 2-21 days later with the rep's
# probability; a visit opens an opportunity on that account 0-30 days later
# with probability 0.5; the same number again comes from old customers
# (other_share 50%); an opportunity is won with probability 25%, closed
# 15 + Gamma(2, 15) days after it was created, or still open at year end
# (censored); a won deal's amount is lognormal with a mean of 20万.
HISTORY_YEAR = 2014
# team: (effective calls a week, visits booked per effective call, opportunities
# per new-customer visit, win rate). 王强 closes as well as anyone; his calls
# book half as many visits: the finding a trainer can use.
TRUTH_2014 = {
    "rep-zhang": (100, 0.05, 0.5, 0.25),
    "rep-li": (104, 0.06, 0.5, 0.25),
    "rep-wang": (60, 0.0275, 0.5, 0.25),
}
OTHER_SHARE_2014 = 0.5
DEAL_MEAN_2014, DEAL_SIGMA_2014 = 20.0, 0.6  # 万元; lognormal
NEW_SHARE_OF_CALLS = 0.7  # 70% of effective calls go to new customers


class History(Records):
    """A year of records generated from known rates (see :data:`TRUTH_2014`)."""

    def __init__(self, seed: int, year: int = HISTORY_YEAR):
        self.rng = random.Random(seed)
        self.year = year
        self.days = working_days(year)
        self.used: set[str] = set()
        self.old = {
            t: [company(self.rng, self.used) for _ in range(n)] for t, n in OLD_CUSTOMERS.items()
        }
        # 400 new prospects a rep (the name generator has 1,600 names in all)
        self.new = {t: [company(self.rng, self.used) for _ in range(400)] for t in REPS}
        self.dingtalk, self.wecom, self.followups, self.opportunities = [], [], [], []
        self.booked: dict[str, list[tuple[dt.date, str]]] = {t: [] for t in REPS}
        self.opened: dict[str, list[tuple[dt.date, str]]] = {t: [] for t in REPS}

    def next_working(self, day: dt.date) -> dt.date | None:
        for candidate in self.days:
            if candidate >= day:
                return candidate
        return None  # past the year's end: not in this year's export

    def calls(self):
        rng = self.rng
        for team, (per_week, p_visit, _, _) in TRUTH_2014.items():
            for customer in self.old[team]:
                self.follow_up(team, at(self.days[0], rng), "微信", None, customer, "老客户")
            for customer in self.new[team]:
                self.follow_up(team, at(self.days[0], rng), "微信", None, customer, "新客户")
            # a rep has good and bad months (a tender season, a sick week): the
            # variation that lets calibration see whether calls move results
            effort = {m: rng.uniform(0.6, 1.4) for m in range(1, 13)}
            for day, n in spread(per_week * 48, self.days, rng, effort).items():
                for _ in range(n):
                    if rng.random() < NEW_SHARE_OF_CALLS:
                        customer, kind = rng.choice(self.new[team]), "新客户"
                    else:
                        customer, kind = rng.choice(self.old[team]), "老客户"
                    self.follow_up(team, at(day, rng), "电话", rng.randint(MIN_SECONDS, 900),
                                   customer, kind)  # fmt: skip
                    if kind == "新客户" and rng.random() < p_visit / NEW_SHARE_OF_CALLS:
                        when = self.next_working(day + dt.timedelta(days=rng.randint(2, 21)))
                        if when is not None:
                            self.booked[team].append((when, customer))
                for _ in range(round(n * 0.25)):  # unanswered or cut short
                    customer, kind = self.customer(team)
                    self.follow_up(
                        team, at(day, rng), "电话", rng.randint(0, MIN_SECONDS - 1), customer, kind
                    )
                for _ in range(round(n * 0.1)):
                    customer, kind = self.customer(team)
                    self.follow_up(team, at(day, rng), "微信", None, customer, kind)

    def visits(self):
        rng = self.rng
        months: dict[int, list[dt.date]] = {}
        for day in self.days:
            months.setdefault(day.month, []).append(day)
        for team, (_, _, p_opp, _) in TRUTH_2014.items():
            seen = set()
            for day, customer in sorted(self.booked[team]):
                if (customer, day) in seen:
                    continue
                seen.add((customer, day))
                self._one_visit(team, at(day, rng), customer)
                if rng.random() < p_opp:
                    when = self.next_working(day + dt.timedelta(days=rng.randint(0, 30)))
                    if when is not None:
                        self.opened[team].append((when, customer))
            for days in months.values():  # old customers revisited every month
                for customer in self.old[team][: round(OLD_CUSTOMERS[team] * rng.uniform(0.8, 1))]:
                    day = rng.choice(days)
                    if (customer, day) not in seen:
                        seen.add((customer, day))
                        self._one_visit(team, at(day, rng), customer)
            for day in self.days:  # attendance
                self.wecom.append(self._punch(team, at(day, rng, 8, 9), "上班打卡", "", ""))
                self.wecom.append(self._punch(team, at(day, rng, 18, 19), "下班打卡", "", ""))

    def opps(self):
        rng = self.rng
        end = dt.datetime(self.year, 12, 31, 23, 59)
        number = 0

        def add(team, created, account, status, amount, closed=None):
            nonlocal number
            number += 1
            self.opportunities.append({
                "商机编号": f"SJ{self.year}{number:05d}", "负责人": REPS[team][0], "客户名称": account,
                "商机阶段": "成交" if status == "赢单" else "方案报价", "状态": status,
                "预计金额(万元)": amount, "创建时间": created, "结单时间": closed,
            })  # fmt: skip

        def amount():
            mu = math.log(DEAL_MEAN_2014) - DEAL_SIGMA_2014**2 / 2
            return max(1.0, round(rng.lognormvariate(mu, DEAL_SIGMA_2014), 1))

        for team, (_, _, _, p_win) in TRUTH_2014.items():
            new_opps = sorted(self.opened[team])
            # old customers bring as many again, on days weighted like the calls
            expected = len(new_opps) * OTHER_SHARE_2014 / (1 - OTHER_SHARE_2014)
            old_opps = [(day, rng.choice(self.old[team]))
                        for day, n in spread(round(expected), self.days, rng).items() for _ in range(n)]  # fmt: skip
            for day, account in sorted(new_opps + old_opps):
                created = at(day, rng)
                closed = created + dt.timedelta(days=15 + rng.gammavariate(2, 15))
                status = "赢单" if rng.random() < p_win else "输单"
                if closed > end:
                    status, closed = "进行中", None  # still open at the export: censored
                add(team, created, account, status, amount(), closed)
                if rng.random() < 0.05:
                    add(team, at(day, rng), rng.choice(self.new[team]), "无效", amount())
            # impossible sequences a CRM lets through: rejected with their row
            day = rng.choice(self.days[20:200])
            created = at(day, rng)
            add(
                team,
                created,
                rng.choice(self.new[team]),
                "赢单",
                amount(),
                created - dt.timedelta(days=10),
            )  # fmt: skip  (won before it was created)
            add(team, at(rng.choice(self.days), rng), rng.choice(self.new[team]), "赢单", amount())


def excel_serial(when: dt.datetime) -> float:
    return round((when - dt.datetime(1899, 12, 30)).total_seconds() / 86400, 6)


def write_xlsx(path: Path, title: str, sheet: str, rows: list[dict], serial_columns=()) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2016, 1, 4, 9, 0)
    ws = book.active
    ws.title = sheet
    headers = list(rows[0])
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append([
            excel_serial(v) if k in serial_columns and isinstance(v, dt.datetime)
            else (v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, dt.datetime) else v)
            for k, v in row.items()
        ])  # fmt: skip
    book.save(path)


def write_csv(path: Path, rows: list[dict], encoding: str, time_format: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        when = row["跟进时间"]
        text = when.strftime(time_format).replace("/0", "/").replace(" 0", " ")
        writer.writerow({**row, "跟进时间": text})
    path.write_bytes(buffer.getvalue().encode(encoding))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=YEAR, choices=(HISTORY_YEAR, YEAR),
                        help="2015 (the year's evidence) or 2014 (the history to calibrate from)")  # fmt: skip
    parser.add_argument("--out", help="default: cases/a-company/records/<year>")
    parser.add_argument("--seed", type=int, help="default: 2015 for 2015, 3 for 2014")
    parser.add_argument("--reps", type=int, help="instead: a generated case of N reps with a linked "
                        "2014 history in Parquet, written to --out (scripts/make_history.py)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.reps is not None:
        if not args.out:
            parser.error("--reps needs --out (the case folder to write)")
        from make_history import make_history

        make_history(args.out, args.reps, 7 if args.seed is None else args.seed)
        print(f"wrote {args.out}: a case of {args.reps} reps and its 2014 history")
        return 0
    year = args.year
    out = Path(args.out or f"cases/a-company/records/{year}")
    out.mkdir(parents=True, exist_ok=True)
    # 2014's default seed is 3: of seeds 1-6 the one whose realised year lies nearest the
    # generator's own rates (seed 2014 happened to give 张伟 2.7 sd fewer booked visits).
    seed = args.seed if args.seed is not None else (3 if year == HISTORY_YEAR else year)
    records = History(seed, year) if year == HISTORY_YEAR else Records(seed)
    records.calls()
    records.visits()
    records.opps()
    rng = records.rng
    rng.shuffle(records.dingtalk)
    records.dingtalk.sort(key=lambda r: r["签到时间"])
    write_xlsx(out / "dingtalk-checkins.xlsx", f"签到记录（{year}-01-01至{year}-12-31）", "签到记录",
               records.dingtalk)  # fmt: skip
    records.wecom.sort(key=lambda r: r["checkin_time"])
    (out / "wecom-checkins.json").write_text(
        json.dumps({"errcode": 0, "errmsg": "ok", "checkindata": records.wecom}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )  # fmt: skip
    rows = sorted(records.followups, key=lambda r: r["跟进时间"])
    cut = dt.datetime(year, 7, 1)
    overlap = dt.datetime(year, 6, 25)  # the second export starts a few days early: duplicates
    write_csv(out / f"crm-followups-{year}H1.csv", [r for r in rows if r["跟进时间"] < cut], "gbk",
              "%Y/%m/%d %H:%M")  # fmt: skip
    write_csv(out / f"crm-followups-{year}H2.csv", [r for r in rows if r["跟进时间"] >= overlap],
              "utf-8-sig", "%Y-%m-%d %H:%M:%S")  # fmt: skip
    opps = sorted(records.opportunities, key=lambda r: r["创建时间"])
    write_xlsx(
        out / "crm-opportunities.xlsx", "商机列表", "商机", opps, serial_columns=("创建时间",)
    )
    print(f"wrote {out}: {len(records.dingtalk)} DingTalk, {len(records.wecom)} WeCom, "
          f"{len(rows)} follow-ups, {len(opps)} opportunities")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
