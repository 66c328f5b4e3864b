"""okrkit report --pdf: each report on A4, a section a page, Chinese extractable, fonts embedded."""

from __future__ import annotations

import pytest

from okrkit.cli import main
from okrkit.report import pdf
from okrkit.workbook import handouts
from tests.conftest import CASES
from tests.test_workbook_handouts import _is_a4, _read, _unembedded_fonts, printer  # noqa: F401


@pytest.mark.slow
def test_a_chinese_report_prints_a_section_a_page_with_its_chinese_text(printer, tmp_path):  # noqa: F811
    """rep-li with actuals: one page per section (6), A4, its Chinese titles extract as typed."""
    out = tmp_path / "out"
    args = ["report", str(CASES / "a-company"), "--team", "rep-li", "--pdf", "--out", str(out)]
    assert main([*args, "--actuals", str(CASES / "a-company/actuals/2015.yaml")]) == 0
    page = (out / "rep-li.html").read_text(encoding="utf-8")
    reader = _read(out / "rep-li.pdf")
    assert len(reader.pages) == page.count("<h2>") == 6
    assert _is_a4(reader) and _unembedded_fonts(reader) == []
    texts = [p.extract_text() for p in reader.pages]
    assert "销售岗位（李娜）" in texts[0] and "8000万元" in texts[0]
    assert texts[1].startswith("对齐") and texts[-2].startswith("评分卡")
    assert texts[-1].startswith("过程KR实际值")  # the evidence section: rep-li has records
    assert "rep-li.pdf" in (out / ".okrkit/manifest.json").read_text(encoding="utf-8")


def test_without_a_browser_pdf_exits_2_before_any_work(tmp_path, monkeypatch, capsys):
    """No Chromium anywhere: --pdf says what to install (zh by default), exit 2, writes nothing."""
    monkeypatch.setenv(handouts.CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    out = tmp_path / "out"
    assert main(["report", str(CASES / "a-company"), "--pdf", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "apt-get install chromium fonts-noto-cjk" in err and "请安装" in err
    assert not out.exists()


def test_the_printed_page_breaks_before_every_section_but_the_first():
    """The print CSS is added to the page's head, with A4 and the shipped font."""
    page = pdf.printable("<html><head><title>x</title></head><body></body></html>")
    head = page.split("</head>")[0]
    assert "size: A4" in head and "okrkit CJK" in head and "break-before: page" in head


def test_one_browser_prints_every_report_of_a_batch(printer, tmp_path, monkeypatch):  # noqa: F811
    """Six teams with --pdf: Chromium is launched once, and every team gets its one-page PDF."""
    from tests.test_report_invalid import fake_run_team

    launches = []
    launch = pdf._launch

    async def counted(playwright):
        launches.append(1)
        return await launch(playwright)

    monkeypatch.setattr(pdf, "_launch", counted)
    monkeypatch.setattr("okrkit.report.batch.run_team", fake_run_team)
    out = tmp_path / "out"
    assert (
        main(["report", str(CASES / "a-company"), "--pdf", "--out", str(out), "--jobs", "2"]) == 0
    )
    teams = ["gm", "sales", "finance", "rep-zhang", "rep-li", "rep-wang"]
    assert launches == [1]
    assert all(len(_read(out / f"{key}.pdf").pages) == 1 for key in teams)


def test_printing_in_tabs_keeps_each_pdf_with_its_page(printer, tmp_path):  # noqa: F811
    """Pages printed a few at a time come back in order, each PDF holding its own page's text."""
    pages = []
    for i in range(5):
        page = tmp_path / f"p{i}.html"
        page.write_text(
            f"<html><head></head><body><p>页面{i}号</p></body></html>", encoding="utf-8"
        )
        pages.append((page, tmp_path / "pdf" / f"p{i}.pdf"))
    with pdf.Printer(tabs=3) as printing:
        written = pdf.print_reports(pages, printing)
    assert written == [target for _, target in pages]
    assert [
        f"页面{i}号" in _read(path).pages[0].extract_text() for i, path in enumerate(written)
    ] == [True] * 5
