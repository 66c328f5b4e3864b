"""How does an executed notebook become one self-contained HTML file?

In-process nbconvert (``jupyter nbconvert`` as a command costs ~2.5 s a call;
an exporter reused in-process ~10 ms). The page:

- shows no code: ``exclude_input`` (papermill's ``report_mode`` does not hide code
  in nbconvert's HTML) and no ``In [ ]`` / ``Out[ ]`` prompts;
- embeds its images (PNG outputs are data URIs already; ``embed_images`` also
  inlines images a markdown cell links to);
- loads nothing from the network: okrkit's template (``okrkit/templates/nbconvert``)
  drops the require.js, MathJax, Mermaid and widget scripts that nbconvert's
  ``lab`` template fetches from a CDN;
- names CJK fonts in its CSS so browsers draw Chinese;
- carries no widgets: widget views and widget state are stripped first.

Escaping user text is the notebook's job (its HTML outputs are built with escaped
strings); this module never adds user text of its own except the page title,
which nbconvert's template escapes.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "nbconvert"
TEMPLATE_NAME = "okrkit_report"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

#: The CSS font stack of reports: the usual Simplified Chinese sans fonts of each
#: platform. The same words as ``okrkit.charts.CSS_FONT_STACK`` (a test holds them
#: equal), kept here because importing okrkit.charts imports matplotlib and pyplot:
#: ~1 CPU s that every batch paid before its first kernel started (the index is
#: written first) and every Dask worker before its first report.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)

_local = threading.local()


def css_font_stack() -> str:
    """The CSS ``font-family`` value for reports (:data:`FONT_STACK`; imports no matplotlib)."""
    return FONT_STACK


def _exporter():
    """One exporter per thread: building one costs ~60 ms, reusing it ~10 ms a page."""
    exporter = getattr(_local, "exporter", None)
    if exporter is None:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            template_name=TEMPLATE_NAME,
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )
        _local.exporter = exporter
    return exporter


def strip_widgets(nb) -> None:
    """Remove widget views and widget state, in place: a report is static."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
                data.pop(WIDGET_STATE, None)


def to_html(nb, *, title: str | None = None, lang: str = "zh") -> str:
    """The HTML page of an executed notebook node (the node is modified: widgets go)."""
    strip_widgets(nb)
    if title:
        nb.metadata["title"] = title
    exporter = _exporter()
    exporter.language_code = "zh" if lang == "zh" else "en"
    resources = {"okrkit_font_stack": css_font_stack()}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def write_html(nb, path: str | os.PathLike, *, title: str | None = None, lang: str = "zh") -> Path:
    """Export ``nb`` to ``path`` atomically (a reader never sees half a page)."""
    path = Path(path)
    page = to_html(nb, title=title, lang=lang)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
