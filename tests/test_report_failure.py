"""A report whose run failed says so at the top: which cell, what error, in both languages."""

from __future__ import annotations

import nbformat
import pytest

from okrkit.report import failure
from okrkit.report.batch import run_batch
from okrkit.report.execute import TeamJob

EVIL = "<script>alert(1)</script>"


def _template(path, body: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("name = 'x'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from IPython.display import HTML, display\nimport os"),
        nbformat.v4.new_code_cell("display(HTML('<h2>part one</h2>'))"),
        nbformat.v4.new_code_cell(body),
        nbformat.v4.new_code_cell("display(HTML('<h2>part two</h2>'))"),
    ]
    nbformat.write(nb, path)
    return str(path)


def _started(source: str, **papermill) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source, metadata={"papermill": papermill})


def test_the_failed_cell_is_the_one_papermill_flags():
    """A cell that raised is named by its number and first line."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("An Exception was encountered"),
        _started("a = 1", start_time="t"),
        _started("\nreport.scorecard()  # with actuals", start_time="t", exception=True),
        _started("later()"),
    ]
    assert failure.failed_cell(nb) == failure.FailedCell(2, "report.scorecard()  # with actuals")


def test_a_dead_kernel_leaves_the_last_started_cell():
    """Without papermill's flag (the kernel died) the last cell that started is the one."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [_started("a", start_time="t"), _started("b", start_time="t"), _started("c")]
    assert failure.failed_cell(nb) == failure.FailedCell(2, "b")


def test_the_banner_is_first_bilingual_and_escaped():
    """The banner cell comes first, says it in both languages (report's first), escapes the error."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [_started(f"show('{EVIL}')", start_time="t", exception=True)]
    failure.add_banner(nb, f"ValueError: {EVIL}", lang="en")
    failure.add_banner(nb, f"ValueError: {EVIL}", lang="en")  # never two banners
    banners = [c for c in nb.cells if failure.TAG in c.metadata.get("tags", ())]
    assert len(banners) == 1 and nb.cells[0] is banners[0]
    text = banners[0].source
    assert EVIL not in text and "&lt;script&gt;" in text
    assert text.index("This report is incomplete") < text.index("本报告不完整")
    assert "code cell 1" in text and "第1个代码单元" in text


@pytest.mark.slow
def test_a_kernel_killed_half_way_gives_a_bannered_page_not_a_short_report(tmp_path):
    """A kernel that dies (kill -9) mid-run: the page opens with the banner naming the cell."""
    template = _template(
        tmp_path / "t.ipynb",
        "import signal\nif name == 'dies':\n    os.kill(os.getpid(), signal.SIGKILL)",
    )
    out = tmp_path / "out"
    jobs = [
        TeamJob(key=k, template=template, out_dir=str(out), parameters={"name": k}, lang="zh")
        for k in ("lives", "dies")
    ]
    lives, dies = run_batch(jobs, workers=2, progress=False)
    assert lives.ok and not dies.ok
    assert "DeadKernelError" in dies.error
    page = (out / "dies.html").read_text(encoding="utf-8")
    assert "本报告不完整" in page and "This report is incomplete" in page
    assert page.index("本报告不完整") < page.index("part one")  # at the top
    assert "import signal" in page and "DeadKernelError" in page  # which cell, and why
    assert "part two" not in page
    assert "本报告不完整" not in (out / "lives.html").read_text(encoding="utf-8")
    assert dies.failed_cell.startswith("5: import signal")  # parameters, injected, 2 cells, it
    kept = nbformat.read(out / "dies.ipynb", as_version=4)
    assert failure.TAG in kept.cells[0].metadata["tags"]  # the notebook says it too


@pytest.mark.slow
def test_a_cell_that_raises_gives_a_bannered_page(tmp_path):
    """A papermill execution error: the banner names the cell and the exception."""
    template = _template(tmp_path / "t.ipynb", "raise ValueError('no target for ' + name)")
    job = TeamJob(key="r", template=template, out_dir=str(tmp_path), parameters={"name": EVIL})
    (result,) = run_batch([job], progress=False)
    assert result.status == "failed"
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "本报告不完整" in page and "raise ValueError" in page
    assert "ValueError: no target for &lt;script&gt;" in page and EVIL not in page


def test_a_cell_is_named_by_its_first_line_of_code():
    """A leading comment does not name the cell; its first line of code does."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [_started("# Derived from the parameters\nreport = load()", start_time="t")]
    assert failure.failed_cell(nb).source == "report = load()"
