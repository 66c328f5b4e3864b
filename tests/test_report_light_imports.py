"""Writing an index (the first thing a batch does) imports neither matplotlib nor pandas.

Reports name the charts' CJK fonts, and the index embeds itables' DataTables
bundle, without importing the packages that hold them.
"""

from __future__ import annotations

import subprocess
import sys

from okrkit.report.html import css_font_stack


def test_the_report_font_stack_is_the_charts_font_stack():
    """The stack the report pages and the index name is word for word okrkit.charts' own."""
    from okrkit.charts import CSS_FONT_STACK

    assert css_font_stack() == CSS_FONT_STACK


def test_writing_an_index_imports_no_matplotlib_or_pandas(tmp_path):
    """A fresh process writes an index (as every batch does before its first kernel) and
    has imported neither matplotlib nor pandas: each was a second of CPU before any report."""
    code = (
        "import sys\n"
        "from okrkit.report.index import Index, IndexRow, write_index\n"
        f"write_index(Index(title='t', columns=['n'], rows=[IndexRow(key='a', name='a')]), {str(tmp_path / 'index.html')!r})\n"
        "print(sorted(m for m in ('matplotlib', 'pandas', 'itables') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_bundle_loader_is_the_one_itables_makes():
    """The loader the index embeds is itables' own offline loader, byte for byte (its
    generate_init_offline_itables_html, less the logo it adds for notebooks)."""
    from itables.javascript import generate_init_offline_itables_html
    from itables.utils import find_package_file

    from okrkit.report import dashboard

    theirs = generate_init_offline_itables_html(find_package_file("html", "dt_bundle.js"))
    mine = dashboard._bundle_loader()
    assert theirs.startswith(mine) and mine.rstrip().endswith("</script>")


def test_rewriting_the_index_compiles_its_templates_once(tmp_path, monkeypatch):
    """The batch rewrites the index as reports finish: the second write compiles no template."""
    from jinja2 import Environment

    from okrkit.report.index import Index, IndexRow, write_index

    index = Index(title="t", columns=["n"], rows=[IndexRow(key="a", name="a")])
    write_index(index, tmp_path / "index.html")
    compiled: list[str] = []
    real = Environment._compile

    def counted(self, source, filename):
        compiled.append(filename)
        return real(self, source, filename)

    monkeypatch.setattr(Environment, "_compile", counted)
    write_index(index, tmp_path / "index.html")
    assert compiled == []
