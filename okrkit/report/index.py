"""What does ``index.html`` list: one row per team, linking to its report, failures marked.

A row's ``state`` is one of ``ok`` (report written), ``failed`` (the run failed:
the report, if any, carries a failure banner), ``invalid`` (the team's file has
problems: no report was run; ``problems`` lists them, located) and ``pending``
(not done: the run is under way, or was interrupted). ``notice`` is a line
above everything, for a run that is not complete.

Rendered with Jinja2 and autoescaping on: team names, values and error lines are
user text (or echo it) and are never trusted as HTML. The caller supplies the
column headings and labels in the report's language, so this module knows
nothing about OKRs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

from okrkit.report.html import css_font_stack

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "report_index.html.j2"
CELLS_NAME = "report_index_cells.html.j2"  # one row's cells, shared by HTML and JSON rows

#: Labels the index needs besides the column headings (English defaults).
DEFAULT_LABELS = {
    "team": "Team",
    "status": "Status",
    "ok": "OK",
    "failed": "failed",
    "invalid": "invalid, not run",
    "pending": "not done",
    "notebook": "notebook",
}

STATES = ("ok", "failed", "invalid", "pending")


@dataclass
class IndexRow:
    key: str  # the team id
    name: str  # what the link says
    values: Sequence = ()  # one per column; numbers are right-aligned, None is blank
    ok: bool = True
    error: str | None = None  # first line of the error, shown when not ok
    html: str | None = None  # the report page's file name, relative to the index
    ipynb: str | None = None  # the executed notebook's file name (linked for failures)
    state: str | None = None  # one of STATES; by default "ok" or "failed", from ``ok``
    problems: Sequence[str] = ()  # an invalid team's located problems, one per line

    def __post_init__(self) -> None:
        if self.state is None:
            self.state = "ok" if self.ok else "failed"
        if self.state not in STATES:
            raise ValueError(f"unknown row state {self.state!r}; expected one of {STATES}")
        self.ok = self.state == "ok"

    @property
    def href(self) -> str | None:
        return quote(self.html) if self.html else None

    @property
    def ipynb_href(self) -> str | None:
        return quote(self.ipynb) if self.ipynb else None


@dataclass
class Index:
    title: str
    columns: Sequence[str]
    rows: Sequence[IndexRow]
    summary: str = ""
    meta: Sequence[str] = ()  # lines under the title (company, period, ...)
    labels: dict = field(default_factory=lambda: dict(DEFAULT_LABELS))
    lang: str = "zh"
    notice: str = ""  # shown first, in red: the run is incomplete or was interrupted
    # The programme dashboard above the team table (okrkit.report.dashboard); none when empty.
    dashboard_title: str = ""
    dashboard_columns: Sequence[str] = ()
    dashboard_rows: Sequence[Sequence] = ()
    # The team table searches, sorts and filters with DataTables (offline bundle) when True.
    interactive: bool = True


@cache
def _environment():
    """One Jinja environment per process: it keeps the compiled templates. A batch
    rewrites the index after reports as they finish, and compiling the page's
    templates anew each time was most of the batch process's own CPU."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_index(index: Index) -> str:
    from markupsafe import Markup

    from okrkit.report import dashboard

    rows = [row for row in index.rows if row.state != "invalid"]
    invalid = [row for row in index.rows if row.state == "invalid"]
    labels = {**DEFAULT_LABELS, **index.labels}
    template = _environment().get_template(TEMPLATE_NAME)
    script = ""
    as_data = index.interactive and len(rows) > DOM_ROWS_MAX
    if index.interactive and rows:
        # Panes filter by level, parent, weights and status: few distinct values each.
        n = len(index.columns)
        filters = [i for i in (1, 2, 5) if i <= n] + [n + 1]
        options = dashboard.datatables_options(index.lang, filter_columns=filters)
        if as_data:
            data, options["columns"] = _rows_as_data(template, rows, labels, n)
            script = dashboard.rows_element(ROWS_ID, data)
        script += dashboard.table_script("teams", options, ROWS_ID if as_data else None)
    return template.render(
        rows_as_data=as_data,
        no_script_data=dashboard.label("no_script_data", index.lang),
        title=index.title,
        columns=list(index.columns),
        rows=rows,
        invalid_rows=invalid,
        dashboard_title=index.dashboard_title,
        dashboard_columns=list(index.dashboard_columns),
        dashboard_rows=[list(r) for r in index.dashboard_rows],
        table_script=script,
        all_teams=dashboard.label("all_teams", index.lang),
        invalid_files=dashboard.label("invalid_files", index.lang),
        no_script=dashboard.label("no_script", index.lang),
        summary=index.summary,
        meta=list(index.meta),
        labels=labels,
        lang="zh-CN" if index.lang == "zh" else "en",
        n_failed=sum(not row.ok for row in index.rows),
        notice=index.notice,
        # Our own constant, not user text: quotes must stay quotes inside <style>.
        font_stack=Markup(css_font_stack()),
    )


#: Up to this many teams the table's rows are HTML in the page (readable without
#: scripts, and by anything that parses the page); beyond, they are JSON that
#: DataTables draws a page at a time: a browser lays out 10,000 HTML rows in
#: seconds, the 25 it shows in milliseconds.
DOM_ROWS_MAX = 1000


#: The id of the element holding a big table's rows as JSON (dashboard.rows_element).
ROWS_ID = "teams-rows"


def _rows_as_data(
    template, rows: Sequence[IndexRow], labels: dict, n_columns: int
) -> tuple[list[dict], list[dict]]:
    """DataTables' rows and ``columns``: the same cells the HTML rows have, escaped."""
    from markupsafe import escape

    macros = template.environment.get_template(CELLS_NAME).module  # autoescaped as in the page
    numeric = [
        all(v is None or isinstance(v, int | float) for v in column)
        for column in zip(*(row.values for row in rows), strict=False)
    ]
    data = []
    for row in rows:
        item = {"DT_RowId": f"team-{row.key}", "DT_RowClass": row.state}
        item["0"] = str(macros.team_cell(row))
        for i, value in enumerate(row.values, start=1):
            if value is None:
                value = ""
            item[str(i)] = value if isinstance(value, int | float) else str(escape(value))
        item[str(n_columns + 1)] = str(macros.status_cell(row, labels))
        data.append(item)
    columns = [{"data": str(i)} for i in range(n_columns + 2)]
    for i, is_number in enumerate(numeric, start=1):
        if is_number and i < len(columns):
            columns[i]["className"] = "num"
    return data, columns


def write_index(index: Index, path: str | os.PathLike) -> Path:
    """Write ``index.html`` atomically; return its path."""
    path = Path(path)
    page = render_index(index)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
