"""Handouts: chapters and the deck's tables as A4 PDFs whose Chinese text is really there."""

import re
from pathlib import Path

import nbformat
import pytest

from okrkit import load_case
from okrkit.cli import main
from okrkit.errors import OkrkitError
from okrkit.story import CHAPTERS, chapter
from okrkit.workbook import handouts, widget_html
from tests.browser.conftest import REQUIRE_BROWSER, why_no_browser

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
A4 = (595, 842)  # points, rounded
_RADICALS = re.compile(r"[\u2e80-\u2fdf]")


@pytest.fixture
def printer():
    """Skip (or, in CI, fail) when there is no Chromium to print with."""
    reason = why_no_browser()
    if reason:
        if REQUIRE_BROWSER:
            pytest.fail(f"OKRKIT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)


def _read(path: Path):
    from pypdf import PdfReader

    return PdfReader(str(path))


def _text(reader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def _embeds_glyphs(font) -> bool:
    """A Type3 font draws its glyphs in the PDF; any other must carry a font file."""
    if font.get("/Subtype") == "/Type3":
        return "/CharProcs" in font
    descendant = (font.get("/DescendantFonts") or [font])[0].get_object()
    descriptor = descendant.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _unembedded_fonts(reader) -> list[str]:
    """Fonts the PDF uses without carrying their glyphs (a viewer would substitute them)."""
    return [
        f"{name} {ref.get_object().get('/BaseFont')}"
        for page in reader.pages
        for name, ref in (page["/Resources"].get("/Font") or {}).items()
        if not _embeds_glyphs(ref.get_object())
    ]


def _is_a4(reader) -> bool:
    box = reader.pages[0].mediabox
    return (round(float(box.width)), round(float(box.height))) == A4


# -- choosing chapters


def test_pick_chapters_by_number_or_all():
    """`04` names chapter 04; `all` names every chapter in the folder, in order."""
    assert [c.stem for c in handouts.pick_chapters("04", FOLDER)] == ["04-results-into-processes"]
    assert handouts.pick_chapters("all", FOLDER) == list(CHAPTERS)


def test_pick_an_unknown_chapter_names_the_known_ones():
    """An unknown chapter is refused in both languages with the chapters that exist."""
    with pytest.raises(OkrkitError) as caught:
        handouts.pick_chapters("42", FOLDER)
    assert "04-results-into-processes" in str(caught.value) and "没有章节" in caught.value.zh


def test_cli_handout_of_an_unknown_chapter_exits_2(tmp_path, capsys):
    """`okrkit workbook handout 42` exits 2 with a located message and no traceback."""
    code = main(["workbook", "handout", "42", "--out", str(tmp_path), "--notebooks", str(FOLDER)])
    err = capsys.readouterr().err
    assert code == 2 and "没有章节" in err and "Traceback" not in err


def test_a_chromium_path_that_does_not_exist_is_a_clear_error(tmp_path, monkeypatch):
    """OKRKIT_CHROMIUM naming a missing file gives a bilingual error, not Playwright's traceback."""
    monkeypatch.setenv(handouts.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    with pytest.raises(OkrkitError) as caught:
        handouts.print_pages([("<p>x</p>", tmp_path / "x.pdf")])
    assert "no such file" in str(caught.value) and "文件不存在" in caught.value.zh
    assert not (tmp_path / "x.pdf").exists()


# -- the worksheet's blanks


def test_open_blanks_widen_the_decks_gaps():
    """The deck's "增长 %" gap and its English "__" become a line to write on; givens stay."""
    assert handouts.open_blanks("销售额总体增长 %") == "销售额总体增长 ______ %"
    assert handouts.open_blanks("回款率达100 %") == "回款率达100 %"
    assert handouts.open_blanks("Total sales grow by __ %", "en") == "Total sales grow by ______ %"


def test_worksheet_leaves_the_decks_blank_weights_empty():
    """The GM table's nine weight cells and its O points stay empty on the worksheet."""
    page = handouts.worksheet_html(load_case(ROOT / "cases/a-company-deck"), "zh")
    gm = page.split("总经理OKR计划表", 1)[1].split("</table>", 1)[0]
    assert gm.count('<td class="okr-weight"></td>') == 9
    assert "客户总量增长 ______ %" in gm


# -- widgets drawn in their state


def _model(name, **state):
    return {"model_name": name, "state": state}


def _nb_with_view(models, model_id):
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {widget_html.WIDGET_STATE: {"state": models}}
    cell = nbformat.v4.new_code_cell("w")
    view = {widget_html.WIDGET_VIEW: {"model_id": model_id}, "text/plain": "VBox()"}
    cell.outputs = [nbformat.v4.new_output("display_data", data=view)]
    nb.cells = [cell]
    return nb


def test_the_parameters_cells_are_left_off_the_page():
    """Neither the LANG cell nor papermill's injected copy prints: the page shows what it teaches."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('LANG = "en"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            '# Parameters\nLANG = "zh"', metadata={"tags": ["injected-parameters"]}
        ),
        nbformat.v4.new_code_cell("print(blanks_text(gm))"),
    ]
    page = handouts.handout_html(nb, chapter("02-a-company-target"), "zh")
    assert "LANG" not in page and "blanks_text" in page


def test_widget_view_becomes_its_state_as_html():
    """A box of a slider and a text box prints their values; the widget state is dropped."""
    models = {
        "box": _model("VBoxModel", children=["IPY_MODEL_s", "IPY_MODEL_t"]),
        "s": _model("IntSliderModel", description="KR1.4", min=0, max=100, value=60),
        "t": _model("TextModel", description="目标", value="<90%>"),
    }
    nb = _nb_with_view(models, "box")
    assert widget_html.render_views(nb) == 1
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "KR1.4" in shown and ">60<" in shown and "&lt;90%&gt;" in shown
    assert "widgets" not in nb.metadata


def test_hidden_widgets_are_left_off_the_page():
    """A child whose layout says display: none does not print."""
    models = {
        "box": _model("HBoxModel", children=["IPY_MODEL_a", "IPY_MODEL_b"]),
        "a": _model("LabelModel", value="shown"),
        "b": _model("LabelModel", value="hidden", layout="IPY_MODEL_l"),
        "l": _model("LayoutModel", display="none"),
    }
    nb = _nb_with_view(models, "box")
    widget_html.render_views(nb)
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "shown" in shown and "hidden" not in shown


def test_an_image_widget_prints_its_picture():
    """An Image widget's PNG bytes (saved as a base64 buffer) become an embedded image."""
    models = {"i": {"model_name": "ImageModel", "state": {"format": "png"},
                    "buffers": [{"path": ["value"], "encoding": "base64", "data": "iVBORw0K"}]}}  # fmt: skip
    nb = _nb_with_view(models, "i")
    widget_html.render_views(nb)
    assert 'src="data:image/png;base64,iVBORw0K"' in nb.cells[0].outputs[0]["data"]["text/html"]


# -- the PDFs, printed through Chromium


@pytest.mark.browser
def test_worksheet_pdf_is_a4_with_extractable_chinese_and_embedded_fonts(printer, tmp_path, capsys):
    """`okrkit workbook worksheet`: A4, its Chinese titles extract as typed, every font embedded."""
    deck = str(ROOT / "cases/a-company-deck")
    assert main(["workbook", "worksheet", deck, "--out", str(tmp_path)]) == 0
    path = tmp_path / "worksheet.zh.pdf"
    assert str(path) in capsys.readouterr().out
    reader = _read(path)
    text = _text(reader)
    assert _is_a4(reader)
    for title in ("OKR计划表练习纸", "总经理OKR计划表", "销售部OKR计划表", "销售岗位OKR计划表"):
        assert title in text
    assert "______" in text
    assert not _RADICALS.search(text) and "\ufffd" not in text
    assert _unembedded_fonts(reader) == []


@pytest.mark.browser
@pytest.mark.slow
def test_chapter_handout_in_chinese_shows_title_widgets_and_embedded_fonts(printer, tmp_path):
    """Chapter 04 run in zh and printed: A4, its title extractable, the explorer's state shown."""
    four = chapter("04-results-into-processes")
    [path] = handouts.print_handouts([four], FOLDER, tmp_path, "zh")
    assert path == tmp_path / "04-results-into-processes.zh.pdf"
    reader = _read(path)
    text = _text(reader)
    assert _is_a4(reader) and len(reader.pages) > 1
    assert "04 · 结果细分成过程：销售岗位" in text
    assert "my_calls = None" in text  # the participant's blank, not the answer
    assert "销售岗位（李娜）" in text and "把生成的关键成果加入团队" in text  # the explorer's state
    assert not _RADICALS.search(text) and "\ufffd" not in text
    assert _unembedded_fonts(reader) == []


@pytest.mark.browser
@pytest.mark.slow
def test_cli_handout_in_english_writes_the_pdf(printer, tmp_path, capsys):
    """`okrkit workbook handout 08 --lang en` prints the English chapter and names the file."""
    code = main(["workbook", "handout", "08", "--lang", "en", "--out", str(tmp_path),
                 "--notebooks", str(FOLDER)])  # fmt: skip
    path = tmp_path / "08-chip-market-share.en.pdf"
    assert code == 0 and str(path) in capsys.readouterr().out
    text = " ".join(_text(_read(path)).split())  # lines wrap where the page ends
    assert "Chip market share: turning a KPI into an O" in text
    assert "Exercise: which result does each process feed?" in text
