"""Team files are read with a fast read-only loader that reads exactly what ruamel reads, lines included."""

from __future__ import annotations

import pytest

from okrkit import yamlio
from okrkit.cases import load_case
from okrkit.errors import CaseError
from tests.conftest import CASES, replace_in

SHIPPED = sorted(p.parent for p in CASES.glob("*/case.yaml"))


def _slow(monkeypatch):
    """Make the fast loader refuse every file, so ruamel's round trip reads them all."""

    def refuse(text):
        raise RuntimeError("round trip only")

    monkeypatch.setattr(yamlio, "fast_load", refuse)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_case_reads_the_same_fast_and_round_trip(folder, monkeypatch):
    """Teams, objectives and KRs, their lines included, are equal whichever loader read them."""
    fast = load_case(folder)
    _slow(monkeypatch)
    assert load_case(folder).teams == fast.teams


# Scalars YAML 1.1 (PyYAML's own rules) and 1.2 (ruamel's, the case files') read differently.
TRICKY = ["010", "0o10", "1_000", "1:30", "0x1F", "-0x1f", "0b11", ".inf", "-.Inf", "~", "null",
          "no", "yes", "on", "off", "y", "N", "True", "FALSE", "2015-01-01", "2015-01-01 10:00:00",
          "12%", "1e3", "+1", ".5", "0.", "-0", "07", "08", "1.2.3", "0o", "'no'", '"010"',
          "十五%", "１２０", "=", "<<"]  # fmt: skip


@pytest.mark.parametrize("scalar", TRICKY)
def test_a_scalar_reads_as_ruamel_reads_it(scalar):
    """Each scalar, as a plain value and in a list, gives ruamel's value (or is left to ruamel)."""
    text = f"a: {scalar}\nb: [{scalar}, x]\n"
    slow = yamlio._yaml().load(text)
    try:
        fast = yamlio.fast_load(text)
    except Exception:  # refused: read_yaml reads it with ruamel, so nothing differs
        assert type(slow["a"]).__module__.startswith("ruamel")
        return
    assert fast == {"a": slow["a"], "b": list(slow["b"])}
    assert type(fast["a"]) in (type(slow["a"]), *type(slow["a"]).__mro__)


def test_fast_loaded_nodes_know_their_lines():
    """Keys and list items carry the lines ruamel would give them (0-based, as ruamel's .lc)."""
    text = "id: x\nobjectives:\n  - id: O1\n    weight: 15%\n  - {id: O2}\n"
    fast, slow = yamlio.fast_load(text), yamlio._yaml().load(text)
    assert fast.lc.key("objectives") == slow.lc.key("objectives")
    assert fast["objectives"].lc.item(1) == slow["objectives"].lc.item(1)
    assert fast["objectives"][0].lc.key("weight") == slow["objectives"][0].lc.key("weight")


def test_a_duplicate_key_is_reported_with_its_line(worked_case_dir):
    """A key twice in a team file: the fast loader refuses it, ruamel's error names file and line."""
    replace_in(worked_case_dir / "teams/finance.yaml", "\nlevel:", "\nlevel: department\nlevel:")
    with pytest.raises(CaseError) as caught:
        load_case(worked_case_dir)
    text = caught.value.render("en")
    assert "finance.yaml:" in text and "duplicate" in text.lower()


def test_a_broken_team_file_is_reported_with_file_and_line(worked_case_dir):
    """A YAML syntax error in a team file is still located by file and line."""
    path = worked_case_dir / "teams/finance.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "  broken: [unclosed\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(worked_case_dir)
    problem = caught.value.problems[0]
    assert problem.file.endswith("finance.yaml") and problem.line is not None
    assert "YAML" in caught.value.render("en")


def test_a_wrong_value_in_a_fast_read_file_keeps_its_line(worked_case_dir, monkeypatch):
    """A weight that is no number: the same located problem (file, line) as ruamel's reading gives."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    with pytest.raises(CaseError) as fast:
        load_case(worked_case_dir)
    _slow(monkeypatch)
    with pytest.raises(CaseError) as slow:
        load_case(worked_case_dir)
    assert fast.value.render("en") == slow.value.render("en")
    assert any(p.line for p in fast.value.problems)
