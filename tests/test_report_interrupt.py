"""Ctrl-C on a real `okrkit report`: the message, exit 130, no kernel left, no folder looking whole."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import CASES

OKRKIT = Path(sys.executable).with_name("okrkit")


def _kernels(process: psutil.Process) -> list[psutil.Process]:
    try:
        children = process.children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    return found


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "said"), [("en", "Interrupted: "), ("zh", "已中断：")])
def test_sigint_after_the_first_report(tmp_path, lang, said):
    """SIGINT once the first report is in place: message in --lang, 130, kernels gone, index honest."""
    out = tmp_path / "out"
    argv = [str(OKRKIT), "report", str(CASES / "a-company"), "--out", str(out), "--jobs", "2"]
    process = subprocess.Popen(
        [*argv, "--lang", lang],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    watched = psutil.Process(process.pid)
    kernels: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 120
    while not list(out.glob("*.html")) or not (out / "index.html").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no report appeared"
        kernels.update({k.pid: k for k in _kernels(watched)})
        time.sleep(0.05)
    while list(out.glob("*.html")) == [out / "index.html"]:  # the index comes first
        kernels.update({k.pid: k for k in _kernels(watched)})
        time.sleep(0.05)
    kernels.update({k.pid: k for k in _kernels(watched)})
    assert kernels, "no kernel was seen running"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    match = re.search(r"(\d+)/6" if lang == "zh" else r"(\d+) of 6 reports done", err)
    assert said in err and match, err
    done = int(match.group(1))
    assert 1 <= done < 6
    assert ("未完成：" if lang == "zh" else "not done: ") in err
    assert "Traceback" not in err
    _gone, alive = psutil.wait_procs(list(kernels.values()), timeout=10)
    assert not [k for k in alive if _alive(k)], "a kernel survived the interrupt"
    assert not list(out.glob(".staging-*"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ("运行被中断" if lang == "zh" else "Interrupted:") in index
    reports = sorted(p.stem for p in out.glob("*.html") if p.name != "index.html")
    assert len(reports) == done  # exactly the finished ones are in place
    assert len(re.findall(r'<tr class="pending"', index)) == 6 - done
