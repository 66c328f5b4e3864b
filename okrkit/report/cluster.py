"""How does a batch run on a Dask cluster: ``--dask tcp://HOST:8786`` or ``--dask local:N``?

``local:N`` starts a ``LocalCluster`` of N worker processes of one thread each,
over TCP on loopback; an address connects to a running scheduler. Either way the
batch gets ``Client.get_executor()``, a ``concurrent.futures.Executor``, and
``okrkit.report.batch`` runs exactly as with its own thread pool.

Workers need only okrkit installed (the same version): the case snapshot and the
template are scattered to every worker once as bytes, and each report comes back
as bytes (``okrkit.report.remote``), so no disk is shared.

Ctrl-C: the batch cancels what has not started, as locally; here the futures
still pending on the cluster are cancelled too, and every worker kills the
kernels it started (``kernels.LIVE`` in each worker process), so nothing keeps
running on another machine after the command has said "interrupted".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from okrkit.errors import OkrkitError

#: How long to wait for a scheduler (and, for local:N, for the workers) to answer.
CONNECT_TIMEOUT = 20

_LOCAL = re.compile(r"^local(?::(\d+))?$")
_ADDRESS = re.compile(r"^(tcp|tls|ws|wss|inproc|ucx)://[^\s/]+$")


def parse_address(value: str) -> tuple[str, int | str]:
    """``("local", N)`` for ``local:N`` (``local`` alone: 2 workers), else ``("remote", address)``."""
    value = value.strip()
    match = _LOCAL.match(value)
    if match:
        n = int(match.group(1) or 2)
        if n < 1:
            raise _bad(value)
        return "local", n
    if _ADDRESS.match(value):
        return "remote", value
    raise _bad(value)


def _bad(value: str) -> OkrkitError:
    return OkrkitError(
        f"--dask {value!r}: expected a scheduler address like tcp://HOST:8786, or local:N "
        "for N local worker processes",
        zh=f"--dask {value!r}：应为调度器地址（如 tcp://HOST:8786），或 local:N（N个本机工作进程）",
    )


def require_distributed() -> None:
    """Exit 2 early, saying what to install, when dask.distributed is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise OkrkitError(
            "--dask needs dask.distributed: pip install distributed",
            zh="--dask 需要 dask.distributed：pip install distributed",
        ) from None


@dataclass
class DaskRun:
    """A connected client, its executor, and the batch's handles on the workers."""

    client: object
    executor: object
    cluster: object | None = None  # the LocalCluster this process started, if any
    warming: list = field(default_factory=list)  # one future per worker (warm_up)

    @property
    def n_workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def ship(self, shipment):
        """Send ``shipment`` to every worker once; the future stands for it in each job."""
        return self.client.scatter(shipment, broadcast=True, hash=False)

    def warm_up(self) -> None:
        """Have every worker import and build what its first report would, in the background.

        A worker's first report paid ~3 CPU s more than the next (papermill and
        nbconvert imported, the HTML exporter and its templates built: 2.9 s of
        CPU against 0.1 s for a later one). Sent as soon as the cluster answers,
        this runs while the batch checks and prepares the case; a job sent to a
        worker still warming waits behind it on the worker's one thread, as it
        would have waited for its own imports.
        """
        workers = self.client.scheduler_info(n_workers=-1)["workers"]
        self.warming = [
            self.client.submit(_warm_worker, workers=[w], allow_other_workers=False, pure=False)
            for w in workers
        ]

    def warmed(self) -> None:
        """Wait until every worker has warmed up (a failed warm-up is the first report's to show)."""
        from distributed import wait

        wait(self.warming)

    def allow_kernels(self) -> None:
        """A new batch: workers start kernels again (after an earlier batch was stopped)."""
        self.client.run(_reset_worker_kernels)

    def stop(self) -> None:
        """Cancel what is still queued on the cluster and kill every worker's kernels."""
        self.executor.shutdown(wait=False)
        try:
            self.client.run(_stop_worker_kernels)
        except Exception:  # a worker that is gone has no kernels left to kill
            pass


def _okrkit_version() -> str:
    import okrkit

    return okrkit.__version__


def _check_versions(client, address: str) -> None:
    """Every worker runs the okrkit this process runs (the template calls into it)."""
    import okrkit

    try:
        found = client.run(_okrkit_version)
    except Exception as exc:  # a worker without okrkit cannot even unpickle the call
        raise OkrkitError(
            f"--dask {address}: a worker cannot run okrkit ({type(exc).__name__}: {exc}); "
            f"install okrkit {okrkit.__version__} on every worker",
            zh=f"--dask {address}：有工作进程无法运行okrkit（{type(exc).__name__}：{exc}）；"
            f"请在每个工作进程上安装 okrkit {okrkit.__version__}",
        ) from None
    other = {worker: v for worker, v in found.items() if v != okrkit.__version__}
    if other:
        listed = ", ".join(f"{w} ({v})" for w, v in sorted(other.items()))
        raise OkrkitError(
            f"--dask {address}: workers run another okrkit: {listed}; "
            f"expected {okrkit.__version__} everywhere",
            zh=f"--dask {address}：以下工作进程的okrkit版本不同：{listed}；应全部为 {okrkit.__version__}",
        )


def _warm_worker() -> None:
    """What a worker's first report would otherwise import and build: papermill, nbconvert's exporter."""
    import nbformat
    import papermill  # noqa: F401  (nbclient, jupyter_client, zmq with it)

    from okrkit.report import html

    html.to_html(nbformat.v4.new_notebook())


# What a worker's stop quieted, restored when a new batch allows kernels again.
_QUIETED: dict = {}


def _reset_worker_kernels() -> None:
    import sys

    from okrkit.report import kernels

    kernels.LIVE.reset()
    if _QUIETED:
        logging.disable(_QUIETED.pop("logging"))
        sys.unraisablehook = _QUIETED.pop("unraisable")


def _stop_worker_kernels() -> int:
    """Kill this worker's kernels (Ctrl-C in the parent), quiet until a new batch.

    As the parent does under its "Interrupted" message: the kernels killed make
    nbclient log "Kernel died before replying to kernel_info", and objects
    finalised as the worker winds down (an event loop whose sockets were closed
    first) report "Exception ignored in … __del__" with a traceback — expected
    after the interrupt, and on the user's terminal only noise.
    """
    import sys

    from okrkit.report import kernels

    if not _QUIETED:
        _QUIETED["logging"] = logging.root.manager.disable
        _QUIETED["unraisable"] = sys.unraisablehook
        logging.disable(logging.CRITICAL)
        sys.unraisablehook = lambda _unraisable: None
    return kernels.LIVE.stop()


@contextmanager
def dask_run(address: str) -> Iterator[DaskRun]:
    """Connect to (or start) the cluster ``address`` names; close what this process opened."""
    require_distributed()
    kind, where = parse_address(address)
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if kind == "local":
            # One thread per worker process: a report's work is in its kernel, and
            # N processes of one kernel each is what N cores can run.
            cluster = LocalCluster(
                n_workers=int(where),
                threads_per_worker=1,
                processes=True,
                protocol="tcp",
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            client = Client(where, timeout=CONNECT_TIMEOUT)
    except Exception as exc:  # no scheduler at that address, workers that would not start
        if cluster is not None:
            cluster.close()
        raise OkrkitError(
            f"--dask {address}: no Dask scheduler answered ({exc})",
            zh=f"--dask {address}：没有Dask调度器响应（{exc}）",
        ) from None
    run = DaskRun(client=client, executor=client.get_executor(pure=False), cluster=cluster)
    try:
        _check_versions(client, address)
        run.allow_kernels()
        run.warm_up()
        yield run
    except BaseException:
        run.stop()
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
