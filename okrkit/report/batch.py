"""How do many teams' reports run: in parallel, with progress, one failure stopping nothing?

All teams run from this one Python process (papermill's import and nbconvert's
templates are paid once, not per team). Each team gets its own kernel; the default
pool is a thread pool of ``min(cores, teams)`` workers, since the work happens in
the kernels. Any ``concurrent.futures.Executor`` can be passed instead (a process
pool, a cluster executor): ``execute.run_team`` and its argument and result are
plain picklable data.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed

from okrkit.i18n import t
from okrkit.report import kernels
from okrkit.report.execute import TeamJob, TeamResult, describe, run_team
from okrkit.report.remote import land, run_shipped


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the batch; ``results`` are the jobs that had finished before it.

    By the time this is raised the batch's kernels are killed and, with the
    default pool, its worker threads have ended; the jobs that were running are
    not in ``results`` (their half-made outputs are not reports).
    """

    def __init__(self, results: list[TeamResult]):
        super().__init__()
        self.results = results


def available_cores() -> int:
    """Cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def default_workers(n_jobs: int) -> int:
    """The number of cores, at most the number of teams, at least one."""
    return max(1, min(available_cores(), n_jobs))


def run_batch(
    jobs: Sequence[TeamJob],
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    desc: str = "",
    on_result: Callable[[TeamResult], None] | None = None,
    lang: str = "en",
    shipment=None,
) -> list[TeamResult]:
    """Run every job; return one result per job, in the jobs' order.

    ``executor``: used as given and left open; without one, a thread pool of
    ``workers`` (default ``default_workers(len(jobs))``) is made and closed here.
    ``progress``: a tqdm bar over teams on stderr; ``None`` shows it on a terminal only.
    ``lang``: the language of the bar's failure count.
    ``shipment``: a :class:`okrkit.report.remote.Shipment` (or a cluster's handle
    on one, e.g. a scattered Dask future): each job then runs with
    ``remote.run_shipped`` and its files come back as bytes into the job's
    ``out_dir``, for workers that share no disk with this process.
    A job that fails, or whose worker fails, becomes a result with status
    ``"failed"`` or ``"error"``: the other jobs carry on.
    Ctrl-C (KeyboardInterrupt) cancels the jobs not started, kills every running
    kernel, waits for the workers and raises :class:`BatchInterrupted`. Only
    kernels this process started are killed: with a process pool, its workers'
    kernels are the workers' business.
    """
    from tqdm.auto import tqdm

    jobs = list(jobs)
    if not jobs:
        return []
    own = executor is None
    if own:
        executor = ThreadPoolExecutor(
            max_workers=workers or default_workers(len(jobs)), thread_name_prefix="okrkit-report"
        )
    results: dict[int, TeamResult] = {}
    failed = 0
    bar = tqdm(total=len(jobs), desc=desc or None, unit="team", disable=_disabled(progress))
    kernels.LIVE.reset()
    futures: dict[Future, int] = {}
    quieted: int | None = None  # the logging level disabled before an interrupt
    try:
        for i, job in enumerate(jobs):
            if shipment is None:
                futures[executor.submit(run_team, job)] = i
            else:
                futures[executor.submit(run_shipped, job, shipment)] = i
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # the worker itself broke (pickling, a dead process)
                result = TeamResult(key=jobs[i].key, status="error", error=describe(exc))
            land(result, jobs[i].out_dir)
            results[i] = result
            failed += not result.ok
            if on_result is not None:
                on_result(result)
            counted = (", " + t("report.progress.failed", lang, n=failed)) if failed else ""
            bar.set_postfix_str(f"{result.key}{counted}")
            bar.update()
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        # The kernels about to be killed make nbclient log "Kernel died ...": expected
        # now, and noise under the interrupted message. Quiet until the workers end.
        quieted = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        kernels.LIVE.stop()  # the running jobs fail fast now; their results are not kept
        raise BatchInterrupted([results[i] for i in sorted(results)]) from None
    finally:
        bar.close()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)
        if quieted is not None:
            logging.disable(quieted)
    return [results[i] for i in range(len(jobs))]


def _disabled(progress: bool | None) -> bool | None:
    if progress is None:
        return None  # tqdm: off when stderr is not a terminal
    return not progress
