"""dev.py runs the set-up and the tasks without make, and the Makefile cannot drift from it."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = _dev()


def test_windows_executables_live_in_scripts():
    """On Windows the venv's programs are Scripts\\NAME.exe."""
    assert dev.venv_bin(Path("v"), "okrkit", windows=True) == Path("v/Scripts/okrkit.exe")


def test_posix_executables_live_in_bin():
    """On Linux and macOS the venv's programs are bin/NAME."""
    assert dev.venv_bin(Path("v"), "python", windows=False) == Path("v/bin/python")


def _fake_venv(tmp_path: Path, stamp: str | None) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    venv = root / ".venv"
    python = dev.venv_bin(venv, "python")
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    if stamp is not None:
        (venv / ".installed").write_text(stamp, encoding="utf-8")
    return venv, root


def test_an_environment_without_stamp_is_installed(tmp_path):
    """A .venv that never finished installing is installed again."""
    venv, root = _fake_venv(tmp_path, None)
    assert dev.needs_install(venv, root)


def test_an_environment_from_the_same_pyproject_is_reused(tmp_path):
    """The stamp holding pyproject.toml's hash means nothing to install."""
    venv, root = _fake_venv(tmp_path, None)
    (venv / ".installed").write_text(dev.requirements_hash(root) + "\n", encoding="utf-8")
    assert not dev.needs_install(venv, root)


def test_a_changed_pyproject_reinstalls(tmp_path):
    """Editing pyproject.toml after the install makes the next task reinstall."""
    venv, root = _fake_venv(tmp_path, None)
    (venv / ".installed").write_text(dev.requirements_hash(root), encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert dev.needs_install(venv, root)


def test_demo_scores_the_shipped_actuals():
    """The main job on the default case reports with the case's actuals file."""
    argv = dev.demo_argv("cases/a-company", "reports")
    assert argv[:4] == ["report", "cases/a-company", "--out", "reports"]
    assert argv[4:] == ["--actuals", "cases/a-company/actuals/2015.yaml"]


def test_demo_of_a_case_without_actuals_has_no_scorecard():
    """A case that ships no actuals is reported without --actuals."""
    assert "--actuals" not in dev.demo_argv("cases/chip-market-share", "out")


def test_lab_opens_the_first_chapter():
    """JupyterLab starts at notebooks/00-start-here.ipynb with the repo as its root."""
    argv = dev.lab_argv()
    assert "--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb" in argv
    assert "--ServerApp.root_dir=." in argv


def test_every_make_target_calls_dev_py():
    """Each Makefile target but clean is one `$(PYTHON) dev.py TASK` line, for every task."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    called = set(re.findall(r"^\t\$\(PYTHON\) dev\.py (\w+)", makefile, re.M))
    assert called == set(dev.TASKS)
    recipes = [line for line in makefile.splitlines() if line.startswith("\t")]
    assert all("dev.py" in line or line.startswith("\trm -rf") for line in recipes)


def test_ci_runs_the_readme_test_command():
    """.ci/run ends in `make test`, which is `python dev.py test`, as the README says."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == "make test"
    assert "python dev.py test" in readme and "make test" in readme


def test_an_unknown_option_is_refused_before_any_install():
    """`python dev.py demo --bogus` exits 2 with argparse's message, installing nothing."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "demo", "--bogus"],
        capture_output=True,
        text=True,
        env={"OKRKIT_VENV": "/nonexistent/venv", "PATH": ""},
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr


@pytest.mark.parametrize("task", ["test", "lab"])
def test_test_and_lab_pass_their_options_on(task, monkeypatch):
    """Options after `test` or `lab` reach pytest or JupyterLab untouched."""
    seen = []
    monkeypatch.setattr(dev, "ensure_venv", lambda: None)
    monkeypatch.setattr(dev, "run", lambda *argv: seen.append([str(a) for a in argv]))
    dev.main([task, "--no-browser", "-k", "x"])
    assert seen[-1][-3:] == ["--no-browser", "-k", "x"]
