"""The annual report as the exports print it: table 二 (typed in), fee figures, sections, and the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from app.workflow.annual_counts import (
    PENDING_COLUMN, REVIEW_KINDS, ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, TOTAL_COLUMN, Finding, Table3,
    Table4,
)
from app.workflow.outcomes import GROUPS, Outcome


# -- table 二 (typed in by the office) -----------------------------------------------------------
@dataclass(frozen=True)
class Table2Block:
    heading: str                       # 第二十条第（一）项
    headers: tuple[str, ...]           # 信息内容 | …
    rows: tuple[tuple[str, tuple[str, ...]], ...]   # (label, field keys)


TABLE2_LAYOUT = (
    Table2Block("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                (("规章", ("rules_issued", "rules_repealed", "rules_current")),
                 ("行政规范性文件", ("norms_issued", "norms_repealed", "norms_current")))),
    Table2Block("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (("行政许可", ("licences",)),)),
    Table2Block("第二十条第（六）项", ("信息内容", "本年处理决定数量"),
                (("行政处罚", ("penalties",)), ("行政强制", ("coercions",)))),
    Table2Block("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"),
                (("行政事业性收费", ("charges_10k_yuan",)),)),
)
TABLE2_FIELDS = tuple(key for b in TABLE2_LAYOUT for _label, keys in b.rows for key in keys)
MONEY_FIELDS = ("charges_10k_yuan",)


def table2_from(values: Mapping[str, object]) -> dict[str, float | int]:
    """Known fields only; counts as non-negative ints, the fee amount (万元) to 4 decimals."""
    out: dict[str, float | int] = {}
    for key in TABLE2_FIELDS:
        raw = values.get(key) or 0
        out[key] = round(float(raw), 4) if key in MONEY_FIELDS else int(raw)
    return out


# -- section 六 fee figures ----------------------------------------------------------------------
@dataclass(frozen=True)
class FeeFigures:
    notices: int = 0          # 收费通知 issued in the year
    notified: float = 0.0     # sum of their amounts (元)
    collected: float = 0.0    # paid amounts of notices paid in the year (元)


def yuan(amount: float) -> str:
    return f"{amount:.2f}".removesuffix(".00")


# -- the report -------------------------------------------------------------------------------
SECTION_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
TEXT_SECTIONS = {"一": SECTION_HEADINGS[0], "五": SECTION_HEADINGS[4], "六": SECTION_HEADINGS[5]}


@dataclass(frozen=True)
class AnnualReportData:
    """Everything one year's report prints, plus its checks and lock state."""

    year: int
    agency_name: str
    table2: Mapping[str, float | int]
    table3: Table3
    table4: Table4
    fees: FeeFigures
    sections: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    locked: bool = False
    locked_at: datetime | None = None
    locked_by: str = ""
    stale: bool = False
    conversions_text: str = ""          # Art 44 conversions of the year, printed in section 六
    preamble: tuple[str, ...] = ()      # 编制依据, 统计期限, where published, contact (before section 一)

    @property
    def title(self) -> str:
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告"

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)

    @property
    def overview_paragraph(self) -> str:
        return overview_paragraph(self.year, self.table3, self.table4)

    @property
    def fee_paragraph(self) -> str:
        return fee_paragraph(self.year, self.fees)

    def section_text(self, key: str) -> str:
        """Printed text of section 一/五/六: 一 falls back to the generated paragraph; 六 opens
        with the year's fee figures and the Art 44 conversions."""
        text = (self.sections.get(key) or "").strip()
        if key == "一":
            return text or section_one_scaffold(self)
        if key == "六":
            return "\n".join(p for p in (self.fee_paragraph, self.conversions_text, text) if p)
        return text


def overview_paragraph(year: int, t3: Table3, t4: Table4) -> str:
    """A paragraph of the year's figures the office can start section 一 from."""
    total = TOTAL_COLUMN
    groups = {g.code: sum(t3.value(o.code, total) for o in Outcome if o.group == g.code) for g in GROUPS}
    reviews = t4.cells["行政复议"][4]
    suits = t4.cells["未经复议直接起诉"][4] + t4.cells["复议后起诉"][4]
    pending = sum(t4.cells[k][PENDING_COLUMN] for k in REVIEW_KINDS)
    return (f"{year}年，本机关共收到政府信息公开申请{t3.value(ROW_NEW, total)}件，"
            f"上年结转{t3.value(ROW_CARRIED, total)}件。全年办结{t3.value(ROW_TOTAL, total)}件，其中予以公开"
            f"{groups['一']}件，部分公开{groups['二']}件，不予公开{groups['三']}件，无法提供{groups['四']}件，"
            f"不予处理{groups['五']}件，其他处理{groups['六']}件；结转下年度继续办理{t3.value(ROW_NEXT, total)}件。"
            f"全年涉及政府信息公开行政复议{reviews}件、行政诉讼{suits}件，其中尚未审结{pending}件。")


def fee_paragraph(year: int, fees: FeeFigures) -> str:
    if not fees.notices and not fees.collected:
        return f"{year}年，本机关未发出信息处理费收费通知，未收取信息处理费。"
    return (f"{year}年，本机关共发出信息处理费收费通知{fees.notices}件，通知收费金额{yuan(fees.notified)}元，"
            f"实际收取信息处理费{yuan(fees.collected)}元。")


PART_HEADINGS = ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障")
TO_FILL = "（请填写）"


def preamble_paragraphs(year: int, agency: str, site: str, contact: str) -> tuple[str, ...]:
    """The report's opening: 编制依据, 统计期限, where the electronic version is, whom to ask."""
    ask = f"如对本报告有疑问，请与{agency}联系（{contact.strip()}）。" if contact.strip() else ""
    return ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
            "年度报告格式》（国办公开办函〔2021〕30号）要求编制。",
            f"本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼"
            f"情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告中所列数据的统计期限自{year}年1月1日"
            f"起至{year}年12月31日止。",
            f"本报告电子版可在{site.strip() or '本机关门户网站'}查阅或下载。{ask}")


def section_one_scaffold(data: "AnnualReportData") -> str:
    """Section 一 as the 30号 format's five parts, each started with the year's figures; the parts the
    figures cannot tell (管理, 平台, 保障) are marked for the office to write."""
    t2 = data.table2
    active = (f"{data.year}年，本机关制发规章{_n(t2, 'rules_issued')}件、行政规范性文件{_n(t2, 'norms_issued')}件，"
              f"废止规章{_n(t2, 'rules_repealed')}件、行政规范性文件{_n(t2, 'norms_repealed')}件；现行有效规章"
              f"{_n(t2, 'rules_current')}件、行政规范性文件{_n(t2, 'norms_current')}件。作出行政许可决定"
              f"{_n(t2, 'licences')}件、行政处罚决定{_n(t2, 'penalties')}件、行政强制决定{_n(t2, 'coercions')}件。")
    on_request = " ".join(p for p in (data.overview_paragraph, data.conversions_text) if p)
    parts = (active, on_request, TO_FILL + "政府信息公开审查、信息管理和动态更新情况。",
             TO_FILL + "政府网站、政务新媒体等公开平台建设情况。",
             TO_FILL + "考核、培训、社会评议和责任追究等监督保障情况。")
    return "\n".join(f"{h}\n{body}" for h, body in zip(PART_HEADINGS, parts))


def _n(values: Mapping, key: str) -> str:
    v = values.get(key) or 0
    return str(int(v)) if float(v).is_integer() else str(v)


def is_part_heading(line: str) -> bool:
    """（一）主动公开 and the like: a short line that opens a part of section 一."""
    return line.strip() in PART_HEADINGS
