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
import sys
import tempfile
import uuid
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


def ipc_manager_class(folder: str) -> type:
    """A kernel manager class whose kernels listen on unique IPC sockets in ``folder``.

    nbclient instantiates the class itself (``kernel_name=..., config=...``), so the
    folder is baked into a subclass rather than passed to the constructor.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            # jupyter_client appends "-1" .. "-5" for the five channels.
            return os.path.join(folder, uuid.uuid4().hex[:12])

    return IPCKernelManager


def engine_options(folder: str | None) -> dict:
    """Keyword arguments papermill forwards to nbclient's ``NotebookClient``.

    ``shutdown_kernel="immediate"``: papermill's default graceful shutdown stalls
    ~3.4 s in about one run in ten (SIGINT, then a timeout); the report kernels
    hold nothing worth an orderly exit.
    """
    options: dict = {"shutdown_kernel": "immediate"}
    if folder is not None and ipc_supported():
        options["kernel_manager_class"] = ipc_manager_class(folder)
    return options


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
