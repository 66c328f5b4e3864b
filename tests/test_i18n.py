"""Every label exists in Chinese and English."""

import pytest

from okrkit.i18n import LABELS, LANGS, t


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_both_languages(key):
    """Each label has a non-empty zh and en text with the same placeholders."""
    import string

    fields = [
        {name for _, name, _, _ in string.Formatter().parse(LABELS[key][lang]) if name}
        for lang in LANGS
    ]
    assert all(LABELS[key][lang].strip() for lang in LANGS)
    assert fields[0] == fields[1]


def test_unknown_language_is_refused():
    """t() names the supported languages when given another."""
    with pytest.raises(ValueError, match="zh, en"):
        t("col.no", "fr")


def _module_words():
    """Every Words table a module keeps beside its code (found by importing okrkit's modules)."""
    import importlib
    import pkgutil

    import okrkit
    from okrkit.i18n import Words

    found = []
    for info in pkgutil.walk_packages(okrkit.__path__, "okrkit."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Words):
                found.append((f"{info.name}.{name}", value))
    return found


def test_module_word_tables_are_found():
    """The scan sees the modules that keep their own words (the chart, the widgets, the review)."""
    names = {name for name, _ in _module_words()}
    assert {"okrkit.charts.evidence._w", "okrkit.track.review.word"} <= names


def test_module_words_have_the_same_placeholders_in_both_languages():
    """Every label a module keeps beside its code fills the same {names} in zh and en."""
    import string

    for where, words in _module_words():
        for key, pair in words._pairs.items():
            fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in pair]
            assert fields[0] == fields[1], (where, key, pair)


def test_words_refuse_a_missing_translation():
    """A module's label without its English text fails when the module is imported."""
    from okrkit.i18n import Words

    with pytest.raises(ValueError, match="'title'"):
        Words({"title": {"zh": "标题", "en": ""}})


def test_words_refuse_an_unknown_language():
    """A module's lookup names the supported languages when given another, as t() does."""
    from okrkit.i18n import Words

    with pytest.raises(ValueError, match="zh, en"):
        Words({"title": ("标题", "Title")})("title", "fr")


def test_one_of_a_count_is_said_in_the_singular():
    """t(key, n=1) takes the key's '.one' label: '1 table', never '1 table(s)'."""
    assert t("excel.exported", "en", n=1, path="x.xlsx") == "exported 1 table to x.xlsx"
    assert t("excel.exported", "en", n=3, path="x.xlsx") == "exported 3 tables to x.xlsx"


def test_no_english_label_hedges_a_plural():
    """No English label writes '(s)': counts are said as 1 X or N Xs."""
    assert [key for key, label in LABELS.items() if "(s)" in label["en"]] == []
