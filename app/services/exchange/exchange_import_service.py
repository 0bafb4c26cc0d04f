"""``exchange import``: other agencies' exchange files, checked, stored per agency code, kind and period."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from sqlalchemy import select

from app.errors import PermissionDenied, ValidationError
from app.exchange.documents import cases_from, figures_digest
from app.exchange.format import ANNUAL, CASES, KIND_LABELS, Period
from app.exchange.reading import Incoming, read_delivery
from app.models import ExchangeDocument, ExchangeImport
from app.services.trust.audit import record
from app.services.dto import Actor
from app.services.exchange.agency_identity import own_code
from app.services.library.library_privacy import personal_data_in
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.vocabulary import Role

ADDED, REPLACED, UNCHANGED = "新增", "替换", "未变"
IMPORTERS = (Role.CHIEF, Role.ADMIN)


@dataclass(frozen=True)
class ImportLine:
    """What became of one file."""

    file: str
    agency_code: str
    agency_name: str
    kind: str
    period: str
    status: str                 # 新增 / 替换 / 未变
    note: str = ""

    def __str__(self) -> str:
        label = KIND_LABELS[self.kind]
        period = Period.from_json(_period_json(self.period)).label
        return f"{self.status}：{self.agency_name}（{self.agency_code}）{period}{label}（{self.file}）" + (
            f"。{self.note}" if self.note else "")


def _period_json(key: str) -> dict:
    year, _, month = key.partition("-")
    return {"year": int(year), **({"month": int(month)} if month else {})}


class ExchangeImportService(ActingService):
    def __init__(self, db: Database, today=date.today, now=datetime.now):
        self._db = db
        self._today = today
        self._now = now

    def import_files(self, actor: Actor, paths: Iterable[str | Path]) -> list[ImportLine]:
        """Check every file, then store them all in one transaction, or none: a refused file names itself
        and its problem. A file already held unchanged changes nothing; a changed one replaces it."""
        if actor.role not in IMPORTERS:
            raise PermissionDenied(f"导入数据交换文件只能由科室负责人或管理员办理，当前用户角色为“{actor.role}”。")
        items, problems = read_delivery([Path(p) for p in paths])
        problems += _personal_data(items)
        if not items and not problems:
            problems.append("没有找到可以导入的数据交换文件。")
        if problems:
            raise ValidationError("未导入任何文件：\n" + "\n".join(problems), "files")
        with self._db.uow() as uow:
            s = uow.session
            mine = own_code(s)
            foreign = [i.file for i in items if mine and i.key[0] == mine]
            if foreign:
                raise ValidationError(f"未导入任何文件：“{'、'.join(foreign)}”注明的机关代码“{mine}”是本机关的，"
                                      "本机关的数据不能从交换文件导入。", "files")
            lines = [self._store(s, actor, item) for item in _unique(items)]
            uow.commit()
        return lines

    def _store(self, s, actor: Actor, item: Incoming) -> ImportLine:
        code, kind, period = item.key
        doc = item.document
        row = s.scalar(select(ExchangeDocument).where(ExchangeDocument.agency_code == code,
                                                      ExchangeDocument.kind == kind, ExchangeDocument.period == period))
        name = doc["agency"]["name"]
        if row is not None and row.digest == item.digest:
            return ImportLine(item.file, code, name, kind, period, UNCHANGED, "与已导入的内容相同，未作改动")
        status, note = (ADDED, "") if row is None else (REPLACED, _replaced_note(row, doc))
        if row is None:
            row = ExchangeDocument(agency_code=code, kind=kind, period=period)
            s.add(row)
        row.agency_name, row.scope, row.digest = name, doc["scope"], item.digest
        row.document = json.dumps(doc, ensure_ascii=False)
        row.exported_at = datetime.fromisoformat(doc["exported_at"])
        row.source_file, row.imported_at, row.imported_by = item.file[:200], self._now(), actor.username
        annual = kind == ANNUAL
        s.add(ExchangeImport(agency_code=code, kind=kind, period=period, status=status, digest=item.digest,
                             locked=annual and doc["data"]["locked"],
                             figures_digest=figures_digest(doc) if annual else "", source_file=item.file[:200],
                             imported_at=row.imported_at, imported_by=actor.username))
        record(s, actor, "导入交换数据", field=f"{name}（{code}）{period}{KIND_LABELS[kind]}",
               old="" if status == ADDED else "已导入", new=status, reason=item.file)
        return ImportLine(item.file, code, name, kind, period, status, note)


def _replaced_note(row: ExchangeDocument, doc: dict) -> str:
    """What a replacement changes that the city must notice: a locked report's figures."""
    if doc["kind"] != ANNUAL:
        return f"替换了{row.exported_at:%Y-%m-%d %H:%M}导出的文件"
    old = json.loads(row.document)
    if old["data"]["locked"] and figures_digest(old) != figures_digest(doc):
        return "注意：该年度报告原已锁定，新文件的表二、三、四或收费数字与原文件不同（锁定后数字有变动）"
    return f"替换了{row.exported_at:%Y-%m-%d %H:%M}导出的文件"


def _personal_data(items: list[Incoming]) -> list[str]:
    """Typical cases carry anonymised text only; a file with personal data left in it is refused whole."""
    out = []
    for item in items:
        if item.document["kind"] != CASES:
            continue
        for n, c in enumerate(cases_from(item.document), start=1):
            found = personal_data_in("\n".join([c.title, c.summary, c.legal_points, c.tags, *c.texts.values()]))
            if found:
                out.append(f"文件“{item.file}”第{n}件典型案例（{c.title}）仍含个人信息（{'、'.join(found)}），"
                           "请来源机关处理后重新导出。")
    return out


def _unique(items: list[Incoming]) -> list[Incoming]:
    """A file given twice in one run (a folder and its file) is stored once."""
    return list({item.key: item for item in items}.values())
