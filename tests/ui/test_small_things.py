"""Small things a newcomer hit: Enter saves single-line dialogs, Esc leaves a case, the ID number as
stored (upper-case X), a case registered already overdue is flagged."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QSpinBox

from app.ui import startup
from app.ui.calendar_editor_dialog import CalendarRangeDialog
from app.ui.form_dialog import FormDialog, FormField
from app.ui.tasks import wait_all
from tests.ui.desk_support import TODAY, answers, application, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("kind", ["text", "int", "date", "choice", "money"])
def test_enter_saves_a_single_line_dialog(qtbot, kind):
    got = []
    field = FormField("x", "数值", kind=kind, choices=(("甲", "甲"), ("乙", "乙")), default=None)
    dialog = FormDialog(None, "单行", [field], lambda v: got.append(v) or v, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    w = dialog._widgets["x"]
    w.setFocus()
    qtbot.keyClick(w.lineEdit() if isinstance(w, (QSpinBox, QDateEdit)) else w, Qt.Key_Return)
    assert dialog.result() == FormDialog.Accepted and len(got) == 1


def test_enter_in_the_holiday_name_adds_the_range(qtbot):
    dialog = CalendarRangeDialog(2027)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name.lineEdit(), Qt.Key_Return)
    assert dialog.result() == CalendarRangeDialog.Accepted


def test_esc_leaves_a_case(qtbot, office, ui_settings):
    d = office.services.requests.register(office.clerk, application())
    w = startup.build_window(office.services, office.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.open_request(d.id)
    assert w.current_page() is w.detail
    w.detail.tabs.setFocus()
    qtbot.keyClick(w.detail.tabs, Qt.Key_Escape)
    assert w.current_page() is w.request_list
    wait_all()


def test_id_number_shows_as_stored_and_an_overdue_registration_is_flagged(qtbot, office, ui_settings, answers):
    w = startup.build_window(office.services, office.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    w.new_registration()
    form = w.registration.form
    form.set_value("applicant_name", "张三")
    id_edit = form.widgets["id_number"]
    qtbot.keyClicks(id_edit, "11010519491231002x")                # typed with a small x
    assert id_edit.text() == "11010519491231002X"
    form.set_value("description", "申请公开某道路规划批复")
    # received 2025-05-20 (当面); 20 working days on the 2025 calendar (端午 05-31..06-02) → 2025-06-18,
    # before today (2025-06-30): already overdue when registered
    form.widgets["arrival_date"].setDate(date(2025, 5, 20))
    detail = w.registration.save()
    assert detail is not None and detail.id_number == "11010519491231002X"
    assert detail.deadline.reply_due == date(2025, 6, 18)
    assert "登记时已逾期" in w.registration.receipt_due.text()
    assert w.registration.receipt_due.isVisible()
    wait_all()
