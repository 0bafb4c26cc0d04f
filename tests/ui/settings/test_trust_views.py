"""管理 → 审计核验 runs off the UI thread and names a break; the detail page masks and reveals (audited)."""

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import text

from app.services.container import Services
from app.ui.cases.request_detail_view import RequestDetailView
from app.ui.settings.settings_view import SettingsView
from app.ui.common.tasks import wait_all
from tests.conftest import fixed_today
from tests.services.helpers import request_input
from tests.ui.desk_support import Answers


class Hub:
    def changed(self, _rid):
        pass


def test_audit_check_tab_passes_then_names_the_edited_row(qtbot, sqlite_db, admin, clerk):
    services = Services.build(sqlite_db, fixed_today(date(2025, 6, 30)))
    services.requests.register(clerk, request_input())
    view = SettingsView(services, admin)
    qtbot.addWidget(view)
    panel = view.audit_check
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "审计核验"
    with qtbot.waitSignal(panel.checked, timeout=20000) as got:
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)
        assert panel.busy                                   # the check runs in a task, the page stays live
    assert got.args[0].ok and panel.result.text().startswith("核验通过")
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER events_no_update"))
        conn.execute(text("UPDATE events SET reason = '改过' WHERE id = 2"))
    with qtbot.waitSignal(panel.checked, timeout=20000):
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert "核验未通过" in panel.result.text() and "编号2" in panel.result.text()
    wait_all()


def test_detail_masks_and_reveals_with_an_audit_line(qtbot, sqlite_db, clerk):
    services = Services.build(sqlite_db, fixed_today(date(2025, 6, 30)))
    d = services.requests.register(clerk, request_input(id_type="居民身份证", id_number="11010519491231002X",
                                                        phone="13800000000"))
    answers = Answers()
    view = RequestDetailView(services, clerk, Hub())
    qtbot.addWidget(view)
    view.open(d.id)
    shown = view.info.toPlainText()
    assert "1101**********002X" in shown and "138****0000" in shown and "11010519491231002X" not in shown
    qtbot.mouseClick(view.reveal_button, Qt.LeftButton)
    assert "证件号码：11010519491231002X" in answers.messages("info")[0]
    assert "联系电话：13800000000" in answers.messages("info")[0]
    assert view.detail.events[-1].kind == "查看完整信息"


def test_editing_with_the_masked_numbers_keeps_them(qtbot, sqlite_db, clerk):
    from app.ui.cases.edit_request_dialog import EditRequestDialog

    services = Services.build(sqlite_db, fixed_today(date(2025, 6, 30)))
    d = services.requests.register(clerk, request_input(id_type="居民身份证", id_number="11010519491231002X",
                                                        phone="13800000000"))
    dialog = EditRequestDialog(None, services, clerk, d)
    qtbot.addWidget(dialog)
    assert dialog.form.value("id_number") == "1101**********002X"       # the form never holds the number
    dialog.form.widgets["address"].setText("某市某路1号")
    dialog._save()
    assert dialog.result() == EditRequestDialog.Accepted, dialog.error.text()
    full = services.requests.contact(clerk, d.id)
    assert (full.id_number, full.phone) == ("11010519491231002X", "13800000000")
    assert services.requests.detail(d.id).address == "某市某路1号"
