"""environment.yml installs what pyproject.toml declares."""

import re
import tomllib

from ruamel.yaml import YAML

from tests.conftest import ROOT


def _split(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_matches_pyproject():
    """Every runtime and dev requirement appears in environment.yml with the same range."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = dict(
        _split(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]
    )
    env = YAML(typ="safe").load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = dict(
        _split(d) for d in env["dependencies"] if isinstance(d, str) and d not in ("pip",)
    )
    listed.pop("python", None)
    assert listed == declared
