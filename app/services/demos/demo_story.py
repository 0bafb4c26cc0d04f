"""What the demo office's cases are about: requests, decisions and 答复理由, parties and their answers."""

from __future__ import annotations

from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Delivery, ServiceMethod

# The Art 36 decision a demo outcome was reached by, and the 答复理由 printed in its letter.
DECISIONS: dict[Outcome, tuple[str, str]] = {
    Outcome.DISCLOSED: ("予以公开", "经检索，您申请的信息由本机关制作并保存，属于可以公开的政府信息"),
    Outcome.PARTIAL: ("部分公开", "所申请材料中的审查会议纪要记录的是本局业务科室研究讨论的意见，属于过程性信息，"
                                "该部分依法不予公开；其余许可证正文及附图予以公开"),
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
PARTIAL_WITHHELD = "三.6"     # the withheld part: 过程性信息 (no third party's objection is overridden)
PUBLICATION_ROUTE = "该信息已刊登于《江南市人民政府公报》2025年第6期，可在江南市图书馆、档案馆查阅"
OPINIONS = {"予以公开": "拟予以公开，请审定", "部分公开": "拟部分公开，会议纪要不公开，请审定",
            "不予公开": "拟不予公开，请审定", "信息不存在": "经检索无此信息，拟告知信息不存在",
            "需要另行制作": "拟告知需另行制作，不予提供", "不予处理": "拟不予处理，请审定",
            "重复申请": "重复申请，拟不予重复处理"}
WITHDRAWAL_REASON = "申请人来电并提交书面申请，表示已通过其他途径获得所需信息，撤回本次申请"
RETURN_REASON = "答复理由中检索范围写得不够具体，请写明检索的档案和系统后重新报送"

# Requests of the bureau's everyday work: (what is asked, the company whose interests it touches or "").
GENERAL = (("锦绣花园小区建设工程规划许可证及附图", "江南恒泰置业有限公司"),
           ("人民路（东湖路至滨江路段）改造工程规划设计条件", ""),
           ("东湖村三组地块征收补偿安置方案", ""),
           ("江北区滨江街道旧城改造项目用地预审意见", ""),
           ("江南云启科技有限公司产业园项目国有建设用地使用权出让合同", "江南云启科技有限公司"),
           ("江北区实验学校扩建工程规划设计条件", ""),
           ("东湖村集体土地征收批复", ""),
           ("本局2025年度部门预算", ""))
# Requests whose wording leads to the outcome (the reasons above speak of them).
ASKED_FOR: dict[Outcome, tuple[tuple[str, str], ...]] = {
    Outcome.PARTIAL: (("锦绣花园小区建设工程规划许可证及附图、审查会议纪要", ""),
                      ("江南建工集团有限公司商住项目建设工程规划许可证、附图及审查会议纪要", "")),
    Outcome.THIRD_PARTY: (("江南云启科技有限公司产业园项目用地申请材料中的投资概算和经营数据", "江南云启科技有限公司"),),
    Outcome.STATE_SECRET: (("江南市城区地下综合管廊专项规划附图", ""),),
    Outcome.PROCESS_INFO: (("本局研究人民路改造方案的内部讨论记录和征求意见稿", ""),),
    Outcome.NEEDS_CREATION: (("本局近五年各街道农村宅基地审批数量的分类统计表", ""),),
    Outcome.PETITION: (("举报锦绣花园小区开发商违法加建，要求查处并公开处理结果", ""),),
    Outcome.PUBLICATION: (("《江南市人民政府关于调整征地区片综合地价的通知》", ""),),
}
# A request too vague to search for, the 补正 items that say what is missing, and the corrected request.
VAGUE = (("我家附近那个小区的规划材料", "请写明所需规划许可证对应的小区或项目名称、地址或文号",
          "锦绣花园小区建设工程规划许可证及附图"),
         ("去年那次征地的相关文件", "请说明所涉征收地块的位置（街道、村、组）和所需文件的名称或形成时间",
          "东湖村集体土地征收批复"),
         ("有关拆迁的所有文件", "请说明所需信息对应的拆迁（征收）项目名称、地点和形成时间",
          "江北区滨江街道旧城改造项目用地预审意见"))
AGENCIES = (("人民路（东湖路至滨江路段）改造工程规划设计条件", "江南市江北区住房和城乡建设局"),
            ("江北区滨江街道旧城改造项目用地预审意见", "江南市生态环境局"))

OBJECTION = "所涉材料含本单位经营数据和技术方案，属于商业秘密，公开将损害本单位竞争地位，不同意公开"
CONSENT = "经核实，所涉材料不含本单位商业秘密，同意公开"
AGENCY_CONSENT = "经核，该信息不涉及本机关不宜公开的内容，同意公开"

NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐明", "孙丽")
ORGS = {"商业企业": ("江南云启科技有限公司", "江南恒泰置业有限公司", "江南建工集团有限公司"),
        "科研机构": ("江南大学城市规划研究院", "江南社会科学研究所"),
        "社会公益组织": ("江南绿源环保公益协会", "江南市消费者权益保护志愿者协会"),
        "法律服务机构": ("江南正衡律师事务所", "江南市江北区法律援助中心"),
        "其他": ("东湖村村民委员会", "锦绣花园小区业主委员会")}
ADDRESS, POSTCODE, EMAIL = "江南市江北区人民路88号", "330100", "applicant@example.cn"
SERVICE_FOR = {Delivery.PICKUP.value: ServiceMethod.DIRECT, Delivery.MAIL.value: ServiceMethod.POST,
               Delivery.EMAIL.value: ServiceMethod.ELECTRONIC}

# The demo office, written over the shipped placeholders (no 某某 reaches a letter).
DEMO_OFFICE = {"agency_name": "江南市自然资源和规划局", "agency_short": "江南自然资规",
               "review_body": "江南市人民政府", "court": "江南市江北区人民法院",
               "collection_place": "江南市自然资源和规划局政府信息公开受理窗口（江南市人民路1号）",
               "collection_hours": "法定工作日上午9:00至12:00、下午14:00至17:00",
               "fee_payment": ("持本通知书到江南市政务服务中心非税收入缴款窗口缴纳，或缴入江南市财政局非税收入汇缴"
                               "结算户（开户行：江南银行市府支行，账号：3301 0000 0000 1234），缴款后凭缴款凭证"
                               "领取财政部门统一监制的财政票据")}
