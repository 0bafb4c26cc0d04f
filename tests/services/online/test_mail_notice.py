"""E-mail notices through a local SMTP sink (aiosmtpd): one per document issued, no personal data beyond
the greeting, no code, no document; none without a relay."""

import json
import socket
from datetime import date

import pytest
from sqlalchemy import select

from app.exports.letters.kinds import LetterKind
from app.models import OnlineMail, Setting
from tests.services.online.support import HOME, citizen, services

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def sink():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Sink()
    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def _relay(db, port):
    with db.uow() as uow:
        for key, value in (("smtp_host", "127.0.0.1"), ("smtp_port", port), ("smtp_from", "gongkai@example.gov.cn"),
                           ("online_site", "https://gongkai.example.gov.cn/")):
            uow.session.merge(Setting(key=key, value=json.dumps(value)))
        uow.commit()


def test_notice_sent_once_per_document(any_db, clerk, chief, sink):
    handler, port = sink
    online, desk, svc, clock = services(any_db)
    code = online.submit(None, citizen(), [], HOME).query_code
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    assert desk.send_notices() == 0                      # no relay set, nothing issued: nothing sent
    svc.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 3), "请写明文号")
    letter = svc.letters.sign(chief, svc.letters.issue(clerk, d.id, LetterKind.CORRECTION).id)
    assert desk.send_notices() == 0                      # issued, but no relay yet
    _relay(any_db, port)
    assert desk.send_notices() == 1
    assert desk.send_notices() == 0                      # never twice
    [(sender, to, body)] = handler.messages
    assert (sender, to) == ("gongkai@example.gov.cn", ["zs@example.com"])
    import email
    text = email.message_from_string(body).get_payload(decode=True).decode("utf-8")
    assert text.startswith("张三：") and "补正申请告知书" in text and "https://gongkai.example.gov.cn/" in text
    for secret in (code, code.replace("-", ""), "13812345678", "11010519491231002X", letter.doc_number):
        assert secret not in body and secret not in text
    assert "5678" not in text                            # (the raw headers hold a random Message-ID)
    with any_db.read() as uow:
        assert uow.session.scalars(select(OnlineMail.letter_id)).all() == [letter.id]


def test_no_mail_without_an_address(any_db, clerk, chief, sink):
    handler, port = sink
    _relay(any_db, port)
    online, desk, svc, clock = services(any_db)
    online.submit(None, citizen(email=""), [], HOME)
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    svc.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 3), "请写明文号")
    svc.letters.sign(chief, svc.letters.issue(clerk, d.id, LetterKind.CORRECTION).id)
    assert desk.send_notices() == 0 and handler.messages == []


def test_the_command_sends_and_says_so(sqlite_db, clerk, chief, sink, capsys, monkeypatch):
    from app.cli import main
    from tests.conftest import TEST_PASSWORD

    handler, port = sink
    _relay(sqlite_db, port)
    online, desk, svc, clock = services(sqlite_db)
    online.submit(None, citizen(), [], HOME)
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    svc.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 3), "请写明文号")
    svc.letters.sign(chief, svc.letters.issue(clerk, d.id, LetterKind.CORRECTION).id)
    path = sqlite_db.engine.url.database
    monkeypatch.setenv("DISCLOSURE_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["--db", path, "--user", "clerk1", "online-notices"]) == 0
    assert capsys.readouterr().out.strip() == "已发送邮件提醒1封。"
    assert main(["--db", path, "--user", "clerk1", "online-notices"]) == 0
    assert capsys.readouterr().out.strip() == "没有需要发送的邮件提醒。"
    assert len(handler.messages) == 1
