"""Issue 19: five real-shaped ledgers imported from the window alone — 数据 → 选择台账文件并导入…, the real
mapping dialog (opened window-modal, driven by a QTimer as a person would use it), no file edited. The list
with no content column is refused for that reason. SQLite and PostgreSQL; screenshots at 1366×768."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from app.services.container import Services
from app.services.cases.query_service import RequestQuery
from app.ui.common import prompts
from app.ui.data.ledger_mapping_dialog import LedgerMappingDialog
from app.workflow.vocabulary import Role
from tests import modal
from tests.conftest import SHARED, fixed_today
from tests.journeys.conftest import AGENCY, PASSWORD, Office
from tests.journeys.drive import log_in, open_window, pick
from tests.services.ledger_shapes import office_ledger
from tests.services.ledger_window_shapes import jsp_ledger, no_content_list

TODAY = date(2026, 12, 7)          # the shared samples run to 2026-11-16
WAIT = 30000
SHOTS = Path("/work/shots/ledger-window")
LAPTOP = QRect(0, 0, 1366, 728)    # a 1366×768 screen less a 40-pixel taskbar: the available area
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def ledger_office(journey_db, tmp_path) -> Office:
    from PySide6.QtCore import QSettings

    services = Services.build(journey_db, fixed_today(TODAY))
    o = services.office
    o.create_user(None, "admin", "管理员", Role.ADMIN, PASSWORD)
    services.settings.save(o.login("admin", PASSWORD), AGENCY)
    o.create_user(o.login("admin", PASSWORD), "clerk1", "王登记", Role.CLERK, PASSWORD)
    return Office(services, journey_db, 0, tmp_path, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def last(model) -> int:
    return model.columnCount() - 1


def row_where(model, column: int, text: str) -> int:
    for r in range(model.rowCount()):
        if str(model.index(r, column).data()) == text:
            return r
    raise AssertionError(f"no row “{text}” in column {column}")


def choose(view, row: int, text: str) -> None:
    """Pick ``text`` in the row's own combo box (the persistent editor a person clicks)."""
    model = view.model()
    pick(view.indexWidget(model.index(row, last(model))), text)


def settled(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: dlg.check_button.isEnabled() and dlg.analysis is not None, timeout=WAIT)


def recheck(qtbot, dlg) -> None:
    dlg.preview = None
    dlg.check_button.click()
    settled(qtbot, dlg)


def through_mapping(qtbot, data, path, handle):
    """Press the data page's import button, pick ``path`` in the (canned) OS picker, and let ``handle``
    drive the real mapping dialog once it is up; returns what ``handle`` returned."""
    prompts.set_answer("open_file", lambda title, filters: str(path))
    answer = modal.answer_modal(LedgerMappingDialog, handle)
    data.import_button.click()
    qtbot.waitUntil(lambda: answer.dialog is not None and answer not in modal._pending, timeout=WAIT * 2)
    return answer.check()


def import_now(qtbot, data, dlg) -> str:
    assert dlg.import_button.isEnabled(), dlg.report.toPlainText()
    with qtbot.waitSignal(data.tasks.finished, timeout=WAIT):
        dlg.import_button.click()
    return data.result_text.toPlainText()


def shot(qtbot, dlg, name: str) -> None:
    """At 1366×768 the whole dialog fits the available area; maximised, the column list grows."""
    dlg.fit_to(LAPTOP)
    QApplication.processEvents()
    assert dlg.width() <= LAPTOP.width() and dlg.height() <= LAPTOP.height() - 30     # title bar
    assert dlg.minimumSizeHint().height() <= dlg.height() and dlg.minimumSizeHint().width() <= dlg.width()
    small = dlg.column_view.viewport().height()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(SHOTS / name))
    dlg.resize(1920, 1040)
    QApplication.processEvents()
    rows = dlg.column_view.viewport().height() // dlg.column_view.rowHeight(0)
    assert dlg.column_view.viewport().height() > small * 1.4 and rows >= 20, rows
    dlg.fit_to(LAPTOP)
    QApplication.processEvents()


def numbers(office) -> list[str]:
    return [r.number for r in office.services.queries.page(RequestQuery(sort="id"), 0, 1000)]


def test_five_ledgers_from_the_window_alone(qtbot, ledger_office, journey, tmp_path):
    office = ledger_office
    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    window.nav.setCurrentRow(window.page_titles().index("数据"))
    data = window.current_page().ensure_built()
    shared = SHARED / "samples"
    if not shared.is_dir():
        pytest.skip("../shared/samples is not present")
    files = {"siteserver": shared / "ledger-siteserver.xlsx", "oa": shared / "ledger-oa.xlsx",
             "jsp": jsp_ledger(tmp_path / "jsp.xlsx"), "title": office_ledger(tmp_path / "office.xlsx"),
             "list": no_content_list(tmp_path / "list.xlsx")}
    before = {k: digest(p) for k, p in files.items()}

    # 1. SiteServer: 姓名 + 名称 → 申请人, the reply read by key words; the clerk maps 办理日期 → 答复日期
    def siteserver(dlg: LedgerMappingDialog):
        settled(qtbot, dlg)
        assert "“姓名”（第4列）、“名称”（第13列）都对应“申请人”" in dlg.notes.text()
        assert [v.raw for v in dlg.values.rows()] == ["法人/其他组织"]
        assert dlg.values.index(0, last(dlg.values)).data() == "按申请人名称判断"
        choose(dlg.column_view, row_where(dlg.columns, 0, "办理日期"), "答复日期")
        assert dlg.summary.text() == "映射已修改，请点“重新检查并预览”。"
        recheck(qtbot, dlg)
        replies = dlg.row_choices
        assert replies.index(row_where(replies, 1, "PFSGFU"), 4).data() == "属于国家秘密"
        choose(dlg.row_view, row_where(replies, 1, "ZND4LE"), "属于行政查询事项")       # a guess overruled
        recheck(qtbot, dlg)
        report = dlg.report.toPlainText()
        assert "新增 第3行 WZRVUQ 某某律师事务所（法律服务机构） 部分公开" in report
        assert "新增 第16行 2U9K9G 某某村民委员会（其他）" in report
        shot(qtbot, dlg, "mapping-siteserver-1366x768.png")
        return import_now(qtbot, data, dlg)
    report = through_mapping(qtbot, data, files["siteserver"], siteserver)
    assert "导入完成：新增17件" in report
    d = office.services.requests.detail(office.services.requests.find_id("ZND4LE"))
    assert (d.applicant_type, d.outcome_label) == ("社会公益组织", "属于行政查询事项")

    # 2. OA: no 申请人类型 column (judged by name); 已答复 decided row by row
    def oa(dlg: LedgerMappingDialog):
        settled(qtbot, dlg)
        assert not dlg.import_button.isEnabled()
        assert "--" not in dlg.report.toPlainText()
        assert "在“缺少的列”中为所有行指定申请人类型" in dlg.report.toPlainText()
        pick(dlg.defaults["申请人类型"], "按申请人名称判断")
        dlg.defaults["申请人类型"].activated.emit(0)
        choose(dlg.value_view, row_where(dlg.values, 1, "已答复"), "逐行选择")
        choose(dlg.value_view, row_where(dlg.values, 1, "申请人撤回"), "其他")
        recheck(qtbot, dlg)
        assert [(c.row, c.number) for c in dlg.row_choices.rows()] == [(12, "2025-011"), (13, "2025-012")]
        assert "第12行“办理结果”列：“已答复”设为逐行选择，本行还没有选择" in dlg.report.toPlainText()
        choose(dlg.row_view, 0, "予以公开")
        choose(dlg.row_view, 1, "没有现成信息需要另行制作")
        recheck(qtbot, dlg)
        assert "新增 第3行 2025-002 某某律师事务所（法律服务机构） 部分公开" in dlg.report.toPlainText()
        assert "新增 第2行 2025-001 张某某（自然人） 予以公开" in dlg.report.toPlainText()
        shot(qtbot, dlg, "mapping-oa-1366x768.png")
        return import_now(qtbot, data, dlg)
    assert "导入完成：新增17件" in through_mapping(qtbot, data, files["oa"], oa)
    d = office.services.requests.detail(office.services.requests.find_id("2025-012"))
    assert (d.applicant_type, d.outcome_label) == ("科研机构", "没有现成信息需要另行制作")

    # 3. the old JSP ledger: 不于公开 covers three grounds, one chosen for each row
    def jsp(dlg: LedgerMappingDialog):
        settled(qtbot, dlg)
        choose(dlg.value_view, row_where(dlg.values, 1, "不于公开"), "逐行选择")
        recheck(qtbot, dlg)
        for row, leaf in enumerate(("属于国家秘密", "保护第三方合法权益", "属于四类过程性信息")):
            choose(dlg.row_view, row, leaf)
        recheck(qtbot, dlg)
        return import_now(qtbot, data, dlg)
    assert "导入完成：新增4件" in through_mapping(qtbot, data, files["jsp"], jsp)
    assert office.services.requests.detail(office.services.requests.find_id("JSP-2019-03")).outcome_label == \
        "保护第三方合法权益"

    # 4. a ledger under a title row, after an instructions sheet; 企业 is suggested 商业企业 by its name
    def title(dlg: LedgerMappingDialog):
        settled(qtbot, dlg)
        assert dlg.where.text() == "读取工作表“依申请公开台账”，第3行为表头"
        assert "工作表“填表说明”没有台账表头，未读取" in dlg.notes.text()
        return import_now(qtbot, data, dlg)
    assert "导入完成：新增5件" in through_mapping(qtbot, data, files["title"], title)

    # 5. a list with no content column: refused for that reason, in the window's words
    def no_content(dlg: LedgerMappingDialog):
        settled(qtbot, dlg)
        text = dlg.report.toPlainText()
        assert not dlg.import_button.isEnabled() and dlg.summary.text().startswith("不能导入")
        assert "第1行“申请内容”列：表头缺少此列" in text and "台账没有申请内容的列时不能导入" in text
        dlg.reject()
    through_mapping(qtbot, data, files["list"], no_content)
    assert data.errors.rowCount() == 1 and data.errors.rows()[0].column == "申请内容"

    assert len(numbers(office)) == 17 + 17 + 4 + 5
    assert {k: digest(p) for k, p in files.items()} == before          # no file was edited
