"""A report kernel's shutdown kills it without interrupting it: no stray KeyboardInterrupt line."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from okrkit.report import kernels
from tests.conftest import CASES

pytestmark = pytest.mark.slow

STRAY = "KeyboardInterrupt caught in kernel"

# Loaded into every process of the run (the batch, Dask's workers, the kernels) through
# PYTHONPATH. It makes the race certain instead of rare: each kernel stays inside its
# last kernel_info handler for a while after replying (papermill asks for kernel_info after
# the last cell, then shuts the kernel down at once), and the kernel manager pauses
# after sending any signal, as a busy machine does between the interrupt and the kill.
SLOW_SHUTDOWN = textwrap.dedent(
    """
    import asyncio, sys, time

    if "ipykernel_launcher" in " ".join(getattr(sys, "orig_argv", [])):
        import ipykernel.kernelbase as kernelbase

        _execute, _reply = kernelbase.Kernel.execute_request, kernelbase.Kernel.kernel_info_request
        ran = []

        async def execute_request(self, *args, **kwargs):
            ran.append(True)
            await _execute(self, *args, **kwargs)

        async def kernel_info_request(self, *args, **kwargs):
            await _reply(self, *args, **kwargs)
            if ran:  # papermill's request after the cells, not the ones at start-up
                time.sleep(0.5)  # in the handler: SIGINT would be a KeyboardInterrupt here

        kernelbase.Kernel.execute_request = execute_request
        kernelbase.Kernel.kernel_info_request = kernel_info_request
    else:
        from jupyter_client.manager import KernelManager

        _signal = KernelManager._async_signal_kernel

        async def _async_signal_kernel(self, signum):
            await _signal(self, signum)
            await asyncio.sleep(0.3)

        KernelManager._async_signal_kernel = _async_signal_kernel
    """
)


def test_an_immediate_shutdown_kills_the_kernel_without_a_sigint(monkeypatch, tmp_path):
    """shutdown_kernel(now=True) on a report kernel sends SIGKILL only, never SIGINT first."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    sent: list[int] = []
    send_signal = LocalProvisioner.send_signal

    async def recording(self, signum):
        sent.append(signum)
        await send_signal(self, signum)

    monkeypatch.setattr(LocalProvisioner, "send_signal", recording)

    async def start_and_shut_down():
        manager = kernels.manager_class(str(tmp_path))(kernel_name=kernels.KERNEL_NAME)
        await manager.start_kernel()
        await manager.shutdown_kernel(now=True)
        return await manager.is_alive()

    # In a thread of its own, with its own event loop: in the full suite an earlier test
    # (a widget's or a notebook's) can leave an event loop running in this thread.
    with ThreadPoolExecutor(1) as pool:
        alive = pool.submit(lambda: asyncio.run(start_and_shut_down())).result(timeout=120)
    assert alive is False
    assert signal.SIGINT not in sent and signal.SIGKILL in sent


def test_a_dask_report_run_prints_no_keyboard_interrupt_line(tmp_path):
    """okrkit report of 2 teams on local:2, with the shutdown race made certain: no stray line."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_SHUTDOWN, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    okrkit = [sys.executable, "-c", "import sys; from okrkit.cli import main; sys.exit(main())"]
    arguments = ["report", str(CASES / "a-company"), "--team", "gm", "--team", "sales"]
    run = subprocess.run(
        [*okrkit, *arguments, "--dask", "local:2", "--out", str(tmp_path / "out"), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert STRAY not in run.stdout + run.stderr
    assert (Path(tmp_path / "out") / "sales.html").exists()
