"""OKR406: a process KR whose stage shows no relation to results in the declared history."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

import okrkit.calibrate
import okrkit.calibrate.drivers
from okrkit.calibrate.declared import CACHE_NAME, case_relations
from okrkit.calibrate.drivers import Relation
from okrkit.cases import load_case
from okrkit.errors import CaseError
from okrkit.lint import lint_case

ROOT = Path(__file__).resolve().parent.parent
WORKED = ROOT / "cases" / "a-company"
DECLARATION = "\ncalibration: {history: records/2014}\n"


def copy_case(folder: Path, declaration: str = DECLARATION) -> Path:
    """A copy of A公司 (its 2014 records included) with ``declaration`` added to case.yaml."""
    shutil.copytree(WORKED, folder, ignore=shutil.ignore_patterns(CACHE_NAME))
    with (folder / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write(declaration)
    return folder


@pytest.fixture(scope="module")
def declared(tmp_path_factory):
    """A copy of A公司 that declares its 2014 history, linted once for real (cache written)."""
    folder = copy_case(tmp_path_factory.mktemp("declared") / "a-company")
    case = load_case(folder)
    started = time.perf_counter()
    findings = lint_case(case)
    first = time.perf_counter() - started
    return folder, findings, first


def no_relation(stage: str) -> Relation:
    """What drivers.relate answers when the history rules out more than a small relation."""
    return Relation(stage, 2, 30, 3, -0.3, 0.1, -0.1, "none", -0.55, 0.01)


def fake_history(monkeypatch, verdicts: dict) -> list:
    """Calibration replaced by a call log; relations answer ``verdicts`` (stage -> Relation)."""
    calls = []
    monkeypatch.setattr(okrkit.calibrate, "calibrate", lambda case, folder: calls.append(folder))
    monkeypatch.setattr(okrkit.calibrate.drivers, "relations", lambda cal: list(verdicts.values()))
    return calls


def test_shipped_history_raises_no_finding(declared):
    """In A公司's 2014 records every process stage drives revenue: no OKR406."""
    _, findings, _ = declared
    assert not [f for f in findings if f.code == "OKR406"]


def test_first_lint_writes_the_cache_beside_the_history(declared):
    """The drivers' answer is kept in <history>/.okrkit-drivers.json, one per stage."""
    folder, _, _ = declared
    saved = json.loads((folder / "records" / "2014" / CACHE_NAME).read_text(encoding="utf-8"))
    assert {r["stage"] for r in saved["relations"]} == {"calls", "visits", "opportunities"}


def test_second_lint_reads_the_cache_without_calibrating(declared, monkeypatch):
    """With the history unchanged a second lint never calibrates, and is faster than the first."""
    folder, findings, first = declared
    calls = fake_history(monkeypatch, {})
    started = time.perf_counter()
    again = lint_case(load_case(folder))
    second = time.perf_counter() - started
    assert calls == [] and [f.code for f in again] == [f.code for f in findings]
    assert second < first


def test_stage_without_relation_is_flagged_at_its_kr(tmp_path, monkeypatch):
    """A history where calls show no relation flags 张伟's calls KR, in both languages."""
    folder = copy_case(tmp_path / "a-company")
    fake_history(monkeypatch, {"calls": no_relation("calls")})
    hits = [f for f in lint_case(load_case(folder)) if f.code == "OKR406"]
    assert hits and all(f.location.endswith(".stage") for f in hits)
    assert "rep-zhang" in {f.team for f in hits}
    assert "看不出关系" in hits[0].message.zh and "no relation" in hits[0].message.en
    assert hits[0].hint.zh and hits[0].hint.en


def test_changed_history_file_is_judged_again(tmp_path, monkeypatch):
    """Appending to one history file changes the key: the cache is not reused."""
    folder = copy_case(tmp_path / "a-company")
    calls = fake_history(monkeypatch, {"calls": no_relation("calls")})
    case = load_case(folder)
    case_relations(case)
    case_relations(case)
    assert len(calls) == 1
    with (folder / "records" / "2014" / "crm-followups-2014H2.csv").open("ab") as handle:
        handle.write(b"\n")
    case_relations(case)
    assert len(calls) == 2


def test_torn_cache_is_computed_again(tmp_path, monkeypatch):
    """A cache file cut short (a killed writer, a hand edit) is ignored, not misread."""
    folder = copy_case(tmp_path / "a-company")
    (folder / "records" / "2014" / CACHE_NAME).write_text('{"key": "ab', encoding="utf-8")
    calls = fake_history(monkeypatch, {"calls": no_relation("calls")})
    assert case_relations(load_case(folder))[0]["verdict"] == "none"
    assert len(calls) == 1


def test_case_without_declaration_never_reads_history(monkeypatch):
    """The shipped case declares no history: linting it never calibrates."""
    calls = fake_history(monkeypatch, {"calls": no_relation("calls")})
    findings = lint_case(load_case(WORKED))
    assert calls == [] and not [f for f in findings if f.code == "OKR406"]


@pytest.mark.parametrize(
    ("declaration", "zh", "en"),
    [
        ("calibration: {history: records/1999}", "没有这个文件夹", "no such folder"),
        ("calibration: {history: 2014}", "不是文件夹名", "not a folder name"),
        ("calibration: {histroy: records/2014}", "未知字段", "unknown field"),
        ("calibration: records/2014", "不是映射", "not a mapping"),
    ],
)
def test_bad_declaration_is_a_located_bilingual_error(tmp_path, declaration, zh, en):
    """A wrong calibration: block names case.yaml and the field, in Chinese and English."""
    folder = copy_case(tmp_path / "a-company", "\n" + declaration + "\n")
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    assert "case.yaml" in caught.value.render("en") and "calibration" in caught.value.render("en")
    assert en in caught.value.render("en") and zh in caught.value.render("zh")


WRITER = """
import sys
from pathlib import Path
from okrkit.calibrate.declared import _write_cache
path, tag = Path(sys.argv[1]), sys.argv[2]
for n in range(300):
    _write_cache(path, tag, [{"stage": "calls", "n": n, "pad": tag * 2000}])
"""


def test_concurrent_writers_never_leave_a_torn_cache(tmp_path):
    """Two processes rewriting the cache while it is read: every read is one whole answer."""
    import subprocess
    import sys

    cache = tmp_path / CACHE_NAME
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(cache), tag]) for tag in ("a", "b")
    ]
    reads = torn = 0
    while any(w.poll() is None for w in writers):
        if cache.exists():
            reads += 1
            saved = json.loads(cache.read_text(encoding="utf-8"))  # raises on a torn file
            torn += len(saved["relations"][0]["pad"]) != 2000 or saved["key"] not in ("a", "b")
    assert [w.wait() for w in writers] == [0, 0]
    assert reads and torn == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [CACHE_NAME]


def test_history_key_ignores_the_cache_and_temporary_files(tmp_path):
    """Writing the cache (or a writer's temporary file) does not change the history's key."""
    from okrkit.calibrate.declared import history_key

    folder = copy_case(tmp_path / "a-company")
    case = load_case(folder)
    history = folder / "records" / "2014"
    before = history_key(case, history)
    (history / CACHE_NAME).write_text("{}", encoding="utf-8")
    (history / (CACHE_NAME + ".x1.tmp")).write_text("{", encoding="utf-8")
    assert history_key(case, history) == before
