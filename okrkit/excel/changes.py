"""What an import would do that a person should see before it is written.

The dangerous change is a key result whose **text changed while its numbers
were kept**: the sheet shows only the text and the weight, so a target, unit,
baseline, penalty or cap comes from the team file — from the key result the
row was matched to. When that match was made by a *similar* text (the sheet
had lost its hidden ids), the old number may not belong to the new sentence
("每周有效电话100个" edited to "每月拜访客户20家" keeps target 100). Such
changes are listed, in zh and en, and the import refuses them unless the
person accepts them (``okrkit import --accept-changes``).

A text edited in a row that kept its hidden id is the same key result
reworded; it is shown as a note, not refused — unless the numbers written in
the text changed ("降低8%" edited to "降低10%" would keep target 8): the deck
writes the target into the sentence, so a new number there with the old one
kept in the file is the same silent misreading, and is refused too. New and
removed key results are notes: they attach no old number to anything.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from okrkit.errors import OkrkitError
from okrkit.excel.match import text_key
from okrkit.excel.merge import Merged
from okrkit.excel.read import SheetTable
from okrkit.model import KeyResult
from okrkit.tables import kr_label


@dataclass(frozen=True)
class CarriedChange:
    """A key result whose text changed while the numbers below were kept."""

    kr_id: str
    cell: str  # e.g. 销售部!D4
    old_text: str
    new_text: str
    kept: tuple[tuple[str, str, str], ...]  # (English label, Chinese label, value)
    how: str  # "similar" (refused unless accepted) or "id" (a note)
    numbers_changed: bool = False  # the numbers written in the text differ

    @property
    def needs_acceptance(self) -> bool:
        return self.how != "id" or self.numbers_changed

    def render(self, lang: str = "en") -> str:
        """``销售部!D4: KR1.2 …: old '…' → new '…'; would keep target 100 个`` in ``lang``."""
        if lang == "zh":
            kept = "，".join(f"{zh} {value}" for _, zh, value in self.kept)
            how = "按相似文字匹配（没有隐藏编号）" if self.how == "similar" else "按隐藏编号匹配"
            if self.numbers_changed and self.how == "id":
                how += "，但文字里的数字变了"
            return (
                f"{self.cell}: {self.kr_id} 的文字已改，{how}：原「{self.old_text}」→ "
                f"新「{self.new_text}」；将保留{kept}"
            )
        kept = ", ".join(f"{en} {value}" for en, _, value in self.kept)
        how = (
            "matched by a similar text (no hidden id)"
            if self.how == "similar"
            else ("matched by its hidden id")
        )
        if self.numbers_changed and self.how == "id":
            how += ", but the numbers in the text changed"
        return (
            f"{self.cell}: {self.kr_id}'s text changed, {how}: old {self.old_text!r} → "
            f"new {self.new_text!r}; would keep {kept}"
        )


def _number(value: float) -> str:
    return f"{value:g}"


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """The numbers written in a text, full-width digits included ('降低８%' → [8.0])."""
    return [float(n) for n in _DIGITS.findall(unicodedata.normalize("NFKC", text or ""))]


def kept_numbers(kr: KeyResult, lang: str) -> tuple[tuple[str, str, str], ...]:
    """The numbers a matched key result brings from the team file (what the sheet cannot show)."""
    unit = kr.unit.get(lang)
    kept = []
    if kr.target is not None:
        value = f"{_number(kr.target)} {unit}".strip() if unit else _number(kr.target)
        kept.append(("target", "目标值", value))
    elif unit:
        kept.append(("unit", "单位", unit))
    if kr.baseline is not None:
        kept.append(("baseline", "基线", _number(kr.baseline)))
    if kr.penalty is not None:
        kept.append(("penalty", "每次扣分", _number(kr.penalty)))
    if kr.cap is not None:
        kept.append(("cap", "扣分上限", _number(kr.cap)))
    return tuple(kept)


def carried_changes(merged: Merged, table: SheetTable) -> list[CarriedChange]:
    """Every matched key result whose text changed while it keeps numbers, in sheet order."""
    lang = table.lang
    found = []
    for match, kr_id in zip(merged.matches, merged.ids, strict=True):
        old = match.old
        if old is None or match.how == "text":
            continue
        new_kr = merged.team.key_result(kr_id)
        if new_kr.text.get(lang) == old.text.get(lang):
            continue
        kept = kept_numbers(old, lang)
        if kept:
            found.append(
                CarriedChange(
                    kr_id=kr_id,
                    cell=table.kr_cell(match.row),
                    old_text=kr_label(old, lang),
                    new_text=match.row.text,
                    kept=kept,
                    how=match.how,
                    numbers_changed=numbers_in(old.text.get(lang) or "")
                    != numbers_in(match.row.text),
                )
            )
    return found


def other_notes(merged: Merged, table: SheetTable, lang: str) -> list[str]:
    """New, removed and reworded-without-numbers key results, one line each in ``lang``."""
    lines = []
    for match, kr_id in zip(merged.matches, merged.ids, strict=True):
        if match.how == "similar" and not kept_numbers(match.old, table.lang):
            cell, old, new = (
                table.kr_cell(match.row),
                kr_label(match.old, table.lang),
                match.row.text,
            )
            if text_key(old) != text_key(new):
                lines.append(
                    f"{cell}: {kr_id} 按相似文字匹配：原「{old}」→ 新「{new}」"
                    if lang == "zh"
                    else f"{cell}: {kr_id} matched by a similar text: old {old!r} → new {new!r}"
                )
        if match.old is None:
            cell, text = table.kr_cell(match.row), match.row.text
            lines.append(
                f"{cell}: 新关键成果 {kr_id}「{text}」"
                if lang == "zh"
                else (f"{cell}: new key result {kr_id} {text!r}")
            )
    for kr in merged.removed:
        text = kr_label(kr, table.lang)
        lines.append(
            f"{table.sheet}: 已删除关键成果 {kr.id}「{text}」"
            if lang == "zh"
            else (f"{table.sheet}: key result {kr.id} {text!r} removed")
        )
    return lines


class UnconfirmedChanges(OkrkitError):
    """The import would keep old numbers under new texts; nothing was written."""

    def __init__(self, file, changes: list[CarriedChange]):
        self.file = str(file)
        self.changes = list(changes)
        super().__init__(self.render("en"), zh=self.render("zh"))

    def render(self, lang: str = "en") -> str:
        """Each change on its own line, then what to do, in ``lang``."""
        lines = [f"{self.file}: {change.render(lang)}" for change in self.changes]
        n = len(self.changes)
        if lang == "zh":
            lines.append(
                f"okrkit import：{n}个关键成果的文字改了，但会沿用原来的目标值/单位；没有写入任何文件。"
                "请核对：若这些数字仍然适用，加 --accept-changes 再运行；否则在团队文件里改目标值，"
                "或在表中恢复原文字。"
            )
        else:
            lines.append(
                f"okrkit import: {n} key result{'' if n == 1 else 's'} would keep the old "
                "target/unit under a new text; nothing was written. Check them: if the numbers still fit, run again with "
                "--accept-changes; otherwise change the target in the team file or restore the "
                "text in the sheet."
            )
        return "\n".join(lines)
