"""What the programme dashboard at the top of ``index.html`` shows, and how its team table searches.

Two parts. The dashboard table: one row per scope (:mod:`okrkit.report.programme`),
its cells formatted here in the report's language (a share as ``83%`` with the
counts it comes from, ``–`` when there is nothing to count). The team table
below it: the index's own HTML table, made searchable, sortable and filterable
by DataTables, from the offline bundle that itables ships (``dt_bundle.js`` and
``.css``, embedded in the page as itables' own offline mode does), so the page
works from ``file://`` with no network. The only script okrkit writes is the
call that starts DataTables on the table, with its options as JSON.
"""

from __future__ import annotations

import importlib.util
import json
from base64 import b64encode
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from markupsafe import Markup

from okrkit.report.programme import STATUSES, Scope

LABELS = {
    "dashboard": {"zh": "推行情况", "en": "Programme dashboard"},
    "scope": {"zh": "范围", "en": "Scope"},
    "company": {"zh": "全公司", "en": "Whole company"},
    "teams": {"zh": "团队数", "en": "Teams"},
    "fill": {"zh": "已填写OKR", "en": "OKRs written"},
    "weights": {"zh": "权重合计100", "en": "Weights add up"},
    "alignment": {"zh": "目标已对齐", "en": "Objectives aligned"},
    "decomposed": {"zh": "结果KR已分解为过程KR", "en": "Result KRs decomposed"},
    "errors": {"zh": "教练：错误", "en": "Coach: errors"},
    "warnings": {"zh": "教练：提醒", "en": "Coach: warnings"},
    "score": {"zh": "平均总分（已评分）", "en": "Mean score (scored)"},
    "fresh": {"zh": "按时更新", "en": "Checked in on time"},
    "on_track": {"zh": "正常", "en": "on track"},
    "at_risk": {"zh": "有风险", "en": "at risk"},
    "off_track": {"zh": "落后", "en": "off track"},
    "stale": {"zh": "未更新", "en": "stale"},
    "status_mix": {"zh": "状态分布（关键成果）", "en": "Status mix (key results)"},
    "all_teams": {"zh": "全部团队", "en": "Every team"},
    "invalid_files": {"zh": "有问题的团队文件", "en": "Team files with problems"},
    "no_script_data": {
        "zh": "浏览器未运行脚本：团队表格需要脚本才能显示；上方的推行情况是完整的。",
        "en": "Scripts are off: the team table needs them to show; the dashboard above is complete.",
    },
    "no_script": {
        "zh": "浏览器未运行脚本：表格不能搜索和排序，但内容完整。",
        "en": "Scripts are off: the table cannot search or sort, but it is complete.",
    },
}

#: DataTables' own words, in Chinese (its default texts are English).
DATATABLES_ZH = {
    "search": "搜索：",
    "lengthMenu": "每页 _MENU_ 个团队",
    "info": "第 _START_–_END_ 个，共 _TOTAL_ 个团队",
    "infoEmpty": "没有团队",
    "infoFiltered": "（从 _MAX_ 个中筛选）",
    "zeroRecords": "没有匹配的团队",
    "emptyTable": "没有团队",
    "paginate": {"first": "首页", "last": "末页", "next": "下一页", "previous": "上一页"},
    "searchPanes": {
        "title": {"_": "已选 %d 项筛选", "0": "未筛选", "1": "已选 1 项筛选"},
        "collapse": {"0": "筛选", "_": "筛选 (%d)"},
        "clearMessage": "清除全部",
        "collapseMessage": "全部收起",
        "showMessage": "全部展开",
        "emptyPanes": "",
        "emptyMessage": "<i>（空）</i>",  # a pane's entry for blank cells (its default: No Data)
        "loadMessage": "正在准备筛选…",
        "count": "{total}",
        "countFiltered": "{shown} / {total}",
    },
}


def label(key: str, lang: str) -> str:
    return LABELS[key][lang]


def _rate(part: int, whole: int, rate: float | None) -> str:
    """``83% (5/6)``; ``–`` when there is nothing to count."""
    if rate is None:
        return "–"
    return f"{rate * 100:.0f}% ({part}/{whole})"


def columns(lang: str, *, review: bool, checkins: bool) -> list[str]:
    keys = ["scope", "teams", "fill", "weights", "alignment", "decomposed", "errors", "warnings"]
    if review:
        keys.append("score")
    if checkins:
        keys += ["fresh", *STATUSES]
    return [label(k, lang) for k in keys]


def cells(scope: Scope, lang: str, *, review: bool, checkins: bool) -> list:
    """One dashboard row, in the order of :func:`columns`."""
    row = [
        scope.name if scope.scope else f"{label('company', lang)}（{scope.name}）"
        if lang == "zh" else f"{label('company', lang)} ({scope.name})",
        scope.teams,
        _rate(scope.filled, scope.teams, scope.fill_rate),
        _rate(scope.weights_ok, scope.teams - scope.invalid, scope.weights_rate),
        _rate(scope.linked, scope.objectives, scope.alignment_rate),
        _rate(scope.decomposed, scope.results, scope.decomposition_rate),
        scope.errors,
        scope.warnings,
    ]  # fmt: skip
    if review:
        mean = "–" if scope.mean_score is None else f"{scope.mean_score:.1f} ({scope.scored})"
        row.append(mean)
    if checkins:
        krs = sum(scope.checkins.values())
        fresh_count = krs - scope.checkins.get("stale", 0)
        row.append(_rate(fresh_count, krs, scope.fresh))
        row += [scope.checkins.get(s, 0) for s in STATUSES]
    return row


def datatables_options(lang: str, *, filter_columns: Sequence[int]) -> dict:
    """DataTables' options for the team table: all rows searchable, 25 shown, panes to filter.

    The filter panes open from a button (SearchPanes' own ``searchPanes`` button,
    ``delayInit``): they are built when it is first pressed, not while the page
    loads. Built on load, the four panes (each a DataTable of its own, the
    parent's with a hundred departments at 10,000 teams) were about half of
    what the page did before its table was ready.
    """
    panes = {"columns": list(filter_columns), "cascadePanes": False, "viewTotal": False}
    options = {
        "pageLength": 25,
        "lengthMenu": [10, 25, 100, 500],
        "order": [],  # the case's order until a heading is clicked
        "autoWidth": False,
        "deferRender": True,
        "layout": {"top1": {"buttons": [{"extend": "searchPanes", "config": panes}]}},
    }
    if lang == "zh":
        options["language"] = DATATABLES_ZH
    else:  # DataTables' English names the button after the extension ("SearchPanes")
        options["language"] = {"searchPanes": {"collapse": {"0": "Filter", "_": "Filter (%d)"}}}
    return options


def _itables_folder() -> Path:
    """itables' installed folder, found without importing it (its package imports pandas)."""
    spec = importlib.util.find_spec("itables")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "itables is not installed (the dashboard ships its DataTables bundle)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _itables_version() -> str:
    from importlib.metadata import version

    return version("itables")


@cache
def _bundle_loader() -> str:
    """itables' offline loader: the DataTables bundle and its CSS embedded (base64) in the page.

    Made from itables' own files as its ``generate_init_offline_itables_html``
    makes it (a test holds the two equal), without importing itables: its
    package imports pandas, a second of CPU that every batch paid before its
    first kernel started (the index is written first).
    """
    folder = _itables_folder() / "html"
    loader = (folder / "init_notebook_offline.html").read_text(encoding="utf-8")
    bundle = folder / "dt_bundle.js"
    values = {
        "_itables_underscore_version": _bundle_name(),
        "itables-version-ready": f"itables-{_itables_version()}-ready",
        "dt_src_b64": b64encode(bundle.read_bytes()).decode("ascii"),
        "dt_css_b64": b64encode(bundle.with_suffix(".css").read_bytes()).decode("ascii"),
    }
    for placeholder, value in values.items():  # the version first: base64 holds no "_"
        if placeholder not in loader:
            raise RuntimeError(
                f"itables' {folder / 'init_notebook_offline.html'} lacks {placeholder}"
            )
        loader = loader.replace(placeholder, value)
    return loader


def _bundle_name() -> str:
    """The window property itables' loader sets to the bundle's module (a promise)."""
    return "_itables_" + _itables_version().replace(".", "_").replace("-", "_")


def table_script(table_id: str, options: dict, rows_id: str | None = None) -> Markup:
    """The bundle and the one call that makes ``#table_id`` a DataTable (options as JSON).

    ``rows_id``: the ``<script type="application/json">`` element holding the
    table's rows (:func:`rows_element`), for a table too big for HTML rows.
    DataTables (the bundle's default export) is called itself rather than through
    itables' ``ITable``, which takes rows only as a JSON string inside the options
    and parses it with a reviver called for every value: at 10,000 teams that
    string was a 3 MB script literal, escaped twice, and the reviver a tenth of
    a second of the page's start.
    """
    # json.dumps escapes nothing for HTML: "</" inside a string would end the script.
    data = json.dumps(options, ensure_ascii=False).replace("</", "<\\/")
    name = json.dumps(_bundle_name())
    rows = (
        f"options.data = JSON.parse(document.getElementById({json.dumps(rows_id)}).textContent);\n"
        if rows_id
        else ""
    )
    init = (
        '<script type="module">\n'
        f"const {{ default: DataTable }} = await window[{name}];\n"
        f"const options = {data};\n"
        f"{rows}"
        # Kept on the window (as itables' ITable keeps it, .dt), so a browser test or
        # benchmark can drive the same table.
        f"window.okrkitTable = {{ dt: new DataTable(document.getElementById({json.dumps(table_id)}), options) }};\n"
        "document.documentElement.dataset.tableReady = 'yes';\n"
        "</script>\n"
    )
    return Markup(_bundle_loader() + init)


def rows_element(element_id: str, rows: list) -> Markup:
    """The table's rows as JSON in a ``<script type="application/json">``: parsed, not run.

    Inside a script element only ``</`` (which would end it) and ``<!--`` (which
    changes how the rest is read) mean anything to the HTML parser; both are
    escaped as JSON allows (``<\\/``, ``\\u003c!--``), so the text is the JSON itself.
    """
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
    return Markup(f'<script type="application/json" id="{element_id}">{text}</script>\n')
