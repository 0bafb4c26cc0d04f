"""The window's 督办 page: an overdue case that no department has yet shows under 未分派处室."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from app.ui.startup import build_window
from tests.services.coordination_support import make_staff
from tests.services.helpers import request_input

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_unassigned_overdue_case_heads_the_supervision_page(qtbot, sqlite_db, tmp_path):
    # Today Mon 2025-02-24; received Mon 2025-01-20, the case was due Fri 2025-02-21 (20 working days,
    # domain §3): overdue by one working day, and no department has been given it.
    staff = make_staff(sqlite_db, date(2025, 2, 24))
    orphan = staff.services.requests.register(staff.clerk, request_input(applicant_name="王五"))
    window = build_window(staff.services, staff.clerk, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    window.resize(1366, 768)
    window.show()
    qtbot.addWidget(window)
    window.nav.setCurrentRow(window.page_titles().index("督办"))
    page = window.current_page().page
    top = page.tree.topLevelItem(0)
    assert top.text(0) == "未分派处室" and "逾期1" in top.text(2)
    row = top.child(0)
    assert (row.text(0), row.text(1), row.text(3), row.text(4)) == ("申请", orphan.number, "2025-02-21", "逾期1天")
    assert page.summary.text().startswith("已逾期1项")
