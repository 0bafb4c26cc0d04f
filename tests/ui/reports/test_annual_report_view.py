"""The annual report screen: figures, drill-down, table 二, register, texts, checks, lock and export."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.services.reports.report_service import ReportService
from app.services.reports.review_register import ReviewInput
from app.ui.common import prompts
from app.ui.reports.annual_report_drill_dialog import AnnualReportDrillDialog
from app.ui.reports.annual_report_models import (
    CaseRefTableModel, ReviewRegisterTableModel, Table3TableModel, Table4TableModel,
)
from app.ui.reports.annual_report_view import AnnualReportView
from app.ui.common.tasks import wait_all
from app.workflow.annual_counts import count_table4
from tests.conftest import fixed_today
from tests.services.reports.test_report_service import ready_for_full_text
from tests.services.reports.test_report_service import add_cases
from tests.workflow.test_annual_counts import EXPECTED_2025, LEDGER, REVIEWS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2026, 1, 20)
KINDS = ("info", "warn", "error", "confirm", "text", "form", "save_file")


class Prompts:
    """Canned answers for every prompt the screen may show; records what was shown."""

    def __init__(self):
        self.shown: list[tuple[str, str, str]] = []
        self.confirm, self.text, self.save_path = True, "", ""
        self.forms: list[dict | None] = []
        for kind in ("info", "warn", "error"):
            prompts.set_answer(kind, lambda title, text, kind=kind: self.shown.append((kind, title, text)))
        prompts.set_answer("confirm", lambda title, text: self.confirm)
        prompts.set_answer("text", lambda title, label: self.text)
        prompts.set_answer("form", lambda title, defaults: self.forms.pop(0))
        prompts.set_answer("save_file", lambda title, suggested: self.save_path)

    def of(self, kind: str) -> list[str]:
        return [text for k, _t, text in self.shown if k == kind]


@pytest.fixture
def answers():
    a = Prompts()
    yield a
    for kind in KINDS:
        prompts.set_answer(kind, None)


@pytest.fixture
def service(sqlite_db):
    add_cases(sqlite_db, LEDGER)
    return ReportService(sqlite_db, fixed_today(TODAY))


@pytest.fixture
def view(qtbot, service, answers, chief):
    v = AnnualReportView(service, chief)
    qtbot.addWidget(v)
    settle(qtbot, v)
    yield v
    wait_all()


def settle(qtbot, view) -> None:
    view.show()                              # the report is counted when the page is first shown
    qtbot.waitUntil(lambda: not view.busy and view.data is not None, timeout=15000)


def figure(view, label_start: str, col: int) -> str:
    m = view.table3_model
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data().strip().startswith(label_start))
    return m.index(row, col + 1).data()


def test_models_pass_the_model_tester(qtmodeltester, service, clerk):
    data = service.report(2025)
    t3 = Table3TableModel()
    t3.set_table(data.table3)
    qtmodeltester.check(t3)
    t4 = Table4TableModel()
    t4.set_table(count_table4(REVIEWS, 2025))
    qtmodeltester.check(t4)
    cases = CaseRefTableModel()
    cases.set_rows(service.drill_down(2025, "next", 6))
    qtmodeltester.check(cases)
    reg = ReviewRegisterTableModel()
    service.review_register.add(clerk, ReviewInput("行政复议", date(2025, 3, 1)))
    reg.set_rows(service.review_register.entries())
    qtmodeltester.check(reg)
    qtmodeltester.check(Table3TableModel())          # before any figures arrive


def test_opens_on_last_year_with_the_hand_counted_figures(view):
    assert view.year == 2025 and view.state_label.text() == "未锁定"
    assert figure(view, "一、本年新收", 6) == "24" and figure(view, "二、上年结转", 0) == "2"
    assert figure(view, "（七）总计", 1) == "5" and figure(view, "四、结转下年度", 3) == "1"
    assert figure(view, "1.属于国家秘密", 6) == str(EXPECTED_2025["三.1"][6])
    assert view.findings.item(view.findings.count() - 1).text().startswith("表三、表四的勾稽关系校验全部通过")
    assert all(b.isEnabled() for b in view.export_buttons.values())


def test_clicking_a_number_lists_its_cases(qtbot, view):
    m = view.table3_model
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data().strip() == "四、结转下年度继续办理")
    rect = view.table3.visualRect(m.index(row, 7))
    qtbot.mouseClick(view.table3.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(view.drill_dialogs) == 1, timeout=10000)
    dialog: AnnualReportDrillDialog = view.drill_dialogs[0]
    numbers = [dialog.model.row_at(i).number for i in range(dialog.model.rowCount())]
    assert numbers == ["C3", "C4", "O2", "O1", "O3"]       # counted by hand, by receipt date
    assert "四、结转下年度继续办理" in dialog.windowTitle() and "总计" in dialog.windowTitle()
    with qtbot.waitSignal(view.open_case) as opened:
        dialog.table.doubleClicked.emit(dialog.model.index(0, 0))
    assert opened.args == [dialog.model.row_at(0).id]
    label_row = m.index(2, 3)                               # 三、本年度办理结果: a heading, no figure
    assert m.cell(label_row) is None


def test_table2_form_saves_per_year(qtbot, view, service):
    view.tabs.setCurrentWidget(view.table2)
    view.table2.fields["rules_issued"].setValue(3)
    view.table2.fields["charges_10k_yuan"].setValue(12.35)
    qtbot.mouseClick(view.table2.save_button, Qt.LeftButton)
    settle(qtbot, view)
    assert service.report(2025).table2["rules_issued"] == 3
    assert view.table2.fields["charges_10k_yuan"].value() == pytest.approx(12.35)
    assert not any("表二" in view.findings.item(i).text() for i in range(view.findings.count()))


def test_sections_start_from_the_generated_paragraph(qtbot, view, service):
    editor = view.sections
    assert editor.overview.text().startswith("2025年，本机关共收到政府信息公开申请24件")
    assert editor.fees.text() == "2025年，本机关未发出信息处理费收费通知，未收取信息处理费。"
    editor.insert_overview()
    editor.edits["一"].appendPlainText("全年工作平稳有序。")
    editor.edits["五"].setPlainText("答复文书格式有待统一。")
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    settle(qtbot, view)
    saved = service.report(2025).sections
    assert saved["一"].startswith("2025年，本机关共收到") and saved["一"].endswith("全年工作平稳有序。")
    assert saved["五"] == "答复文书格式有待统一。"


def test_register_entry_counts_in_table4(qtbot, view, answers):
    answers.forms.append({"kind": "复议后起诉", "request_number": "C2", "filed_on": date(2025, 4, 1),
                          "result": "纠正", "decided_on": date(2025, 9, 30), "notes": "责令重新答复"})
    assert view.register.add() is not None
    settle(qtbot, view)
    t4 = view.register.table4_model
    assert [t4.index(2, c).data() for c in range(1, 6)] == ["0", "1", "0", "0", "1"]
    assert view.register.model.row_at(0).request_number == "C2"
    answers.forms.append({"kind": "行政复议", "filed_on": date(2025, 5, 1), "result": "维持"})
    assert view.register.add() is None                     # 维持 without 审结日期 is refused
    assert "请填写审结日期" in answers.of("error")[0]


def test_register_warns_on_a_direct_suit_against_a_review_first_refusal(qtbot, view, sqlite_db, answers):
    with sqlite_db.uow() as uow:                  # C2 was refused as a state secret (复议前置)
        uow.session.execute(text("UPDATE requests SET decision = '不予公开', outcome = '三.1', "
                                 "decision_reasons = '附图为秘密级国家秘密' WHERE number = 'C2'"))
        uow.commit()
    answers.forms.append({"kind": "未经复议直接起诉", "request_number": "C2", "filed_on": date(2025, 4, 1),
                          "result": "", "decided_on": None, "notes": ""})
    assert view.register.add() is not None       # recorded as filed, and the office is told
    [warning] = answers.of("warn")
    assert "申请C2的答复（不予公开）属于行政复议前置情形" in warning and "请核对类别" in warning
    settle(qtbot, view)
    column = [c.key for c in view.register.model.COLUMNS].index("warning")
    assert view.register.model.index(0, column).data() == warning


def test_broken_data_blocks_export_naming_row_and_column(qtbot, sqlite_db, answers, clerk):
    add_cases(sqlite_db, [("X1", date(2025, 5, 6), date(2025, 5, 20), "科研机构", None)])
    v = AnnualReportView(ReportService(sqlite_db, fixed_today(TODAY)), clerk)
    qtbot.addWidget(v)
    settle(qtbot, v)
    texts = [v.findings.item(i).text() for i in range(v.findings.count())]
    assert any("X1" in t and "没有有效的办理结果" in t for t in texts)
    assert any("“一、二、（七）、四”行“法人或其他组织—科研机构”列" in t for t in texts)
    assert not any(b.isEnabled() for b in v.export_buttons.values()) and not v.lock_button.isEnabled()
    assert "校验未通过" in v.export_buttons["xlsx"].toolTip()


def test_lock_and_unlock(qtbot, view, sqlite_db, answers):
    qtbot.mouseClick(view.lock_button, Qt.LeftButton)
    settle(qtbot, view)
    assert view.data.locked and view.state_label.text().startswith("已锁定")
    assert view.lock_button.text() == "解锁…" and not view.table2.save_button.isEnabled()
    add_cases(sqlite_db, [("LATE", date(2025, 6, 1), date(2025, 6, 30), "自然人", "一.0")])
    view.refresh()
    settle(qtbot, view)
    assert figure(view, "（七）总计", 6) == "23"                  # frozen, not 24
    assert "数据已变动" in view.state_label.text()
    answers.text = None                                           # unlock cancelled
    qtbot.mouseClick(view.lock_button, Qt.LeftButton)
    assert view.data.locked and not view.busy
    answers.text = "补录遗漏的申请"
    qtbot.mouseClick(view.lock_button, Qt.LeftButton)
    settle(qtbot, view)
    assert not view.data.locked and figure(view, "（七）总计", 6) == "24"


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_export_runs_off_the_ui_thread(qtbot, view, service, answers, tmp_path, fmt):
    ready_for_full_text(service, view._actor, 2025)            # 五, 一 written, 表二 filled
    view.refresh()
    settle(qtbot, view)
    answers.save_path = str(tmp_path / "年报")                   # the suffix is added
    view.export(fmt)
    assert view.busy and not view.progress.isHidden() and view.progress.maximum() == 2   # determinate
    qtbot.waitUntil(lambda: bool(answers.of("info")), timeout=20000)
    assert (tmp_path / f"年报.{fmt}").stat().st_size > 1000
    assert answers.of("info")[0] == f"已导出：{tmp_path / f'年报.{fmt}'}"
    assert not view.busy


def test_report_is_counted_only_when_first_shown(qtbot, service, answers, chief):
    v = AnnualReportView(service, chief)
    qtbot.addWidget(v)
    assert v.data is None and not v.busy                  # building the window costs no count
    with qtbot.waitSignal(v.report_shown, timeout=15000):
        v.show()
    wait_all()
