"""The drafting tab shows each unreadable field's message under that field (QA polish)."""

from __future__ import annotations

import pytest

from okrkit import draft
from okrkit.model import Text
from okrkit.widgets.drafting import DraftingWidget


def _one_kr(lang: str) -> DraftingWidget:
    widget = DraftingWidget(lang=lang)
    widget.add_objective()
    widget.add_key_result()
    widget.fields["unit"].value = "家" if lang == "zh" else "visits"
    return widget


def _shown(widget: DraftingWidget) -> dict[str, str]:
    """Field -> the message under it, for every field that has one on screen."""
    return {
        name: area.text
        for name, area in widget.field_messages.items()
        if area.text and area.layout.display != "none"
    }


def test_parse_field_names_the_field_it_refused():
    """A weight of '十五%' is refused with a FieldError whose field is 'weight'."""
    with pytest.raises(draft.FieldError) as caught:
        draft.parse_field("weight", "十五%")
    assert caught.value.field == "weight"


def test_parse_field_names_the_field_for_a_wrong_unit():
    """A target of '35个' on a KR counted in 家 is refused on field 'target', in zh and en."""
    with pytest.raises(draft.FieldError) as caught:
        draft.parse_field("target", "35个", Text(zh="家", en="visits"))
    error = caught.value
    assert error.field == "target" and "以家计" in error.zh and "in visits" in str(error)


def test_a_blank_team_id_is_refused_on_field_id():
    """parse_team_id('  ') raises a FieldError on field 'id', saying so in zh and en."""
    with pytest.raises(draft.FieldError) as caught:
        draft.parse_team_id("  ")
    error = caught.value
    assert error.field == "id" and "不能为空" in error.zh and "not blank" in str(error)


def test_an_unreadable_weight_shows_its_message_under_the_weight_field_zh():
    """'十五%' in 权重 puts the Chinese reason under the weight field and nowhere else."""
    widget = _one_kr("zh")
    widget.fields["weight"].value = "十五%"
    shown = _shown(widget)
    assert list(shown) == ["weight"] and "0.15" in shown["weight"]


def test_a_target_in_another_unit_shows_its_message_under_the_target_field_en():
    """'35 calls' as a target of a KR counted in visits: the English reason under Target."""
    widget = _one_kr("en")
    widget.fields["target"].value = "35 calls"
    shown = _shown(widget)
    assert list(shown) == ["target"] and "in visits" in shown["target"]


def test_fixing_the_field_clears_its_message():
    """Typing a readable weight after '十五%' removes the message under the field and the summary."""
    widget = _one_kr("en")
    widget.fields["weight"].value = "fifteen"
    widget.fields["weight"].value = "15%"
    assert _shown(widget) == {} and widget.message.text == ""


def test_each_unreadable_field_has_its_own_message():
    """Two unreadable fields of one KR each show their own message under them."""
    widget = _one_kr("zh")
    widget.fields["weight"].value = "十五%"
    widget.fields["penalty"].value = "-1"
    shown = _shown(widget)
    assert set(shown) == {"weight", "penalty"} and "分数，0或以上" in shown["penalty"]


def test_the_field_message_follows_the_selected_key_result():
    """The message under Weight belongs to its KR: gone when another KR is selected, back after."""
    widget = _one_kr("en")
    first = widget.kr_select.value
    widget.fields["weight"].value = "thirty"
    second = widget.add_key_result()
    assert widget.kr_select.value == second and _shown(widget) == {}
    widget.kr_select.value = first
    assert list(_shown(widget)) == ["weight"]


def test_a_blank_team_id_shows_its_message_under_the_id_field():
    """Clearing the team id shows '团队编号（不能为空）' under the id field; the draft keeps its id."""
    widget = DraftingWidget(lang="zh")
    widget.team_fields["id"].value = "market"
    widget.team_fields["id"].value = ""
    assert list(_shown(widget)) == ["id"] and "不能为空" in _shown(widget)["id"]
    assert widget.team.id == "market"


def test_typing_a_team_id_again_clears_its_message():
    """After a blank id, typing 'market' clears the message under the id field and the summary."""
    widget = DraftingWidget(lang="en")
    widget.team_fields["id"].value = ""
    widget.team_fields["id"].value = "market"
    assert _shown(widget) == {} and widget.message.text == "" and widget.team.id == "market"


def test_save_is_refused_while_the_team_id_is_blank(tmp_path):
    """A blank id on screen is not saved as the last good id: save writes nothing, says why."""
    widget = DraftingWidget(lang="en")
    widget.team_fields["path"].value = str(tmp_path / "team.yaml")
    widget.team_fields["id"].value = ""
    assert widget.save() is None
    assert not (tmp_path / "team.yaml").exists() and "not blank" in widget.message.text
