"""Forms for the facts a lapse or a notice needs: the fee notice's 送达 and an extension's 延期理由."""

from __future__ import annotations

from app.services.dto import RequestDetail
from app.ui.cases.case_actions import ActionContext, ActionForm
from app.ui.common.form_dialog import FormField
from app.workflow.dates import cn_date
from app.workflow.status import Status


def fee_unserved(d: RequestDetail) -> bool:
    """The latest fee notice is unpaid and its receipt not recorded (未送达); an imported 六.2 case too."""
    return (d.status != Status.ARCHIVED.value and bool(d.fees) and d.fees[-1].received_on is None
            and d.fees[-1].paid_on is None)


def extension_without_reason(d: RequestDetail) -> bool:
    return d.status != Status.ARCHIVED.value and bool(d.extensions) and not d.extensions[-1].reason.strip()


def fee_served_form(c: ActionContext) -> ActionForm:
    last = c.detail.fees[-1]
    return ActionForm(
        "登记缴费通知书送达", (FormField("served_on", "申请人收到日期", "date", c.today),),
        lambda v: c.services.letter_facts.record_fee_notice_served(*c.key, v["served_on"]),
        f"缴费通知书于{cn_date(last.issued_on)}发出。申请人自收到通知书之次日起20个工作日内缴费；"
        "登记前显示“未送达”，缴费期限不起算，且不能认定逾期未缴费。")


def extension_reason_form(c: ActionContext) -> ActionForm:
    e = c.detail.extensions[-1]
    return ActionForm(
        "补录延期理由", (FormField("reason", "延期理由", "multiline", e.reason, required=True,
                                   placeholder="需要延长答复期限的理由（写入延长答复期限告知书）"),),
        lambda v: c.services.letter_facts.set_extension_reason(*c.key, v["reason"]),
        f"{cn_date(e.approved_on)}批准延长{e.days}个工作日，未记录延期理由；延长答复期限告知书须写明理由。")
