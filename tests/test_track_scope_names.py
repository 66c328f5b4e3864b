"""The roll-up table names its scopes as the case does and says the level in the chosen language."""

from __future__ import annotations

from datetime import date

from track_helpers import CASE, checkin, view

from okrkit.track.tables import scope_table


def _rollup(tmp_path, lang):
    picture = view(tmp_path, [checkin(day=date(2015, 6, 1))])
    return scope_table(picture, lang, CASE)


def test_zh_rollup_says_the_company_and_department_in_chinese(tmp_path):
    """范围 and 层级 read A公司 / 公司 and 销售部 / 部门, not gm / company or sales / department."""
    table = _rollup(tmp_path, "zh")
    assert set(zip(table["范围"], table["层级"], strict=True)) == {
        ("A公司", "公司"),
        ("销售部", "部门"),
    }


def test_en_rollup_names_the_company_and_the_department(tmp_path):
    """In English the scopes are Company A and Sales department, the levels capitalised words."""
    table = _rollup(tmp_path, "en")
    assert set(zip(table["Scope"], table["Level"], strict=True)) == {
        ("Company A", "Company"),
        ("Sales department", "Department"),
    }
