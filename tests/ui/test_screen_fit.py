"""Every page and the big dialogs fit a 1366×768 laptop (1366×728 left once the taskbar is there)."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import pytest
from PySide6.QtCore import QRect, QSize

from app.ui import startup
from app.ui.cases.edit_request_dialog import EditRequestDialog
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.ui.common.screen_fit import first_geometry, fitted
from app.ui.common.tasks import wait_all
from app.exports.letters.kinds import LetterKind
from tests.ui.desk_support import answers, application, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ROOM = (1366, 728)


def _fits(size) -> bool:
    return size.width() <= ROOM[0] and size.height() <= ROOM[1]


def test_every_page_keeps_the_window_within_a_1366x768_screen(qtbot, office, ui_settings):
    s = office.services
    case = s.requests.register(office.clerk, application())
    w = startup.build_window(s, office.admin, ui_settings)
    qtbot.addWidget(w)
    w.show()
    w.resize(*ROOM)
    visited = []
    for row, title in enumerate(w.page_titles()):
        w.nav.setCurrentRow(row)
        qtbot.wait(10)
        visited.append(title)
        # 年度报告 used to hold the window at 854 px tall from the moment it was first opened
        assert _fits(w.minimumSizeHint()) and _fits(w.minimumSize()), (title, w.minimumSizeHint())
        w.resize(*ROOM)
        assert (w.width(), w.height()) == ROOM, title
    w.open_request(case.id)
    qtbot.wait(10)
    assert w.current_page() is w.detail
    assert _fits(w.minimumSizeHint())
    w.resize(*ROOM)
    assert (w.width(), w.height()) == ROOM
    assert {"首页", "申请列表", "登记", "管理", "数据", "年度报告"} <= set(visited)
    # the status bar stays on screen: inside the window, below the page
    assert w.statusBar().geometry().bottom() < ROOM[1]
    wait_all()


def test_the_big_dialogs_fit_too(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    preview = LetterPreviewDialog(None, s.letters, office.clerk, d.id, LetterKind.RECEIPT)
    qtbot.addWidget(preview)
    room = preview.screen().availableGeometry()
    # asked for 760×960, it gets no more than the screen has: 728 − 40 on a 1366×768 laptop
    assert preview.height() <= room.height() - 40 and _fits(preview.minimumSizeHint())
    assert fitted(760, 960, QRect(0, 0, *ROOM)) == QSize(760, 688)
    edit = EditRequestDialog(None, s, office.clerk, s.requests.detail(d.id))
    qtbot.addWidget(edit)
    assert _fits(edit.size()) and _fits(edit.minimumSizeHint())
    qtbot.waitUntil(lambda: not preview.busy, timeout=20000)
    assert preview.view.page_count() >= 1 and not answers.messages("error")
    wait_all()


def test_the_first_window_fits_the_screen_it_opens_on():
    # a 1366×768 laptop leaves 1366×728 above its taskbar: 840 px (+ frame) do not fit, so maximised
    assert first_geometry(QRect(0, 0, 1366, 728)) is None
    # a 1920×1080 screen (1920×1040 available): 1320×840, centred → x = (1920 − 1320) / 2, y = (1040 − 840) / 2
    assert first_geometry(QRect(0, 0, 1920, 1040)) == QRect(300, 100, 1320, 840)
    # a second screen to the right keeps its offset
    assert first_geometry(QRect(1920, 0, 1920, 1040)) == QRect(2220, 100, 1320, 840)


def test_with_no_remembered_geometry_the_window_opens_maximised_on_a_small_screen(qtbot, office, ui_settings):
    w = startup.build_window(office.services, office.clerk, ui_settings)     # nothing remembered yet
    qtbot.addWidget(w)
    room = w.screen().availableGeometry()          # the offscreen screen: 800×600
    assert room.height() < 840
    assert w.isMaximized()
    assert w.normalGeometry().width() <= room.width() and w.normalGeometry().height() <= room.height()
    w.show()
    assert w.width() <= room.width() and w.height() <= room.height()


def test_the_window_title_names_the_product_once(qtbot, office, ui_settings):
    from PySide6.QtWidgets import QApplication

    w = startup.build_window(office.services, office.clerk, ui_settings)
    qtbot.addWidget(w)
    agency = office.services.settings.load().agency_name
    assert w.windowTitle() == agency
    # what Windows and Linux show: the title, then the application's display name
    QApplication.setApplicationDisplayName("依申请公开办理系统")
    shown = f"{w.windowTitle()} - {QApplication.applicationDisplayName()}"
    assert shown.count("依申请公开办理系统") == 1
