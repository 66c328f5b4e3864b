"""Reports name the charts' CJK fonts in their CSS without importing matplotlib to do so."""

from __future__ import annotations

import subprocess
import sys

from okrkit.report.html import css_font_stack


def test_the_report_font_stack_is_the_charts_font_stack():
    """The stack the report pages and the index name is word for word okrkit.charts' own."""
    from okrkit.charts import CSS_FONT_STACK

    assert css_font_stack() == CSS_FONT_STACK


def test_writing_an_index_imports_no_matplotlib(tmp_path):
    """A fresh process writes an index (as every batch does before its first kernel) and
    has not imported matplotlib: that import was a second of CPU before any report."""
    code = (
        "import sys\n"
        "from okrkit.report.index import Index, IndexRow, write_index\n"
        f"write_index(Index(title='t', columns=['n'], rows=[IndexRow(key='a', name='a')]), {str(tmp_path / 'index.html')!r})\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
