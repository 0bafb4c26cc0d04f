"""HTML of a case's read-only panels: the application, the decision, and its side events."""

from __future__ import annotations

from html import escape

from app.services.dto import RequestDetail
from app.workflow.dates import cn_date

_CSS = """<style>
 table { border-collapse: collapse; width: 100%; }
 td { border-bottom: 1px solid #e4e8ec; vertical-align: top; }
 td.k { color: #6b7785; background: #f7f9fb; }
 h3 { color: #2b4a70; margin: 12px 0 4px 0; font-size: 11pt; }
 p.none { color: #9aa5b1; }
 li { margin-bottom: 3px; }
</style>"""


def _table(pairs: list[tuple[str, str]], columns: int = 2) -> str:
    # QTextDocument honours width attributes, not CSS widths: key 12%, value fills the rest.
    value_width = (100 - 12 * columns) // columns
    cells = [f'<td class="k" width="12%">{escape(k)}</td><td width="{value_width}%">{escape(v) or "—"}</td>'
             for k, v in pairs]
    rows = ["<tr>" + "".join(cells[i:i + columns]) + "</tr>" for i in range(0, len(cells), columns)]
    return f'<table width="100%" cellspacing="0" cellpadding="5">{"".join(rows)}</table>'


def _d(value) -> str:
    return cn_date(value) if value else ""


def _list(items: list[str]) -> str:
    if not items:
        return '<p class="none">无</p>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _due(d: RequestDetail, value) -> str:
    """A counted due date, with （暂定） when it was counted through a year without its notice."""
    return _d(value) + d.deadline.mark(value) if value else ""


def side_events(d: RequestDetail, names: dict[str, str] | None = None) -> list[str]:
    """补正, consultations, extensions and fee notices, one line each, oldest first."""
    names = names or {}
    out = []
    for c in d.corrections:
        got = f"，{_d(c.received_on)}收到补正" if c.received_on else "，尚未收到补正"
        if c.notice_served_on:
            served = f"，{_d(c.notice_served_on)}送达，应于{_due(d, c.reply_due)}前补正"
        else:
            served = f"，未送达（暂按发出日期估算{_due(d, c.reply_hint)}）" if c.reply_hint else "，未送达"
        late = f"【逾期告知，理由：{c.late_reason}】" if c.late_reason else ""
        corrected = f"；补正后的申请：{c.corrected_content}" if c.corrected_content else ""
        out.append(f"补正：{_d(c.requested_on)}告知{late}（期限{c.period_days}个工作日）{served}{got}。"
                   f"事项：{c.content}{corrected}")
    for c in d.consultations:
        end = f"{_d(c.answered_on)}答复" if c.answered_on else "尚未答复"
        due = f"，对方应于{_due(d, c.answer_due)}前答复" if c.answer_due else ""
        answer = {"同意": "，同意公开", "不同意": "，不同意公开"}.get(c.answer, "，未提出意见" if c.answered_on else "")
        if not c.receipt_recorded and c.answered_on is None:     # once answered, no longer a gap
            due = f"，第三方收到日期未登记（暂自发出日期起算，{_due(d, c.answer_due)}届满）"
        opinion = f"；意见：{c.opinion}" if c.opinion else ""
        flag = f"【须修改】{c.matter_flag}" if c.matter_flag else ""
        out.append(f"{c.kind}：{c.party}，{_d(c.sent_on)}发出{due}，{end}{answer}{opinion}。"
                   f"征求意见事项：{c.matter}{flag}")
    for e in d.extensions:
        who = names.get(e.approved_by, e.approved_by)
        out.append(f"延期：{_d(e.approved_on)}批准延长{e.days}个工作日（{who}）。理由：{e.reason}")
    for f in d.fees:
        unpaid = "，逾期未缴" if f.lapsed else "，尚未缴费"
        paid = f"，{_d(f.paid_on)}缴纳{f.paid_amount:g}元" if f.paid_on else unpaid
        due = (f"，{_d(f.received_on)}送达，应于{_due(d, f.payment_due)}前缴费" if f.payment_due
               else "" if f.paid_on else f"，未送达（暂按发出日期估算{_due(d, f.payment_hint)}）")
        out.append(f"信息处理费：{f.method}{f.quantity}，{f.amount:g}元，{_d(f.issued_on)}通知{due}{paid}")
    return out


def info_html(d: RequestDetail, names: dict[str, str] | None = None) -> str:
    """The application, the handling and the side events; ``names`` maps usernames to names."""
    applicant = [("申请人", d.applicant_name), ("申请人类型", d.applicant_type), ("证件类型", d.id_type),
                 ("证件号码", d.id_number), ("联系电话", d.phone), ("电子邮箱", d.email),
                 ("通信地址", d.address), ("邮政编码", d.postcode)]
    application = [("申请编号", d.number), ("申请方式", d.channel), ("到达日期", _d(d.arrival_date)),
                   ("确认日期", _d(d.confirmation_date)), ("收到申请之日", _d(d.receipt_date) or "待确认"),
                   ("应答复日期", _due(d, d.deadline.reply_due)), ("获取形式", d.requested_form),
                   ("获取方式", d.delivery)]
    handling = [("承办处室", d.department), ("承办人", d.handler), ("答复决定", d.decision),
                ("办理结果", d.outcome_label), ("答复日期", _d(d.reply_date)), ("送达方式", d.service_method),
                ("送达日期", _d(d.service_date)), ("答复文号", d.reply_doc_number), ("当前状态", d.status)]
    return (f"<html><head>{_CSS}</head><body>"
            f"<h3>申请人</h3>{_table(applicant)}"
            f"<h3>申请</h3>{_table(application)}"
            f"{_table([('所需信息', d.description)], 1)}{_table([('备注', d.notes)], 1)}"
            f"<h3>办理</h3>{_table(handling)}"
            f"{_table([('答复理由（写入答复书）', d.decision_reasons)], 1)}"
            f"{_table([('决定来源', d.decision_source)], 1) if d.decision_source else ''}"
            f"{_table([('拟办意见（内部）', d.handling_opinion)], 1)}"
            f"<h3>补正、征求意见、延期与收费</h3>{_list(side_events(d, names))}"
            f"{_legal_reviews(d, names)}"
            "</body></html>")


def _legal_reviews(d: RequestDetail, names: dict[str, str]) -> str:
    if not d.legal_reviews:
        return ""
    lines = [f"{_d(r.reviewed_at.date())} {names.get(r.reviewer, r.reviewer)}："
             f"{'审查通过' if r.passed else '审查退回'}。{r.opinion}" for r in d.legal_reviews]
    return f"<h3>合法性审查</h3>{_list(lines)}"


def deadline_panel_html(d: RequestDetail) -> str:
    dl = d.deadline
    facts = [("计时状态", str(dl.state)), ("起算日", _d(dl.start)), ("应答复日期", _due(d, dl.reply_due)),
             ("处室报送草稿期限", _due(d, dl.draft_due)), ("补正告知期限", _due(d, dl.correction_notice_due)),
             ("不计算期间", f"{dl.paused_days}个工作日"), ("延长期限", f"{dl.extension_days}个工作日")]
    lines = "".join(f"<li>{escape(x)}</li>" for x in dl.explanation)
    plan = f"<h3>合法性审查时间安排</h3><p>{escape(d.stage_plan)}</p>" if d.stage_plan else ""
    return (f"<html><head>{_CSS}</head><body>{_table(facts)}"
            f"<h3>计算过程</h3><ol>{lines}</ol>{plan}</body></html>")
