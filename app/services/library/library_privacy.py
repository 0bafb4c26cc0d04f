"""Personal data still in a case that arrives from another office (we do not know its people)."""

from __future__ import annotations

from app.workflow.anonymise import Anonymiser, PersonalData

# What the anonymiser's patterns find without knowing anyone: numbers, addresses, e-mails.
_PATTERN_KINDS = ("证件号码", "电话", "电子邮箱", "地址", "邮政编码")


def personal_data_in(text: str) -> list[str]:
    """Kinds of personal data the anonymiser's patterns still find in ``text`` (e.g. ["证件号码"])."""
    probe = Anonymiser(PersonalData(applicant=""))
    probe(text)
    return sorted({r.kind for r in probe.replacements if r.kind in _PATTERN_KINDS})
