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
