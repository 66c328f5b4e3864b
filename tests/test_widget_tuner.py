"""The weight tuner driven headlessly: sliders, locks, modes, buttons, save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrkit import load_case
from okrkit.cases import parse_team
from okrkit.errors import ProblemLog
from okrkit.weights import weights_of
from okrkit.widgets.tuner import KEEP, WeightTuner
from okrkit.yamlio import load_round_trip

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def case(tmp_path):
    """A private copy of the worked case, so saving never touches the repository."""
    target = tmp_path / "a-company"
    shutil.copytree(ROOT / "cases" / "a-company", target)
    return load_case(target)


@pytest.fixture
def tuner(case):
    return WeightTuner(case.team("sales"), case, lang="en")


def test_starts_with_the_file_weights(tuner):
    """Sliders show the file's weights; the total reads 100 in the ok colour."""
    assert tuner.sliders["KR1.3"].value == 20
    assert tuner.total_text == "Total 100" and tuner.total_level == "ok"
    assert "O points <b>50</b>" in tuner.objective_labels["O1"].value
    assert tuner.chart.value[:4] == b"\x89PNG"


def test_free_mode_lets_the_total_drift_and_says_by_how_much(tuner):
    """In free mode one slider moves alone; the total turns red and says 5 over 100."""
    before = tuner.chart.value
    tuner.sliders["KR1.1"].value = 20
    assert tuner.total_text == "Total 105 (5 over 100)"
    assert tuner.total_level == "error" and "#b42318" in tuner.total.value
    assert "O points <b>55</b>" in tuner.objective_labels["O1"].value
    assert tuner.sliders["KR1.2"].value == 15
    assert "W101" in tuner.hint_codes
    assert tuner.chart.value != before


def test_keep_mode_rebalances_the_others(tuner):
    """In keep-100 mode raising KR1.3 to 30 takes 10 points from the unlocked others.

    The others share 50 in proportion (12.5, 12.5, 4.2 x4, 8.3); the four 5-point KRs
    would fall under the case's floor, so they stay at 5 and the rest share 30.
    """
    tuner.mode.value = KEEP
    tuner.locks["KR2.2"].value = True
    tuner.sliders["KR1.3"].value = 30
    assert tuner.total_text == "Total 100"
    assert tuner.sliders["KR2.2"].value == 20
    assert [tuner.sliders[k].value for k in ("KR1.1", "KR1.2", "KR3.3")] == [11, 11, 8]
    assert tuner.sliders["KR3.2"].value == 5
    assert "O points <b>52</b>" in tuner.objective_labels["O1"].value
    assert tuner.sliders["KR2.2"].disabled


def test_keep_mode_clamps_at_the_floor_and_says_so(tuner):
    """Asking more than the locks and the 5-point floor allow stops there, with a message."""
    tuner.mode.value = KEEP
    tuner.sliders["KR1.1"].value = 90
    assert tuner.sliders["KR1.1"].value == 60
    assert min(s.value for s in tuner.sliders.values()) == 5
    assert tuner.message.level == "warn" and "at most 60" in tuner.message.text


def test_hint_for_a_heavy_result_kr(tuner):
    """A result KR pushed to 45 brings up the KPI hint beside the sliders."""
    tuner.sliders["KR1.3"].value = 45
    assert "W201" in tuner.hint_codes
    assert "the table is a KPI again" in tuner.hints.value


def test_normalise_and_reset_buttons(tuner):
    """Normalise brings a drifted table back to 100; reset restores the file's weights."""
    tuner.sliders["KR1.1"].value = 35
    tuner.normalize_button.click()
    assert tuner.total_text == "Total 100" and tuner.message.level == "ok"
    # 120 scaled to 100 puts four KRs under the 5-point floor; the rest share 80 exactly
    assert tuner.sliders["KR1.1"].value == 28
    tuner.reset_button.click()
    assert tuner.sliders["KR1.1"].value == 15 and tuner.total_text == "Total 100"


def test_save_blocked_while_the_total_is_off(tuner, case):
    """Save refuses a table that does not add to 100 and leaves the file alone."""
    path = case.team("sales").source
    before = path.read_text(encoding="utf-8")
    tuner.sliders["KR1.1"].value = 25
    tuner.save_button.click()
    assert tuner.message.level == "error" and "nothing saved" in tuner.message.text
    assert path.read_text(encoding="utf-8") == before


def test_save_writes_the_file_and_keeps_the_old_one(tuner, case):
    """After save, reloading the case gives the new weights; the .bak holds the old ones."""
    tuner.mode.value = KEEP
    tuner.sliders["KR1.3"].value = 30
    expected = {k: s.value for k, s in tuner.sliders.items()}
    tuner.save_button.click()
    assert tuner.message.level == "ok", tuner.message.text
    reloaded = load_case(case.path).team("sales")
    assert weights_of(reloaded) == expected
    backup = reloaded.source.with_name("sales.yaml.bak")
    old = parse_team(load_round_trip(backup), backup, ProblemLog())
    assert weights_of(old) == weights_of(case.team("sales"))
    assert "# 销售部OKR计划表" in reloaded.source.read_text(encoding="utf-8")


def test_locking_a_blank_shows_an_error_in_the_widget(tmp_path):
    """Locking a KR whose weight is blank is refused inside the widget, the box unticked."""
    target = tmp_path / "deck"
    shutil.copytree(ROOT / "cases" / "a-company-deck", target)
    deck = load_case(target)
    tuner = WeightTuner(deck.team("gm"), deck, lang="en", chart=False)
    tuner.locks["KR1.1"].value = True
    assert not tuner.locks["KR1.1"].value
    assert tuner.message.level == "error" and "KR1.1" in tuner.message.text
    tuner.normalize_button.click()
    assert tuner.total_text == "Total 100"


def test_chinese_labels(case):
    """With lang='zh' the total, mode and buttons read in Chinese."""
    tuner = WeightTuner(case.team("sales"), case, lang="zh", chart=False)
    tuner.sliders["KR1.1"].value = 10
    assert tuner.total_text == "合计 95（距100还差5）"
    assert tuner.save_button.description == "保存"


def test_doctests_hold():
    """The example in the tuner's docstring runs as written."""
    import doctest

    import okrkit.widgets.tuner

    assert doctest.testmod(okrkit.widgets.tuner).failed == 0


def test_weight_error_shows_in_chinese(case):
    """Locks adding to more than 100 are refused with a Chinese message under zh."""
    tuner = WeightTuner(case.team("sales"), case, lang="zh", chart=False)
    tuner.sliders["KR1.1"].value = 60
    tuner.sliders["KR1.2"].value = 60
    tuner.locks["KR1.1"].value = True
    tuner.locks["KR1.2"].value = True
    tuner.normalize_button.click()
    assert tuner.message.level == "error"
    assert "锁定的权重合计 120；应不超过 100" in tuner.message.text


# -- a save refused because someone else saved first: reload or save as


def _other_tab_saves(case, kr1_1: int, kr1_2: int):
    """Another tuner on the same file (a second browser tab) saves first."""
    other = WeightTuner(case.team("sales"), case, lang="en", chart=False)
    other.sliders["KR1.1"].value = kr1_1
    other.sliders["KR1.2"].value = kr1_2
    other.save_button.click()
    assert other.message.level == "ok", other.message.text


def test_a_stale_save_is_refused_and_offers_reload_and_save_as(tuner, case):
    """Someone saved since the tuner opened: nothing written, the message, and the two buttons."""
    _other_tab_saves(case, 10, 20)
    theirs = case.team("sales").source.read_bytes()
    assert not tuner.stale.visible
    tuner.sliders["KR1.1"].value = 20
    tuner.sliders["KR1.3"].value = 15
    tuner.save_button.click()
    assert tuner.message.level == "error" and "changed by someone else" in tuner.message.text
    assert str(case.team("sales").source) in tuner.message.text
    assert tuner.stale.visible and case.team("sales").source.read_bytes() == theirs
    assert tuner.stale.reload_button.description == "Reload (drop my edits)"
    assert tuner.stale.save_as_button.description == "Save mine as a copy"


def test_reload_button_shows_the_file_on_disk_and_the_next_save_works(tuner, case):
    """Reload drops the tuned weights for the saved ones; saving after it is accepted."""
    _other_tab_saves(case, 10, 20)
    tuner.sliders["KR1.1"].value = 20
    tuner.sliders["KR1.3"].value = 15
    tuner.save_button.click()
    tuner.stale.reload_button.click()
    assert tuner.sliders["KR1.1"].value == 10 and tuner.sliders["KR1.2"].value == 20
    assert tuner.message.level == "info" and not tuner.stale.visible
    tuner.sliders["KR1.1"].value = 5
    tuner.sliders["KR1.2"].value = 25
    tuner.save_button.click()
    assert tuner.message.level == "ok", tuner.message.text
    assert load_case(case.path).team("sales").key_result("KR1.1").weight == 5


def test_save_as_button_keeps_my_weights_in_a_copy_and_theirs_in_the_file(tuner, case):
    """Save-as writes sales.mine-<time>.yaml with my weights; sales.yaml keeps the other save."""
    _other_tab_saves(case, 10, 20)
    theirs = case.team("sales").source.read_bytes()
    tuner.sliders["KR1.1"].value = 20
    tuner.sliders["KR1.3"].value = 15
    tuner.save_button.click()
    tuner.stale.save_as_button.click()
    copies = sorted(case.team("sales").source.parent.glob("sales.mine-*.yaml"))
    assert len(copies) == 1 and tuner.path == copies[0]
    mine = parse_team(load_round_trip(copies[0]), copies[0], ProblemLog())
    assert mine.key_result("KR1.1").weight == 20 and mine.key_result("KR1.3").weight == 15
    assert case.team("sales").source.read_bytes() == theirs
    assert tuner.message.level == "ok" and copies[0].name in tuner.message.text
    assert not tuner.stale.visible


def test_two_saves_from_the_same_tuner_are_not_stale(tuner, case):
    """The tuner's own save moves its version on: saving again is accepted."""
    tuner.sliders["KR1.1"].value = 10
    tuner.sliders["KR1.2"].value = 20
    tuner.save_button.click()
    tuner.sliders["KR1.1"].value = 15
    tuner.sliders["KR1.2"].value = 15
    tuner.save_button.click()
    assert tuner.message.level == "ok", tuner.message.text


def test_stale_refusal_and_buttons_in_chinese(case):
    """Under zh the refusal and both buttons are in Chinese."""
    tuner = WeightTuner(case.team("sales"), case, lang="zh", chart=False)
    _other_tab_saves(case, 10, 20)
    tuner.sliders["KR1.1"].value = 20
    tuner.sliders["KR1.3"].value = 15
    tuner.save_button.click()
    assert "已被别人修改" in tuner.message.text and "另存为" in tuner.message.text
    assert tuner.stale.reload_button.description == "重新载入（放弃我的修改）"
    assert tuner.stale.save_as_button.description == "另存我的版本"


def test_a_tuner_opened_on_a_case_loaded_before_another_save_refuses(case):
    """Case loaded, file saved elsewhere, tuner opened on the old case: its save is refused."""
    fresh = load_case(case.path)
    _other_tab_saves(fresh, 10, 20)
    tuner = WeightTuner(case.team("sales"), case, lang="en", chart=False)
    tuner.save_button.click()
    assert tuner.message.level == "error" and tuner.stale.visible
    assert load_case(case.path).team("sales").key_result("KR1.1").weight == 10
