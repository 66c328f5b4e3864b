"""How a text file's bytes become text (okrkit.textfile)."""

from __future__ import annotations

import codecs
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from okrkit.textfile import (
    DecodedText,
    TextFileError,
    decode_bytes,
    encoding_note,
    is_plain_utf8,
    read_text,
)

TEAM = "id: sales\nname: 销售部\nobjectives:\n  - text: 完成8000万销售额\n"
CSV = "period,team,key_result,actual\n2015,gm,KR1.1,18%\n2015,销售部,KR1.2,完成\n"


def test_utf8_is_read_as_utf8(tmp_path):
    """A UTF-8 file reads as utf-8, undeclared."""
    path = tmp_path / "t.yaml"
    path.write_bytes(TEAM.encode("utf-8"))
    assert read_text(path) == DecodedText(TEAM, "utf-8", False)


def test_a_bom_is_removed_and_named(tmp_path):
    """A UTF-8 BOM (Excel's CSV UTF-8) is dropped from the text and reported as utf-8-sig."""
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + CSV.encode("utf-8"))
    assert read_text(path) == DecodedText(CSV, "utf-8-sig", False)


@pytest.mark.parametrize("text", [TEAM, CSV, "name: 销售部\n", "年"])
def test_gbk_is_detected(tmp_path, text):
    """A file Excel or Notepad saved as GBK on Chinese Windows reads undeclared, as gb18030."""
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("gbk"))
    assert read_text(path) == DecodedText(text, "gb18030", False)


@pytest.mark.parametrize("name", ["GBK", "gb2312", "GB18030", "cp936", "CP_936"[:2] + "936"])
def test_declared_gbk_family_names_decode_as_gb18030(name):
    """GBK, GB2312, GB18030 and cp936, any case, are decoded as GB18030, their superset."""
    decoded = decode_bytes(CSV.encode("gbk"), "a.csv", encoding=name)
    assert decoded == DecodedText(CSV, "gb18030", True)


@pytest.mark.parametrize("name", ["utf8", "UTF-8", "utf_8", "utf-8-sig"])
def test_declared_utf8_names_are_accepted_and_a_bom_still_dropped(name):
    """Declared UTF-8 under any usual name reads the text without the BOM."""
    decoded = decode_bytes(codecs.BOM_UTF8 + CSV.encode("utf-8"), "a.csv", encoding=name)
    assert (decoded.text, decoded.encoding, decoded.declared) == (CSV, "utf-8-sig", True)


def test_an_unknown_declared_encoding_is_refused_with_the_accepted_names():
    """--encoding latin-9 is refused, and the message lists what is accepted."""
    with pytest.raises(TextFileError, match="gb18030"):
        decode_bytes(b"abc", "a.csv", encoding="latin-9")


def test_declared_utf8_on_gbk_bytes_is_located():
    """A GBK file declared UTF-8 is refused at the first bad byte, not misread."""
    with pytest.raises(TextFileError) as info:
        decode_bytes(CSV.encode("gbk"), "a.csv", encoding="utf-8")
    assert info.value.problem.line == 3


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused_in_plain_words(codec):
    """UTF-16/32, with a BOM or without (its NUL pattern), is refused, naming the encoding."""
    with pytest.raises(TextFileError, match=r"UTF-(16|32) text") as info:
        decode_bytes(CSV.encode(codec), "a.csv")
    assert "UTF-" in info.value.render("zh") and "编码" in info.value.render("zh")


def test_binary_is_refused():
    """A file with NUL bytes that is no known text is refused as binary."""
    with pytest.raises(TextFileError, match="binary"):
        decode_bytes(bytes(range(256)) * 4, "a.csv")


def test_an_xlsx_renamed_csv_is_named_as_an_excel_workbook(tmp_path):
    """An .xlsx saved under a .csv name is refused as an Excel workbook (zip), in both languages."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "actuals.csv"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(TextFileError, match=r"Excel workbook \(zip\)") as info:
        read_text(path)
    assert "Excel 工作簿" in info.value.render("zh")


def test_undecodable_bytes_are_located_with_the_fix():
    """A Latin-1 byte on line 2 is reported at its line and byte, with how to save as UTF-8."""
    with pytest.raises(TextFileError) as info:
        decode_bytes(b"period,team\n2015,caf\xe9\n", "a.csv")
    problem = info.value.problem
    assert (problem.line, problem.found) == (2, "0xE9")
    assert "byte 9 of line 2" in problem.message
    assert "CSV UTF-8" in problem.expected and "另存为" in problem.expected_zh


def test_a_damaged_gbk_file_points_at_the_damaged_character():
    """A GBK file with one broken sequence is located at it and called GBK, not some other code page."""
    data = "团队,目标\n销售部,八千".encode("gbk") + b"\xff\n"
    with pytest.raises(TextFileError) as info:
        decode_bytes(data, "a.csv")
    assert info.value.problem.line == 2 and "GBK" in info.value.problem.message


def test_a_utf8_file_with_one_latin1_byte_is_located_as_utf8():
    """A Chinese UTF-8 file with one stray Latin-1 byte on line 3 is located there, as not UTF-8."""
    data = "# 销售部\nid: sales\n".encode() + b"# caf\xe9\n" + "name: 销售部\n".encode()
    with pytest.raises(TextFileError) as info:
        decode_bytes(data, "sales.yaml")
    assert info.value.problem.line == 3 and "not UTF-8" in info.value.problem.message


def test_latin_text_that_happens_to_be_valid_gb18030_is_not_taken_for_gbk():
    """cp1252 bytes that GB18030 decodes only into gibberish are refused, not read as Chinese."""
    data = "Grüße aus Köln: Ärger über Öl".encode("cp1252")
    data.decode("gb18030")  # valid byte for byte
    with pytest.raises(TextFileError):
        decode_bytes(data, "a.csv")


def test_a_missing_file_is_a_text_file_error(tmp_path):
    """A missing file raises TextFileError (not FileNotFoundError), naming the file."""
    with pytest.raises(TextFileError, match="file not found") as info:
        read_text(tmp_path / "nope.csv")
    assert info.value.problem.file.endswith("nope.csv")


def test_a_folder_is_a_text_file_error(tmp_path):
    """Reading a folder as a file raises TextFileError, not IsADirectoryError."""
    with pytest.raises(TextFileError, match="folder"):
        read_text(tmp_path)


def test_the_note_names_gbk_in_both_languages():
    """The note a command prints says GBK (GB18030) in English and Chinese."""
    decoded = decode_bytes(CSV.encode("gbk"), "a.csv")
    assert encoding_note(decoded, "a.csv", "en") == "a.csv: read as GBK (GB18030)"
    assert encoding_note(decoded, "a.csv", "zh") == "a.csv：按GBK（GB18030）读取"
    assert not is_plain_utf8(decoded)


HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # the common CJK block
SEPARATORS = st.sampled_from(
    ["", "，", "。", "：", "、", "（", "）", "“", "”", " ", "\n", "KR1.1 ", "8000万", "93%", "- "]
)
# Chinese as written: words of two characters or more between punctuation and numbers.
# (A lone character beside punctuation, such as '“一', is too little text for charset-normalizer.)
CHINESE = st.lists(
    st.tuples(st.text(HANZI, min_size=2, max_size=8), SEPARATORS), min_size=1, max_size=12
).map(lambda parts: "".join(word + sep for word, sep in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=CHINESE, codec=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_chinese_text_round_trips_in_every_accepted_encoding(text, codec):
    """Any Chinese text saved as UTF-8, UTF-8 with BOM or GB18030 reads back unchanged, undeclared."""
    data = text.encode(codec)
    if codec == "gb18030":
        # A few GBK byte strings are also valid UTF-8 (丐 is D8 A4, UTF-8's ؤ); the same bytes
        # cannot be told apart and UTF-8 wins. One in seven single characters, none in real files.
        assume(not _is_utf8(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(data)
        decoded = read_text(path)
    assert decoded.text == text
    assert decoded.encoding == codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_doctests_hold():
    """The examples in the module docstring run as written."""
    import doctest

    import okrkit.textfile

    assert doctest.testmod(okrkit.textfile).failed == 0
