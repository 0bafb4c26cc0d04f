"""The 受理回执's promise, true to the case (domain §7): from when the 20 working days run, the due
date, and what moved it (补正, a pause, an extension, an Art 35 deadline)."""

from __future__ import annotations

from app.services.dto import RequestDetail
from app.workflow.dates import cn_date
from app.workflow.deadline import REPLY_DAYS, ClockState

_PAUSE_WORDS = {"征求第三方意见": "征求第三方意见", "征求其他机关意见": "征求其他机关意见"}


def receipt_sentence(d: RequestDetail, provisional: str = "") -> dict[str, str]:
    """``reply_period``: "自收到…之日起20个工作日内作出答复（即于…前…）"; ``reply_due_note`` the bracket alone.
    ``provisional``: the 暂定 clause of a date counted through a year without its holiday notice."""
    dl = d.deadline
    corrected = next((c for c in reversed(d.corrections) if c.received_on), None)
    if corrected is not None and dl.start == corrected.received_on:
        start = f"自收到您补正后的申请之日（{cn_date(corrected.received_on)}）"
    elif d.corrections:                # a 补正 is pending: the 20 days will run from the corrected application
        start = "自收到您补正后的申请之日"
    else:
        start = "自收到申请之日"
    note = _due_note(d, provisional) if dl.reply_due else ""
    return {"reply_period": f"{start}起{REPLY_DAYS}个工作日内作出答复{note}", "reply_due_note": note}


def _due_note(d: RequestDetail, provisional: str = "") -> str:
    dl = d.deadline
    if d.override_due is not None and dl.reply_due == d.override_due:
        return (f"（本机关已依条例第三十五条另行确定合理的答复期限，将于{cn_date(dl.reply_due)}前作出答复）")
    tail = f"；{provisional}" if provisional else ""
    movers = []
    if dl.paused_days:
        kinds = [_PAUSE_WORDS[c.kind] for c in d.consultations if c.kind in _PAUSE_WORDS]
        if any(not f.lapsed for f in d.fees):
            kinds.append("缴纳信息处理费")
        what = "、".join(dict.fromkeys(kinds)) or "征求意见"
        running = dl.state in (ClockState.PAUSED_CONSULTATION, ClockState.PAUSED_FEE)
        movers.append(f"{what}所需时间{'（尚未结束，暂计' if running else '（'}{dl.paused_days}个工作日）"
                      "不计算在答复期限内")
    if dl.extension_days:
        movers.append(f"经批准延长答复期限{dl.extension_days}个工作日")
    if not movers:
        return f"（即于{cn_date(dl.reply_due)}前{tail}）"
    return f"（即于{cn_date(dl.reply_due)}前；其中{'，'.join(movers)}{tail}）"
