"""What each workflow action asks for, and which CaseService method it calls."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from datetime import date
from typing import Any, Callable

from app.exports.letters.kinds import LetterKind
from app.services.dto import Actor, RequestDetail
from app.workflow.consultation_matter import applicant_data_in, matter_problem
from app.workflow.dates import cn_date
from app.workflow.deadline import MAX_EXTENSION, PauseKind
from app.workflow.fees import FeeMethod, fee_by_count, fee_by_volume
from app.workflow.outcomes import GROUPS, Decision, Outcome, outcomes_for_decision
from app.workflow.transitions import Action
from app.workflow.vocabulary import Delivery, ServiceMethod
from app.ui.common.form_dialog import FormField
from app.ui.cases.task_html import answers_html


@dataclass(frozen=True)
class ActionForm:
    title: str
    fields: tuple[FormField, ...]
    submit: Callable[[dict], RequestDetail]
    intro: str = ""
    preview: Callable[[dict], str] | None = None
    confirm_only: bool = False   # no fields: a yes/no question is enough


@dataclass(frozen=True)
class ActionContext:
    services: Any
    actor: Actor
    detail: RequestDetail
    today: date

    @property
    def key(self) -> tuple[Actor, int, int]:
        return self.actor, self.detail.id, self.detail.version


def outcome_text(o: Outcome) -> str:
    group = next(g.label for g in GROUPS if g.code == o.group)
    if o.item == 0:
        return group.split("（区分")[0]
    return f"{group[:3]}{o.item}.{o.label}"


OUTCOME_CHOICES = tuple((outcome_text(o), o) for o in Outcome)
DECISION_CHOICES = (("（请选择）", None),) + tuple((d.label, d.label) for d in Decision)


def _date(key: str, label: str, default: date | None = None) -> FormField:
    return FormField(key, label, "date", default)


def _reason(key: str = "reason", label: str = "理由", required: bool = True, default: str = "",
            placeholder: str = "") -> FormField:
    return FormField(key, label, "multiline", default, required=required, placeholder=placeholder)


def _confirm_receipt(c: ActionContext) -> ActionForm:
    return ActionForm(
        "确认收到申请", (_date("confirmed_on", "双方确认日期", c.today),),
        lambda v: c.services.cases.confirm_receipt(*c.key, v["confirmed_on"]),
        "平信、网络、电子邮件、传真申请以双方确认之日为收到申请之日，答复期限自次日起算。")


def _assign(c: ActionContext) -> ActionForm:
    depts = tuple(c.services.requests.departments())

    def handlers(values: dict):
        dept = values.get("department_id")
        people = c.services.requests.handlers(dept) if dept is not None else []
        return (("（暂不指定）", None),) + tuple((name, i) for i, name in people)

    fields = (
        FormField("department_id", "承办处室", "choice", c.detail.department_id,
                  tuple((name, i) for i, name in depts), required=True),
        FormField("handler_id", "承办人", "choice", c.detail.handler_id, handlers, "department_id"),
    )
    intro = "申请内容明确、材料齐全的，交承办处室办理。" if depts else "尚未设置承办处室，请先在“管理”中添加处室。"
    return ActionForm("审核交办", fields, lambda v: c.services.cases.assign(
        *c.key, v["department_id"], v["handler_id"]), intro)


def _request_correction(c: ActionContext) -> ActionForm:
    period = c.services.settings.load().correction_period_days
    due = c.detail.deadline.correction_notice_due
    fields = (_date("requested_on", "补正告知日期", c.today),
              _reason("content", "需补正的事项", placeholder="如：请写明所需信息的名称、文号或其他特征"),
              FormField("period_days", "补正期限（工作日）", "int", period, minimum=1, maximum=60),
              FormField("served_on", "申请人收到告知书日期", "optional_date"),
              _reason("late_reason", "逾期告知理由", required=False,
                      placeholder="超过收到申请之日起7个工作日告知补正的，须写明理由（记入审计并标注在案件上）"))
    intro = ("申请内容不明确的，应一次性告知申请人补正的事项和合理期限（条例第三十条）。"
             "补正期限自申请人收到告知书之日起算；收到日期未知的，先留空（显示“未送达”）。")
    if due:
        intro += f"\n补正告知应于{cn_date(due)}前发出（收到申请之日起7个工作日内）；逾期告知须填写理由。"
    return ActionForm("告知补正", fields, lambda v: c.services.cases.request_correction(
        *c.key, v["requested_on"], v["content"], v["period_days"], v["served_on"], v.get("late_reason") or ""),
        intro)


def _receive_correction(c: ActionContext) -> ActionForm:
    fields = (_date("received_on", "收到补正日期", c.today),
              _reason("content", "补正后的申请内容", required=False,
                      placeholder="申请人补正后写明的所需信息（名称、文号或其他特征）"))
    return ActionForm("收到补正", fields,
                      lambda v: c.services.cases.receive_correction(*c.key, v["received_on"], v.get("content") or ""),
                      "收到补正后的申请，答复期限自收到之日起重新计算（条例第三十条）。")


def _correction_lapsed(c: ActionContext) -> ActionForm:
    return ActionForm("逾期未补正", (_date("closed_on", "终止处理日期", c.today),),
                      lambda v: c.services.cases.correction_lapsed(*c.key, v["closed_on"]),
                      "申请人无正当理由逾期不补正的，视为放弃申请，办理结果计入（六）1。补正告知书须已登记送达，"
                      "且补正期限已届满。记录后答复决定为“不予处理”，可在“生成文书”中出具答复书。")


def _start_consultation(c: ActionContext) -> ActionForm:
    kinds = ((PauseKind.THIRD_PARTY.value, PauseKind.THIRD_PARTY),
             (PauseKind.OTHER_AGENCY.value, PauseKind.OTHER_AGENCY))
    fields = (FormField("kind", "征求对象", "choice", PauseKind.THIRD_PARTY, kinds, required=True),
              FormField("party", "单位或个人", required=True, placeholder="被征求意见的第三方或机关名称"),
              _date("sent_on", "发出日期", c.today),
              FormField("party_received_on", "对方收到日期", "optional_date"),
              FormField("matter", "征求意见事项", "multiline", c.detail.description, required=True,
                        placeholder="所涉政府信息的名称或内容；不写申请人的姓名、住址、证件号码和电话"))
    return ActionForm("发起征求意见", fields, lambda v: c.services.cases.start_consultation(
        *c.key, v["kind"], v["party"], v["sent_on"], v["party_received_on"], v["matter"]),
        "征求意见所需时间不计算在答复期限内；第三方应自收到征求意见书之日起15个工作日内提出意见。"
        "征求意见函写明“征求意见事项”，不写申请人的个人信息。", lambda v: matter_flag(c.detail, v.get("matter") or ""))


def matter_flag(d: RequestDetail, matter: str) -> str:
    """The live flag under the 征求意见事项 while it holds the applicant's data ('' when clean)."""
    return matter_problem(applicant_data_in(matter, d.applicant_name, d.address, d.id_number, d.phone))


_ANSWERS = (("同意公开", "同意"), ("不同意公开", "不同意"), ("期限内未答复", ""))


def _end_consultation(c: ActionContext) -> ActionForm:
    open_ = next((x for x in reversed(c.detail.consultations) if x.answered_on is None), None)
    party = open_.party if open_ else "对方"
    fields = (_date("answered_on", "答复（期满）日期", c.today),
              FormField("answer", f"{party}的意见", "choice", "同意", _ANSWERS, required=False),
              _reason("opinion", "意见内容", required=False, placeholder="对方书面意见的要点或理由"))
    return ActionForm("征求意见结束", fields, lambda v: c.services.cases.end_consultation(
        *c.key, v["answered_on"], v["opinion"], v["answer"]),
        "第三方不同意公开的，如决定予以公开，应将决定公开的内容和理由书面告知第三方（条例第三十二条）。")


def _quantity(text) -> int:
    """The typed quantity, 0 when blank or not a whole number."""
    text = str(text or "").strip()
    return int(text) if text.isdigit() else 0


def _quantity_problem(text) -> str:
    if not str(text or "").strip():
        return ""                       # blank: the required-field message says what to fill
    n = _quantity(text)
    return "" if 1 <= n <= 100000 else "数量应为1至100000的整数（按件：本月第几件；按量：页数）。"


def _fee_preview(v: dict) -> str:
    n = _quantity(v.get("quantity"))
    if n < 1:
        return ""
    amount = fee_by_count(n) if v.get("method") is FeeMethod.BY_COUNT else fee_by_volume(n)
    return f"应收信息处理费：{amount}元" if amount else "按规定不收费，无需发出缴费通知。"


def _issue_fee_notice(c: ActionContext) -> ActionForm:
    methods = tuple((m.value, m) for m in FeeMethod)
    fields = (FormField("method", "计收方式", "choice", FeeMethod.BY_VOLUME, methods, required=True),
              FormField("quantity", "数量（本月第几件/页数）", required=True, check=_quantity_problem,
                        placeholder="按件：本月第几件；按量：页数"),
              _date("issued_on", "通知发出日期", c.today),
              FormField("received_on", "申请人收到日期", "optional_date"))
    return ActionForm("发出缴费通知", fields, lambda v: c.services.cases.issue_fee_notice(
        *c.key, v["method"], _quantity(v["quantity"]), v["issued_on"], v["received_on"]),
        "申请人自收到通知次日起20个工作日内缴费；缴费期间不计算在答复期限内。"
        "收到日期未知的先留空（显示“未送达”），送达后再登记。", _fee_preview)


def _record_payment(c: ActionContext) -> ActionForm:
    amount = c.detail.fees[-1].amount if c.detail.fees else 0
    fields = (_date("paid_on", "缴费日期", c.today),
              FormField("amount", "实缴金额", "money", amount, maximum=10_000_000))
    return ActionForm("登记缴费", fields, lambda v: c.services.cases.record_payment(
        *c.key, v["paid_on"], v["amount"]))


def _fee_lapsed(c: ActionContext) -> ActionForm:
    return ActionForm("逾期未缴费", (_date("closed_on", "终止处理日期", c.today),),
                      lambda v: c.services.cases.fee_lapsed(*c.key, v["closed_on"]),
                      "申请人逾期未缴纳信息处理费的，视为放弃申请，办理结果计入（六）2。缴费通知书须已登记送达，"
                      "且自送达之次日起20个工作日已届满。记录后答复决定为“不予处理”，可在“生成文书”中出具答复书。")


def _approve_extension(c: ActionContext) -> ActionForm:
    used = sum(e.days for e in c.detail.extensions)
    left = MAX_EXTENSION - used
    due = c.detail.deadline.reply_due

    def check(days) -> str:
        if days is not None and 1 <= days <= left:
            return ""
        return (f"延长工作日数应为1至{left}：延长期限最长不得超过{MAX_EXTENSION}个工作日"
                f"（条例第三十三条第二款）{f'，已延长{used}个' if used else ''}。")

    def preview(v: dict) -> str:
        days = v.get("days")
        if check(days) or due is None:
            return ""
        new_due = c.services.cases.extension_due(c.detail.id, days, v.get("approved_on"))
        return f"延长{days}个工作日后，应答复日期：{cn_date(new_due)}（原为{cn_date(due)}）"

    fields = (_date("approved_on", "批准日期", c.today),
              FormField("days", "延长工作日数", "int", max(1, left), minimum=0, maximum=999, check=check),
              _reason(placeholder="需要延长答复期限的理由（写入延长答复期限告知书）"))
    intro = (f"原应答复日期：{cn_date(due) or '未起算'}；已延长{used}个工作日，最多可再延长{left}个。"
             "延期须经政府信息公开工作机构负责人同意，并告知申请人（条例第三十三条第二款）。")
    return ActionForm("批准延期", fields, lambda v: c.services.cases.approve_extension(
        *c.key, v["approved_on"], v["days"], v["reason"]), intro, preview)


def _submit(c: ActionContext) -> ActionForm:
    settings = c.services.settings.load()
    current = Outcome.from_code(c.detail.outcome) if c.detail.outcome else None
    d = c.detail

    def leaves(values: dict):
        allowed = outcomes_for_decision(values.get("decision") or "", settings.not_responsible_outcome,
                                        settings.special_rules_outcome)
        return tuple((outcome_text(o), o) for o in allowed) or (("（先选择答复决定）", None),)

    fields = (FormField("decision", "答复决定", "choice", d.decision or None, DECISION_CHOICES, required=True),
              FormField("outcome", "统计结果（表三）", "choice", current, leaves, "decision", required=True,
                        fixed_when_single=True),
              FormField("withheld_ground", "部分公开：不予公开部分的理由类别", "choice", d.withheld_ground,
                        withheld_choices, "decision", fixed_when_single=True),
              _reason("reasons", "答复理由（写入答复书，送达申请人）", required=False, default=d.decision_reasons,
                      placeholder="将原文写入答复书：不予公开、部分公开须说明理由和依据；非本机关负责的，"
                                  "写明负责公开的机关名称和联系方式"),
              FormField("query_law", "行政查询事项：查询渠道的法律依据", default=d.query_law,
                        placeholder="仅“属于行政查询事项”填写，如《不动产登记资料查询暂行办法》第二条"),
              FormField("access_route", "查询或获取途径", default=d.access_route,
                        placeholder="行政查询事项的查询地点和方式；公开出版物的获取途径"),
              *_collection_fields(d, settings),
              _reason("opinion", "拟办意见（内部，不写入答复书）", required=False,
                      default=d.handling_opinion, placeholder="如：拟予以公开，请科长审定"))
    intro = ("答复决定依条例第三十六条选择；年度报告表三的统计结果随之确定，仅不予公开、不予处理须另选具体情形。"
             "答复书需要的要素在此一并填写，缺少时不能提交。")
    return ActionForm("提交签批", fields, lambda v: c.services.cases.submit(
        *c.key, v["decision"], v["outcome"], v["reasons"], v["opinion"], v["withheld_ground"] or "",
        v["query_law"] or "", v["access_route"] or "", v.get("collection_place") or "",
        v.get("collection_hours") or ""), intro)


def withheld_choices(values: dict):
    """部分公开 asks the withheld part's ground (a 三 leaf under Arts 14–16); other decisions none."""
    if values.get("decision") != Decision.PARTIAL.label:
        return (("（部分公开时选择）", ""),)
    return (("（请选择）", ""),) + tuple((outcome_text(o), o.code) for o in Outcome if o.group == "三" and o.item <= 7)


def _collection_fields(d: RequestDetail, settings) -> tuple[FormField, ...]:
    """自行领取: where and when, asked here unless the office's settings already say it."""
    if d.delivery != Delivery.PICKUP.value:
        return ()
    place, hours = settings.collection_place.strip(), settings.collection_hours.strip()
    return (FormField("collection_place", "自行领取地点", default=d.collection_place,
                      placeholder=f"留空则用设置中的：{place}" if place else "申请人领取信息的地点"),
            FormField("collection_hours", "自行领取时间", default=d.collection_hours,
                      placeholder=f"留空则用设置中的：{hours}" if hours else "如：工作日9:00至17:00"))


def _sign_off(c: ActionContext) -> ActionForm:
    d = c.detail
    review = ("本机关已启用合法性审查：签批同意后送法制审核员审查，审查通过后方可答复。"
              if c.services.settings.load().legal_review else "")
    # what the applicant will read, in front of the chief who approves it
    intro = (f"<p>拟答复决定：{escape(d.decision or '未选择')}</p>"
             f"<p>答复理由（印入答复书）：{escape(d.decision_reasons or '未填写')}</p>"
             + (f"<p>不予公开部分的理由类别：{escape(Outcome.from_code(d.withheld_ground).label)}</p>"
                if d.withheld_ground else "")
             + (f"<p>查询渠道的法律依据：{escape(d.query_law)}；查询或获取途径：{escape(d.access_route)}</p>"
                if d.query_law else "")
             + f"<p>拟办意见（内部）：{escape(d.handling_opinion or '未填写')}</p>"
             + (f"<p>{escape(review)}</p>" if review else ""))
    tasks = c.services.tasks.tasks(c.actor, d.id)
    if tasks:     # the departments' answers side by side, in front of the chief
        intro += f"<p>各处室协办意见：</p>{answers_html(tasks, compact=True)}"
    return ActionForm("签批同意", (_reason("opinion", "签批意见", required=False, default="同意"),),
                      lambda v: c.services.cases.sign_off(*c.key, v["opinion"]), intro)


def _legal_intro(c: ActionContext) -> str:
    d = c.detail
    lines = [f"拟答复决定：{d.decision or '未选择'}；理由：{d.decision_reasons or '未填写'}"]
    if d.deadline.reply_due:
        lines.append(f"应答复日期：{cn_date(d.deadline.reply_due)}。{d.stage_plan}")
    return "\n".join(lines)


def _legal_pass(c: ActionContext) -> ActionForm:
    return ActionForm("审查通过", (_reason("opinion", "合法性审查意见", default="经审查，拟答复内容和办理程序合法，同意答复。"),),
                      lambda v: c.services.cases.legal_pass(*c.key, v["opinion"]), _legal_intro(c))


def _legal_return(c: ActionContext) -> ActionForm:
    return ActionForm("审查退回", (_reason(placeholder="请写明不合法或不规范之处和修改要求"),),
                      lambda v: c.services.cases.legal_return(*c.key, v["reason"]),
                      _legal_intro(c) + "\n退回后申请回到承办人（已退回），修改后重新提交签批。")


def legal_opinion_line(d: RequestDetail) -> str:
    """The last 合法性审查 opinion, shown where the reply is issued (签发)."""
    if not d.legal_reviews:
        return ""
    r = d.legal_reviews[-1]
    return f"合法性审查意见（{'通过' if r.passed else '退回'}，{cn_date(r.reviewed_at.date())}）：{r.opinion}"


def _return(c: ActionContext) -> ActionForm:
    return ActionForm("退回修改", (_reason(placeholder="请写明退回的原因和修改要求"),),
                      lambda v: c.services.cases.return_for_revision(*c.key, v["reason"]))


_SERVICE_FOR_DELIVERY = {Delivery.PICKUP.value: ServiceMethod.DIRECT, Delivery.MAIL.value: ServiceMethod.POST,
                         Delivery.EMAIL.value: ServiceMethod.ELECTRONIC, Delivery.OTHER.value: ServiceMethod.OTHER,
                         Delivery.ONLINE.value: ServiceMethod.ELECTRONIC}


def _record_reply(c: ActionContext) -> ActionForm:
    methods = tuple((m.value, m) for m in ServiceMethod)
    method = _SERVICE_FOR_DELIVERY.get(c.detail.delivery, ServiceMethod.POST)
    fields = (_date("reply_date", "答复日期", c.today),
              FormField("service_method", "送达方式", "choice", method, methods, required=True),
              FormField("service_date", "送达日期", "optional_date"))
    if not c.detail.outcome:
        fields = (FormField("outcome", "办理结果", "choice", None, OUTCOME_CHOICES, required=True),) + fields
    signed = [x for x in c.services.letters.letters(c.detail.id)
              if x.kind == LetterKind.REPLY.value and x.signed and x.superseded_by is None]
    served = (f"送达文书：{signed[-1].label}（已签发）。" if signed
              else "尚未签发答复书：请先在“生成文书”中由科室负责人签发，再登记答复。")
    intro = served + f"\n申请人要求的获取方式：{c.detail.delivery or '未填写'}。直接送达以申请人签收日期、邮寄送达以交邮日期判断是否按期答复。"
    if legal_opinion_line(c.detail):
        intro = legal_opinion_line(c.detail) + "\n" + intro
    return ActionForm("登记答复", fields, lambda v: c.services.cases.record_reply(
        *c.key, v.get("outcome"), v["reply_date"], v["service_method"], v["service_date"]), intro)


def _withdraw(c: ActionContext) -> ActionForm:
    return ActionForm("申请人撤回", (_date("withdrawn_on", "撤回日期", c.today),
                                  _reason(placeholder="如：申请人书面申请撤回")),
                      lambda v: c.services.cases.withdraw(*c.key, v["withdrawn_on"], v["reason"]),
                      "撤回的申请办结，办理结果计入（六）3“其他”。")


def _archive(c: ActionContext) -> ActionForm:
    return ActionForm("归档", (), lambda v: c.services.cases.archive(*c.key),
                      f"确定将申请“{c.detail.number}”归档吗？归档后案卷锁定，修改须先解锁并说明理由。",
                      confirm_only=True)


def _unlock(c: ActionContext) -> ActionForm:
    return ActionForm("解锁", (_reason(placeholder="需要修改已归档案卷的理由"),),
                      lambda v: c.services.cases.unlock(*c.key, v["reason"]),
                      "解锁后案卷回到“已答复”状态，修改完成后请重新归档。")


FORMS: dict[Action, Callable[[ActionContext], ActionForm]] = {
    Action.CONFIRM_RECEIPT: _confirm_receipt, Action.ASSIGN: _assign,
    Action.REQUEST_CORRECTION: _request_correction, Action.RECEIVE_CORRECTION: _receive_correction,
    Action.CORRECTION_LAPSED: _correction_lapsed, Action.START_CONSULTATION: _start_consultation,
    Action.END_CONSULTATION: _end_consultation, Action.ISSUE_FEE_NOTICE: _issue_fee_notice,
    Action.RECORD_PAYMENT: _record_payment, Action.FEE_LAPSED: _fee_lapsed,
    Action.APPROVE_EXTENSION: _approve_extension, Action.SUBMIT: _submit, Action.SIGN_OFF: _sign_off,
    Action.RETURN: _return, Action.LEGAL_PASS: _legal_pass, Action.LEGAL_RETURN: _legal_return,
    Action.RECORD_REPLY: _record_reply, Action.WITHDRAW: _withdraw,
    Action.ARCHIVE: _archive, Action.UNLOCK: _unlock,
}
