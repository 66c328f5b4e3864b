"""Build the subset of Noto Sans CJK SC that okrkit ships for Chinese chart text.

matplotlib's default font has no Chinese glyphs, and a fresh machine may have no
CJK font at all. okrkit therefore ships a subset of Noto Sans CJK SC Regular
(SIL Open Font License 1.1): ASCII, Latin-1, general punctuation, CJK symbols
and punctuation, full-width forms, all of GB2312 (its 6763 hanzi and its
symbols) and every other character found in the project's text files.

The source font comes from the `mplfonts` package, fetched with
`pip download --no-deps` into a temporary folder. Only its
NotoSansCJKsc-Regular.otf is read; the wheel is never installed and its other
fonts (one of them, SimHei, is commercially licensed) are never extracted.

Usage (needs fontTools, which the `dev` extra provides):

    .venv/bin/python scripts/build_cjk_font.py
    .venv/bin/python scripts/build_cjk_font.py --source NotoSansCJKsc-Regular.otf

Re-run it when cases, notebooks or okrkit gain characters outside GB2312;
tests/test_charts_font.py fails until you do.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "okrkit" / "fonts"
OUT_FONT = FONT_DIR / "NotoSansCJKsc-okrkit-subset.otf"
OUT_LICENSE = FONT_DIR / "OFL.txt"

# The subset gets its own family name so that matplotlib and browsers never
# mistake it for a full, system-installed "Noto Sans CJK SC".
FAMILY = "Noto Sans CJK SC okrkit"
POSTSCRIPT_NAME = "NotoSansCJKsc-okrkit-Regular"

# Pinned so that a rebuild gives the same glyphs; the hash is the .otf's.
MPLFONTS_REQUIREMENT = "mplfonts==0.0.11"
MPLFONTS_MEMBER = "mplfonts/fonts/NotoSansCJKsc-Regular.otf"
SOURCE_SHA256 = "1652500938055a232cfbfa321de6ebaadfc5635dd9f75e369bc991d14a6512dd"

RANGES = {
    "ASCII and Latin-1": (0x0020, 0x00FF),
    "general punctuation": (0x2000, 0x206F),
    "CJK symbols and punctuation": (0x3000, 0x303F),
    "full-width forms": (0xFF00, 0xFFEF),
}
# U+2212 MINUS SIGN: matplotlib draws it in tick labels unless axes.unicode_minus is off.
EXTRA_CODEPOINTS = {0x2212}

VERTICAL_FEATURES = {"vert", "vrt2", "vkrn", "vpal", "valt", "vhal", "vchw", "vjmo"}

SCAN_SUFFIXES = {".py", ".ipynb", ".md", ".txt", ".yaml", ".yml", ".json", ".csv", ".toml"}
SKIP_DIRS = {".venv", "__pycache__", ".git", ".ipynb_checkpoints", "fonts", "build"}

GB2312_HANZI = 6763


def gb2312_chars() -> tuple[set[str], set[str]]:
    """Return (hanzi, symbols) of GB2312, decoded one code point at a time."""
    hanzi: set[str] = set()
    symbols: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                char = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            # Rows 16-87 (0xB0-0xF7) hold the hanzi; rows 1-9 the symbols.
            (hanzi if row >= 0xB0 else symbols).add(char)
    if len(hanzi) != GB2312_HANZI:
        raise SystemExit(f"expected {GB2312_HANZI} GB2312 hanzi, decoded {len(hanzi)}")
    return hanzi, symbols


def default_scan_dirs() -> list[Path]:
    """The project's own text, plus the shared seed deck if it sits above the checkout."""
    dirs = [ROOT / "cases", ROOT / "notebooks", ROOT / "okrkit"]
    for parent in ROOT.parents:
        seeds = parent / "shared" / "seeds"
        if seeds.is_dir():
            dirs.append(seeds)
            break
    return dirs


def text_files(dirs: Iterable[Path]) -> Iterator[Path]:
    for top in dirs:
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*")):
            if SKIP_DIRS.intersection(path.relative_to(top).parts[:-1]):
                continue
            if path.is_file() and path.suffix.lower() in SCAN_SUFFIXES:
                yield path


def scanned_chars(dirs: Iterable[Path]) -> set[str]:
    """Every printable non-ASCII character in the text files under *dirs*."""
    found: set[str] = set()
    for path in text_files(dirs):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        found.update(c for c in text if ord(c) > 0x7F and unicodedata.category(c)[0] not in "CZ")
    # Never the CJK and Kangxi radicals (U+2E80-U+2FDF): they share glyphs with hanzi
    # (⼀ and 一), and a PDF printed with both in the font copies text as radicals.
    # They appear in the project only where code checks for that very mistake.
    return {c for c in found if not 0x2E80 <= ord(c) <= 0x2FDF}


def fetch_source(tmp: Path) -> Path:
    """Download the mplfonts wheel (no install) and extract only the Noto Sans CJK SC file."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*pip, "--quiet", "--dest", str(tmp), MPLFONTS_REQUIREMENT], check=True)
    (wheel,) = tmp.glob("mplfonts-*.whl")
    target = tmp / Path(MPLFONTS_MEMBER).name
    with zipfile.ZipFile(wheel) as zf, zf.open(MPLFONTS_MEMBER) as src:
        target.write_bytes(src.read())
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{MPLFONTS_MEMBER}: sha256 {digest}, expected {SOURCE_SHA256}")
    return target


def check_source(font: TTFont) -> None:
    """Refuse anything but Noto Sans CJK SC under the OFL."""
    name = font["name"]
    family = name.getDebugName(16) or name.getDebugName(1) or ""
    licence = name.getDebugName(13) or ""
    if not family.startswith("Noto Sans CJK SC") or "Open Font License" not in licence:
        raise SystemExit(f"source font is {family!r} under {licence[:60]!r}; expected Noto/OFL")


def rename(font: TTFont) -> None:
    """Give the subset its own names (an OFL Modified Version should not pose as the original)."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.names = [rec for rec in name.names if rec.nameID not in {1, 2, 3, 4, 6, 16, 17}]
    for name_id, value in {
        1: FAMILY,
        2: "Regular",
        3: f"{version.removeprefix('Version ').split(';')[0]};okrkit;{POSTSCRIPT_NAME}",
        4: f"{FAMILY} Regular",
        6: POSTSCRIPT_NAME,
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT_NAME]
    top = cff.topDictIndex[0]
    top.FamilyName = FAMILY
    top.FullName = f"{FAMILY} Regular"


def ofl_body() -> str:
    """The SIL OFL 1.1 text as fontTools ships it in its licence notes (Noto is one of its fonts)."""
    dist = importlib.metadata.distribution("fonttools")
    for file in dist.files or []:
        if file.name == "LICENSE.external":
            text = file.read_text(encoding="utf-8")
            break
    else:
        raise SystemExit("fontTools' LICENSE.external not found: cannot copy the OFL text")
    start = text.index("-----------------------------------------------------------\nSIL OPEN")
    end = text.index("OTHER DEALINGS IN THE FONT SOFTWARE.", start)
    body = text[start : end + len("OTHER DEALINGS IN THE FONT SOFTWARE.")]
    for heading in ("PREAMBLE", "DEFINITIONS", "PERMISSION & CONDITIONS", "DISCLAIMER"):
        if f"\n{heading}\n" not in body:
            raise SystemExit(f"OFL text from fontTools lacks {heading!r}")
    return body + "\n"


def licence_text(source: TTFont, source_label: str) -> str:
    name = source["name"]
    version = (name.getDebugName(5) or "").split(";")[0].lower()
    return (
        f"{name.getDebugName(0)}\n"
        f"{name.getDebugName(7)}\n"
        "\n"
        f"{FAMILY} ({OUT_FONT.name}) is a Modified Version of\n"
        f"Noto Sans CJK SC Regular {version}, taken from {source_label}:\n"
        "a subset of its glyphs made with fontTools by okrkit's\n"
        "scripts/build_cjk_font.py and renamed so that it is not mistaken for the\n"
        "original. Noto CJK's licence names 'Source' as a Reserved Font Name;\n"
        "this subset does not use it.\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        f"{name.getDebugName(14)}\n"
        "\n" + ofl_body()
    )


def build(source_path: Path, source_label: str, scan_dirs: list[Path], out: Path) -> None:
    options = subset.Options()
    options.name_IDs = ["*"]  # keep copyright, trademark, designer and licence entries
    options.name_languages = ["*"]
    options.hinting = False  # matplotlib auto-hints by default; CFF hints only add bytes
    options.notdef_outline = True
    # "locl" would pull in the Japanese, Korean and Traditional Chinese glyph forms
    # (13.7k glyphs, 2.9 MB instead of 7.8k, 1.6 MB); the vertical-writing features
    # serve layouts matplotlib never makes. Simplified Chinese needs neither.
    options.layout_features = [
        tag for tag in options.layout_features if tag != "locl" and tag not in VERTICAL_FEATURES
    ]
    options.recalc_timestamp = False  # same input, same bytes

    font = subset.load_font(str(source_path), options, dontLoadGlyphNames=True)
    check_source(font)
    available = set(font.getBestCmap())

    hanzi, gb_symbols = gb2312_chars()
    wanted = {cp for lo, hi in RANGES.values() for cp in range(lo, hi + 1)}
    wanted |= EXTRA_CODEPOINTS | {ord(c) for c in hanzi | gb_symbols}
    scanned = {ord(c) for c in scanned_chars(scan_dirs)}
    extra = scanned - wanted
    not_in_source = sorted(chr(cp) for cp in scanned - available)
    if missing_hanzi := sorted(c for c in hanzi if ord(c) not in available):
        raise SystemExit(f"source font lacks GB2312 hanzi: {''.join(missing_hanzi)}")

    unicodes = sorted((wanted | scanned) & available)
    licence = licence_text(font, source_label)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out), options)
    (out.parent / OUT_LICENSE.name).write_text(licence, encoding="utf-8")

    print(f"scanned: {', '.join(str(d) for d in scan_dirs if d.is_dir()) or '(nothing)'}")
    print(f"GB2312: {len(hanzi)} hanzi + {len(gb_symbols)} symbols")
    print(f"scanned characters beyond the fixed ranges and GB2312: {len(extra)}")
    if not_in_source:
        print(f"not in the source font (left to fallback fonts): {''.join(not_in_source)}")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(unicodes)} characters)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="a NotoSansCJKsc-Regular.otf to use as is")
    parser.add_argument("--out", type=Path, default=OUT_FONT)
    parser.add_argument(
        "--scan",
        type=Path,
        action="append",
        help="folder whose characters must be covered (repeatable; replaces the defaults)",
    )
    args = parser.parse_args(argv)
    scan_dirs = args.scan or default_scan_dirs()
    if args.source:
        build(args.source, args.source.name, scan_dirs, args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = fetch_source(Path(tmp))
        build(source, f"the {MPLFONTS_REQUIREMENT} package", scan_dirs, args.out)


if __name__ == "__main__":
    main()
