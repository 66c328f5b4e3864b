"""`okrkit workbook pack`: a wheelhouse that installs the workbook on a laptop with no network."""

import os
import subprocess
import sys

import pytest

from okrkit.workbook import pack


def test_an_unknown_platform_names_the_known_ones():
    """--platform win32 is refused with the list of presets, in both languages."""
    with pytest.raises(pack.PackError) as caught:
        pack.platform("win32")
    assert "win_amd64" in str(caught.value) and "manylinux_x86_64" in str(caught.value)
    assert "不认识的平台" in caught.value.render("zh")


def test_runtime_requirements_leave_out_the_dev_extras():
    """The laptops get okrkit's dependencies, not pytest or ruff."""
    names = " ".join(pack.runtime_requirements())
    assert "pandas" in names and "jupyterlab" in names
    assert "pytest" not in names and "ruff" not in names


def test_lock_lines_pin_each_wheel_with_its_hash(tmp_path):
    """Every wheel in the folder becomes name==version --hash=sha256 of its bytes."""
    (tmp_path / "Some_Pkg-1.2.3-py3-none-any.whl").write_bytes(b"abc")
    (tmp_path / "notes.txt").write_text("not a wheel")
    assert pack.lock_lines(tmp_path) == [
        "some-pkg==1.2.3 --hash=sha256:"
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    ]


def test_windows_scripts_use_crlf_and_no_index(tmp_path):
    """install.bat installs from wheels\\ only, with hashes, in CRLF lines cmd expects."""
    pack._write_scripts(tmp_path, pack.PLATFORMS["win_amd64"], "3.11")
    script = (tmp_path / "install.bat").read_bytes()
    assert b"\r\n" in script and b"\n" not in script.replace(b"\r\n", b"")
    assert b"--no-index --find-links wheels --require-hashes" in script
    assert b"py -3.11 -m venv" in script


def test_windows_scripts_carry_no_bom(tmp_path):
    """install.bat and start.bat start with @chcp, not a BOM cmd would run as a command."""
    pack._write_scripts(tmp_path, pack.PLATFORMS["win_amd64"], "3.11")
    for name in ("install.bat", "start.bat"):
        assert (tmp_path / name).read_bytes().startswith(b"@chcp 65001 >nul\r\n")


def test_start_bat_pauses_with_a_bilingual_message_when_jupyter_fails(tmp_path):
    """A failed jupyter lab leaves the window open: goto :fail, a zh/en line, then pause."""
    pack._write_scripts(tmp_path, pack.PLATFORMS["win_amd64"], "3.11")
    lines = (tmp_path / "start.bat").read_bytes().decode("utf-8").split("\r\n")
    jupyter = next(line for line in lines if "jupyter lab" in line)
    assert jupyter.endswith("|| goto :fail")
    after = lines[lines.index(":fail") :]
    message = next(line for line in after if line.startswith("echo ") and "/" in line)
    assert "install.bat" in message and "安装" in message and "did not open" in message
    assert after.index("pause") > after.index(message)


def test_readme_is_written_with_a_utf8_bom(tmp_path):
    """README.txt starts with the UTF-8 BOM, so an old Notepad on Chinese Windows reads the Chinese."""
    (tmp_path / "wheels").mkdir()
    path = pack.write_readme(tmp_path, pack.PLATFORMS["win_amd64"], "3.11", tmp_path / "wheels")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "离线安装包" in data.decode("utf-8-sig")


def test_a_bad_python_version_is_refused(tmp_path):
    """--python 311 is not a version: the message says what is expected."""
    with pytest.raises(pack.PackError, match=r"expected 3\.11"):
        pack.pack(tmp_path, "win_amd64", "311")


def test_a_python_older_than_okrkit_needs_is_refused_before_any_download(tmp_path):
    """--python 3.10 is refused (okrkit needs 3.11 or newer) and nothing is written."""
    with pytest.raises(pack.PackError, match=r"needs Python 3\.11 or newer, not 3\.10") as caught:
        pack.pack(tmp_path / "out", "win_amd64", "3.10")
    assert "需要 Python 3.11" in caught.value.render("zh")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_windows_resolution_includes_windows_only_packages():
    """Packing for Windows on Linux still brings pywinpty and colorama (markers for the target)."""
    pins = " ".join(pack.pinned_requirements(pack.PLATFORMS["win_amd64"], "3.11"))
    assert "pywinpty==" in pins and "colorama==" in pins


@pytest.mark.slow
def test_linux_resolution_leaves_out_windows_packages():
    """A Linux wheelhouse carries no pywinpty."""
    pins = " ".join(pack.pinned_requirements(pack.PLATFORMS["manylinux_x86_64"], "3.11"))
    assert "pywinpty" not in pins and "pandas==" in pins


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    """A wheelhouse for this machine's platform and Python."""
    return pack.pack(tmp_path_factory.mktemp("usb"), pack.host_platform())


def _offline_env(tmp_path) -> dict:
    """pip with no configuration, no index and no extra wheel folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL="http://127.0.0.1:9/simple",  # unreachable: any index use fails
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHON=sys.executable,
        # The laptops compile bytecode at install; the test need not (it halves the time).
        PIP_NO_COMPILE="1",
        HOME=str(tmp_path),
    )
    return env


@pytest.mark.slow
def test_the_wheelhouse_installs_a_laptop_with_no_network(packed, tmp_path):
    """install.sh builds .venv from wheels/ alone, and okrkit validates the shipped case."""
    laptop = tmp_path / "laptop"
    subprocess.run(["cp", "-r", str(packed), str(laptop)], check=True)
    env = _offline_env(tmp_path)
    installed = subprocess.run(
        ["sh", str(laptop / "install.sh")], env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    result = subprocess.run(
        [str(laptop / ".venv/bin/okrkit"), "validate", "workbook/cases/a-company", "--lang", "en"],
        cwd=laptop,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (laptop / ".venv/bin/jupyter-lab").exists()


@pytest.mark.slow
def test_a_damaged_wheel_is_refused_at_install(packed, tmp_path):
    """A wheel whose bytes changed on the stick fails requirements.txt's hash check."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    original = next((packed / "wheels").glob("tqdm-*.whl"))
    (wheels / original.name).write_bytes(original.read_bytes() + b"\0")
    lock = [line for line in (packed / "requirements.txt").read_text().splitlines()]
    only_tqdm = tmp_path / "requirements.txt"
    only_tqdm.write_text("\n".join(line for line in lock if line.startswith("tqdm==")) + "\n")
    # --dry-run --ignore-installed: pip checks the hash as it would on a laptop,
    # without installing anything into the test's own environment.
    checked = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-deps",
         "--no-index", "--find-links", str(wheels), "--require-hashes", "-r", str(only_tqdm)],
        env=_offline_env(tmp_path), capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode != 0
    assert "THESE PACKAGES DO NOT MATCH THE HASHES" in checked.stderr


@pytest.mark.slow
def test_the_pack_carries_the_chapters_and_cases(packed):
    """workbook/ holds every chapter and the default case, README.txt says what to do."""
    notebooks = {p.name for p in (packed / "workbook" / "notebooks").glob("*.ipynb")}
    assert "00-start-here.ipynb" in notebooks
    assert (packed / "workbook" / "cases" / "a-company" / "case.yaml").exists()
    readme = (packed / "README.txt").read_text(encoding="utf-8-sig")
    assert "install" in readme and "安装" in readme


def test_the_command_refuses_a_bad_version_in_chinese(tmp_path, capsys):
    """`okrkit workbook pack --python 311` exits 2 in Chinese and writes nothing."""
    from okrkit.cli import main

    out = tmp_path / "usb"
    code = main(
        ["workbook", "pack", "--platform", "win_amd64", "--python", "311", "--out", str(out)]
    )
    assert code == 2
    assert "不是 Python 版本号" in capsys.readouterr().err
    assert not out.exists()
