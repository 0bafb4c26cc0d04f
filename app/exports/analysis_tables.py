"""The analysis as titled tables of text (one source for the workbook, the Word report and the page)."""

from __future__ import annotations

from dataclasses import dataclass

from app.workflow.analysis import AnalysisResult

SUBJECT_HEADERS = ("事项", "申请件数", "申请人数", "涉及处室", "代表性申请内容", "首次申请", "最近申请")


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _d(d) -> str:
    return d.isoformat() if d else ""


def _num(v, digits: int = 1) -> object:
    return "—" if v is None else (round(v, digits) if isinstance(v, float) else v)


def period_title(result: AnalysisResult) -> str:
    f = result.figures
    return f"{result.agency}依申请公开数据分析（{cn_date(f.start)}至{cn_date(f.end)}）"


def cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def summary_table(result: AnalysisResult) -> Table:
    f = result.figures
    rows = (
        ("收到申请（件）", f.received, "期间内收到申请之日"),
        ("办结答复（件）", f.replied, "期间内答复日期"),
        ("按期答复率", f.on_time.percent(), f"{f.on_time.count}/{f.on_time.base}件在应答复日期前送达"),
        ("答复用时中位数（工作日）", _num(f.median_days), "收到申请之日后至答复日期的工作日数"),
        ("答复用时第90百分位（工作日）", _num(f.p90_days), "最近秩法"),
        ("补正率", f.corrections.percent(), f"{f.corrections.count}/{f.corrections.base}件收到的申请"),
        ("征求意见率", f.consultations.percent(), f"{f.consultations.count}/{f.consultations.base}"),
        ("延期率", f.extensions.percent(), f"{f.extensions.count}/{f.extensions.base}"),
        ("收费率", f.fees.percent(), f"{f.fees.count}/{f.fees.base}"),
        ("行政复议（件）", f.reviews_filed, "期间内提起"),
        ("每百件答复行政复议数", _num(f.reviews_per_100, 2), ""),
        ("行政诉讼（件）", f.lawsuits_filed, "期间内提起"),
        ("每百件答复行政诉讼数", _num(f.lawsuits_per_100, 2), ""),
        ("纠错率", f.corrected.percent(), f"期间内审结{f.corrected.base}件，其中纠正{f.corrected.count}件"),
    )
    return Table("主要指标", ("指标", "数值", "说明"), rows)


def subject_table(result: AnalysisResult) -> Table:
    rows = tuple((g.label, g.count, g.applicants, "、".join(g.departments), g.representative,
                  _d(g.first), _d(g.last)) for g in result.subjects)
    return Table("集中申请事项", SUBJECT_HEADERS, rows)


def volume_tables(result: AnalysisResult) -> list[Table]:
    f = result.figures
    return [
        Table("按月", ("月份", "收到申请", "办结答复"), f.by_month),
        Table("按申请方式", ("申请方式", "收到申请"), f.by_channel),
        Table("按申请人类型", ("申请人类型", "收到申请"), f.by_applicant_type),
        Table("按承办处室", ("承办处室", "收到申请"), f.by_department),
        Table("按办理结果", ("办理结果", "办结答复"), f.by_outcome),
    ]


def applicant_table(result: AnalysisResult) -> Table:
    rows = tuple((i + 1, a.name, a.applicant_type, a.count)
                 for i, a in enumerate(result.figures.repeat_applicants))
    note = "（姓名已遮蔽）" if result.names_masked else ""
    return Table(f"重复申请人（前20名）{note}", ("序号", "申请人", "申请人类型", "申请件数"), rows)


def conversion_table(result: AnalysisResult) -> Table:
    rows = tuple((c.label, _d(c.published_on), c.column_name, c.url, c.doc_number, c.applicant_count)
                 for c in result.conversions)
    return Table("依申请转主动公开", ("事项", "公开日期", "栏目", "网址", "文号", "申请人数"), rows)


def all_tables(result: AnalysisResult) -> list[Table]:
    return [summary_table(result), subject_table(result), conversion_table(result), *volume_tables(result),
            applicant_table(result)]
