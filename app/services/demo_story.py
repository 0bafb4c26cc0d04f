"""What each demo case says for its status: decision and 答复理由, parties and answers, 补正 items."""

from __future__ import annotations

import random

from app.workflow.outcomes import Outcome
from app.workflow.status import Status
from app.workflow.vocabulary import Delivery, ServiceMethod

# The Art 36 decision a demo outcome was reached by, and the 答复理由 printed in its letter.
DECISIONS: dict[Outcome, tuple[str, str]] = {
    Outcome.DISCLOSED: ("予以公开", "经检索，您申请的信息由本机关制作并保存，属于可以公开的政府信息"),
    Outcome.PARTIAL: ("部分公开", "所申请材料中的附图含有第三方企业的商业秘密，经征求意见，该企业不同意公开，"
                                "且不公开不会对公共利益造成重大影响，该部分依法不予公开，其余内容予以公开"),
    Outcome.STATE_SECRET: ("不予公开", "所申请的附图已由保密行政管理部门确定为秘密级国家秘密"),
    Outcome.THIRD_PARTY: ("不予公开", "所申请信息载有第三方企业的经营数据，属于商业秘密，经征求意见，"
                                    "该企业不同意公开，且不公开不会对公共利益造成重大影响"),
    Outcome.PROCESS_INFO: ("不予公开", "所申请材料为本局业务科室研究讨论的内部记录和征求意见稿，属于尚未形成"
                                     "正式决定的过程性信息"),
    Outcome.NOT_HELD: ("信息不存在", "本机关以您申请所述的项目名称、地址和年份，在本局档案室、业务办理系统和"
                                   "规划科、用地科进行了检索，均未找到相关记录"),
    Outcome.NEEDS_CREATION: ("需要另行制作", "您申请的汇总数据需要本机关对现有材料进行汇总、加工和分析后方能形成，"
                                          "本机关不掌握现成信息"),
    Outcome.PETITION: ("不予处理", "您提交的材料实为对相关企业违法建设行为的投诉举报，已转本局执法监察支队"
                                 "按投诉举报程序处理"),
    Outcome.REPEATED: ("重复申请", "您此前已就相同内容提出政府信息公开申请，本机关已依法作出答复，"
                                 "本次申请未提出新的内容"),
    Outcome.PUBLICATION: ("不予处理", "您申请的信息已刊登于《江南市人民政府公报》2025年第6期，可在市图书馆、"
                                    "档案馆查阅"),
}
OPINIONS = {"予以公开": "拟予以公开，请审定", "部分公开": "拟部分公开，附图商业秘密部分不公开，请审定",
            "不予公开": "拟不予公开，请审定", "信息不存在": "经检索无此信息，拟告知信息不存在",
            "需要另行制作": "拟告知需另行制作，不予提供", "不予处理": "拟不予处理，请审定",
            "重复申请": "重复申请，拟不予重复处理"}
# Open cases from 待签批 on already carry the handler's decision (they went through 提交签批).
DECIDED_OPEN = (Status.SIGN_OFF, Status.RETURNED, Status.LEGAL_REVIEW, Status.APPROVED)
CORRECTION_ITEMS = ("请写明所需规划许可证的项目名称、地址或文号", "请说明所需信息的形成时间和具体范围",
                    "请补充申请人的有效身份证件复印件")
THIRD_PARTIES = ("某某置业有限公司", "某某建设集团有限公司", "某某科技有限公司")
AGENCIES = ("某某区住房和城乡建设局", "某某市生态环境局")
SERVICE_FOR = {Delivery.PICKUP.value: ServiceMethod.DIRECT, Delivery.MAIL.value: ServiceMethod.POST,
               Delivery.EMAIL.value: ServiceMethod.ELECTRONIC}


def decided_outcome(rng: random.Random) -> Outcome:
    """The outcome an open case from 待签批 on is heading for."""
    return rng.choice((Outcome.DISCLOSED, Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.NOT_HELD,
                       Outcome.THIRD_PARTY))


def consultation_answer(outcome: Outcome | None, rng: random.Random) -> tuple[str, str]:
    """(同意/不同意, the party's opinion) for a finished consultation."""
    if outcome in (Outcome.PARTIAL, Outcome.THIRD_PARTY) or rng.random() < 0.3:
        return "不同意", "所涉材料含本单位经营数据和技术方案，属于商业秘密，不同意公开"
    return "同意", "经核实，所涉材料不含商业秘密，同意公开"


# The demo office, written over the shipped placeholders (no 某某 reaches a letter).
DEMO_OFFICE = {"agency_name": "江南市自然资源和规划局", "agency_short": "江南自然资规",
               "review_body": "江南市人民政府", "court": "江南市江北区人民法院",
               "collection_place": "江南市自然资源和规划局政府信息公开受理窗口（江南市人民路1号）",
               "collection_hours": "法定工作日上午9:00至12:00、下午14:00至17:00",
               "fee_payment": ("持本通知书到江南市政务服务中心非税收入缴款窗口缴纳，或缴入江南市财政局非税收入汇缴"
                               "结算户（开户行：江南银行市府支行，账号：3301 0000 0000 1234），缴款后凭缴款凭证"
                               "领取财政部门统一监制的财政票据")}
