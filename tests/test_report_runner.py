"""The batch runner, HTML export and index on plain notebooks (no OKR model needed)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.report import html, kernels
from okrkit.report.batch import default_workers, run_batch
from okrkit.report.execute import TeamJob, describe
from okrkit.report.index import Index, IndexRow, render_index

EVIL = "<script>alert(1)</script>"


def _notebook(path, body):
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("name = 'x'\nfail = False", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(body),
    ]
    nbformat.write(nb, path)
    return str(path)


@pytest.fixture
def template(tmp_path):
    return _notebook(
        tmp_path / "t.ipynb",
        "import html\nfrom IPython.display import HTML, display\n"
        "if fail:\n    raise ValueError('broken: ' + name + '\\nsecond line')\n"
        "display(HTML('<h1>' + html.escape(name) + '</h1>'))",
    )


@pytest.mark.slow
def test_batch_keeps_going_after_a_failure(tmp_path, template):
    """One failing notebook does not stop the others in the batch."""
    out = tmp_path / "out"
    jobs = [
        TeamJob(
            key=k, template=template, out_dir=str(out), parameters={"name": k, "fail": k == "b"}
        )
        for k in ("a", "b", "c")
    ]
    results = run_batch(jobs, workers=2, progress=False)
    assert [r.key for r in results] == ["a", "b", "c"]
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].error == "ValueError: broken: b"
    for key in "abc":
        assert (out / f"{key}.ipynb").exists() and (out / f"{key}.html").exists()
    kept = nbformat.read(out / "b.ipynb", as_version=4)
    errors = [o for c in kept.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "ValueError"
    assert all(not r.start_failures for r in results)


@pytest.mark.slow
def test_any_executor_and_escaped_self_contained_html(tmp_path, template):
    """A caller's own Executor runs the batch, and the page escapes user text and loads nothing remote."""
    out = tmp_path / "out"
    job = TeamJob(
        key="t",
        template=template,
        out_dir=str(out),
        parameters={"name": EVIL + " 销售部"},
        title="报告",
    )
    with ThreadPoolExecutor(1) as pool:
        (result,) = run_batch([job], executor=pool, progress=False)
    assert result.ok, result.error
    page = (out / "t.html").read_text(encoding="utf-8")
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 销售部" in page
    assert "<script" not in page  # no CDN scripts, no widget manager, no code
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "raise ValueError" not in page  # input cells are not exported
    assert "Noto Sans CJK SC" in page
    assert "<title>报告</title>" in page


@pytest.mark.slow
def test_missing_template_is_an_error_not_a_crash(tmp_path):
    """A missing template is reported as that team's error, not retried as a kernel problem."""
    job = TeamJob(key="x", template=str(tmp_path / "nope.ipynb"), out_dir=str(tmp_path))
    (result,) = run_batch([job], progress=False)
    assert result.status == "error" and "nope.ipynb" in result.error
    assert result.start_failures == []  # not retried: it is not a kernel start problem


def test_widgets_are_stripped():
    """Widget views and widget state are removed before export."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": "w", html.WIDGET_VIEW: {"model_id": "1"}},
        )
    ]
    nb.cells = [cell]
    html.strip_widgets(nb)
    assert "widgets" not in nb.metadata
    assert html.WIDGET_VIEW not in nb.cells[0].outputs[0].data


def test_index_escapes_everything_the_user_wrote():
    """The index escapes team names, column labels, values and error texts."""
    rows = [
        IndexRow(key="a", name=EVIL, values=[3, None, EVIL], html="a.html"),
        IndexRow(key="b", name="销售部", values=[1, 2, "x"], ok=False, error=EVIL, ipynb="b.ipynb"),
    ]
    page = render_index(Index(title=EVIL, columns=["O", EVIL, "w"], rows=rows, summary=EVIL))
    assert EVIL not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7  # title twice
    assert '<a href="a.html">' in page and '<a href="b.ipynb">' in page
    assert 'class="failed"' in page
    assert '"Noto Sans CJK SC"' in page  # the font stack is not entity-escaped inside <style>


def test_default_workers_is_bounded_by_teams():
    """The default pool never has more workers than teams."""
    assert default_workers(1) == 1
    assert 1 <= default_workers(100) <= 100


def test_engine_options_use_unique_ipc_sockets(tmp_path):
    """Each kernel gets its own IPC socket path and an immediate shutdown."""
    options = kernels.engine_options(str(tmp_path))
    assert options["shutdown_kernel"] == "immediate"
    if kernels.ipc_supported():
        cls = options["kernel_manager_class"]
        a, b = cls(kernel_name="python3"), cls(kernel_name="python3")
        assert a.transport == "ipc" and a.ip != b.ip and a.ip.startswith(str(tmp_path))


def test_describe_takes_the_first_line():
    """An error is summarised by its type and first line."""
    assert describe(ValueError("one\ntwo")) == "ValueError: one"
    assert describe(RuntimeError()) == "RuntimeError"


@pytest.mark.slow
def test_a_kernel_that_dies_before_it_is_ready_is_started_again(tmp_path, template, monkeypatch):
    """A start failure (the port race, an overloaded machine) is retried, and recorded."""
    from okrkit.report import execute

    real = execute._execute
    calls = []

    def flaky(job, watch, folder):
        calls.append(folder)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(job, watch, folder)

    monkeypatch.setattr(execute, "_execute", flaky)
    job = TeamJob(key="r", template=template, out_dir=str(tmp_path), parameters={"name": "r"})
    result = execute.run_team(job)
    assert result.ok, result.error
    assert result.start_failures == ["RuntimeError: Kernel died before replying to kernel_info"]
    assert len(calls) == 2 and calls[0] != calls[1]  # a fresh socket folder each time


def test_a_failure_after_the_kernel_was_ready_is_not_retried(tmp_path, monkeypatch):
    """Only kernel-start failures are retried, not errors in the notebook itself."""
    from okrkit.report import execute

    calls = []

    def failing(job, watch, folder):
        calls.append(1)
        watch()  # the kernel was ready: whatever fails now is the notebook's
        raise RuntimeError("Kernel died")

    monkeypatch.setattr(execute, "_execute", failing)
    job = TeamJob(key="n", template="t.ipynb", out_dir=str(tmp_path))
    result = execute.run_team(job)
    assert result.status == "error" and len(calls) == 1
    assert result.error == "RuntimeError: Kernel died"


@pytest.mark.slow
def test_a_process_pool_works_too(tmp_path, template):
    """Jobs and results are plain data: any Executor, here a spawned process pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    job = TeamJob(key="p", template=template, out_dir=str(tmp_path), parameters={"name": "p"})
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        (result,) = run_batch([job], executor=pool, progress=False)
    assert result.ok, result.error
    assert (tmp_path / "p.html").exists()


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "内核没有启动：RuntimeError: no kernel"), ("en", "kernel did not start: RuntimeError")],
)
def test_a_kernel_that_never_starts_is_reported_in_the_jobs_language(
    tmp_path, monkeypatch, lang, said
):
    """After the retries, a kernel that never started is named in the report's language."""
    from okrkit.report import execute

    def never(job, watch, folder):
        raise RuntimeError("no kernel")

    monkeypatch.setattr(execute, "_execute", never)
    job = TeamJob(key="k", template="t.ipynb", out_dir=str(tmp_path), lang=lang)
    result = execute.run_team(job)
    assert result.status == "error" and result.error.startswith(said)


@pytest.mark.parametrize(("lang", "said"), [("zh", "k, 1个失败"), ("en", "k, 1 failed")])
def test_the_progress_bar_counts_failures_in_the_chosen_language(monkeypatch, capsys, lang, said):
    """The bar's postfix names the failures in the language of the run."""
    from okrkit.report import batch
    from okrkit.report.execute import TeamResult

    monkeypatch.setattr(batch, "run_team", lambda job: TeamResult(key=job.key, status="failed"))
    job = TeamJob(key="k", template="t.ipynb", out_dir="unused")
    with ThreadPoolExecutor(max_workers=1) as pool:
        run_batch([job], executor=pool, progress=True, lang=lang)
    assert said in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("<>&\"'/ab销 \\"), min_size=1, max_size=30))
def test_an_invalid_teams_problems_stay_text_in_the_index(text):
    """Whatever a located problem echoes from a team file, the index shows it as text."""
    from markupsafe import escape

    line = f"teams/s.yaml:3: level: {text}"
    row = IndexRow(key="s", name="s", state="invalid", problems=[line])
    body = render_index(Index(title="t", columns=[], rows=[row], notice=f"N {text}"))
    assert f"<code>{escape(line)}</code>" in body and f">{escape('N ' + text)}</p>" in body
    if "<" in text or ">" in text:  # ("&" alone is a prefix of its own escape)
        assert line not in body
