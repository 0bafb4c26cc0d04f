"""Forms for facts the letters need that are not workflow steps: a 补正 notice's service, a consulted
party's receipt, the Art 32 decision to disclose, the Art 35 deadline, and the reply's own facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.services.dto import RequestDetail
from app.ui.cases.case_actions import DECISION_CHOICES, ActionContext, ActionForm, matter_flag, outcome_text
from app.ui.common.form_dialog import FormField
from app.workflow.authority import CaseStep
from app.ui.cases.lapse_fact_forms import extension_reason_form, extension_without_reason, fee_served_form, fee_unserved
from app.ui.cases.notice_fact_forms import NOTICE_FACTS
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.status import Status
from app.workflow.vocabulary import Role

_DECIDERS = (Role.HANDLER, Role.CHIEF, Role.ADMIN)
_APPROVERS = (Role.CHIEF, Role.ADMIN)
WITHHELD_CHOICES = (("（不适用）", ""),) + tuple(
    (outcome_text(o), o.code) for o in Outcome if o.group == "三" and o.item <= 7)


@dataclass(frozen=True)
class FactAction:
    label: str
    applies: Callable[[RequestDetail, Role], bool]
    form: Callable[[ActionContext], ActionForm]
    step: CaseStep              # who may take it on this case (app/workflow/authority.py)


REPLY_FACTS_LABEL = "答复要素"


def _objections(d: RequestDetail) -> list:
    """Third parties that answered 不同意: the only ones an Art 32 decision is for."""
    return [x for x in d.consultations if x.kind == PauseKind.THIRD_PARTY.value and x.answer == "不同意"]


def _open(d: RequestDetail) -> bool:
    return Status(d.status).is_open


def _unserved(d: RequestDetail) -> bool:
    return bool(d.corrections) and d.corrections[-1].notice_served_on is None and d.corrections[-1].received_on is None


def _correction_served(c: ActionContext) -> ActionForm:
    last = c.detail.corrections[-1]
    return ActionForm(
        "登记补正告知书送达", (FormField("served_on", "申请人收到日期", "date", c.today),),
        lambda v: c.services.letter_facts.record_correction_served(*c.key, v["served_on"]),
        f"补正期限（{last.period_days}个工作日）自申请人收到告知书之日起算；登记前显示“未送达”，"
        "且不能认定逾期未补正。")


def _party_received(c: ActionContext) -> ActionForm:
    pending = [x for x in c.detail.consultations if not x.receipt_recorded]
    choices = tuple((f"{x.kind}：{x.party}", x.id) for x in pending)
    fields = (FormField("consultation_id", "征求意见", "choice", choices[-1][1], choices, required=True),
              FormField("received_on", "对方收到日期", "date", c.today))
    return ActionForm("登记对方收到日期", fields, lambda v: c.services.letter_facts.record_consultation_receipt(
        *c.key, v["consultation_id"], v["received_on"]),
        "对方应自收到征求意见书之日起15个工作日内提出意见；未登记收到日期的，暂自发出日期起算。")


def _matter(c: ActionContext) -> ActionForm:
    consultations = c.detail.consultations
    flagged = [x for x in consultations if x.matter_flag] or list(consultations)
    choices = tuple((f"{x.kind}：{x.party}", x.id) for x in consultations)
    fields = (FormField("consultation_id", "征求意见", "choice", flagged[-1].id, choices, required=True),
              FormField("matter", "征求意见事项", "multiline", flagged[-1].matter, required=True,
                        placeholder="所涉政府信息的名称或内容；不写申请人的姓名、住址、证件号码和电话"))
    return ActionForm("征求意见事项", fields, lambda v: c.services.letter_facts.set_consultation_matter(
        *c.key, v["consultation_id"], v["matter"]),
        "征求意见函写明征求意见事项（所涉政府信息），不得提供申请人的个人信息（个人信息保护法第六条）。",
        lambda v: matter_flag(c.detail, v.get("matter") or ""))


def _disclose(c: ActionContext) -> ActionForm:
    third = _objections(c.detail)
    choices = tuple((x.party, x.id) for x in third)
    fields = (FormField("consultation_id", "第三方", "choice", choices[-1][1], choices, required=True),
              FormField("reasons", "决定公开的理由", "multiline", third[-1].disclosure_reasons, required=True,
                        placeholder="不公开可能对公共利益造成重大影响的具体理由（书面告知第三方）"))
    return ActionForm("决定公开（第三方不同意）", fields,
                      lambda v: c.services.letter_facts.decide_disclosure_over_objection(
                          *c.key, v["consultation_id"], v["reasons"]),
                      "第三方不同意公开，本机关认为不公开可能对公共利益造成重大影响而决定公开的，"
                      "应在公开前将决定公开的内容和理由书面告知第三方（条例第三十二条）。")


def _reasonable_deadline(c: ActionContext) -> ActionForm:
    d = c.detail
    fields = (FormField("due", "合理期限（答复日期）", "optional_date", d.override_due),
              FormField("reason", "理由", "multiline", d.override_reason,
                        placeholder="申请数量、频次明显超过合理范围，申请人说明的理由合理但无法按期答复的具体情况"))
    return ActionForm("另定期限（第三十五条）", fields, lambda v: c.services.cases.set_reasonable_deadline(
        *c.key, v["due"], v["reason"]), "留空日期则撤销另定的期限。确定后可出具“延迟答复告知书”。")


def _reply_facts(c: ActionContext) -> ActionForm:
    d = c.detail
    fields = (
        FormField("decision", "答复决定", "choice", d.decision, DECISION_CHOICES),
        FormField("reasons", "答复理由（印入答复书）", "multiline", d.decision_reasons),
        FormField("withheld_ground", "部分公开：不予公开部分的理由类别", "choice", d.withheld_ground,
                  WITHHELD_CHOICES),
        FormField("query_law", "行政查询事项：查询渠道的法律依据", default=d.query_law,
                  placeholder="如《不动产登记资料查询暂行办法》第二条"),
        FormField("access_route", "查询或获取途径", default=d.access_route,
                  placeholder="行政查询事项的查询地点和方式；公开出版物的获取途径"),
        FormField("collection_place", "自行领取地点（本答复）", default=d.collection_place,
                  placeholder="留空则用设置中的领取地点"),
        FormField("collection_hours", "自行领取时间（本答复）", default=d.collection_hours,
                  placeholder="留空则用设置中的领取时间"),
    )
    return ActionForm("答复要素", fields, lambda v: c.services.letter_facts.set_reply_facts(
        *c.key, decision=v["decision"] or "", reasons=v["reasons"] or "",
        withheld_ground=v["withheld_ground"] or "", query_law=v["query_law"] or "",
        access_route=v["access_route"] or "", collection_place=v["collection_place"] or "",
        collection_hours=v["collection_hours"] or ""),
        "答复书依答复决定出具；导入的案件只有统计口径的办理结果时，请在此补录答复决定。")


FACT_ACTIONS: tuple[FactAction, ...] = (
    FactAction("登记补正送达", lambda d, r: _unserved(d), _correction_served, CaseStep.RECORD_SERVICE),
    FactAction("登记缴费通知书送达", lambda d, r: fee_unserved(d), fee_served_form, CaseStep.RECORD_SERVICE),
    FactAction("补录延期理由", lambda d, r: extension_without_reason(d), extension_reason_form, CaseStep.ISSUE_NOTICE),
    FactAction("登记对方收到日期", lambda d, r: _open(d) and any(not x.receipt_recorded for x in d.consultations),
               _party_received, CaseStep.RECORD_SERVICE),
    FactAction("征求意见事项", lambda d, r: _open(d) and bool(d.consultations), _matter, CaseStep.ISSUE_DRAFT),
    FactAction("决定公开（第三方不同意）", lambda d, r: r in _DECIDERS and _open(d) and bool(_objections(d)),
               _disclose, CaseStep.DECIDE_DISCLOSURE),
    FactAction("另定期限（第三十五条）", lambda d, r: r in _APPROVERS and _open(d), _reasonable_deadline,
               CaseStep.SET_DEADLINE),
    FactAction(REPLY_FACTS_LABEL, lambda d, r: d.status != Status.ARCHIVED.value, _reply_facts, CaseStep.REPLY_FACTS),
) + tuple(FactAction(label, applies, form, step) for label, applies, form, step in NOTICE_FACTS)
