"""Exchange files read back (pure): what passes, and each refusal in Chinese naming the file and the problem."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from app.exchange.documents import AgencyId, annual_document, monthly_document, report_from
from app.exchange.format import Period, encode, sha256
from app.exchange.monthly import MonthCase, MonthlyFigures, monthly_figures
from app.exchange.reading import read_delivery
from app.exchange.writing import write_export
from app.workflow.annual_counts import Table3, Table4
from app.workflow.annual_report_data import AnnualReportData, FeeFigures, table2_from
from tests.workflow.test_annual_counts import EXPECTED_2025

AGENCY = AgencyId("11440300MB2C12345X", "某某市自然资源和规划局")
NOW = datetime(2026, 1, 20, 9, 30)
ANNUAL = f"{AGENCY.code}_annual-report_2025.json"
MARCH = f"{AGENCY.code}_monthly-statistics_2025-03.json"
MANIFEST = f"{AGENCY.code}_manifest_2025.json"
T4 = Table4({"行政复议": (1, 1, 0, 1, 3), "未经复议直接起诉": (0, 0, 0, 1, 1), "复议后起诉": (0, 0, 0, 0, 0)})


def report() -> AnnualReportData:
    return AnnualReportData(2025, AGENCY.name, table2_from({"licences": 7}), Table3(EXPECTED_2025), T4,
                            FeeFigures(2, 150.0, 100.0), {"五": "无。", "六": "无。"}, locked=True)


@pytest.fixture
def delivery(tmp_path) -> Path:
    march = MonthlyFigures(19, 2, 2, 1, {"一.0": 1, "三.1": 1})
    write_export(tmp_path, AGENCY, Period(2025), [annual_document(AGENCY, report(), NOW),
                                                 monthly_document(AGENCY, Period(2025, 3), march, NOW)], NOW)
    return tmp_path


def rewrite(folder: Path, name: str, change, keep_manifest_true: bool = True) -> None:
    """Change a file's document and, as a careful forger would, its manifest entry too."""
    path = folder / name
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    data = encode(doc)
    path.write_bytes(data)
    if keep_manifest_true:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        entry = next(e for e in manifest["files"] if e["name"] == name)
        entry["sha256"], entry["bytes"] = sha256(data), len(data)
        (folder / MANIFEST).write_bytes(encode(manifest))


def refusal(paths) -> str:
    items, problems = read_delivery(paths)
    assert problems, "expected a refusal"
    return "\n".join(problems)


def test_a_clean_delivery_reads_back_as_written(delivery):
    items, problems = read_delivery([delivery])
    assert problems == []
    assert sorted(i.file for i in items) == [ANNUAL, MARCH]
    back = report_from(next(i.document for i in items if i.file == ANNUAL))
    assert back.table3 == Table3(EXPECTED_2025) and back.table4 == T4
    assert back.fees == FeeFigures(2, 150.0, 100.0) and back.table2["licences"] == 7
    assert back.sections == {"一": report().section_text("一"), "五": "无。", "六": report().section_text("六")}


def test_the_manifest_given_alone_brings_its_files(delivery):
    items, problems = read_delivery([delivery / MANIFEST])
    assert problems == [] and sorted(i.file for i in items) == [ANNUAL, MARCH]


def test_a_tampered_file_is_refused(delivery):
    rewrite(delivery, ANNUAL, lambda d: d["data"]["table3"]["new"].__setitem__(0, 6), keep_manifest_true=False)
    assert refusal([delivery]) == (f"文件“{ANNUAL}”的SHA-256校验值与清单不符：文件在导出后被改动过（可能被篡改），"
                                   "请向来源机关核实并重新发送。")


def test_a_truncated_file_is_refused(delivery):
    data = (delivery / MARCH).read_bytes()
    (delivery / MARCH).write_bytes(data[:len(data) // 2])
    assert refusal([delivery / MARCH]) == (f"文件“{MARCH}”长度为{len(data) // 2}字节，清单记载为{len(data)}字节："
                                           "文件不完整（可能在传输中被截断），请来源机关重新发送。")


def test_a_truncated_file_without_its_manifest_entry_is_still_refused(delivery):
    data = (delivery / MARCH).read_bytes()
    rewrite(delivery, MARCH, lambda d: None)
    manifest = json.loads((delivery / MANIFEST).read_text("utf-8"))
    (delivery / MARCH).write_bytes(data[:200])
    next(e for e in manifest["files"] if e["name"] == MARCH).update(sha256=sha256(data[:200]), bytes=200)
    (delivery / MANIFEST).write_bytes(encode(manifest))
    assert f"文件“{MARCH}”不是完整的JSON（第" in refusal([delivery]) and "被截断或损坏" in refusal([delivery])


def test_a_wrong_version_is_refused(delivery):
    rewrite(delivery, ANNUAL, lambda d: d.update(version=2))
    assert refusal([delivery]) == f"文件“{ANNUAL}”的格式版本为“2”，本程序只能读取版本1。"


def test_a_manifest_of_a_wrong_version_is_refused_and_its_files_with_it(delivery):
    manifest = json.loads((delivery / MANIFEST).read_text("utf-8"))
    manifest["version"] = 2
    (delivery / MANIFEST).write_bytes(encode(manifest))
    text = refusal([delivery])
    assert f"文件“{MANIFEST}”的格式版本为“2”，本程序只能读取版本1。" in text
    assert f"文件“{ANNUAL}”没有列在同一文件夹的清单" in text


def test_a_schema_violation_is_refused_naming_the_place(delivery):
    rewrite(delivery, ANNUAL, lambda d: d["data"]["table3"]["new"].__setitem__(0, -1))
    assert refusal([delivery]) == (f"文件“{ANNUAL}”不符合交换格式（docs/exchange-v1.schema.json）："
                                   "data.table3.new[0]为-1，超出允许范围（不小于0）。")
    rewrite(delivery, ANNUAL, lambda d: (d["data"]["table3"]["new"].__setitem__(0, 5), d["data"].pop("table4")))
    assert "data缺少“table4”" in refusal([delivery])
    rewrite(delivery, MARCH, lambda d: d["period"].pop("month"))
    assert f"文件“{MARCH}”不符合交换格式" in refusal([delivery])


def test_figures_that_contradict_each_other_are_refused(delivery):
    rewrite(delivery, ANNUAL, lambda d: d["data"]["table3"]["new"].__setitem__(0, 6))
    text = refusal([delivery])
    assert text.startswith(f"文件“{ANNUAL}”中的数字不能自洽：【错误】表三")
    rewrite(delivery, ANNUAL, lambda d: d["data"]["table3"]["new"].__setitem__(0, 5))
    rewrite(delivery, MARCH, lambda d: d["data"].update(closed=3))
    assert refusal([delivery]) == (f"文件“{MARCH}”中的月度统计不能自洽：各项办理结果之和为2，不等于本月办结3。")


def test_a_file_outside_any_manifest_and_a_missing_listed_file_are_refused(delivery, tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / ANNUAL).write_bytes((delivery / ANNUAL).read_bytes())
    assert refusal([loose / ANNUAL]) == (f"文件“{ANNUAL}”没有列在同一文件夹的清单（*_manifest_*.json）中，"
                                         "无法核对完整性：请连同清单一起导入。")
    (delivery / MARCH).unlink()
    assert refusal([delivery]) == f"清单“{MANIFEST}”列出的文件“{MARCH}”不存在：交付不完整。"


def test_something_else_entirely_is_refused(tmp_path):
    (tmp_path / "x_manifest_2025.json").write_text('{"format": "other"}', encoding="utf-8")
    assert refusal([tmp_path]) == "文件“x_manifest_2025.json”不是依申请公开数据交换文件（format 应为“disclosure-desk-exchange”）。"
    assert refusal([tmp_path / "nowhere"]) == f"文件或文件夹“{tmp_path / 'nowhere'}”不存在。"


def test_monthly_figures_by_hand():
    from datetime import date as d
    cases = [MonthCase(d(2025, 3, 3), None, None, None, None),                       # received, open
             MonthCase(d(2025, 2, 20), d(2025, 3, 10), d(2025, 3, 12), d(2025, 3, 11), "一.0"),   # served late
             MonthCase(d(2025, 3, 1), d(2025, 3, 20), d(2025, 3, 20), d(2025, 3, 25), "三.1"),   # on time
             MonthCase(d(2025, 3, 2), d(2025, 3, 21), d(2025, 3, 21), None, "五.2"),            # no due date
             MonthCase(d(2025, 3, 5), d(2025, 3, 22), d(2025, 3, 22), d(2025, 4, 1), None),     # no outcome
             MonthCase(d(2025, 1, 5), d(2025, 4, 2), d(2025, 4, 2), d(2025, 4, 3), "一.0")]     # April
    m = monthly_figures(cases, 2025, 3)
    assert (m.received, m.closed, m.timed, m.on_time) == (4, 3, 2, 1)
    assert {k: v for k, v in m.outcomes.items() if v} == {"一.0": 1, "三.1": 1, "五.2": 1}
    assert len(m.outcomes) == 21
