"""Forms for the facts notices need: a signed notice's 送达, an objection held not 合理 (Art 32), and the
applicant's answer to the 要求说明理由通知书 (Art 35). Offered only when the service would take them."""

from __future__ import annotations

from app.services.dto import RequestDetail
from app.ui.cases.case_actions import ActionContext, ActionForm
from app.ui.common.form_dialog import FormField
from app.workflow.deadline import PauseKind
from app.workflow.status import Status
from app.workflow.vocabulary import Role
from app.workflow.authority import CaseStep

_SERVERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)
_DECIDERS = (Role.HANDLER, Role.CHIEF, Role.ADMIN)
_RECORDERS = (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN)
# 签发文书 events name the letter by its short name; these notices record their 送达 on the letter.
_SERVED_HERE = ("延期", "决定公开", "说明理由", "延迟答复")
ANSWERS = (("说明了理由，经审查理由不合理", "理由不合理"), ("说明了理由，经审查理由合理", "理由合理"),
           ("逾期未说明理由", "逾期未说明"))
SERVICE_METHODS = (("直接送达", "直接送达"), ("邮寄送达", "邮寄送达"), ("电子送达", "电子送达"), ("留置送达", "留置送达"))


def objecting(d: RequestDetail) -> list:
    return [c for c in d.consultations if c.kind == PauseKind.THIRD_PARTY.value and c.answer == "不同意"]


def unserved_signed(d: RequestDetail) -> bool:
    """A notice of 延期/决定公开/说明理由/延迟答复 was signed more often than a 送达 was recorded."""
    signed = sum(1 for e in d.events if e.kind == "签发文书" and e.field in _SERVED_HERE)
    served = len({e.field for e in d.events if e.kind == "通知书送达"})
    return signed > served


def reasons_served(d: RequestDetail) -> bool:
    return any(e.kind == "通知书送达" and e.field.startswith("要求说明理由通知书") for e in d.events)


def notice_served_form(c: ActionContext) -> ActionForm:
    servable = [n for n in c.services.notices.servable(c.detail.id) if n.served_on is None] or \
        c.services.notices.servable(c.detail.id)
    choices = tuple((n.label, n.letter_id) for n in servable)
    fields = (FormField("letter_id", "通知书", "choice", choices[0][1] if choices else None, choices, required=True),
              FormField("served_on", "送达日期（对方收到之日）", "date", c.today),
              FormField("method", "送达方式", "choice", "直接送达", SERVICE_METHODS))
    return ActionForm("登记通知书送达", fields, lambda v: c.services.notices.record_served(
        *c.key, v["letter_id"], v["served_on"], v["method"] or ""),
        "只能登记已签发的通知书；送达日期不得早于通知书的成文日期。决定公开政府信息告知书送达前不能登记答复；"
        "延长答复期限告知书送达后，答复书方可引述。")


def objection_form(c: ActionContext) -> ActionForm:
    parties = objecting(c.detail)
    choices = tuple((x.party, x.id) for x in parties)
    fields = (FormField("consultation_id", "第三方", "choice", choices[-1][1], choices, required=True),
              FormField("reason", "意见不合理的理由", "multiline", required=True,
                        placeholder="如：所称商业秘密已由其自行公开；所涉内容与其权益无关"))
    return ActionForm("第三方异议不合理", fields, lambda v: c.services.notices.assess_objection(
        *c.key, v["consultation_id"], v["reason"]),
        "第三方不同意公开但理由不合理的，记录理由后可予以公开或部分公开；"
        "如属不公开可能对公共利益造成重大影响而决定公开，请改用“决定公开（第三方不同意）”。")


def reasons_answer_form(c: ActionContext) -> ActionForm:
    fields = (FormField("answer", "申请人的答复", "choice", "理由不合理", ANSWERS, required=True),
              FormField("answered_on", "收到理由或登记逾期之日", "date", c.today),
              FormField("note", "申请人说明的理由及审查意见", "multiline",
                        placeholder="说明了理由的，摘要写明理由和审查意见；逾期未说明的可不填"))
    return ActionForm("登记说明理由答复", fields, lambda v: c.services.notices.record_reasons_answer(
        *c.key, v["answer"], v["answered_on"], v["note"] or ""),
        "逾期未说明须在通知书载明的期限届满后登记。理由不合理或逾期未说明的，可以不予处理（五.4）；"
        "理由合理但无法按期答复的，可另定期限并出具延迟答复告知书。")


def _open(d: RequestDetail) -> bool:
    return Status(d.status).is_open


NOTICE_FACTS = (
    ("登记通知书送达", lambda d, r: r in _SERVERS and unserved_signed(d), notice_served_form, CaseStep.RECORD_SERVICE),
    ("第三方异议不合理", lambda d, r: r in _DECIDERS and _open(d) and any(
        not x.disclosure_reasons for x in objecting(d)), objection_form, CaseStep.DECIDE_DISCLOSURE),
    ("登记说明理由答复", lambda d, r: r in _RECORDERS and _open(d) and reasons_served(d), reasons_answer_form,
     CaseStep.RECORD_SERVICE),
)
