"""What the annual report's full text (Word/PDF) may not be exported with: “（请填写）” left in a
section, and a 表二 of zeros nobody confirmed (as an empty section 五 is refused)."""

from __future__ import annotations

from app.errors import ValidationError
from app.workflow.annual_report_data import (
    TEXT_SECTIONS, TO_FILL, AnnualReportData, is_part_heading,
)

ZERO_CONFIRMED = "all_zero_confirmed"      # kept in table2_json beside the figures


def placeholder_parts(data: AnnualReportData) -> dict[str, list[str]]:
    """Section key → the parts (or the section itself) whose printed text still says “（请填写）”."""
    found: dict[str, list[str]] = {}
    for key, heading in TEXT_SECTIONS.items():
        part = heading
        for line in data.section_text(key).splitlines():
            if is_part_heading(line):
                part = line.strip()
            elif TO_FILL in line and part not in found.get(key, []):
                found.setdefault(key, []).append(part)
    return found


def refuse_placeholders(data: AnnualReportData) -> None:
    found = placeholder_parts(data)
    if not found:
        return
    key, parts = next(iter(found.items()))
    raise ValidationError(
        f"{data.year}年度报告全文未导出：“{TEXT_SECTIONS[key]}”中还有“{TO_FILL}”未写：{'、'.join(parts)}。"
        f"请在“年度报告”页面的正文里写明这些情况，并删去“{TO_FILL}”后再导出。", key)


def table_two_is_zero(data: AnnualReportData) -> bool:
    return not any(data.table2.values())


def refuse_zero_table_two(data: AnnualReportData, confirmed: bool) -> None:
    if confirmed or not table_two_is_zero(data):
        return
    raise ValidationError(
        f"{data.year}年度报告全文未导出：表二“主动公开政府信息情况”各项均为0，看来尚未填写。请在“年度报告”页面"
        "填写表二（规章、规范性文件、行政许可、处罚、强制和收费）；如本年度确实均为0，在该页面导出时确认，"
        "或在命令行加 --table-two-zero（须以用户身份办理）。", "表二")
