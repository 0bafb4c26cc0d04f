"""Journeys on a city server of two agencies (PostgreSQL), through the real log-in, windows and dialogs:
(a) the city office: 督办看板 → an agency → 发送督办通知; then that agency's clerk logs in and sees it;
(b) a clerk of each agency logs in and sees only their agency's cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from app.services.container import Services
from app.ui.city.city_window import CityWindow
from app.ui.common.form_dialog import FormDialog
from app.ui.common.tasks import wait_all
from app.ui.main_window import MainWindow
from tests.conftest import TEST_PASSWORD, fixed_today
from tests.journeys.drive import WAIT, fill, log_in, ok, open_window
from tests.modal import answer_modal, through_modal
from tests.services.city.cases import JIA_CASES, PERSONAL, TODAY, YI_CASES
from tests.services.city.conftest import city_server, filled  # noqa: F401  (the module's server)

pytestmark = [pytest.mark.pg, pytest.mark.qt_log_ignore("propagateSizeHints")]
SHOTS = Path("/work/shots/city-board")


@dataclass
class Desk:
    services: Services
    settings: QSettings


def _desk(server, tmp_path, name: str) -> Desk:
    db = server.workstation()
    return Desk(Services.build(db, fixed_today(TODAY)), QSettings(str(tmp_path / f"{name}.ini"), QSettings.IniFormat))


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def _cells(model) -> list[list[str]]:
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def _close(window, desk) -> None:
    window.close()
    wait_all()
    desk.services.db.dispose()


def test_the_city_sends_a_notice_and_the_clerk_sees_it(qtbot, journey, filled, tmp_path):  # noqa: F811
    desk = _desk(filled, tmp_path, "city")
    actor = log_in(desk, "shi_gkb", TEST_PASSWORD)
    window = open_window(qtbot, desk, actor)
    assert isinstance(window, CityWindow)                       # no workbench for the city office
    board = window.board
    qtbot.waitUntil(lambda: board.board_model.rowCount() == 3, timeout=WAIT)
    # worked by hand (tests/services/city/cases.py): 乙 2 open, 2 soon, none overdue; 甲 4/1/2, 1 of 2 on time
    assert _cells(board.board_model) == [
        ["乙区交通运输局", "2", "2", "0", "1", "100.0%", "—", ""],
        ["甲区住房和城乡建设局", "4", "1", "2", "2", "50.0%", "甲-2026-001", "10天"],
        ["合计", "6", "3", "2", "3", "66.7%", "甲-2026-001", "10天"]]
    _shot(window, "1-city-board.png")

    table = board.board_table
    rect = table.visualRect(board.board_model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: board.stack.currentIndex() == 1, timeout=WAIT)
    cases = _cells(board.case_model)
    assert [r[0] for r in cases] == ["甲-2026-001", "甲-2026-002", "甲-2026-003", "甲-2026-004"]
    assert cases[0] == ["甲-2026-001", "2026-05-20", "2026-06-20", "办理", "办理中", "10天", "规划科"]
    shown = repr(cases) + board.agency_title.text()
    assert not any(v in shown for v in PERSONAL.values())       # no applicant, ID, phone, address, text
    _shot(window, "2-city-agency-cases.png")

    def send(dialog: FormDialog):
        fill(dialog, reply_by=date(2026, 7, 10))
        _shot(dialog, "3-city-notice-dialog.png")
        ok(dialog)

    told = answer_modal(QMessageBox, lambda box: (box.text(), box.button(QMessageBox.Ok).click())[0])
    through_modal(FormDialog, send, board.notice_button.click)
    assert "〔2026〕督办第1号" in told.check() and "甲区住房和城乡建设局" in told.check()
    window.tabs.setCurrentIndex(1)
    assert _cells(window.sent_model)[0][:5] == ["〔2026〕督办第1号", "甲区住房和城乡建设局", "2026-06-30", "2026-07-10",
                                               "未阅"]
    _shot(window, "4-city-sent.png")
    window.tabs.setCurrentIndex(2)
    assert window.subjects.item(0, 0).text() == "征收补偿"          # asked at both agencies
    _close(window, desk)

    # 甲's clerk logs in: the notice is on the workbench; 已阅, then 回复
    desk = _desk(filled, tmp_path, "jia")
    clerk = log_in(desk, "jia_clerk", TEST_PASSWORD)
    window = open_window(qtbot, desk, clerk)
    assert isinstance(window, MainWindow)
    banner = window.workbench.city_notices
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT)
    assert banner.title.text().startswith("市政务公开办督办通知：1份，待回复1份")
    assert _cells(banner.model)[0][:5] == ["〔2026〕督办第1号", "甲区住房和城乡建设局", "2026-06-30", "2026-07-10", "未阅"]
    _shot(window, "5-clerk-workbench-notice.png")
    qtbot.mouseClick(banner.read_button, Qt.LeftButton)
    assert _cells(banner.model)[0][4] == "已阅"

    def reply(dialog: FormDialog):
        fill(dialog, answer="两件已于7月2日答复，逾期原因是征求第三方意见。")
        ok(dialog)

    through_modal(FormDialog, reply, banner.answer_button.click)
    assert _cells(banner.model)[0][4:] == ["已回复", "两件已于7月2日答复，逾期原因是征求第三方意见。"]
    assert banner.title.text().startswith("市政务公开办督办通知：1份，待回复0份")
    _shot(window, "6-clerk-answered.png")
    _close(window, desk)


@pytest.mark.parametrize("username, mine, open_numbers", [
    ("jia_clerk", JIA_CASES, ["甲-2026-001", "甲-2026-002", "甲-2026-003", "甲-2026-004"]),
    ("yi_clerk", YI_CASES, ["乙-2026-002", "乙-2026-003"])])
def test_a_clerk_sees_only_their_agency(qtbot, journey, filled, tmp_path, username, mine, open_numbers):  # noqa: F811
    desk = _desk(filled, tmp_path, username)
    actor = log_in(desk, username, TEST_PASSWORD)
    window = open_window(qtbot, desk, actor)
    assert isinstance(window, MainWindow)
    window.show_list()
    model = window.request_list.table.model()
    # the list opens on the open cases (未办结): 甲-2026-001…004, 乙-2026-002 and -003; then every year and status
    qtbot.waitUntil(lambda: sorted(r[0] for r in _cells(model)) == open_numbers, timeout=WAIT)
    filters = window.request_list.filters
    filters.status.setCurrentIndex(filters.status.findText("全部状态"))
    filters.year.setCurrentIndex(filters.year.findText("全部年度"))
    filters.due.setCurrentIndex(filters.due.findText("全部期限"))
    qtbot.waitUntil(lambda: sorted(r[0] for r in _cells(model)) == sorted(n for n, *_ in mine), timeout=WAIT)
    if username == "yi_clerk":                          # the city's notice went to 甲 only
        assert window.workbench.city_notices.model.rowCount() == 0 and window.workbench.city_notices.isHidden()
    _shot(window, f"7-{username}-list.png")
    _close(window, desk)
