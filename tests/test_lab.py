"""`make lab` serves JupyterLab 4 from the venv with the widgets extension, at the start notebook."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "okrkit-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def lab(tmp_path):
    """`make lab` on a free loopback port, with Jupyter's folders in a temp dir."""
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={TOKEN}"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                _get(f"{base}/api/status")
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.3)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


@pytest.mark.slow
def test_make_lab_serves_the_workbook_with_widgets(lab):
    """The server runs JupyterLab 4, loads the widgets extension and serves the start notebook."""
    request = urllib.request.Request(f"{lab}/", headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.url.endswith("/lab/tree/notebooks/00-start-here.ipynb")
        page = response.read().decode("utf-8")
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
    assert config["appVersion"].startswith("4.")
    extensions = {ext["name"] for ext in config["federated_extensions"]}
    assert "@jupyter-widgets/jupyterlab-manager" in extensions
    notebook = json.loads(_get(f"{lab}/api/contents/notebooks/00-start-here.ipynb"))
    assert notebook["content"]["metadata"]["kernelspec"]["name"] == "python3"
    kernels = json.loads(_get(f"{lab}/api/kernelspecs"))
    assert "python3" in kernels["kernelspecs"]
