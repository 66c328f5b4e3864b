"""How does one team's report get made: run the template once, keep the notebook, export HTML?

``run_team(job)`` is a plain module-level function of one picklable argument, so any
``concurrent.futures.Executor`` can run it: a thread pool (the default; kernels are
separate processes anyway), a process pool, or a cluster executor. It never raises
for a notebook's own failure: it returns a ``TeamResult`` saying what happened,
and keeps the executed notebook with the error in it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from okrkit.i18n import t
from okrkit.report import failure, kernels


@dataclass(frozen=True)
class TeamJob:
    """Everything one run needs; plain data so it crosses process boundaries."""

    key: str  # the team id; output files are <out_dir>/<key>.ipynb and .html
    template: str  # path of the notebook to run
    out_dir: str
    parameters: dict = field(default_factory=dict)
    title: str | None = None  # the HTML page title
    lang: str = "zh"
    kernel_name: str = kernels.KERNEL_NAME
    start_timeout: float = 60
    cell_timeout: float | None = 600
    html: bool = True
    # No working-folder option: papermill's `cwd` is os.chdir, global to the process,
    # and jobs run in threads. Pass absolute paths as parameters instead.

    @property
    def ipynb_path(self) -> Path:
        return Path(self.out_dir) / f"{self.key}.ipynb"

    @property
    def html_path(self) -> Path:
        return Path(self.out_dir) / f"{self.key}.html"


@dataclass
class TeamResult:
    key: str
    status: str  # "ok" | "failed" (the notebook raised) | "error" (no notebook ran)
    error: str | None = None  # first line of the error, for the index
    ipynb: str | None = None  # paths of what was written, relative to nothing (absolute)
    html: str | None = None
    seconds: float = 0.0  # wall time of the whole job
    run_seconds: float = 0.0  # papermill: kernel start, cells, kernel shutdown
    html_seconds: float = 0.0
    start_failures: list[str] = field(default_factory=list)  # retried kernel starts
    failed_cell: str | None = None  # "7: report.scorecard()" when a cell failed or the kernel died
    # A run on a cluster worker sends its notebook and page back as bytes (okrkit.report.remote).
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def first_line(text: str) -> str:
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def describe(exc: BaseException) -> str:
    """One line saying what went wrong: ``ValueError: weights add to 95, not 100``."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        message = first_line(exc.evalue)
        return f"{exc.ename}: {message}" if message else exc.ename
    message = first_line(str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _retryable(exc: BaseException, watch: kernels.KernelStartWatch) -> bool:
    """A failure before the kernel was ready, not caused by the notebook or its parameters."""
    from papermill.exceptions import PapermillException

    if watch.started or kernels.LIVE.stopping:
        return False
    return not isinstance(exc, ValueError | LookupError | FileNotFoundError | PapermillException)


def _execute(job: TeamJob, watch: kernels.KernelStartWatch, folder: str | None):
    import papermill

    return papermill.execute_notebook(
        job.template,
        str(job.ipynb_path),
        parameters=job.parameters,
        kernel_name=job.kernel_name,
        progress_bar=False,
        start_timeout=job.start_timeout,
        execution_timeout=job.cell_timeout,
        on_notebook_start=watch,
        **kernels.engine_options(folder),
    )


def run_team(job: TeamJob) -> TeamResult:
    """Run ``job.template`` for one team; write ``<key>.ipynb`` and ``<key>.html``."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from okrkit.report import html

    began = time.perf_counter()
    Path(job.out_dir).mkdir(parents=True, exist_ok=True)
    remove_stale(job)
    result = TeamResult(key=job.key, status="ok")
    nb = None
    for attempt in range(kernels.START_RETRIES + 1):
        watch = kernels.KernelStartWatch()
        try:
            with kernels.socket_folder() as folder:
                nb = _execute(job, watch, folder)
            break
        except PapermillExecutionError as exc:
            # papermill wrote the notebook, with the traceback and an error banner.
            result.status, result.error = "failed", describe(exc)
            break
        except Exception as exc:
            if attempt < kernels.START_RETRIES and _retryable(exc, watch):
                result.start_failures.append(describe(exc))
                continue
            result.status, result.error = "error", describe(exc)
            if not watch.started and not isinstance(exc, FileNotFoundError):
                result.error = t("report.kernel_not_started", job.lang, error=result.error)
            break
    result.run_seconds = time.perf_counter() - began
    if kernels.LIVE.stopping:  # interrupted: this half-run is nobody's report, export nothing
        result.status, result.error = "error", result.error or "interrupted"
        return result

    if job.ipynb_path.exists():  # also a failed or half-run notebook: it shows the error
        result.ipynb = str(job.ipynb_path)
        if not result.ok:  # never a normal-looking short report: a banner says it failed
            nb = nbformat.read(job.ipynb_path, as_version=4)
            cell = failure.add_banner(nb, result.error or result.status, job.lang)
            result.failed_cell = None if cell is None else str(cell)
            nbformat.write(nb, str(job.ipynb_path))
        if job.html:
            t0 = time.perf_counter()
            if nb is None:
                nb = nbformat.read(job.ipynb_path, as_version=4)
            try:
                html.write_html(nb, job.html_path, title=job.title, lang=job.lang)
                result.html = str(job.html_path)
            except Exception as exc:  # the run's own error, if any, matters more
                if result.ok:
                    result.status = "error"
                    result.error = t("report.html_failed", job.lang, error=describe(exc))
            result.html_seconds = time.perf_counter() - t0
    result.seconds = time.perf_counter() - began
    return result


def remove_stale(job: TeamJob) -> None:
    """Remove a previous run's outputs, so a failed run never leaves an old report behind."""
    for path in (job.ipynb_path, job.html_path):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
