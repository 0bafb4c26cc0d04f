"""The clerk's side of online applications through the real main window: a submission appears on the
workbench as 待确认, is confirmed with the button (receipt date = today), a flood is flagged, and an online
补正 answer is accepted (补正收到日期 recorded)."""
# ruff: noqa: F811

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.exports.letters.kinds import LetterKind
from app.services.online.dto import Client
from app.services.online.online_service import OnlineService
from app.ui.main_window import MainWindow
from tests.services.online.support import SECRET, citizen
from tests.ui.desk_support import TODAY, answers, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SHOTS = "/work/shots/online-core"


def _online(office):
    now = lambda: datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0)      # noqa: E731
    return OnlineService(office.services.db, SECRET, today=lambda: TODAY, now=now)


def _window(qtbot, office, actor, ui_settings):
    window = MainWindow(office.services, actor, ui_settings)
    qtbot.addWidget(window)
    window.resize(1366, 860)
    window.show()
    window.show_page(window.workbench)
    qtbot.waitExposed(window)
    box = window.workbench.online_box
    qtbot.waitUntil(lambda: box.height() > 100)          # laid out once refresh showed it
    return window


def test_clerk_confirms_an_online_submission_from_the_workbench(qtbot, office, answers, ui_settings):
    online = _online(office)
    code = online.submit(None, citizen(), [], Client("203.0.113.7")).query_code
    for i in range(5):                                       # five more from one source: a flood
        online.submit(None, citizen(name=f"批量{i}", description=f"批量内容{i}"), [], Client("198.51.100.1"))
    window = _window(qtbot, office, office.clerk, ui_settings)
    box = window.workbench.online_box
    assert box.isVisible() and box.model.rowCount() == 6
    assert box.flood_label.isVisible() and "5件网上申请来自同一来源" in box.flood_label.text()
    flags = [box.model.index(r, 5).data() for r in range(6)]
    assert flags == [""] + ["疑似批量（同一来源）"] * 5
    assert box.model.index(0, 1).data() == "张三"
    import os
    os.makedirs(SHOTS, exist_ok=True)
    window.grab().save(f"{SHOTS}/workbench-online-pending.png")
    box.table.selectRow(0)
    qtbot.mouseClick(box.open_button, Qt.LeftButton)              # 查看: the case page, masked as usual
    assert window.current_page() is window.detail
    shown = window.detail.info.toPlainText()
    assert "1101**********002X" in shown and "138****5678" in shown and "11010519491231002X" not in shown
    window.show_page(window.workbench)
    box.table.selectRow(0)
    qtbot.mouseClick(box.confirm_button, Qt.LeftButton)
    assert answers.messages("error") == []
    assert answers.messages("info")[-1] == "已确认受理，申请编号某自然资规依申〔2025〕1号，收到申请日期为今日。"
    assert box.model.rowCount() == 5
    status = online.status(code, "5678", Client("203.0.113.7"))
    assert status.received_on == TODAY                       # 2025-06-30, the clerk's day
    # The same applicant asks again for the same thing: the confirmation names the earlier case.
    online.submit(None, citizen(), [], Client("203.0.113.7"))
    box.refresh()
    box.table.selectRow(box.model.rowCount() - 1)
    answers.confirm_answer = False
    qtbot.mouseClick(box.confirm_button, Qt.LeftButton)
    assert "此前有相似申请（某自然资规依申〔2025〕1号，待审核，相似度100%）" in answers.messages("confirm")[-1]
    assert box.model.rowCount() == 6                         # declined: still waiting
    answers.confirm_answer = True
    # The same submission cannot be confirmed twice (stale row from another window): refused in Chinese.
    stale = box.model.row(0)
    box.table.selectRow(0)
    answers.form_answers.clear()
    office.services.online.confirm(office.clerk, stale.request_id, stale.version)
    qtbot.mouseClick(box.confirm_button, Qt.LeftButton)
    assert "已被其他用户修改" in answers.messages("error")[-1]


def test_a_handler_sees_no_confirm_button(qtbot, office, answers, ui_settings):
    _online(office).submit(None, citizen(), [], Client("203.0.113.7"))
    window = _window(qtbot, office, office.handler, ui_settings)
    box = window.workbench.online_box
    assert box.model.rowCount() == 1
    assert not box.confirm_button.isVisible() and not box.refuse_button.isVisible()


def test_clerk_accepts_an_online_correction(qtbot, office, answers, ui_settings):
    online, svc = _online(office), office.services
    client = Client("203.0.113.7")
    code = online.submit(None, citizen(), [], client).query_code
    [p] = svc.online.pending()
    d = svc.online.confirm(office.clerk, p.request_id, p.version)
    d = svc.cases.request_correction(office.clerk, d.id, d.version, TODAY, "请写明文号")
    svc.letters.sign(office.admin, svc.letters.issue(office.clerk, d.id, LetterKind.CORRECTION).id)
    online.answer_correction(code, "5678", "文号为某规许〔2024〕12号", [], client)
    window = _window(qtbot, office, office.clerk, ui_settings)
    box = window.workbench.online_box
    assert box.answers.count() == 1 and "某规许〔2024〕12号" in box.answers.item(0).text()
    assert box.unfetched_label.isVisible() and "补正申请告知书" in box.unfetched_label.text()
    window.grab().save(f"{SHOTS}/workbench-online-correction.png")
    box.answers.setCurrentRow(0)
    qtbot.mouseClick(box.accept_button, Qt.LeftButton)
    assert answers.messages("error") == []
    assert answers.messages("info")[-1].startswith("已接收某自然资规依申〔2025〕1号的网上补正")
    detail = svc.requests.detail(d.id)
    assert (detail.status, detail.corrections[-1].received_on) == ("待审核", TODAY)
    assert detail.corrections[-1].corrected_content == "文号为某规许〔2024〕12号"
    assert box.answers.count() == 0 and not box.answers.isVisible()


def test_the_workbench_mails_the_applicant_once_and_says_when_the_relay_is_down(qtbot, office, answers,
                                                                                ui_settings):
    """A 补正告知书 signed for an online applicant who gave an e-mail address: the workbench, on refresh,
    sends one notice through the office's relay (a local SMTP sink), off the UI thread, and never twice; with
    the relay down it says so and sends nothing."""
    import email
    import email.policy
    import json
    import socket

    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from app.models import Setting
    from app.ui.common.tasks import wait_all

    class Sink:
        messages: list = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    def free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def relay(port):
        with svc.db.uow() as uow:
            for key, value in (("smtp_host", "127.0.0.1"), ("smtp_port", port), ("smtp_from", "gk@example.gov.cn")):
                uow.session.merge(Setting(key=key, value=json.dumps(value)))
            uow.commit()

    online, svc = _online(office), office.services
    online.submit(None, citizen(), [], Client("203.0.113.7"))
    [p] = svc.online.pending()
    d = svc.online.confirm(office.clerk, p.request_id, p.version)
    d = svc.cases.request_correction(office.clerk, d.id, d.version, TODAY, "请写明文号")
    svc.letters.sign(office.admin, svc.letters.issue(office.clerk, d.id, LetterKind.CORRECTION).id)

    relay(free_port())                                   # nothing listens there: the relay is down
    window = MainWindow(svc, office.clerk, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.workbench)
    box = window.workbench.online_box
    qtbot.waitUntil(lambda: box.mail_label.isVisible(), timeout=15000)
    warning = box.mail_label.text()        # in Chinese, saying what failed and where to fix it; no OS jargon
    assert "未能发出" in warning and "无法连接邮件服务器" in warning and "管理 → 网上申请" in warning
    assert "Errno" not in warning and "refused" not in warning and box.notices_sent == 0

    sink = Sink()
    port = free_port()
    controller = aiosmtpd.Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        relay(port)
        box.refresh()
        qtbot.waitUntil(lambda: box.notices_sent == 1, timeout=15000)
        assert not box.mail_label.isVisible()
        [(to, raw)] = sink.messages
        body = email.message_from_string(raw, policy=email.policy.default).get_content()
        assert to == ["zs@example.com"] and "已出具《补正申请告知书》" in body and "请写明文号" not in body
        box.refresh()                                    # the document is still 未查收: refreshed again
        assert wait_all(15000)
        qtbot.wait(50)
        assert len(sink.messages) == 1 and box.notices_sent == 1       # never twice
    finally:
        controller.stop()
