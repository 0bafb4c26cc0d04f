"""The annual report (domain §4): figures from the cases, office-typed parts, review register, lock, export."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Mapping

from sqlalchemy.orm import Session

from app.errors import PermissionDenied, ValidationError
from app.models import AnnualReport, Request
from app.services.trust.audit import record
from app.services.reports.report_gates import ZERO_CONFIRMED, refuse_placeholders, refuse_zero_table_two
from app.services.dto import Actor
from app.workflow.vocabulary import Role
from app.services.reports.proactive_service import converted_between
from app.services.reports.report_facts import case_groups, facts_query, fee_figures, review_facts
from app.services.reports.review_register import ReviewRegister
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.annual_counts import (
    COLUMNS, ROW_NEXT, ROWS, WARNING, CaseFact, Finding, Problem,
    Table3, Table4, cell_members, check_carry_over, check_table3, check_table4, count_groups, count_table3,
    count_table4, problem_findings,
)
from app.workflow.annual_report_data import (
    TABLE2_FIELDS, TABLE2_LAYOUT, TEXT_SECTIONS, AnnualReportData, FeeFigures, preamble_paragraphs, table2_from,
)
from app.workflow.outcomes import Outcome
from app.workflow.proactive import conversions_paragraph

Progress = Callable[[int, int], None]
_TABLE2_LABELS = {key: f"表二·{label}·{header}" for b in TABLE2_LAYOUT for label, keys in b.rows
                  for key, header in zip(keys, b.headers[1:])}


@dataclass(frozen=True)
class CaseRef:
    """One case behind a number of table 三 (drill-down)."""

    id: int
    number: str
    applicant_name: str
    applicant_type: str
    receipt_date: date | None
    reply_date: date | None
    outcome_label: str


REPORT_EDITORS = (Role.CLERK, Role.CHIEF, Role.ADMIN)


def _check_editor(actor: Actor) -> None:
    """Table 二 and the texts are the disclosure office's: 登记员 drafts, 科室负责人/管理员 approve."""
    if actor.role not in REPORT_EDITORS:
        allowed = "、".join(r.value for r in REPORT_EDITORS)
        raise PermissionDenied(f"填写年度报告只能由{allowed}办理，当前用户角色为“{actor.role}”。")


def _check_approver(actor: Actor, verb: str) -> None:
    if actor.role not in (Role.CHIEF, Role.ADMIN):
        raise ValidationError(f"{verb}年度报告只能由科室负责人或管理员办理，当前用户角色为“{actor.role}”。")


def _check_year(year: int) -> None:
    if not 2008 <= int(year) <= 2100:
        raise ValidationError(f"年份“{year}”无效，请选择2008年至2100年之间的年份。", "year")


@dataclass(frozen=True)
class _Frozen:
    table3: Table3
    table4: Table4
    fees: FeeFigures

    def to_json(self) -> str:
        return json.dumps({"table3": self.table3.to_json(), "table4": self.table4.to_json(),
                           "fees": asdict(self.fees)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "_Frozen":
        d = json.loads(text)
        return cls(Table3.from_json(d["table3"]), Table4.from_json(d["table4"]), FeeFigures(**d["fees"]))


def _fingerprint(s: Session, year: int) -> str:
    """A digest of every fact the year's figures come from, case by case; a locked year compares it."""
    h = hashlib.sha256()
    h.update(repr(s.execute(facts_query(year).order_by(Request.id)).all()).encode())
    h.update(repr(review_facts(s, year)).encode())
    h.update(repr(fee_figures(s, year)).encode())
    return h.hexdigest()


def _figures(s: Session, year: int) -> tuple[_Frozen, tuple[Problem, ...]]:
    """The year's figures as the data stands now, and the cases that could not be counted."""
    table3, troubled = count_groups(case_groups(s, year))
    problems: tuple[Problem, ...] = ()
    if troubled:               # rare: name the cases, which only a case-by-case pass can do
        problems = count_table3(s.execute(facts_query(year)).all(), year)[1]
    return _Frozen(table3, count_table4(review_facts(s, year), year), fee_figures(s, year)), problems


def _refuse_if_broken(data: AnnualReportData, action: str) -> None:
    if data.blocking:
        raise ValidationError(f"{data.year}年度报告校验未通过，不能{action}：\n"
                              + "\n".join(str(f) for f in data.blocking))


class ReportService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today
        self.review_register = ReviewRegister(db, today)

    def default_year(self) -> int:
        """The year being reported: the previous one until the report is due (31 January) and a
        little after; from April on, the current year's figures to date."""
        today = self._today()
        return today.year - 1 if today.month <= 3 else today.year

    # -- the report -------------------------------------------------------------------------
    def report(self, year: int) -> AnnualReportData:
        """Compute (or, when locked, show frozen) figures with every check of domain §4."""
        _check_year(year)
        with self._db.read() as uow:
            return self._report(uow.session, year)

    def _report(self, s: Session, year: int) -> AnnualReportData:
        row = s.get(AnnualReport, year)
        current, problems = _figures(s, year)
        findings: list[Finding] = []
        shown, stale = current, False
        if row is not None and row.locked and row.frozen_json:
            shown = _Frozen.from_json(row.frozen_json)
            stale = row.frozen_fingerprint != _fingerprint(s, year)
            if stale:
                findings.append(Finding(WARNING, "", "", "", _stale_message(year, shown, current)))
        else:
            findings += problem_findings(problems)
        findings += check_table3(shown.table3) + check_table4(shown.table4)
        previous = s.get(AnnualReport, year - 1)
        if previous is not None and previous.locked and previous.frozen_json:
            # Unlocked, last year's 四 is by definition the same set of cases as this year's 二.
            prev_next = _Frozen.from_json(previous.frozen_json).table3.cells[ROW_NEXT]
            findings += check_carry_over(shown.table3, prev_next, year - 1)
        elif previous is not None and previous.published_next:
            findings += check_carry_over(shown.table3, tuple(json.loads(previous.published_next)), year - 1,
                                         "已公布报告（录入）")
        table2 = json.loads(row.table2_json or "{}") if row else {}
        sections = json.loads(row.sections_json or "{}") if row else {}
        findings += _form_warnings(table2, sections)
        if year >= self._today().year:
            findings.append(Finding(WARNING, "", "", "", f"{year}年尚未结束，报告中的数字截至{self._today()}，"
                                                         "年度结束后请重新统计再定稿。"))
        if not (sections.get("一") or "").strip():
            findings.append(Finding(WARNING, "正文", "", "", "“一、总体情况”按30号格式的五个部分生成了初稿，"
                                                           "其中（三）至（五）标有“（请填写）”，请补充后再定稿"))
        settings = load_settings(s)
        return AnnualReportData(
            year, settings.agency_name, table2_from(table2), shown.table3, shown.table4,
            shown.fees, sections, tuple(findings), bool(row and row.locked),
            row.locked_at if row else None, row.locked_by if row else "", stale,
            conversions_paragraph(year, converted_between(s, date(year, 1, 1), date(year, 12, 31))),
            preamble_paragraphs(year, settings.agency_name, settings.report_site, settings.report_contact))

    def previous_section(self, year: int, key: str) -> str:
        """What the office wrote in section ``key`` of the year before (shown for reference)."""
        with self._db.uow() as uow:
            row = uow.session.get(AnnualReport, year - 1)
            return (json.loads(row.sections_json or "{}").get(key) or "").strip() if row else ""

    def _empty_five_message(self, year: int) -> str:
        last = self.previous_section(year, "五")
        reference = f"上年度第五部分为：{last}" if last else "上年度报告未填写第五部分。"
        return (f"{year}年度报告全文未导出：“五、存在的主要问题及改进情况”尚未填写。请在“年度报告”页面填写；"
                "如本年度确无需要报告的问题，在该页面导出时确认“无”，或在命令行加 --section-five-none"
                f"（须以用户身份办理）。{reference}")

    def drill_down(self, year: int, row: str, col: int) -> list[CaseRef]:
        """The cases counted in one cell of table 三 (current data), by receipt date."""
        _check_year(year)
        if row not in ROWS or not 0 <= col < len(COLUMNS):
            raise ValidationError(f"表三没有第“{row}”行第{col + 1}列。")
        with self._db.read() as uow:
            rows = uow.session.execute(facts_query(year, Request.applicant_name)).all()
        names = {r.id: r.applicant_name for r in rows}
        hits = cell_members([CaseFact(*r[:6]) for r in rows], year, row, col)
        hits.sort(key=lambda f: (f.receipt_date, f.number))
        return [CaseRef(f.id, f.number, names[f.id], f.applicant_type, f.receipt_date, f.reply_date,
                        Outcome.from_code(f.outcome).label if f.outcome in _LEAF_CODES else "")
                for f in hits]

    # -- what the office types in -----------------------------------------------------------
    def save_table2(self, actor: Actor, year: int, values: Mapping[str, object]) -> None:
        """Store table 二 for ``year``; each changed figure is audited."""
        _check_editor(actor)
        _check_year(year)
        for key in TABLE2_FIELDS:
            v = values.get(key) or 0
            if not isinstance(v, (int, float)) or v < 0:
                raise ValidationError(f"{_TABLE2_LABELS[key]}应为不小于0的数字。", key)
        new = table2_from(values)
        with self._db.uow() as uow:
            s = uow.session
            row = _editable(s, year)
            old = table2_from(json.loads(row.table2_json or "{}"))
            for key in TABLE2_FIELDS:
                if old[key] != new[key]:
                    record(s, actor, "修改年度报告", field=f"{year}年{_TABLE2_LABELS[key]}",
                           old=old[key], new=new[key])
            row.table2_json = json.dumps(new, ensure_ascii=False)
            uow.commit()

    def save_published_carry_over(self, actor: Actor, year: int, values: list[int]) -> None:
        """Type in 四 (结转下年度继续办理) of ``year`` as the office published it before using the app,
        so next year's 二 can be checked against it; refused when the year is locked here."""
        _check_year(year)
        if len(values) != len(COLUMNS) or any(not isinstance(v, int) or v < 0 for v in values):
            raise ValidationError(f"请按{len(COLUMNS)}列（六类申请人和总计）填写不小于0的整数。")
        if sum(values[:-1]) != values[-1]:
            raise ValidationError(f"总计应等于六类申请人之和（{sum(values[:-1])}），录入为{values[-1]}。")
        with self._db.uow() as uow:
            s = uow.session
            row = _editable(s, year)
            old = row.published_next or ""
            row.published_next = json.dumps(list(values))
            record(s, actor, "修改年度报告", field=f"{year}年已公布的“四、结转下年度继续办理”", old=old,
                   new=row.published_next)
            uow.commit()

    def save_sections(self, actor: Actor, year: int, sections: Mapping[str, str]) -> None:
        """Store the texts of sections 一, 五 and 六; each changed text is audited."""
        _check_editor(actor)
        _check_year(year)
        unknown = set(sections) - set(TEXT_SECTIONS)
        if unknown:
            raise ValidationError(f"正文只有第一、五、六部分可以填写（收到：{'、'.join(sorted(unknown))}）。")
        with self._db.uow() as uow:
            s = uow.session
            row = _editable(s, year)
            stored = json.loads(row.sections_json or "{}")
            for key, text in sections.items():
                text = text.strip()
                if stored.get(key, "") != text:
                    record(s, actor, "修改年度报告", field=f"{year}年{TEXT_SECTIONS[key]}",
                           old=stored.get(key, ""), new=text)
                    stored[key] = text
            row.sections_json = json.dumps(stored, ensure_ascii=False)
            uow.commit()

    # -- lock -------------------------------------------------------------------------------
    def lock(self, actor: Actor, year: int) -> AnnualReportData:
        """Freeze the year's figures as final; refused while any check fails."""
        _check_year(year)
        _check_approver(actor, "锁定")
        with self._db.uow() as uow:
            s = uow.session
            data = self._report(s, year)
            if data.locked:
                raise ValidationError(f"{year}年度报告已经锁定。")
            _refuse_if_broken(data, "锁定")
            row = _editable(s, year)
            row.frozen_json = _Frozen(data.table3, data.table4, data.fees).to_json()
            row.frozen_fingerprint = _fingerprint(s, year)
            row.locked, row.locked_at, row.locked_by = True, datetime.now(), actor.username
            record(s, actor, "锁定年度报告", field=f"{year}年度报告", old="未锁定", new="已锁定")
            uow.commit()
            return self._report(s, year)

    def unlock(self, actor: Actor, year: int, reason: str) -> AnnualReportData:
        """Reopen a locked year; the reason is required and audited, the frozen figures dropped."""
        _check_year(year)
        _check_approver(actor, "解锁")
        if not reason.strip():
            raise ValidationError("解锁年度报告必须说明理由。", "reason")
        with self._db.uow() as uow:
            s = uow.session
            row = s.get(AnnualReport, year)
            if row is None or not row.locked:
                raise ValidationError(f"{year}年度报告未锁定，无需解锁。")
            row.locked, row.locked_at, row.locked_by = False, None, ""
            row.frozen_json, row.frozen_fingerprint = "", ""
            record(s, actor, "解锁年度报告", field=f"{year}年度报告", old="已锁定", new="未锁定",
                   reason=reason.strip())
            uow.commit()
            return self._report(s, year)

    # -- export -----------------------------------------------------------------------------
    def refuse_full_text(self, data: AnnualReportData) -> None:
        """Raise the reason the full text (Word/PDF) cannot be exported yet, if there is one."""
        if not (data.sections.get("五") or "").strip():
            raise ValidationError(self._empty_five_message(data.year), "五")
        refuse_placeholders(data)
        refuse_zero_table_two(data, self.table_two_zero_confirmed(data.year))

    def table_two_zero_confirmed(self, year: int) -> bool:
        with self._db.read() as uow:
            row = uow.session.get(AnnualReport, year)
            return bool(row and json.loads(row.table2_json or "{}").get(ZERO_CONFIRMED))

    def confirm_table_two_zero(self, actor: Actor, year: int) -> None:
        """The office confirms that every figure of 表二 is truly 0 this year (audited)."""
        _check_editor(actor)
        _check_year(year)
        with self._db.uow() as uow:
            row = _editable(uow.session, year)
            stored = json.loads(row.table2_json or "{}")
            if any(table2_from(stored).values()):
                raise ValidationError(f"{year}年表二已有不为0的数字，无需确认均为0。", "表二")
            row.table2_json = json.dumps({**table2_from(stored), ZERO_CONFIRMED: True}, ensure_ascii=False)
            record(uow.session, actor, "修改年度报告", field=f"{year}年表二", old="未填写",
                   new="确认各项均为0")
            uow.commit()

    def export(self, year: int, path: str | Path, progress: Progress | None = None) -> AnnualReportData:
        """Check, then write .xlsx / .docx / .pdf by the file's suffix; refused while checks fail.

        Returns the report as written (its warnings are for the caller to show)."""
        path = Path(path)
        writers = _writers()
        if path.suffix.lower() not in writers:
            raise ValidationError("导出文件名须以 .xlsx、.docx 或 .pdf 结尾。", "path")
        if progress:
            progress(0, 2)
        data = self.report(year)
        _refuse_if_broken(data, "导出")
        if path.suffix.lower() != ".xlsx":
            self.refuse_full_text(data)
        if progress:
            progress(1, 2)
        writers[path.suffix.lower()](data, path)
        if progress:
            progress(2, 2)
        return data


_LEAF_CODES = frozenset(o.code for o in Outcome)


def _writers() -> dict[str, Callable[[AnnualReportData, Path], Path]]:
    from app.exports.annual_report_docx import write_annual_report_docx
    from app.exports.annual_report_pdf import write_annual_report_pdf
    from app.exports.annual_report_xlsx import write_annual_report_xlsx

    return {".xlsx": write_annual_report_xlsx, ".docx": write_annual_report_docx,
            ".pdf": write_annual_report_pdf}


def _editable(s: Session, year: int) -> AnnualReport:
    row = s.get(AnnualReport, year)
    if row is None:
        row = AnnualReport(year=year, table2_json="{}", sections_json="{}", locked=False,
                           frozen_json="", frozen_fingerprint="", locked_by="", published_next="")
        s.add(row)
    elif row.locked:
        raise ValidationError(f"{year}年度报告已锁定，如需修改请先解锁并说明理由。")
    return row


def _form_warnings(table2: Mapping, sections: Mapping) -> list[Finding]:
    out = []
    if not table2:
        out.append(Finding(WARNING, "表二", "", "", "主动公开情况尚未填写，导出时各项按0打印"))
    if not (sections.get("五") or "").strip():
        out.append(Finding(WARNING, "正文", "", "", "“五、存在的主要问题及改进情况”尚未填写"))
    return out


def _stale_message(year: int, frozen: _Frozen, current: _Frozen) -> str:
    same = frozen == current
    return (f"{year}年度报告锁定后，有关申请、复议诉讼或收费记录已有变动；显示的是锁定时的数字"
            + ("（按现有数据重新计算，数字未变）。" if same else "（按现有数据重新计算，数字已不同）。"))


