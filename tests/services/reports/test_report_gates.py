"""The annual report's full text (Word/PDF) is refused while section 一 still says “（请填写）” or 表二 is all
zeros unconfirmed; each refusal names the section and the fix, and each has its allowed path."""

import pytest

from app.errors import PermissionDenied, ValidationError
from tests.services.reports.test_report_service import WRITTEN_ONE, events, svc  # noqa: F401


def _ready_but(svc, clerk, *, one: str = WRITTEN_ONE, table2: dict | None = None):   # noqa: F811
    svc.save_sections(clerk, 2025, {"五": "无", "一": one})
    svc.save_table2(clerk, 2025, {"licences": 7} if table2 is None else table2)


def test_the_draft_of_section_one_is_refused_until_its_placeholders_are_written(svc, clerk, tmp_path):  # noqa: F811
    _ready_but(svc, clerk, one="")                      # empty: the generated draft with three “（请填写）” parts
    svc.export(2025, tmp_path / "tables.xlsx")          # the tables alone go out
    for suffix in ("docx", "pdf"):
        with pytest.raises(ValidationError) as refused:
            svc.export(2025, tmp_path / f"report.{suffix}")
        assert refused.value.field == "一"
        assert refused.value.message == (
            "2025年度报告全文未导出：“一、总体情况”中还有“（请填写）”未写：（三）政府信息管理、（四）平台建设、"
            "（五）监督保障。请在“年度报告”页面的正文里写明这些情况，并删去“（请填写）”后再导出。")
        assert not (tmp_path / f"report.{suffix}").exists()
    # a text saved with one placeholder left names just that part
    _ready_but(svc, clerk, one=WRITTEN_ONE.replace("组织业务培训2次。", "（请填写）考核、培训情况。"))
    with pytest.raises(ValidationError, match="未写：（五）监督保障。"):
        svc.export(2025, tmp_path / "report.docx")
    _ready_but(svc, clerk)
    svc.export(2025, tmp_path / "report.docx")
    assert (tmp_path / "report.docx").exists()


def test_a_table_two_of_zeros_is_refused_until_confirmed(any_db, svc, clerk, tmp_path):  # noqa: F811
    _ready_but(svc, clerk, table2={})                   # never filled: every figure 0
    with pytest.raises(ValidationError) as refused:
        svc.export(2025, tmp_path / "report.pdf")
    assert refused.value.field == "表二"
    assert refused.value.message.startswith("2025年度报告全文未导出：表二“主动公开政府信息情况”各项均为0，看来尚未填写。"
                                            "请在“年度报告”页面填写表二")
    assert "--table-two-zero" in refused.value.message and not (tmp_path / "report.pdf").exists()
    svc.confirm_table_two_zero(clerk, 2025)
    assert svc.table_two_zero_confirmed(2025)
    assert ("修改年度报告", "2025年表二", "未填写", "确认各项均为0", "clerk1") in [e[:5] for e in events(any_db, "修改年度报告")]
    svc.export(2025, tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").exists()
    # entering figures again drops the confirmation; zeros typed in are asked about once more
    svc.save_table2(clerk, 2025, {})
    assert not svc.table_two_zero_confirmed(2025)
    with pytest.raises(ValidationError, match="表二“主动公开政府信息情况”各项均为0"):
        svc.export(2025, tmp_path / "again.pdf")


def test_zeros_are_confirmed_only_when_they_are_zeros_and_by_the_report_office(svc, clerk, handler):  # noqa: F811
    svc.save_table2(clerk, 2025, {"penalties": 3})
    with pytest.raises(ValidationError, match="2025年表二已有不为0的数字，无需确认均为0。"):
        svc.confirm_table_two_zero(clerk, 2025)
    svc.save_table2(clerk, 2025, {})
    with pytest.raises(PermissionDenied, match="填写年度报告只能由"):
        svc.confirm_table_two_zero(handler, 2025)
