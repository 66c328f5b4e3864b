"""How a text file's bytes become text: UTF-8, UTF-8 with a BOM, or GBK.

An HR office on Chinese Windows saves CSV and text files from Excel or Notepad
in GBK (code page 936) as often as in UTF-8, so every file okrkit reads goes
through :func:`read_text`:

- a caller may *declare* the encoding (``utf-8``, ``utf-8-sig``, ``gbk``,
  ``gb2312``, ``gb18030``, ``cp936``, any case); the GBK family is decoded as
  GB18030, its superset, so nothing GBK can hold is refused;
- undeclared, a UTF-8 byte-order mark means UTF-8 with a BOM; bytes that are
  valid UTF-8 are UTF-8; otherwise bytes that are valid GB18030 *and* read as
  plausible text to charset-normalizer are GB18030;
- UTF-16 and UTF-32 files, and binary files (an ``.xlsx`` renamed ``.csv``),
  are refused in plain words;
- anything else gets a located message: the line and byte of the first bad
  sequence, the encoding it most likely is, and how to fix it.

:func:`encoding_note` says which encoding was used, for a command to print.

>>> decode_bytes("销售部".encode("gbk"), "team.csv").encoding
'gb18030'
>>> encoding_note(decode_bytes("销售部".encode("gbk"), "team.csv"), "team.csv", "en")
'team.csv: read as GBK (GB18030)'

Notice that the GBK bytes were read without being declared.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from okrkit.errors import OkrkitError, Problem

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
GB18030 = "gb18030"

# Declared names, lower-cased with "_" read as "-": what each is decoded as.
DECLARED = {
    "utf8": UTF8,
    "utf-8": UTF8,
    "utf-8-sig": UTF8_BOM,
    "utf8-sig": UTF8_BOM,
    "gbk": GB18030,  # GB18030 is a superset of GBK and GB2312: decode them all as it
    "gb2312": GB18030,
    "gb18030": GB18030,
    "cp936": GB18030,
    "936": GB18030,
}
GBK_CHAOS_LIMIT = 0.4  # see _reads_as_gbk
ACCEPTED = "utf-8, utf-8-sig, gbk, gb2312, gb18030, cp936"

NAMES = {
    UTF8: ("UTF-8", "UTF-8"),
    UTF8_BOM: ("UTF-8 (with BOM)", "UTF-8（带 BOM）"),
    GB18030: ("GBK (GB18030)", "GBK（GB18030）"),
}

FIX = (
    "save it as UTF-8 (in Excel: Save As → CSV UTF-8; in Notepad: Save As → Encoding UTF-8), "
    "or declare its encoding (e.g. --encoding gbk)"
)
FIX_ZH = (
    "请保存为 UTF-8（Excel：另存为 → CSV UTF-8（逗号分隔）；记事本：另存为 → 编码 UTF-8），"
    "或声明文件编码（如 --encoding gbk）"
)

# Byte-order marks of the encodings okrkit refuses, longest first (UTF-32-LE starts like UTF-16-LE).
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# What a binary file most often is, by its first bytes, in plain words.
BINARY_KINDS = (
    (b"PK\x03\x04", "an Excel workbook (zip)", "Excel 工作簿（zip 压缩包）"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Excel or Word file (.xls/.doc)",
        "旧版 Excel 或 Word 文件（.xls/.doc）",
    ),
    (b"%PDF", "a PDF document", "PDF 文档"),
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was decoded."""

    text: str  # the byte-order mark removed
    encoding: str  # what was used: "utf-8", "utf-8-sig" (had a BOM) or "gb18030"
    declared: bool  # True when the caller named the encoding


class TextFileError(OkrkitError):
    """A file's bytes could not be read as text; ``.problem`` says where and why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.render("en"), zh=problem.render("zh"))

    @property
    def problems(self) -> list[Problem]:
        """The one problem as a list, like :class:`~okrkit.errors.CaseError`."""
        return [self.problem]


def read_text(path: str | Path, *, encoding: str | None = None) -> DecodedText:
    """Read ``path`` as text (see the module docstring); raise TextFileError if it cannot be."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise TextFileError(
            Problem(
                str(path),
                "",
                "file not found",
                expected="a text file",
                zh="找不到文件",
                expected_zh="文本文件",
            )
        ) from None
    except IsADirectoryError:
        raise TextFileError(
            Problem(
                str(path),
                "",
                "this is a folder, not a file",
                expected="a text file",
                zh="这是文件夹，不是文件",
                expected_zh="文本文件",
            )
        ) from None
    except OSError as exc:
        raise TextFileError(
            Problem(
                str(path),
                "",
                f"cannot read the file: {exc.strerror or exc}",
                expected="a readable text file",
                zh=f"无法读取文件：{exc.strerror or exc}",
                expected_zh="可读取的文本文件",
            )
        ) from None
    return decode_bytes(data, path, encoding=encoding)


def decode_bytes(data: bytes, source: str | Path, *, encoding: str | None = None) -> DecodedText:
    """Decode ``data`` read from ``source`` (named in messages); raise TextFileError if it cannot be."""
    source = str(source)
    _refuse_wide_or_binary(data, source)
    if encoding is not None:
        return _decode_declared(data, source, encoding)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(data.decode(UTF8_BOM), UTF8_BOM, False)
        except UnicodeDecodeError as exc:
            raise _undecodable(data, source, exc, UTF8, _likely(data)) from None
    try:
        return DecodedText(data.decode(UTF8), UTF8, False)
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    try:
        text = data.decode(GB18030)
    except UnicodeDecodeError as gb_error:
        if _damaged_gbk(data, first_error.start, gb_error.start):
            raise _undecodable(data, source, gb_error, GB18030, None) from None
        raise _undecodable(data, source, first_error, UTF8, _likely(data)) from None
    if not _reads_as_gbk(data):
        # Valid GB18030 byte for byte, but gibberish read so: some other 8-bit encoding.
        raise _undecodable(data, source, first_error, UTF8, _likely(data))
    return DecodedText(text, GB18030, False)


def csv_delimiter(text: str) -> str:
    r"""The delimiter of a CSV's text: a tab when its header line has tabs and no comma, else ','.

    Excel's "文本文件（制表符分隔）" / "Text (Tab delimited)" and a table pasted
    into Notepad are separated by tabs; read with commas, the whole header
    would be one unknown column.

    >>> csv_delimiter("团队\t关键成果\t日期\n"), csv_delimiter("team,kr,date\n")
    ('\t', ',')
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if "\t" in header and "," not in header else ","


def encoding_name(encoding: str, lang: str = "en") -> str:
    """The encoding as a person calls it: 'UTF-8', 'UTF-8 (with BOM)', 'GBK (GB18030)'."""
    en, zh = NAMES.get(encoding, (encoding, encoding))
    return zh if lang == "zh" else en


def encoding_note(decoded: DecodedText, source: str | Path, lang: str = "en") -> str:
    """``FILE: read as GBK (GB18030)`` (``按 … 读取`` in Chinese), for a command to print."""
    name = encoding_name(decoded.encoding, lang)
    declared = decoded.declared
    if lang == "zh":
        return f"{source}：按{'声明的' if declared else ''}{name}读取"
    return f"{source}: read as {name}{' (declared)' if declared else ''}"


def is_plain_utf8(decoded: DecodedText) -> bool:
    """True for UTF-8 with or without a BOM: the files a command need not mention."""
    return decoded.encoding in (UTF8, UTF8_BOM)


def _decode_declared(data: bytes, source: str, encoding: str) -> DecodedText:
    name = DECLARED.get(encoding.strip().lower().replace("_", "-"))
    if name is None:
        raise TextFileError(
            Problem(
                source,
                "",
                f"unknown or unsupported encoding {encoding!r}",
                expected=ACCEPTED,
                zh=f"未知或不支持的编码 {encoding!r}",
                expected_zh=ACCEPTED,
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        if name == GB18030:
            raise TextFileError(
                Problem(
                    source,
                    "",
                    f"declared {encoding}, but the file starts with a UTF-8 byte-order mark",
                    expected="no --encoding: the file is UTF-8",
                    zh=f"声明为 {encoding}，但文件以 UTF-8 的 BOM 开头",
                    expected_zh="不要声明编码：这是 UTF-8 文件",
                )
            )
        name = UTF8_BOM  # a declared UTF-8 file may still carry a BOM: never keep it in the text
    try:
        return DecodedText(data.decode(name), name, True)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, source, exc, name, _likely(data)) from None


def _refuse_wide_or_binary(data: bytes, source: str) -> None:
    for bom, wide in WIDE_BOMS:
        if data.startswith(bom):
            raise _wide(source, wide)
    for magic, what, what_zh in BINARY_KINDS:
        if data.startswith(magic):
            raise _binary(source, what, what_zh)
    head = data[:4096]
    if b"\x00" not in head:
        return
    # Latin text in UTF-16 puts a NUL in every other byte, in UTF-32 in three of four.
    pairs = len(head) // 2
    odd = head[1::2].count(0) if pairs else 0
    even = head[0::2].count(0) if pairs else 0
    if pairs and max(odd, even) >= 0.3 * pairs and min(odd, even) <= 0.05 * pairs:
        raise _wide(source, "UTF-16")
    if pairs and min(odd, even) >= 0.3 * pairs and head.count(0) >= 0.6 * len(head):
        raise _wide(source, "UTF-32")
    raise _binary(source, "a binary file (it holds NUL bytes)", "二进制文件（含 NUL 字节）")


def _wide(source: str, wide: str) -> TextFileError:
    return TextFileError(
        Problem(
            source,
            "",
            f"the file is {wide} text, which okrkit does not read",
            expected="UTF-8 or GBK text: " + FIX.split(", or")[0],
            zh=f"文件是 {wide} 编码的文本，okrkit 不读取这种编码",
            expected_zh="UTF-8 或 GBK 文本：" + FIX_ZH.split("，或")[0],
        )
    )


def _binary(source: str, what: str, what_zh: str) -> TextFileError:
    return TextFileError(
        Problem(
            source,
            "",
            f"not a text file: this looks like {what}",
            expected="a text file (CSV or YAML); in Excel: Save As → CSV UTF-8",
            zh=f"不是文本文件：看起来是{what_zh}",
            expected_zh="文本文件（CSV 或 YAML）；Excel：另存为 → CSV UTF-8（逗号分隔）",
        )
    )


def _damaged_gbk(data: bytes, utf8_stop: int, gbk_stop: int) -> bool:
    """True for a GBK file with one damaged sequence, rather than a UTF-8 file with one.

    UTF-8 stops at a GBK file's first Chinese character and GB18030 at the
    damage; a damaged UTF-8 file is the other way round (GB18030 stops early,
    inside a UTF-8 character). The bytes before the damage must read as GBK.
    """
    return utf8_stop < gbk_stop and _reads_as_gbk(data[:gbk_stop])


def _reads_as_gbk(data: bytes) -> bool:
    """True when charset-normalizer finds the bytes plausible as GB18030 text, not mojibake.

    charset-normalizer's "chaos" of any Chinese text stays at or below 0.2
    (its default limit), while Latin text read as GB18030 scores about 0.6;
    the limit is set between the two at 0.4 so that a list of rare
    characters still counts as Chinese. Japanese Shift-JIS and Korean EUC-KR
    read as GB18030 score like Chinese and cannot be told apart by bytes
    alone: okrkit's users write Chinese, so GBK wins, and the commands print
    "read as GBK (GB18030)" so that a wrong guess is seen.
    """
    from charset_normalizer import from_bytes  # ~75 ms to import: only for files that are not UTF-8

    return from_bytes(data, cp_isolation=[GB18030], threshold=GBK_CHAOS_LIMIT).best() is not None


def _likely(data: bytes) -> str | None:
    """The encoding charset-normalizer judges most likely ('gb18030' for the GBK family)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    name = best.encoding.lower().replace("_", "-")
    return GB18030 if DECLARED.get(name) == GB18030 else best.encoding


def _undecodable(
    data: bytes, source: str, exc: UnicodeDecodeError, tried: str, likely: str | None
) -> TextFileError:
    """A located message for the first sequence ``tried`` cannot decode."""
    start = exc.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1  # 1-based byte within the line
    bad = " ".join(f"0x{b:02X}" for b in data[start : max(exc.end, start + 1)][:4])
    tried_en, tried_zh = encoding_name(tried, "en"), encoding_name(tried, "zh")
    if tried == GB18030 and likely is None:
        guess, guess_zh = (
            "; the file looks like GBK with a damaged character",
            "；文件看起来是 GBK，但有一个损坏的字符",
        )
    elif likely and likely not in (UTF8, UTF8_BOM, "ascii"):
        guess, guess_zh = (
            f"; it may be {encoding_name(likely)}",
            f"；可能是 {encoding_name(likely, 'zh')}",
        )
    else:
        guess, guess_zh = "; its encoding could not be recognised", "；无法识别其编码"
    return TextFileError(
        Problem(
            source,
            "",
            f"cannot read the text at byte {column} of line {line}: not {tried_en}{guess}",
            line=line,
            found=bad,
            expected=f"{tried_en} text: {FIX}",
            zh=f"无法读取第 {line} 行第 {column} 字节处的文本：不是 {tried_zh}{guess_zh}",
            expected_zh=f"{tried_zh} 文本：{FIX_ZH}",
        )
    )
