"""The drafting widget driven headlessly, and the pure draft operations under it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit import draft
from okrkit.cases import load_case
from okrkit.model import Text
from okrkit.widgets.drafting import DraftingWidget
from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parent.parent
WORKED = ROOT / "cases" / "a-company"


def copy_case(tmp_path: Path) -> Path:
    target = tmp_path / "a-company"
    shutil.copytree(WORKED, target)
    return target


def codes(widget: DraftingWidget) -> set[str]:
    return {
        code
        for code in (
            "OKR" + part.split(" ")[0] for part in widget.findings.value.split("<b>OKR")[1:]
        )
    }


def type_kr(widget: DraftingWidget, text: str, weight: str, **fields) -> None:
    widget.add_key_result()
    widget.fields["text"].value = text
    widget.fields["weight"].value = weight
    for name, value in fields.items():
        widget.fields[name].value = value


def build_two_objectives(widget: DraftingWidget) -> None:
    widget.add_objective()
    widget.fields["title"].value = "打开华南市场"
    type_kr(widget, "华南新增客户30家", "30%", target="30", direction="at_least")
    type_kr(widget, "每月拜访潜在客户20家", "20", target="20", direction="at_least", kind="process")
    kr_id = widget.kr_select.value
    widget.fields["feeds"].value = "KR1.1"
    assert widget.team.key_result(kr_id).feeds == "KR1.1"
    widget.add_objective()
    widget.fields["title"].value = "提升品牌影响力"
    type_kr(widget, "行业展会参展2次", "0.3", target="2", direction="at_least")
    type_kr(widget, "官网线索每月50条", "20%", target="50", direction="at_least")


def test_blank_team_to_two_objectives_save_reload_equal(tmp_path):
    """From blank: two objectives, findings change as they fill, save, reload, equal."""
    widget = DraftingWidget()
    assert "OKR102" in codes(widget)  # a blank team has no objective
    widget.team_fields["id"].value = "market"
    widget.team_fields["name"].value = "市场部"
    widget.add_objective()
    widget.fields["title"].value = "打开华南市场"
    assert "OKR103" in codes(widget) and "OKR102" not in codes(widget)
    widget.objective_select.value = widget.objective_select.options[0][1]
    widget.remove_objective()
    build_two_objectives(widget)
    assert "OKR103" not in codes(widget) and "OKR201" not in codes(widget)
    assert "打开华南市场" in widget.preview.value and "100%" in widget.preview.value
    assert widget.summary.value.startswith("教练：0个错误")
    path = tmp_path / "market.yaml"
    widget.team_fields["path"].value = str(path)
    widget.save()
    assert widget.message.level == "ok", widget.message.text
    saved = widget.team
    reloaded = DraftingWidget(path=path)
    reloaded.load()
    strip = lambda team: replace(  # noqa: E731
        team,
        source=None,
        objectives=tuple(
            replace(o, line=None, key_results=tuple(replace(k, line=None) for k in o.key_results))
            for o in team.objectives
        ),
    )
    assert strip(reloaded.team) == strip(saved)
    assert [o.title.zh for o in reloaded.team.objectives] == ["打开华南市场", "提升品牌影响力"]


def test_invalid_weight_keeps_the_typed_text_and_shows_the_message():
    """'十五%' in the weight field stays there, the message says why, the draft keeps 30."""
    widget = DraftingWidget()
    build_two_objectives(widget)
    widget.objective_select.value = "O1"
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "十五%"
    assert widget.fields["weight"].value == "十五%"
    assert widget.message.level == "error"
    assert "KR权重" in widget.message.text and "0.15" in widget.message.text
    assert widget.team.key_result("KR1.1").weight == 30.0
    assert "weight" in widget.invalid
    widget.fields["weight"].value = "25%"
    assert widget.team.key_result("KR1.1").weight == 25.0 and not widget.invalid
    assert widget.message.text == ""
    assert "OKR201" in codes(widget)  # 95 now


def test_typed_text_survives_switching_key_results():
    """An unreadable weight comes back, with its message, when its KR is selected again."""
    widget = DraftingWidget()
    build_two_objectives(widget)
    widget.objective_select.value = "O1"
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "三十"
    widget.kr_select.value = "KR1.2"
    assert widget.fields["weight"].value == "20%" and widget.invalid == {}
    widget.kr_select.value = "KR1.1"
    assert widget.fields["weight"].value == "三十"
    assert "weight" in widget.invalid and widget.message.level == "error"


def test_removing_a_supported_objective_cannot_be_saved(tmp_path):
    """Removing the GM objective that sales supports is refused at save: the case would break."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "gm")
    before = (folder / "teams" / "gm.yaml").read_bytes()
    widget.objective_select.value = "O3"
    widget.remove_objective()
    widget.save()
    assert widget.message.level == "error" and "O3" in widget.message.text
    assert (folder / "teams" / "gm.yaml").read_bytes() == before


def test_save_refuses_while_a_field_is_invalid(tmp_path):
    """With an unreadable field, save writes nothing and says which field."""
    widget = DraftingWidget()
    build_two_objectives(widget)
    widget.fields["target"].value = "lots"
    widget.team_fields["path"].value = str(tmp_path / "x.yaml")
    widget.save()
    assert widget.message.level == "error" and not (tmp_path / "x.yaml").exists()


def test_existing_team_edit_and_save_keeps_previous(tmp_path):
    """Editing the worked sales team and saving writes the file and keeps a .bak."""
    folder = copy_case(tmp_path)
    case = load_case(folder)
    widget = DraftingWidget(case, "sales")
    assert widget.fields["supports"].value == "O1"
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "10%"
    widget.kr_select.value = "KR1.2"
    widget.fields["weight"].value = "20%"
    widget.save()
    assert (folder / "teams" / "sales.yaml.bak").exists()
    again = load_case(folder).team("sales")
    assert again.key_result("KR1.1").weight == 10.0 and again.key_result("KR1.2").weight == 20.0


def test_supports_dropdown_offers_the_parent_objectives():
    """The parent-objective dropdown lists the parent team's objectives; choosing clears OKR601."""
    case = load_case(WORKED)
    team = case.team("finance")
    first = replace(team.objectives[0], supports=None)
    widget = DraftingWidget(case, team=replace(team, objectives=(first, team.objectives[1])))
    values = [value for _, value in widget.fields["supports"].options]
    assert values == ["", "O1", "O2", "O3"]
    assert "OKR601" in codes(widget)
    widget.fields["supports"].value = "O2"
    assert "OKR601" not in codes(widget)


def test_reorder_objectives_and_key_results():
    """Up/down buttons reorder objectives and KRs and the preview follows."""
    widget = DraftingWidget()
    build_two_objectives(widget)
    widget.objective_select.value = "O2"
    widget.buttons["objective_up"].click()
    assert [o.id for o in widget.team.objectives] == ["O2", "O1"]
    assert widget.preview.value.index("提升品牌影响力") < widget.preview.value.index("打开华南市场")
    widget.objective_select.value = "O1"
    widget.kr_select.value = "KR1.2"
    widget.buttons["kr_up"].click()
    assert [k.id for k in widget.team.objective("O1").key_results] == ["KR1.2", "KR1.1"]
    widget.buttons["kr_remove"].click()
    assert [k.id for k in widget.team.objective("O1").key_results] == ["KR1.1"]


def test_load_of_a_broken_file_shows_the_located_error(tmp_path):
    """Loading a file with a bad weight shows the located message in the widget."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nname: X\nlevel: department\nobjectives:\n  - id: O1\n    title: t\n"
        "    key_results:\n      - id: KR1.1\n        text: k\n        weight: 十五%\n",
        encoding="utf-8",
    )
    widget = DraftingWidget(path=bad)
    widget.load()
    assert widget.message.level == "error"
    assert "bad.yaml:10" in widget.message.text and "weight" in widget.message.text


# -- the pure operations


def test_operations_never_change_their_input():
    """add/update/move/remove return new teams; the original stays as it was."""
    team = load_case(WORKED).team("sales")
    before = repr(team)
    draft.update_key_result(team, "KR1.1", weight=10.0)
    draft.move_objective(team, "O1", 1)
    draft.remove_key_result(team, "KR2.2")
    draft.add_objective(team, "新目标")
    assert repr(team) == before


def test_removing_a_result_drops_links_to_it():
    """Removing a result KR leaves no process KR feeding a missing id."""
    team = draft.remove_key_result(load_case(WORKED).team("sales"), "KR2.2")
    assert all(kr.feeds != "KR2.2" for _, kr in team.key_results())


def test_set_text_drops_the_stale_translation():
    """Changing the Chinese text drops the English one; an unchanged text keeps both."""
    old = Text(zh="提升回款率", en="Raise the collection rate")
    assert draft.set_text(old, "提升回款率", "zh") is old
    assert draft.set_text(old, "加快回款", "zh") == Text(zh="加快回款")


@pytest.mark.parametrize(
    ("raw", "points"), [("15", 15.0), ("15%", 15.0), ("0.15", 15.0), ("１５％", 15.0), ("", None)]
)
def test_parse_weight_field(raw, points):
    """The weight field reads the documented percent spellings; blank is None."""
    assert draft.parse_field("weight", raw) == points


@pytest.mark.parametrize("raw", ["十五%", "1", "150", "-5"])
def test_parse_weight_field_refuses_the_rest(raw):
    """Ambiguous or impossible weights raise ValueError with the reason."""
    with pytest.raises(ValueError):
        draft.parse_field("weight", raw)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["add_o", "add_k", "up", "down", "rm_k", "rm_o"]), max_size=25))
def test_random_edits_keep_ids_unique_and_links_valid(steps):
    """Any sequence of edits keeps objective and KR ids unique and feeds pointing at real KRs."""
    team = draft.blank_team()
    for step in steps:
        if step == "add_o" or not team.objectives:
            team, _ = draft.add_objective(team, "目标")
        objective = team.objectives[-1]
        if step == "add_k":
            team, kr_id = draft.add_key_result(team, objective.id, "成果")
            first = next((k for _, k in team.key_results() if k.id != kr_id), None)
            if first is not None:
                team = draft.update_key_result(team, kr_id, kind="process", feeds=first.id)
        elif step in ("up", "down"):
            team = draft.move_objective(team, objective.id, -1 if step == "up" else 1)
        elif step == "rm_k" and objective.key_results:
            team = draft.remove_key_result(team, objective.key_results[0].id)
        elif step == "rm_o":
            team = draft.remove_objective(team, objective.id)
    o_ids = [o.id for o in team.objectives]
    k_ids = [k.id for _, k in team.key_results()]
    assert len(o_ids) == len(set(o_ids)) and len(k_ids) == len(set(k_ids))
    assert all(k.feeds is None or k.feeds in k_ids for _, k in team.key_results())


def test_invalid_cap_explains_in_chinese():
    """A negative deduction cap is refused with a Chinese reason under zh."""
    widget = DraftingWidget(lang="zh")
    build_two_objectives(widget)
    widget.objective_select.value = "O1"
    widget.kr_select.value = "KR1.1"
    widget.fields["cap"].value = "-3"
    assert widget.message.level == "error"
    assert "分数，0或以上" in widget.message.text


# -- a save refused because someone else saved first: reload or save as


def _other_tab_saves(folder: Path, weight: str = "10%") -> bytes:
    """A second drafting widget on the same team (another browser tab) saves first."""
    other = DraftingWidget(load_case(folder), "sales", lang="en")
    other.kr_select.value = "KR1.1"
    other.fields["weight"].value = weight
    other.kr_select.value = "KR1.2"
    other.fields["weight"].value = "20%" if weight == "10%" else "15%"
    other.buttons["save"].click()
    assert other.message.level == "ok", other.message.text
    return (folder / "teams" / "sales.yaml").read_bytes()


def _my_edit(widget: DraftingWidget) -> None:
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "20%"
    widget.kr_select.value = "KR1.3"
    widget.fields["weight"].value = "15%"


def test_a_stale_save_is_refused_and_offers_reload_and_save_as(tmp_path):
    """Someone saved since the widget opened: nothing written, the message, two buttons shown."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    theirs = _other_tab_saves(folder)
    _my_edit(widget)
    assert not widget.stale.visible
    widget.buttons["save"].click()
    assert widget.message.level == "error" and "changed by someone else" in widget.message.text
    assert "sales.yaml" in widget.message.text and widget.stale.visible
    assert (folder / "teams" / "sales.yaml").read_bytes() == theirs
    assert widget.stale.reload_button.description == "Reload (drop my edits)"
    assert widget.stale.save_as_button.description == "Save mine as a copy"


def test_reload_button_shows_the_file_on_disk_and_the_next_save_works(tmp_path):
    """Reload replaces the draft with the saved file; a save after it is accepted."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    _other_tab_saves(folder)
    _my_edit(widget)
    widget.buttons["save"].click()
    widget.stale.reload_button.click()
    assert widget.team.key_result("KR1.1").weight == 10.0
    assert widget.team.key_result("KR1.3").weight == 20.0
    assert widget.message.level == "info" and not widget.stale.visible
    _my_edit(widget)  # KR1.1 20, KR1.3 15, and KR1.2 15 keeps O1 at 50
    widget.kr_select.value = "KR1.2"
    widget.fields["weight"].value = "15%"
    widget.buttons["save"].click()
    assert widget.message.level == "ok", widget.message.text
    assert load_case(folder).team("sales").key_result("KR1.1").weight == 20.0


def test_save_as_button_keeps_my_draft_in_a_copy_and_theirs_in_the_file(tmp_path):
    """Save-as writes sales.mine-<time>.yaml with my edits; sales.yaml keeps the other save."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    theirs = _other_tab_saves(folder)
    _my_edit(widget)
    widget.buttons["save"].click()
    widget.stale.save_as_button.click()
    copies = sorted((folder / "teams").glob("sales.mine-*.yaml"))
    assert len(copies) == 1 and widget.team_fields["path"].value == str(copies[0])
    mine = draft.load_team_file(copies[0])
    assert mine.key_result("KR1.1").weight == 20.0 and mine.key_result("KR1.3").weight == 15.0
    assert (folder / "teams" / "sales.yaml").read_bytes() == theirs
    assert widget.message.level == "ok" and copies[0].name in widget.message.text
    assert not widget.stale.visible


def test_save_as_refuses_a_draft_with_an_unreadable_field(tmp_path):
    """Save-as checks the draft like save: an unreadable weight is named, no copy written."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    _other_tab_saves(folder)
    _my_edit(widget)
    widget.buttons["save"].click()
    widget.fields["weight"].value = "lots"
    widget.stale.save_as_button.click()
    assert widget.message.level == "error" and "weight" in widget.message.text.lower()
    assert not list((folder / "teams").glob("sales.mine-*.yaml"))


def test_stale_refusal_and_buttons_in_chinese(tmp_path):
    """Under zh the refusal and both buttons are in Chinese."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales")
    _other_tab_saves(folder)
    _my_edit(widget)
    widget.buttons["save"].click()
    assert "已被别人修改" in widget.message.text and "重新载入" in widget.message.text
    assert widget.stale.reload_button.description == "重新载入（放弃我的修改）"
    assert widget.stale.save_as_button.description == "另存我的版本"


def test_a_loaded_file_saved_by_someone_else_is_not_overwritten(tmp_path):
    """Load button, then another save, then save: refused (the load's version counts)."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(path=folder / "teams" / "sales.yaml", lang="en")
    widget.buttons["load"].click()
    theirs = _other_tab_saves(folder)
    _my_edit(widget)
    widget.buttons["save"].click()
    assert widget.stale.visible and (folder / "teams" / "sales.yaml").read_bytes() == theirs


def test_two_saves_from_the_same_widget_are_not_stale(tmp_path):
    """The widget's own save moves its version on: saving again is accepted."""
    folder = copy_case(tmp_path)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    _my_edit(widget)
    widget.buttons["save"].click()
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "15%"
    widget.kr_select.value = "KR1.3"
    widget.fields["weight"].value = "20%"
    widget.buttons["save"].click()
    assert widget.message.level == "ok", widget.message.text


# -- read, then offer: a button fills the fields a KR's words give


def _nps_draft(lang: str = "en") -> DraftingWidget:
    """A blank draft with one KR whose words give direction, baseline and target."""
    widget = DraftingWidget(lang=lang)
    widget.team_fields["name"].value = "Customer success"
    widget.add_objective()
    widget.fields["title"].value = "Customers recommend us"
    widget.add_key_result()
    widget.fields["text"].value = "Increase NPS from 45 to 55"
    return widget


def _blank_kr13(folder: Path) -> Path:
    """sales.yaml with KR1.3's target and direction removed (its words give both)."""
    team_file = folder / "teams" / "sales.yaml"
    replace_in(team_file, "        target: 100%\n        direction: at_least\n", "")
    return team_file


def test_a_kr_whose_words_give_blank_fields_shows_a_button():
    """'from 45 to 55' with blank fields: one button for the KR, naming each field and value."""
    widget = _nps_draft()
    assert list(widget.offer_buttons) == ["KR1.1"]
    assert widget.offer_buttons["KR1.1"].description == "Fill from the words"
    row = widget.offers_box.children[0].children[1].value
    assert "Direction ← increase" in row and "Target ← 55" in row and "Baseline ← 45" in row


def test_the_button_fills_the_offered_fields_into_the_draft():
    """Clicking sets direction, target and baseline on the draft KR and in the editor."""
    widget = _nps_draft()
    widget.offer_buttons["KR1.1"].click()
    kr = widget.team.key_result("KR1.1")
    assert (kr.direction, kr.target, kr.baseline) == ("increase", 55.0, 45.0)
    assert widget.fields["target"].value == "55" and widget.fields["baseline"].value == "45"
    assert widget.fields["direction"].value == "increase"


def test_after_filling_the_coach_offers_nothing_more_for_that_kr():
    """The coach is refreshed: the filled KR's row and the heading are gone, the message says so."""
    widget = _nps_draft()
    widget.offer_buttons["KR1.1"].click()
    assert widget.offer_buttons == {} and widget.offers_box.children == ()
    assert widget.offers_heading.value == ""
    assert widget.message.level == "info" and "Not saved yet" in widget.message.text


def test_filling_marks_a_saved_draft_unsaved(tmp_path):
    """Saved, the draft is clean; the button makes it unsaved and says so beside Save."""
    widget = _nps_draft()
    widget.team_fields["path"].value = str(tmp_path / "new-team.yaml")
    widget.save()
    assert widget.message.level == "ok", widget.message.text
    assert not widget.unsaved and widget.unsaved_label.value == ""
    widget.offer_buttons["KR1.1"].click()
    assert widget.unsaved and "Unsaved changes" in widget.unsaved_label.value


def test_filled_fields_are_written_by_the_save_button(tmp_path):
    """Load a team whose KR lacks target and direction, fill, save: the file has both."""
    folder = copy_case(tmp_path)
    _blank_kr13(folder)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    widget.offer_buttons["KR1.3"].click()
    widget.buttons["save"].click()
    assert widget.message.level == "ok", widget.message.text
    saved = load_case(folder).team("sales").key_result("KR1.3")
    assert (saved.target, saved.direction) == (100.0, "at_least")
    assert not widget.unsaved


def test_filling_then_saving_over_someone_elses_save_is_refused(tmp_path):
    """The button does not bypass the stale check: their save stands, reload / save-as offered."""
    folder = copy_case(tmp_path)
    team_file = _blank_kr13(folder)
    widget = DraftingWidget(load_case(folder), "sales", lang="en")
    theirs = _other_tab_saves(folder)
    widget.offer_buttons["KR1.3"].click()
    widget.buttons["save"].click()
    assert widget.message.level == "error" and widget.stale.visible
    assert team_file.read_bytes() == theirs and widget.unsaved


def test_the_button_and_its_row_speak_chinese_under_zh():
    """Under zh the button, the field labels and the message are Chinese."""
    widget = DraftingWidget(lang="zh")
    widget.add_key_result()
    widget.fields["text"].value = "每周100个有效电话"
    assert widget.offer_buttons["KR1.1"].description == "按文字填入"
    row = widget.offers_box.children[0].children[1].value
    assert "目标值 ← 100" in row and "频率 ← 周" in row and "单位 ← 个" in row
    widget.offer_buttons["KR1.1"].click()
    assert widget.team.key_result("KR1.1").cadence == "week"
    assert "尚未保存" in widget.message.text


def test_no_offer_overwrites_a_field_holding_unreadable_text():
    """Typed 'lots' in Target cannot be read: the button leaves Target out, and the text."""
    widget = _nps_draft()
    widget.fields["target"].value = "lots"
    row = widget.offers_box.children[0].children[1].value
    assert "Target" not in row and "Baseline ← 45" in row
    widget.offer_buttons["KR1.1"].click()
    assert widget.team.key_result("KR1.1").target is None
    assert widget.fields["target"].value == "lots" and "target" in widget.invalid


def test_a_kr_whose_words_give_nothing_has_no_button():
    """'Delight every customer' gives no number or direction: no row, no heading."""
    widget = DraftingWidget(lang="en")
    widget.add_key_result()
    widget.fields["text"].value = "Delight every customer"
    assert widget.offer_buttons == {} and widget.offers_heading.value == ""


def test_a_keystroke_that_changes_no_offer_redraws_no_row():
    """Typing a weight keeps the offer row's widgets as they were (no rebuild per keystroke)."""
    widget = _nps_draft()
    row = widget.offers_box.children[0]
    widget.fields["weight"].value = "40%"
    widget.fields["weight"].value = "45%"
    assert widget.offers_box.children[0] is row


def test_a_typed_baseline_goes_into_the_draft():
    """The editor has a Baseline field; '45' typed there is the KR's baseline."""
    widget = DraftingWidget(lang="en")
    widget.add_key_result()
    widget.fields["baseline"].value = "45"
    assert widget.team.key_result("KR1.1").baseline == 45.0


def test_a_freshly_loaded_team_is_not_unsaved_and_an_edit_makes_it_so():
    """The worked sales team as loaded is clean; one typed weight makes it unsaved."""
    widget = DraftingWidget(load_case(WORKED), "sales", lang="en")
    assert not widget.unsaved
    widget.kr_select.value = "KR1.1"
    widget.fields["weight"].value = "16%"
    assert widget.unsaved


def test_the_direction_dropdown_shows_words_and_keeps_the_value():
    """方向 shows 不少于 (at least in English) while the draft keeps at_least."""
    zh, en = DraftingWidget(lang="zh"), DraftingWidget(lang="en")
    assert ("不少于", "at_least") in zh.fields["direction"].options
    assert ("at least", "at_least") in en.fields["direction"].options
    zh.add_objective()
    type_kr(zh, "华南新增客户30家", "30%", direction="at_least")
    assert zh.team.key_result(zh.kr_select.value).direction == "at_least"


def test_a_target_typed_with_the_kr_unit_reads_as_its_number():
    """With 单位 家, a target typed ３５家 (full-width, as the KR text writes it) reads as 35."""
    widget = DraftingWidget(lang="zh")
    widget.add_objective()
    type_kr(widget, "华南新增客户35家", "30%", unit="家", target="３５家")
    assert widget.team.key_result(widget.kr_select.value).target == 35
    assert widget.message.level != "error", widget.message.text


def test_a_target_with_another_unit_is_refused():
    """With 单位 家, a target typed 35个 is refused naming the KR's unit; the text is kept."""
    widget = DraftingWidget(lang="zh")
    widget.add_objective()
    type_kr(widget, "华南新增客户35家", "30%", unit="家", target="35个")
    assert widget.message.level == "error" and "以家计" in widget.message.text
    assert widget.fields["target"].value == "35个"


def test_draft_reads_a_target_as_actuals_read_an_actual():
    """A percent target on a KR counted in 万元 is refused with the actuals' words."""
    unit = Text(zh="万元", en="10k RMB")
    with pytest.raises(ValueError, match="a number in 10k RMB, not a percent"):
        draft.parse_field("target", "95%", unit)
    assert draft.parse_field("target", "95%", Text(zh="%")) == 95
    assert draft.parse_field("target", "1,400万元", unit) == 1400
