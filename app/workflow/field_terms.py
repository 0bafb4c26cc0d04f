"""The field's own words (自然资源、规划、征收、住建): the one list the anonymiser never replaces and
subject grouping names its groups by."""

from __future__ import annotations

# The subjects a 自然资源和规划局 (and its neighbours: 住建, 城管, 征收) is asked about, each a phrase a
# clerk would write on a file folder. Grouping merges requests sharing one and names the group by it.
# Longer phrases first where one contains another is not needed: matching takes the longest itself.
CORE_PHRASES: tuple[str, ...] = (
    "建设工程规划许可证", "建设工程规划许可", "建设用地规划许可证", "建设用地规划许可", "乡村建设规划许可证",
    "规划许可证", "规划许可", "规划条件", "规划设计方案", "规划总平面图", "控制性详细规划", "国土空间规划",
    "规划核实", "竣工验收", "竣工验收备案",
    "违法建设查处决定", "违法建设", "违章建筑", "限期拆除决定", "行政处罚决定书", "行政处罚决定",
    "房屋征收决定", "征收补偿方案", "征收补偿协议", "征收补偿", "征地补偿安置方案", "补偿安置方案", "土地征收",
    "安置补偿", "棚户区改造",
    "物业专项维修资金", "专项维修资金", "维修资金", "物业服务企业", "业主大会",
    "不动产登记簿", "不动产登记", "土地出让合同", "国有建设用地使用权出让合同", "土地使用权出让", "土地划拨",
    "建设项目用地预审", "农用地转用", "土地利用总体规划", "土地复垦方案", "采矿许可证", "地质灾害",
    "商品房预售许可证", "施工许可证", "环境影响评价", "日照分析报告", "消防验收",
)

# Words of the field that jieba tags as person or place names (许可证 as nr, 高新区 as nr) and the
# roles a case text uses: never taken for a person's name. Every core phrase is one too.
_OTHER_FIELD_WORDS = (
    "许可", "许可证", "规划", "规划局", "高新区", "开发区", "经开区", "新区", "园区", "保税区", "自贸区",
    "建设", "工程", "项目", "地块", "宗地", "用地", "红线", "容积率", "绿地率", "附图", "总平面图",
    "征收", "补偿", "安置", "拆迁", "拆除", "查处", "决定", "批复", "审批", "备案", "登记", "验收", "核实",
    "物业", "小区", "业主", "维修", "资金", "国土", "自然资源", "住建局", "城管局", "房管局",
    "申请人", "第三方", "某某", "某公司", "某单位", "经办人", "负责人", "法定代表人", "委托代理人",
    "邻居", "村民", "居民", "业主委员会", "村委会", "居委会", "街道办", "管委会",
)

FIELD_WORDS: frozenset[str] = frozenset(_OTHER_FIELD_WORDS) | frozenset(CORE_PHRASES)
