"""发送督办通知: the reply-by date and a note; the overdue cases it lists are shown, then sent."""

from __future__ import annotations

from datetime import date, timedelta

from app.services.city.dto import CityCaseRow, CityNoticeView
from app.services.city.notice_service import CityNoticeService
from app.services.dto import Actor
from app.ui.common.form_dialog import FormDialog, FormField

TITLE = "发送督办通知"


class CityNoticeDialog:
    """The city's notice form (a FormDialog: answered for real by the journeys)."""

    @classmethod
    def ask(cls, parent, service: CityNoticeService, actor: Actor, agency_id: int, agency_name: str,
            cases: list[CityCaseRow], today: date) -> CityNoticeView | None:
        overdue = [c for c in cases if c.days_overdue > 0]
        listed = "；".join(f"{c.number}（逾期{c.days_overdue}天）" for c in overdue[:12])
        more = f"等{len(overdue)}件" if len(overdue) > 12 else f"共{len(overdue)}件"
        intro = f"向{agency_name}发出督办通知，列明其逾期案件：{listed}{more}。通知编号按本年督办序号自动编定。"
        fields = (FormField("reply_by", "回复期限", "date", today + timedelta(days=7), required=True),
                  FormField("body", "督办意见", "multiline", "请于回复期限前说明逾期原因及办理进度，并尽快依法答复。"))
        return FormDialog.ask(parent, TITLE, fields,
                              lambda v: service.send(actor, agency_id, v["reply_by"], v["body"] or ""),
                              intro=intro, today=today)
