"""Small things a newcomer hit: Enter saves single-line dialogs, Esc leaves a case, the ID number as
stored (upper-case X), a case registered already overdue is flagged."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QSpinBox

from app.ui import startup
from app.ui.settings.calendar_editor_dialog import CalendarRangeDialog
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.common.tasks import wait_all
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
    assert detail is not None and detail.id_number.endswith("002X")    # shown masked, X upper-case
    assert detail.deadline.reply_due == date(2025, 6, 18)
    assert "登记时已逾期" in w.registration.receipt_due.text()
    assert w.registration.receipt_due.isVisible()
    wait_all()


def test_first_run_asks_for_the_offices_names(qtbot, sqlite_db):
    from app.services.container import Services
    from app.ui.first_run_dialog import FirstRunDialog
    from tests.conftest import fixed_today
    from sqlalchemy import delete
    from app.models import Setting

    with sqlite_db.uow() as uow:                       # a brand-new database: nothing entered yet
        uow.session.execute(delete(Setting))
        uow.commit()
    services = Services.build(sqlite_db, fixed_today(TODAY))
    dialog = FirstRunDialog(services.office, None, services.settings)
    qtbot.addWidget(dialog)
    for key, text in (("agency_name", "临江市自然资源和规划局"), ("agency_short", "临自然资规"),
                      ("review_body", "某某市人民政府"), ("court", "临江市江北区人民法院")):
        dialog.agency[key].setText(text)
    dialog.display_name.setText("张管理")
    dialog.password.setText("secret1")
    dialog.repeat.setText("secret1")
    assert dialog.create() is None                     # the 某某 example is refused, by name
    assert dialog.error.text() == "请填写本机关的复议机关（不能为空，也不能是“某某”这样的示例）。"
    assert not services.office.has_users()
    dialog.agency["review_body"].setText("临江市人民政府")
    assert dialog.create().username == "admin"
    s = services.settings.load()
    assert (s.agency_name, s.agency_short, s.review_body, s.court) == (
        "临江市自然资源和规划局", "临自然资规", "临江市人民政府", "临江市江北区人民法院")
