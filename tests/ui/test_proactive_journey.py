"""Journey (Art 44): a frequent subject becomes a candidate, the clerk converts it in the real dialog,
and a later request on that subject is told at registration that it is already published."""
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from app.services.container import Services
from app.ui import prompts, startup
from app.ui.tasks import wait_all
from tests.conftest import fixed_today
from tests.ui.desk_support import answers, office, ui_settings  # noqa: F401
from tests.ui.modal_support import ModalAnswers, set_text
from tests.ui.test_analysis_view import ledger_office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _analysis_page(qtbot, w):
    holder = w._nav_pages[w.page_titles().index("数据分析")]
    w.show_page(holder)
    return holder.page


def test_candidate_conversion_then_a_later_request_points_to_it(qtbot, ledger_office, ui_settings, answers):
    o = ledger_office
    w = startup.build_window(o.services, o.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    page = _analysis_page(qtbot, w)
    page.start_edit.setDate(QDate(2025, 3, 1))
    page.end_edit.setDate(QDate(2025, 4, 30))
    page.tabs.setCurrentWidget(page.proactive)
    panel = page.proactive
    qtbot.mouseClick(panel.propose_button, Qt.LeftButton)
    assert answers.messages("info") == ["2025-03-01至2025-04-30：新增或更新候选1项。"]
    assert panel.model.rowCount() == 1 and panel.model.index(0, 5).data() == "待决定"
    panel.table.selectRow(0)

    prompts.set_answer("form", None)          # the real FormDialog, driven below
    modal = ModalAnswers()

    def fill(dialog):
        set_text(dialog, "column_name", "法定主动公开内容 > 征收补偿")
        set_text(dialog, "url", "https://example.gov.cn/zsbc")
        set_text(dialog, "doc_number", "某自然资规〔2025〕8号")
    modal.next(fill)
    qtbot.mouseClick(panel.decide_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.pending == 0)
    assert modal.stuck == []
    assert modal.seen[0][0].startswith("转主动公开决定：")
    assert panel.model.index(0, 5).data() == "转为主动公开"
    assert panel.model.index(0, 6).data() == "2025-06-30"      # the dialog's date defaults to today

    w.new_registration()
    form = w.registration.form
    form.set_value("applicant_name", "钱八")
    form.set_value("description", "申请公开某小区电梯加装审批情况")
    w.registration.refresh_similar()
    assert not w.registration.proactive_box.isVisibleTo(w.registration)
    form.set_value("description", "请公开我家房屋征收补偿的评估结果")
    w.registration.refresh_similar()
    assert w.registration.proactive_box.isVisibleTo(w.registration)
    note = w.registration.proactive_label.text()
    assert ("已于2025-06-30转为主动公开（法定主动公开内容 > 征收补偿，https://example.gov.cn/zsbc，"
            "文号某自然资规〔2025〕8号）") in note
    assert "按第三十六条第（一）项答复（已主动公开）" in note
    # the clerk registers the later request: it is saved, and leaving the window asks nothing
    qtbot.mouseClick(w.registration.save_button, Qt.LeftButton)
    saved = w.registration.saved
    assert saved is not None and saved.applicant_name == "钱八"
    assert w.registration.unsaved_changes() is None
    wait_all()


def test_a_candidate_waiting_thirty_days_shows_on_the_workbench(qtbot, ledger_office, ui_settings, answers):
    o = ledger_office
    o.services.proactive.propose(o.clerk, date(2025, 3, 1), date(2025, 4, 30))     # listed 2025-06-30
    later = Services.build(o.services.db, fixed_today(date(2025, 7, 30)))
    w = startup.build_window(later, o.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    assert w.workbench.proactive_box.isVisibleTo(w.workbench)
    assert "已超过30天未决定：1项" in w.workbench.proactive_label.text()
    w.workbench.proactive_label.linkActivated.emit("candidates")
    page = _analysis_page(qtbot, w)
    assert w.current_page() is w._nav_pages[w.page_titles().index("数据分析")]
    assert page.tabs.currentWidget() is page.proactive and page.proactive.model.rowCount() == 1
    wait_all()
