"""帮助 → 用户手册 (F1): the Chinese manual opens inside the window, pictures and all."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from app.resources import manual_path
from app.ui import startup
from tests.ui.desk_support import office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
CHAPTERS = ("各角色的一天", "答复期限怎么算", "台账导入与导出", "年度报告", "备份与恢复", "录入下一年的节假日")


def test_f1_opens_the_manual_in_the_window(qtbot, office, ui_settings):
    w = startup.build_window(office.services, office.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    assert w.manual_action.shortcut().toString() == "F1"
    qtbot.keyClick(w.focusWidget() or w, Qt.Key_F1)
    qtbot.waitUntil(lambda: getattr(w, "manual", None) is not None and w.manual.isVisible())
    text = w.manual.browser.toPlainText()
    assert text.startswith("依申请公开办理系统 用户手册")
    for chapter in CHAPTERS:
        assert chapter in text, chapter
    # the pictures resolve (a missing one would render as an empty box)
    doc = w.manual.browser.document()
    assert not doc.resource(QTextDocument.ImageResource, QUrl("screenshots/1366x768/workbench.png")) is None
    w.manual_action.trigger()                      # a second F1 brings the same manual forward
    assert len(w.findChildren(type(w.manual))) == 1


def test_every_picture_the_manual_names_exists():
    path = manual_path()
    names = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", path.read_text(encoding="utf-8"))
    assert len(names) >= 8
    missing = [n for n in names if not (path.parent / n).is_file()]
    assert missing == []
