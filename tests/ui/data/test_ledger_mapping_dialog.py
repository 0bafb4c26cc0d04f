"""数据 → 导入台账 as a mapping step, driven for real with an office-shaped ledger."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.container import Services
from app.services.ledger.ledger_analysis import RowChoice, ValueToMap
from app.exports.ledger_sheet import SourceColumn
from app.ui.common import prompts
from app.ui.data.data_view import DataView
from app.ui.data.ledger_mapping_dialog import LedgerMappingDialog
from app.ui.data.ledger_mapping_layout import available_area
from app.ui.data.ledger_mapping_models import ColumnMapTableModel, RowChoiceTableModel, ValueMapTableModel
from app.ui.common.tasks import wait_all
from tests.conftest import fixed_today
from tests.services.ledger_shapes import ROWS, office_ledger
from tests.ui.data.test_data_view import names, open_mapping

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2026, 11, 23)


@pytest.fixture
def services(sqlite_db):
    yield Services.build(sqlite_db, today=fixed_today(TODAY))
    wait_all()


def mapped(model):
    return [(model.index(r, 0).data(), model.index(r, model.columnCount() - 1).data())
            for r in range(model.rowCount())]


def test_mapping_step_suggests_previews_saves_and_imports(qtbot, services, clerk, tmp_path):
    view = DataView(services, clerk)
    qtbot.addWidget(view)
    prompts.set_answer("open_file", lambda title, default: str(office_ledger(tmp_path / "office.xlsx")))
    dlg = open_mapping(qtbot, view)
    assert dlg.where.text() == "读取工作表“依申请公开台账”，第3行为表头"
    assert mapped(dlg.columns) == [
        ("序号", "忽略"), ("受理编号", "申请编号"), ("申请时间", "收到日期"), ("申请人姓名", "申请人"),
        ("申请人类别", "申请人类型"), ("联系电话", "联系电话"), ("所需信息内容描述", "申请内容"),
        ("承办部门", "承办处室"), ("处理结果", "办理结果"), ("回复时间", "答复日期"), ("备注说明", "备注")]
    # 企业 cannot be placed by itself; its applicant, …有限公司, suggests 商业企业 for the clerk to confirm
    assert [(v.column, v.raw, v.example, v.suggestion) for v in dlg.values.rows()] == [
        ("申请人类型", "企业", "某某置业有限公司", "商业企业")]
    assert mapped(dlg.values) == [("申请人类型", "商业企业")]
    assert dlg.import_button.isEnabled()
    assert dlg.summary.text() == "可以导入：将新增5件，更新0件，无变化0件，拒绝0处，导入后即逾期1件。点“导入”写入。"
    assert names(services) == []                                         # the preview wrote nothing

    # choosing another value makes the preview stale until it is checked again
    assert dlg.values.setData(dlg.values.index(0, 4), "其他")
    assert not dlg.import_button.isEnabled() and "重新检查并预览" in dlg.summary.text()
    dlg.values.setData(dlg.values.index(0, 4), "商业企业")
    dlg.name.setText("某系统导出台账")
    dlg.save_button.click()
    qtbot.mouseClick(dlg.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=20000)
    assert mapped(dlg.values) == [("申请人类型", "商业企业")]              # still shown, as mapped

    with qtbot.waitSignal(view.tasks.finished, timeout=20000) as done:
        qtbot.mouseClick(dlg.import_button, Qt.LeftButton)
    assert done.args == ["导入台账", True]
    assert names(services) == [n for n, *_ in ROWS]
    report = view.result_text.toPlainText()
    assert report.startswith("读取工作表“依申请公开台账”，第3行为表头。\n提示：工作表“填表说明”没有台账表头，未读取\n导入完成：新增5件")
    assert "导入后即逾期1件：\n  YSQ-2025-005 王五 应答复日期2025-02-19" in report

    # next time the saved mapping is offered, and choosing it places 企业 at once
    prompts.set_answer("open_file", lambda title, default: str(office_ledger(tmp_path / "again.xlsx")))
    dlg = open_mapping(qtbot, view)
    assert [dlg.saved.itemText(i) for i in range(dlg.saved.count())] == ["（不使用已保存的映射）", "某系统导出台账"]
    dlg.saved.setCurrentIndex(1)
    dlg.saved.activated.emit(1)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=20000)
    assert mapped(dlg.values) == [("申请人类型", "商业企业")]
    assert dlg.summary.text().startswith("可以导入：将新增0件，更新0件，无变化5件")
    dlg.reject()


def test_a_column_mapped_to_ignore_is_not_read(qtbot, services, clerk, tmp_path):
    view = DataView(services, clerk)
    qtbot.addWidget(view)
    prompts.set_answer("open_file", lambda title, default: str(office_ledger(tmp_path / "office.xlsx")))
    dlg = open_mapping(qtbot, view)
    row = [c.header for c in dlg.columns.rows()].index("联系电话")
    dlg.columns.setData(dlg.columns.index(row, 2), "忽略")
    assert dlg.options().columns == {"联系电话": "忽略"}
    qtbot.mouseClick(dlg.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=20000)
    assert mapped(dlg.columns)[row] == ("联系电话", "忽略")
    with qtbot.waitSignal(view.tasks.finished, timeout=20000):
        qtbot.mouseClick(dlg.import_button, Qt.LeftButton)
    d = services.requests.detail(services.requests.find_id("YSQ-2025-001"))
    assert d.phone == ""


def test_models_pass_the_model_tester(qtmodeltester):
    cols = ColumnMapTableModel()
    cols.set_rows([SourceColumn(1, "受理编号", "申请编号", ("A-1",)), SourceColumn(2, "序号", None)])
    qtmodeltester.check(cols)
    vals = ValueMapTableModel()
    vals.set_rows([ValueToMap("申请人类型", "企业", 2, "某公司", "商业企业", ("自然人", "商业企业"))])
    qtmodeltester.check(vals)
    rows = RowChoiceTableModel()
    rows.set_rows([RowChoice(3, "J-1", "某公司", "办理结果", "不于公开", "", "", ("（不填）", "属于国家秘密"))])
    qtmodeltester.check(rows)
    assert rows.setData(rows.index(0, 5), "属于国家秘密") and rows.chosen()[0][1] == "属于国家秘密"
    assert not rows.setData(rows.index(0, 5), "予以公开")          # not offered for this row


def test_the_dialog_opens_within_the_screen(qtbot, services, clerk, tmp_path):
    """Not a fixed 980×760: within the available area of the screen it opens on (offscreen: 800×600)."""
    dlg = LedgerMappingDialog(services.ledger, clerk, office_ledger(tmp_path / "o.xlsx"))
    qtbot.addWidget(dlg)
    area = available_area(dlg)
    assert dlg.width() <= area.width() and dlg.height() <= area.height()
    assert dlg.minimumSizeHint().height() <= dlg.height()


def test_same_named_columns_are_chosen_one_by_one(qtbot, services, clerk, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["申请编号", "收到日期", "申请人", "申请人类型", "申请内容", "联系电话", "联系电话"])
    wb.active.append(["P-1", "2025-02-03", "甲某", "自然人", "某文件", "13900000001", "13712345678"])
    wb.save(tmp_path / "p.xlsx")
    view = DataView(services, clerk)
    qtbot.addWidget(view)
    prompts.set_answer("open_file", lambda title, default: str(tmp_path / "p.xlsx"))
    dlg = open_mapping(qtbot, view)
    assert [r[0] for r in mapped(dlg.columns)][-2:] == ["联系电话（第6列）", "联系电话（第7列）"]
    dlg.columns.setData(dlg.columns.index(6, 2), "忽略")
    assert mapped(dlg.columns)[5:] == [("联系电话（第6列）", "联系电话"), ("联系电话（第7列）", "忽略")]
    assert dlg.options().columns == {"联系电话#2": "忽略"}
    dlg.reject()
