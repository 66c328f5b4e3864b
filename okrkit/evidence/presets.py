"""What the exports the reps' companies already have look like, as data.

A preset names a source's *kind* (what its records are evidence of), the
columns of the export as the vendor writes them, and the values that mean
something to the counting rules. A case's ``evidence.sources.<name>`` block
starts from a preset and overrides any part of it, so a company whose CRM
calls the owner column 销售 instead of 负责人 writes one line, not code.

Fields a kind reads (the keys of ``columns``):

- ``checkin``: person, time, customer; optionally type (外出打卡 vs 上班打卡),
  exception, lat, lng, id.
- ``followup``: person, time, channel (电话/现场拜访/微信), duration (seconds),
  customer, customer_type (新客户/老客户); optionally id.
- ``opportunity``: person, account, amount, status, created; optionally stage,
  closed, id.
"""

from __future__ import annotations

KINDS = ("checkin", "followup", "opportunity")

# Which fields each kind needs mapped; the others are optional.
REQUIRED_FIELDS = {
    "checkin": ("person", "time", "customer"),
    "followup": ("person", "time", "channel", "duration", "customer", "customer_type"),
    "opportunity": ("person", "account", "amount", "status", "created"),
}
OPTIONAL_FIELDS = {
    "checkin": ("type", "exception", "lat", "lng", "id"),
    "followup": ("id",),
    "opportunity": ("stage", "closed", "id"),
}

PRESETS: dict[str, dict] = {
    # DingTalk 签到 export (管理后台 → 签到 → 导出): an .xlsx whose first row is a
    # title such as "签到记录（2015-01-01至2015-12-31）"; the header is below it.
    # Every row is an outside sign-in (签到), so there is no type column; the
    # customer is what the rep typed as 拜访对象.
    "dingtalk-checkin": {
        "kind": "checkin",
        "format": "xlsx",
        "columns": {
            "person": "姓名",
            "id": None,
            "time": "签到时间",
            "customer": "拜访对象",
            "lat": "纬度",
            "lng": "经度",
        },
        "coordinate_scale": 1,
    },
    # WeCom 打卡 (the checkin API's JSON: {"errcode":0,"checkindata":[...]}).
    # checkin_time is unix seconds; lat/lng are degrees × 1e6; the customer
    # of an 外出打卡 is written in notes; 上班/下班打卡 is attendance.
    "wecom-checkin": {
        "kind": "checkin",
        "format": "json",
        "records": "checkindata",
        "columns": {
            "person": "userid",
            "time": "checkin_time",
            "customer": "notes",
            "type": "checkin_type",
            "exception": "exception_type",
            "lat": "lat",
            "lng": "lng",
        },
        "visit_types": ["外出打卡"],
        "attendance_types": ["上班打卡", "下班打卡"],
        "no_checkin_exceptions": ["未打卡"],
        "coordinate_scale": 1000000,
    },
    # A generic CRM's follow-up log (跟进记录) exported as CSV or .xlsx.
    "crm-followups": {
        "kind": "followup",
        "format": None,  # by the file's suffix
        "columns": {
            "id": "跟进记录ID",
            "person": "负责人",
            "customer": "客户名称",
            "customer_type": "客户类型",
            "channel": "跟进方式",
            "time": "跟进时间",
            "duration": "通话时长(秒)",
        },
        "call_channels": ["电话"],
        "new_customer": ["新客户"],
        "old_customer": ["老客户"],
    },
    # A generic CRM's opportunity list (商机), CSV or .xlsx; amounts in 万元.
    "crm-opportunities": {
        "kind": "opportunity",
        "format": None,
        "columns": {
            "id": "商机编号",
            "person": "负责人",
            "account": "客户名称",
            "stage": "商机阶段",
            "status": "状态",
            "amount": "预计金额(万元)",
            "created": "创建时间",
            "closed": "结单时间",
        },
        "statuses": ["进行中", "赢单", "输单", "无效"],
        "invalid_statuses": ["无效"],
    },
}
