"""How does a batch start many kernels at once without them tripping over each other?

Two kernels started at the same moment over TCP can pick the same port: the manager
binds port 0, reads the number, closes the socket and hands the number to the kernel,
which binds it a little later (upstream: jupyter_client#154, papermill#511). The
symptom is "Address already in use" in the kernel, then "Kernel died before replying
to kernel_info" in the batch.

Here every kernel talks over IPC (Unix domain sockets) at a path no other kernel can
use: a private temporary folder per run, and a random name per kernel inside it.
IPC with the *default* path does not help: every kernel started from the same folder
would try ``kernel-ipc-1``. A start that still fails (an overloaded machine, a kernel
that dies while importing) is retried by the caller, see ``execute.run_team``; this
module only says whether a failure happened before the kernel was ready.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import uuid
import weakref
from contextlib import contextmanager

#: Kernel name passed explicitly to papermill: never whatever a notebook's metadata says.
KERNEL_NAME = "python3"

#: Unix socket paths are limited to ~107 bytes (104 on macOS): keep ours short.
_MAX_SOCKET_PATH = 100

#: How many times a kernel that fails *before it is ready* is started again.
START_RETRIES = 2


def ipc_supported() -> bool:
    """IPC sockets exist on Linux and macOS, not on Windows."""
    return sys.platform != "win32"


@contextmanager
def socket_folder():
    """A private folder for one kernel's sockets, removed afterwards."""
    folder = tempfile.mkdtemp(prefix="okrk-")
    if len(os.path.join(folder, "k" * 12 + "-99")) > _MAX_SOCKET_PATH:
        shutil.rmtree(folder, ignore_errors=True)
        folder = tempfile.mkdtemp(prefix="okrk-", dir="/tmp")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: How often a killed kernel is checked for exit (jupyter_client polls every 0.1 s).
EXIT_POLL = 0.005
#: IOPub silence that ends the start-up flush (jupyter_client waits for 0.2 s).
READY_FLUSH = 0.02


def manager_class(folder: str | None) -> type:
    """A kernel manager class for report kernels; its sockets live in ``folder``.

    Three changes from jupyter_client's ``AsyncKernelManager``, all about waiting:

    - IPC transport at a unique path under ``folder`` (when the platform has IPC):
      no TCP port race between kernels started at the same moment;
    - after the kill of an immediate shutdown, the kernel's exit is checked every
      5 ms instead of every 100 ms (~0.1 s saved per team);
    - once the kernel answers ``kernel_info``, the IOPub channel is drained until
      20 ms of silence instead of 200 ms (~0.18 s saved per team). Safe because
      nbclient only reads IOPub messages whose parent is the request it sent.

    nbclient instantiates the class itself (``kernel_name=..., config=...``), so the
    folder is baked into a subclass rather than passed to the constructor.
    """
    import asyncio
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ReportKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            # jupyter_client's wait_for_ready, with a shorter IOPub flush at the end.
            deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    pass
                else:
                    if msg["msg_type"] == "kernel_info_reply":
                        try:  # IOPub connected too? Else ask again.
                            await self.iopub_channel.get_msg(timeout=0.2)
                        except Empty:
                            pass
                        else:
                            self._handle_kernel_info_reply(msg)
                            break
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if deadline is not None and asyncio.get_running_loop().time() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=READY_FLUSH)
                except Empty:
                    break

    class ReportKernelManager(AsyncKernelManager):
        @default("client_factory")
        def _default_client_factory(self) -> type:
            return ReportKernelClient

        if folder is not None and ipc_supported():

            @default("transport")
            def _default_transport(self) -> str:
                return "ipc"

            @default("ip")
            def _default_ip(self) -> str:
                # jupyter_client appends "-1" .. "-5" for the five channels.
                return os.path.join(folder, uuid.uuid4().hex[:12])

        async def _async_wait(self, pollinterval: float = EXIT_POLL) -> None:
            await super()._async_wait(pollinterval=min(pollinterval, EXIT_POLL))

        async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
            if LIVE.stopping:
                raise KernelsStopped("the batch was interrupted: no new kernel")
            await super()._async_launch_kernel(kernel_cmd, **kw)
            LIVE.add(self)

    return ReportKernelManager


class KernelsStopped(RuntimeError):
    """A kernel start refused because the batch is being interrupted."""


class LiveKernels:
    """The report kernels this process started, so an interrupted batch can kill them all.

    Ctrl-C reaches only okrkit: jupyter_client starts every kernel in a session of
    its own (``start_new_session``), out of the terminal's reach. A batch that
    stops must therefore kill its kernels itself, or they run on (until ipykernel
    notices its parent is gone). ``stop()`` refuses new starts first, then kills
    every started kernel; a kernel whose start was under way registers itself
    after ``stop()`` and is killed on the spot (``add``), so none slips through.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._managers: weakref.WeakSet = weakref.WeakSet()
        self.stopping = False

    def reset(self) -> None:
        """Allow starts again (a new batch in the same process)."""
        with self._lock:
            self.stopping = False

    def add(self, manager) -> None:
        with self._lock:
            self._managers.add(manager)
            stopping = self.stopping
        if stopping:
            _kill(manager)

    def stop(self) -> int:
        """Refuse new kernels and kill the running ones; return how many were killed."""
        with self._lock:
            self.stopping = True
            managers = list(self._managers)
        return sum(_kill(manager) for manager in managers)


def _kill(manager) -> bool:
    """SIGKILL a kernel and its process group (its own session); True if one was running."""
    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is None or process.poll() is not None:
        return False
    try:
        # The kernel leads its own process group; never signal a group okrkit is in.
        if hasattr(os, "killpg") and os.getpgid(process.pid) != os.getpgrp():
            os.killpg(os.getpgid(process.pid), signal.SIGKILL)
        else:  # Windows, or a kernel started without a session of its own
            process.kill()
    except (ProcessLookupError, PermissionError):
        return False
    return True


#: The kernels of this process's batches.
LIVE = LiveKernels()


def engine_options(folder: str | None) -> dict:
    """Keyword arguments papermill forwards to nbclient's ``NotebookClient``.

    ``shutdown_kernel="immediate"``: papermill's default graceful shutdown stalls
    ~3.4 s in about one run in ten (SIGINT, then a timeout); the report kernels
    hold nothing worth an orderly exit.
    """
    return {"shutdown_kernel": "immediate", "kernel_manager_class": manager_class(folder)}


class KernelStartWatch:
    """Records whether the kernel became ready, to tell start failures from cell failures.

    nbclient calls ``on_notebook_start`` once the kernel client answered
    ``kernel_info``; anything that fails before that call is a start failure,
    worth a retry. Anything after it is the notebook's own business.
    """

    def __init__(self) -> None:
        self.started = False

    def __call__(self, **_kwargs) -> None:
        self.started = True
