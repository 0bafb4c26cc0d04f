"""The proof of a lapse in its letter: when the 补正 / 缴费 notice was sent and served, and its period."""

from __future__ import annotations

from app.errors import ValidationError
from app.exports.letters.wording import money
from app.services.dto import RequestDetail
from app.workflow.dates import cn_date
from app.workflow.deadline import FEE_PAYMENT_DAYS


def lapse_recital(d: RequestDetail) -> str:
    """六.1 / 六.2 replies recite the notice that set the period and its dates (the proof of 逾期); a lapse
    whose notice or 送达 is unrecorded (e.g. imported) is refused naming the missing fact. Otherwise ""."""
    if d.outcome == "六.1":
        c = d.corrections[-1] if d.corrections else None
        if c is None or c.notice_served_on is None or c.reply_due is None:
            raise ValidationError("逾期不补正的答复书须载明补正告知书的发出日期、送达日期和补正期限（逾期的证明）。"
                                  "该申请缺少补正告知记录或其送达日期，请先“登记补正送达”。", "notice_served_on")
        return (f"因申请内容不明确，本机关于{cn_date(c.requested_on)}向您发出补正申请告知书，"
                f"该告知书于{cn_date(c.notice_served_on)}送达，告知您自收到之日起{c.period_days}个工作日内"
                f"（即于{cn_date(c.reply_due)}前）作出补正。补正期限届满，本机关未收到您补正后的申请。")
    if d.outcome == "六.2":
        f = d.fees[-1] if d.fees else None
        if f is None or f.received_on is None or f.payment_due is None:
            raise ValidationError("逾期未缴费的答复书须载明缴费通知书的发出日期、送达日期和缴费期限（逾期的证明）。"
                                  "该申请缺少缴费通知记录或其送达日期，请先“登记缴费通知书送达”。", "received_on")
        return (f"本机关于{cn_date(f.issued_on)}向您发出信息处理费缴费通知书（应缴信息处理费{money(f.amount)}元），"
                f"该通知书于{cn_date(f.received_on)}送达，告知您自收到之次日起{FEE_PAYMENT_DAYS}个工作日内"
                f"（即于{cn_date(f.payment_due)}前）缴纳。缴费期限届满，您未缴纳信息处理费。")
    return ""
