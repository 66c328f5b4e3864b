"""`okrkit report`: the template contract, the batch on a small case, escaping, exit codes."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import papermill
import pytest

from okrkit import load_case
from okrkit.cli import main
from okrkit.commands.report import build_reports
from okrkit.report import jobs as report_jobs
from tests.conftest import CASES, replace_in

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def small_case_dir(worked_case_dir: Path) -> Path:
    """The worked case cut down to three teams: the GM, sales and finance (no split: it names the reps)."""
    from okrkit.yamlio import dump_yaml, load_round_trip

    case_file = worked_case_dir / "case.yaml"
    data = load_round_trip(case_file)
    data["teams"] = ["gm", "sales", "finance"]
    del data["split"]
    for rep in ("rep-zhang", "rep-li", "rep-wang"):  # the tracking block paces the reps' KRs too
        data.get("tracking", {}).get("krs", {}).pop(rep, None)
    case_file.write_text(dump_yaml(data), encoding="utf-8")
    return worked_case_dir


def _row(index_html: str, key: str) -> str:
    match = re.search(rf'<tr class="(\w+)" id="team-{re.escape(key)}">(.*?)</tr>', index_html, re.S)
    assert match, f"no index row for {key}"
    return match.group(1) + " " + match.group(2)


def test_template_declares_exactly_the_parameters_the_cli_passes():
    """papermill only warns about an unknown parameter: the names must match exactly."""
    declared = papermill.inspect_notebook(str(report_jobs.TEMPLATE))
    case = load_case(CASES / "a-company")
    (job,) = report_jobs.team_jobs(case, [case.team("sales")], "out", lang="en", period="2015")
    assert set(job.parameters) == set(declared)
    assert job.parameters["case_path"] == str((CASES / "a-company").resolve())
    assert (job.parameters["team_id"], job.parameters["lang"]) == ("sales", "en")
    # The defaults are literals, so the template also runs when opened by hand.
    assert {name: p["default"] for name, p in declared.items()} == {
        "case_path": '"cases/a-company"',
        "team_id": '"sales"',
        "lang": '"zh"',
        "actuals_path": "None",
        "period": "None",
        "case_snapshot": "None",
    }


def test_file_keys_are_safe_and_unique():
    """Team ids become safe, unique file names (no path tricks, no clash with index)."""
    keys = report_jobs.file_keys(["sales", "../etc", "a b", "a_b", "index", "销售部"])
    assert keys == {
        "sales": "sales",
        "../etc": "etc",
        "a b": "a_b",
        "a_b": "a_b-2",
        "index": "team_index",
        "销售部": "销售部",
    }


def test_unknown_team_exits_2_before_any_kernel(tmp_path, capsys, monkeypatch):
    """An unknown --team exits 2 before any kernel starts."""
    monkeypatch.setattr(
        "okrkit.report.batch.run_batch", lambda *a, **k: pytest.fail("a kernel was started")
    )
    out = tmp_path / "out"
    code = main(["report", str(CASES / "a-company"), "--team", "nobody", "--out", str(out)])
    assert code == 2
    assert "nobody" in capsys.readouterr().err
    assert not out.exists()


def test_bad_actuals_file_exits_2_before_any_kernel(tmp_path, capsys):
    """A missing actuals file (or, without okrkit.scoring, any) is refused up front."""
    out = tmp_path / "out"
    missing = tmp_path / "nope.yaml"
    code = main(["report", str(CASES / "a-company"), "--actuals", str(missing), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert ("nope.yaml" in err or "okrkit.scoring" in err) and "Traceback" not in err
    assert not out.exists()


@pytest.mark.slow
def test_one_broken_team_does_not_stop_the_others(small_case_dir, tmp_path, capsys):
    """The batch on a small case with a team the kernel cannot find: others done, exit 1."""
    case = load_case(small_case_dir)
    # A team the batch is given but the case does not have: its kernel fails to find it.
    ghost = replace(case.team("finance"), id="ghost")
    teams = [case.team("gm"), ghost, case.team("sales")]
    out = tmp_path / "reports"
    code = build_reports(case, teams, out, lang="en", workers=2, progress=False)
    assert code == 1
    for key in ("gm", "sales"):
        assert (out / f"{key}.html").exists() and (out / f"{key}.ipynb").exists()
    assert (out / "ghost.ipynb").exists()  # kept, with the error in it
    assert "KeyError" in (out / "ghost.ipynb").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert _row(index, "ghost").startswith("failed")
    assert "KeyError" in _row(index, "ghost") and "ghost" in _row(index, "ghost")
    assert _row(index, "gm").startswith("ok") and 'href="gm.html"' in index
    assert "3 teams: 2 reports written, 1 failed" in index
    captured = capsys.readouterr()
    assert "index.html" in captured.out
    assert "ghost: KeyError" in captured.err
    assert not list(out.glob(".staging-*"))  # the staging folder and case snapshot are gone
    assert "本报告不完整" in (out / "ghost.html").read_text(encoding="utf-8")  # the banner


@pytest.mark.slow
def test_user_text_is_escaped_in_report_and_index(small_case_dir, tmp_path):
    """A KR text of `<script>alert(1)</script>` shows as text, never as a tag."""
    replace_in(
        small_case_dir / "teams/finance.yaml",
        "en: Total costs and expenses down by 8%",
        f'en: "{EVIL}"',
    )
    out = tmp_path / "reports"
    code = main(
        ["report", str(small_case_dir), "--team", "finance", "--lang", "en", "--out", str(out)]
    )
    assert code == 0
    page = (out / "finance.html").read_text(encoding="utf-8")
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page  # and no CDN script of nbconvert's either
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "report.header()" not in page  # no code cells
    assert "Noto Sans CJK SC" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert EVIL not in index and 'href="finance.html"' in index
    # The only scripts are okrkit's own: DataTables' offline loader and the call that starts it.
    assert index.count("<script") == 2 and not re.search(r"<script[^>]*\ssrc=", index)


@pytest.mark.slow
def test_chinese_report_of_the_worked_case(tmp_path):
    """A rep's Chinese report shows the title, every KR text and the weights and alignment sections."""
    out = tmp_path / "reports"
    assert main(["report", str(CASES / "a-company"), "--team", "rep-li", "--out", str(out)]) == 0
    page = (out / "rep-li.html").read_text(encoding="utf-8")
    rep = load_case(CASES / "a-company").team("rep-li")
    krs = [html.escape(kr.text.zh) for _, kr in rep.key_results()]
    for expected in (f"{rep.name.zh} OKR报告", *krs, "各目标权重", "权重合计100 ✓", "对齐"):
        assert expected in page, expected
    assert '<html lang="zh">' in page


def test_unknown_team_is_refused_in_chinese_by_default(tmp_path, capsys):
    """Without --lang, okrkit report names an unknown team in Chinese."""
    code = main(["report", str(CASES / "a-company"), "--team", "nobody", "--out", str(tmp_path)])
    assert code == 2
    assert "okrkit report: 没有这个团队：nobody" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "--actuals 需要 okrkit.scoring"), ("en", "--actuals needs okrkit.scoring")],
)
def test_actuals_without_scoring_are_refused_in_the_chosen_language(
    tmp_path, capsys, monkeypatch, lang, said
):
    """When the scoring modules are missing, --actuals is refused in the --lang language."""
    from okrkit.report import features

    monkeypatch.setattr(features, "has_scoring", lambda: False)
    argv = ["report", str(CASES / "a-company"), "--actuals", "a.yaml", "--out", str(tmp_path)]
    assert main([*argv, "--lang", lang]) == 2
    assert said in capsys.readouterr().err
