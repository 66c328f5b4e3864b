"""The labelled set of published OKR tables: well formed, and the coach stays good on it."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_coach_quality import FAMILIES, LANGUAGES, evaluate, load_tables


def test_corpus_has_forty_tables_in_three_languages():
    """At least 40 tables, in English, simplified and traditional Chinese."""
    counts = {lang: len(load_tables(lang)) for lang in LANGUAGES}
    assert sum(counts.values()) >= 40 and all(counts.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_table_names_its_source_and_uses_known_labels(lang):
    """Each table has a source title and address, and only the families the benchmark knows."""
    for table in load_tables(lang):
        assert table["source"]["title"] and table["source"]["url"].startswith("http")
        for objective in table["objectives"]:
            assert set(objective.get("labels", [])) <= set(FAMILIES)
            for _, *labels in objective["krs"]:
                assert set(labels) <= set(FAMILIES)


def test_well_written_tables_stay_quiet():
    """Tables labelled quiet get no error and at most one warning each."""
    for _lang, table, errors, warns, _codes in evaluate()["quiet"]:
        assert (errors, warns <= 1) == (0, True), table


def test_no_family_falls_below_seventy_percent():
    """Precision and recall of every family, all languages together, stay at 70% or more."""
    counts = evaluate()["counts"]
    for family in FAMILIES:
        tp = sum(counts[lang, family]["tp"] for lang in LANGUAGES)
        fp = sum(counts[lang, family]["fp"] for lang in LANGUAGES)
        fn = sum(counts[lang, family]["fn"] for lang in LANGUAGES)
        assert tp / (tp + fp) >= 0.7 and tp / (tp + fn) >= 0.7, family
