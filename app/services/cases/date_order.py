"""Dates never run backwards (domain §7): a reply or service date is never before the served letter's
成文日期, a 协办 task is never due before its assignment."""

from __future__ import annotations

from datetime import date

from app.errors import ValidationError
from app.exports.letters.data import LetterData
from app.models import Letter
from app.workflow.dates import cn_date, parse_date


def letter_date(letter: Letter) -> date | None:
    """The 成文日期 printed on a stored letter (None for a letter stored without one)."""
    try:
        return parse_date(LetterData.from_json(letter.data_json).issue_date)
    except (ValueError, TypeError):
        return None


def require_on_or_after_letter(letter: Letter, d: date | None, label: str, field: str) -> None:
    """``d`` (答复日期, 送达日期) may not precede the 成文日期 of the letter it records as served."""
    written = letter_date(letter)
    if d is not None and written is not None and d < written:
        raise ValidationError(f"{label}（{cn_date(d)}）早于所送达答复书（{letter.doc_number}）的成文日期"
                              f"{cn_date(written)}，请核对{label}：文书不能在成文之前答复或送达。", field)


def require_task_due_after_assignment(due: date, assigned: date) -> None:
    if due < assigned:
        raise ValidationError(f"协办期限（{cn_date(due)}）不能早于分派日期{cn_date(assigned)}，请重新填写协办期限。",
                              "due_on")
