"""The field's own words (自然资源、规划、征收、住建): the one list the anonymiser never replaces and
subject grouping names its groups by."""

from __future__ import annotations

# The subjects a 自然资源和规划局 (and its neighbours: 住建, 城管, 征收) is asked about. Each family is one
# subject (its key is the core term requests share); its phrases are the names a clerk writes on a
# file folder, the most specific first. "…" stands for a few characters between the parts
# (违法建设的查处决定, 房屋征收与补偿决定). Grouping merges requests of one family and names the group by
# its most frequent phrase.
SUBJECT_FAMILIES: dict[str, tuple[str, ...]] = {
    "用地规划许可": ("建设用地规划许可证", "用地规划许可证", "用地规划许可"),
    "规划许可": ("建设工程规划许可证", "建设工程规划许可", "规划许可证", "规划许可"),
    "乡村规划许可": ("乡村建设规划许可证", "乡村建设规划许可"),
    "规划条件": ("规划条件",),
    "规划核实": ("规划核实", "规划验收"),
    "控制性详细规划": ("控制性详细规划", "控规"),
    "国土空间规划": ("国土空间总体规划", "国土空间规划", "土地利用总体规划"),
    "违法建设": ("违法建设…查处…决定", "违法建设…处罚决定", "违法建设", "违章建筑", "违章搭建"),
    "征收决定": ("房屋征收决定",),
    "征收补偿": ("征收…补偿…协议", "征收…补偿…方案", "征收…补偿", "补偿安置方案", "安置补偿方案"),
    "维修资金": ("物业专项维修资金", "住宅专项维修资金", "专项维修资金", "维修资金"),
    "不动产登记": ("不动产登记簿", "不动产登记资料", "不动产登记", "不动产权证书"),
    "土地出让": ("国有建设用地使用权出让合同", "土地出让合同", "土地出让金", "土地出让"),
    "竣工验收": ("竣工验收备案", "竣工验收"),
    "采矿许可": ("采矿许可证", "采矿权"),
    "预售许可": ("商品房预售许可证", "预售许可证", "预售许可"),
    "施工许可": ("建筑工程施工许可证", "施工许可证", "施工许可"),
    "地质灾害": ("地质灾害危险性评估", "地质灾害"),
}

# Words of the field that jieba tags as person or place names (许可证 as nr, 高新区 as nr) and the
# roles a case text uses: never taken for a person's name. Every subject phrase (and part) is one too.
_OTHER_FIELD_WORDS = (
    "许可", "许可证", "规划", "规划局", "高新区", "开发区", "经开区", "新区", "园区", "保税区", "自贸区",
    "建设", "工程", "项目", "地块", "宗地", "用地", "红线", "容积率", "绿地率", "附图", "总平面图",
    "征收", "补偿", "安置", "拆迁", "拆除", "查处", "决定", "批复", "审批", "备案", "登记", "验收", "核实",
    "物业", "小区", "业主", "维修", "资金", "国土", "自然资源", "住建局", "城管局", "房管局",
    "申请人", "第三方", "某某", "某公司", "某单位", "经办人", "负责人", "法定代表人", "委托代理人",
    "邻居", "村民", "居民", "业主委员会", "村委会", "居委会", "街道办", "管委会",
)

FIELD_WORDS: frozenset[str] = frozenset(_OTHER_FIELD_WORDS) | frozenset(
    part for phrases in SUBJECT_FAMILIES.values() for phrase in phrases for part in (phrase.replace("…", ""),
                                                                                    *phrase.split("…")))
