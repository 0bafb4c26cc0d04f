"""E-mail notices that a document can be fetched online: the greeting, the agency, the kind of document and
where to look — never the document, the 查询码 or any other personal data. Sent through the office's SMTP
relay (管理 → 网上申请); no relay set, no mail."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import Letter, OnlineMail, OnlineSubmission, Request
from app.services.online.rules import ONLINE_DELIVERY, ONLINE_KINDS
from app.services.settings_service import OfficeSettings, load_settings
from app.services.uow import Database

SIGNED = "已签发"


@dataclass(frozen=True)
class Notice:
    letter_id: int
    to: str
    applicant_name: str
    kind: str


def compose(settings: OfficeSettings, notice: Notice) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = notice.to
    msg["Subject"] = f"{settings.agency_name}：您的政府信息公开申请有新的文书可在线获取"
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2] or None)
    where = f"请访问 {settings.online_site} ，" if settings.online_site.strip() else "请访问本机关网上申请平台，"
    msg.set_content(
        f"{notice.applicant_name}：\n\n"
        f"您向{settings.agency_name}提出的政府信息公开申请，已出具《{notice.kind}》，可在线获取。\n"
        f"{where}凭提交申请时获得的查询码和联系电话（或证件号码）后四位查询办理进度并下载文书。\n"
        "查询码仅在提交时显示一次，本邮件不包含查询码和文书内容。\n\n"
        "本邮件由系统自动发送，请勿回复。\n")
    return msg


def due_notices(db: Database) -> tuple[OfficeSettings, list[Notice]]:
    """The office's settings and the documents offered online whose notice has not gone out yet."""
    with db.read() as uow:
        s = uow.session
        settings = load_settings(s)
        rows = s.execute(
            select(Letter.id, Letter.kind, Request.email, Request.applicant_name)
            .join(Request, Request.id == Letter.request_id)
            .join(OnlineSubmission, OnlineSubmission.request_id == Request.id)
            .outerjoin(OnlineMail, OnlineMail.letter_id == Letter.id)
            .where(Letter.state == SIGNED, Letter.superseded_by.is_(None), Letter.pdf.is_not(None),
                   Letter.kind.in_([k.value for k in ONLINE_KINDS]), Request.delivery.in_(ONLINE_DELIVERY),
                   Request.email != "", OnlineMail.letter_id.is_(None)).order_by(Letter.id)).all()
    return settings, [Notice(r.id, r.email, r.applicant_name, r.kind) for r in rows]


def send_due(db: Database, now: datetime, timeout: float = 10.0) -> int:
    """Send every due notice through the relay; each one is recorded so it never goes twice. A relay that
    cannot be reached leaves the rest for the next call (the workbench calls it on refresh, off the UI
    thread; ``online-notices`` from a scheduled task).

    Several workstations may call it at once: each notice's row is written (and, on PostgreSQL, its key
    held) before the mail goes and committed after, so a second caller waits, then finds it taken and
    sends nothing; a mail the relay refused rolls its row back for the next call."""
    settings, notices = due_notices(db)
    if not settings.smtp_host.strip() or not notices:
        return 0
    sent = 0
    with smtplib.SMTP(settings.smtp_host.strip(), settings.smtp_port, timeout=timeout) as smtp:
        for notice in notices:
            with db.uow() as uow:
                uow.session.add(OnlineMail(letter_id=notice.letter_id, sent_at=now))
                try:
                    uow.session.flush()
                except IntegrityError:
                    continue                      # another workstation sent this one meanwhile
                smtp.send_message(compose(settings, notice))
                uow.commit()
            sent += 1
    return sent
