"""管理 → 节假日安排: the years built into the program (chinesecalendar) are shown, read-only."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.calendar_service import CalendarService
from app.ui.settings.calendar_editor import CalendarEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_builtin_year_is_listed_read_only(qtbot, sqlite_db, admin):
    editor = CalendarEditor(CalendarService(sqlite_db), admin, True, today=lambda: date(2025, 11, 20))
    qtbot.addWidget(editor)
    editor.show()
    editor.year.setValue(2025)
    items = [editor.builtin.item(i) for i in range(editor.builtin.count())]
    texts = [i.text() for i in items]
    # the 2025 notice (国办发明电〔2024〕12号): 国庆 and 中秋 together 10-01..10-08, make-up Sundays
    # 09-28 and Saturday 10-11
    assert "2025年9月28日（星期日）国庆节调休上班" in texts
    assert "2025年10月6日（星期一）中秋节放假" in texts
    assert "2025年10月11日（星期六）国庆节调休上班" in texts
    assert editor.builtin.isVisible() and editor.builtin_title.text().startswith("2025年程序内置安排（只读")
    assert all(not (i.flags() & Qt.ItemIsEditable) for i in items)
    assert editor.model.rowCount() == 0          # nothing the office entered: the editable table is empty
    # 2027 is not in chinesecalendar 1.11: the list shows the law's holidays, marked 暂定, for the office
    # to compare with the notice it enters
    editor.year.setValue(2027)
    texts = [editor.builtin.item(i).text() for i in range(editor.builtin.count())]
    assert "2027年1月1日（星期五）元旦放假（按放假办法推算，暂定）" in texts
    assert "2027年2月9日（星期二）春节补假（按放假办法推算，暂定）" in texts
    assert editor.builtin_title.text().startswith("2027年法定节假日（按放假办法推算，暂定，只读")
    assert "法定节假日计算（调休未知），标注为暂定" in editor.status.text()
