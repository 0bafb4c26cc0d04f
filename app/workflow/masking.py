"""Masks for personal data shown on screen and kept in the audit (个人信息保护法: least exposure)."""

from __future__ import annotations

# The audit labels whose old/new values are stored masked.
MASKED_FIELDS = {"证件号码": "id", "联系电话": "phone"}


def mask_id(number: str) -> str:
    """1101**********002X: the first and last four characters of an ID number."""
    s = (number or "").strip()
    if len(s) <= 4:
        return "*" * len(s)
    keep = 4 if len(s) > 8 else 1
    return s[:keep] + "*" * (len(s) - 2 * keep) + s[-keep:]


def mask_phone(phone: str) -> str:
    """138****0000: the first three and last four digits of a phone number."""
    s = (phone or "").strip()
    if len(s) <= 4:
        return "*" * len(s)
    if len(s) < 8:
        return "*" * (len(s) - 2) + s[-2:]
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def mask_field(label: str, value: str) -> str:
    """The value as the audit keeps it: masked for the labels in MASKED_FIELDS."""
    kind = MASKED_FIELDS.get(label)
    if kind is None or not value:
        return value
    return mask_id(value) if kind == "id" else mask_phone(value)
