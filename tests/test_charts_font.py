"""The shipped CJK font: matplotlib draws Chinese with it, and only okrkit.charts loads it."""

import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager, ft2font

from okrkit.charts import CJK_FONT_FAMILY, CSS_FONT_STACK, use_cjk_font
from okrkit.charts._font import FONT_PATH

ROOT = Path(__file__).resolve().parents[1]
CHINESE = ["销售部OKR计划表", "有效投诉案例（减分项）", "１５％", "KR权重", "O分值：100"]


@pytest.fixture
def cjk_rc():
    """Apply the CJK font settings inside a throwaway rcParams context."""
    with mpl.rc_context():
        use_cjk_font()
        yield


def draw_chinese(path, extra=""):
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar(CHINESE[1:4], [15, 20, -5])
    ax.set_title(CHINESE[0] + extra)
    ax.set_xlabel("关键成果 (KRs)")
    ax.set_ylabel("KR权重 ％")
    fig.savefig(path)
    plt.close(fig)


def test_chinese_figure_saves_without_missing_glyph_warnings(cjk_rc, tmp_path):
    """A figure with Chinese title, labels and tick labels saves to PNG with no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_chinese(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 0


def test_characters_missing_from_subset_fall_back_to_dejavu(cjk_rc, tmp_path):
    """Symbols outside the subset (∂∃) come from DejaVu Sans instead of drawing as boxes."""
    assert 0x2202 not in ft2font.FT2Font(str(FONT_PATH)).get_charmap()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_chinese(tmp_path / "chart.png", extra=" ∂∃")


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_chinese_figure_saves_as_vector(cjk_rc, tmp_path, fmt):
    """The CFF-flavoured font also embeds in PDF and SVG output."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_chinese(tmp_path / f"chart.{fmt}")
    assert (tmp_path / f"chart.{fmt}").stat().st_size > 0


def test_shipped_font_is_found_by_font_manager(cjk_rc):
    """The font file ships in okrkit/fonts and matplotlib resolves its family to that file."""
    assert FONT_PATH.is_file()
    assert (FONT_PATH.parent / "OFL.txt").is_file()
    found = font_manager.findfont(CJK_FONT_FAMILY, fallback_to_default=False)
    assert Path(found) == FONT_PATH


def test_use_cjk_font_is_idempotent(cjk_rc):
    """Calling use_cjk_font again adds no second font entry and no duplicate family names."""
    use_cjk_font()
    use_cjk_font()
    entries = [e for e in font_manager.fontManager.ttflist if Path(e.fname) == FONT_PATH]
    assert len({e.name for e in entries}) == len(entries)
    families = mpl.rcParams["font.sans-serif"]
    assert families[0] == CJK_FONT_FAMILY
    assert len(families) == len(set(families))


def test_font_settings_put_cjk_first_and_keep_dejavu(cjk_rc):
    """rcParams name the shipped font first, DejaVu Sans after it, and an ASCII minus."""
    for key in ("font.family", "font.sans-serif"):
        families = mpl.rcParams[key]
        assert families[0] == CJK_FONT_FAMILY
        assert families.index("DejaVu Sans") > 0
    assert mpl.rcParams["axes.unicode_minus"] is False


def test_project_chinese_is_covered_by_shipped_font():
    """Every CJK character in cases/, notebooks/ and okrkit/ is in the font (else rebuild it)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_cjk_font
    except ModuleNotFoundError as exc:  # fontTools missing: the dev extra is not installed
        pytest.skip(str(exc))
    finally:
        sys.path.pop(0)
    dirs = [ROOT / "cases", ROOT / "notebooks", ROOT / "okrkit"]
    charmap = ft2font.FT2Font(str(FONT_PATH)).get_charmap()
    cjk = (
        c
        for c in build_cjk_font.scanned_chars(dirs)
        if unicodedata.name(c, "").startswith(("CJK", "IDEOGRAPHIC", "FULLWIDTH"))
    )
    missing = sorted(c for c in cjk if ord(c) not in charmap)
    assert not missing, f"run scripts/build_cjk_font.py; the font lacks {''.join(missing)}"


def test_css_font_stack_names_a_cjk_font_and_a_generic():
    """The CSS stack for HTML reports names Noto Sans CJK SC first and ends in sans-serif."""
    assert CSS_FONT_STACK.startswith('"Noto Sans CJK SC"')
    assert CSS_FONT_STACK.endswith("sans-serif")


def test_import_okrkit_does_not_import_matplotlib():
    """`import okrkit` alone leaves matplotlib unloaded; only okrkit.charts brings it in."""
    code = "import sys, okrkit; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
