"""案例库: mark a closed case 典型案例 (anonymised, reviewed), search, export and import packages."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.exports.case_package import PackagedCase, PackageProblem, read_package, write_package
from app.exports.letters.data import LetterData
from app.exports.letters.kinds import LetterKind
from app.exports.letters.render import TemplateProblem, render_letter
from app.exports.letters.templates import template_for
from app.models import LibraryCase, Letter, Request
from app.services import views
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.dto import Actor, RequestDetail
from app.services.letters.letter_builder import build_letter_data
from app.services.cases.request_service import load_request
from app.services.trust.sessions import ActingService
from app.services.settings_service import load_settings, unset_identity
from app.services.uow import Database
from app.workflow.anonymise import Anonymiser, PersonalData, Replacement, leftovers
from app.services.library.library_privacy import personal_data_in
from app.workflow.dates import cn_date
from app.workflow.vocabulary import ApplicantType, Role

MARKERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)
TEXT_KEYS = ("申请内容", "办理经过", "答复决定", "答复理由")
# Letter fields that never hold personal data (fixed wording, the agency, the number).
_LETTER_FIXED = {"kind", "variant", "title", "agency_name", "agency_short", "doc_number", "issue_date",
                 "legal_basis", "remedy", "request_number"}


@dataclass(frozen=True)
class LibraryDraft:
    """The anonymised copy shown for review before it is saved; every text may be edited."""

    request_id: int
    number: str
    title: str
    summary: str
    legal_points: str
    tags: str
    articles: str
    outcome: str
    year: int
    texts: dict
    replacements: tuple[Replacement, ...]


@dataclass(frozen=True)
class LibraryEntry:
    id: int
    uid: str
    source: str
    read_only: bool
    title: str
    summary: str
    legal_points: str
    tags: str
    articles: str
    outcome: str
    year: int
    texts: dict
    has_pdf: bool
    created_on: date
    created_by: str

    @property
    def origin(self) -> str:
        return f"{self.source}（导入，只读）" if self.read_only else self.source


def _entry(c: LibraryCase) -> LibraryEntry:
    return LibraryEntry(c.id, c.uid, c.source, c.read_only, c.title, c.summary, c.legal_points, c.tags,
                        c.articles, c.outcome, c.year, json.loads(c.text_json or "{}"), c.letter_pdf is not None,
                        c.created_on, c.created_by)


def _personal(d: RequestDetail) -> PersonalData:
    return PersonalData(
        d.applicant_name, d.applicant_type == ApplicantType.PERSON, d.applicant_type == ApplicantType.BUSINESS,
        tuple(c.party for c in d.consultations if c.party), (d.id_number,) if d.id_number else (),
        (d.phone,) if d.phone else (), (d.address,) if d.address else (), (d.email,) if d.email else (),
        (d.postcode,) if d.postcode else ())


def _reply_data(s: Session, d: RequestDetail, settings) -> LetterData:
    """The reply as sent (its stored data) or, without one, as it would be worded now."""
    letter = s.scalar(select(Letter).where(Letter.request_id == d.id, Letter.kind == LetterKind.REPLY.value,
                                           Letter.superseded_by.is_(None)).order_by(Letter.id.desc()).limit(1))
    if letter is not None:
        return LetterData.from_json(letter.data_json)
    return build_letter_data(d, settings, LetterKind.REPLY).stamped("", cn_date(d.reply_date))


def _anonymised_letter(data: LetterData, anonymise: Anonymiser, request_content: str) -> LetterData:
    changed = {f.name: anonymise(getattr(data, f.name)) for f in fields(LetterData) if f.name not in _LETTER_FIXED}
    changed["request_content"] = request_content
    return replace(data, **changed)


class CaseLibraryService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    # -- marking ----------------------------------------------------------------------------
    def _case(self, s: Session, number: str) -> RequestDetail:
        rid = s.scalar(select(Request.id).where(Request.number == number.strip()))
        if rid is None:
            raise NotFound(f"未找到申请编号为“{number.strip()}”的申请。")
        settings = load_settings(s)
        d = views.request_detail(s, load_request(s, rid), load_calendar(s), settings.policy, self._today())
        if not d.outcome or d.reply_date is None:
            raise ValidationError(f"申请“{d.number}”尚未办结，办结（已答复）后才能标记为典型案例。")
        return d

    def draft(self, actor: Actor, number: str) -> LibraryDraft:
        """The anonymised copy of a closed case, for the clerk to review (nothing is saved)."""
        _check_role(actor)
        with self._db.uow() as uow:
            s = uow.session
            d = self._case(s, number)
            anonymise = Anonymiser(_personal(d))
            reasons = anonymise(d.decision_reasons)
            letter = _anonymised_letter(_reply_data(s, d, load_settings(s)), anonymise, anonymise(d.description))
        texts = {"申请内容": anonymise(d.description), "办理经过": letter.history,
                 "答复决定": "，".join(dict.fromkeys(x for x in (d.decision, d.outcome_label) if x)), "答复理由": reasons}
        return LibraryDraft(d.id, d.number, "", "", "", "", "", d.outcome_label, d.reply_date.year, texts,
                            tuple(anonymise.replacements))

    def save(self, actor: Actor, draft: LibraryDraft) -> LibraryEntry:
        """Save the reviewed copy; refused while any stored personal data is still in it. The letter PDF
        is rendered again from the anonymised copy."""
        _check_role(actor)
        if not draft.title.strip():
            raise ValidationError("请填写案例标题。", "title")
        with self._db.uow() as uow:
            s = uow.session
            d = self._case(s, draft.number)
            settings = load_settings(s)
            personal = _personal(d)
            anonymise = Anonymiser(personal)
            letter = _anonymised_letter(_reply_data(s, d, settings), anonymise, draft.texts.get("申请内容", ""))
            found = leftovers("\n".join([draft.title, draft.summary, draft.legal_points, draft.tags,
                                         *map(str, draft.texts.values()), *letter.context().values()]), personal)
            if found:
                raise ValidationError("案例中仍有个人信息，请替换后再保存：" + "、".join(found), "texts")
            try:
                pdf = render_letter(letter, template_for(LetterKind.REPLY, letter.variant, settings.template_dir)).pdf
            except (TemplateProblem, FileNotFoundError) as e:
                raise ValidationError(str(e), "template_dir") from e
            c = LibraryCase(uid=uuid.uuid4().hex, source=settings.agency_name, read_only=False, request_id=d.id,
                            title=draft.title.strip(), summary=draft.summary.strip(),
                            legal_points=draft.legal_points.strip(), tags=draft.tags.strip(),
                            articles=draft.articles.strip(), outcome=draft.outcome, year=draft.year,
                            text_json=json.dumps({k: draft.texts.get(k, "") for k in TEXT_KEYS}, ensure_ascii=False),
                            letter_pdf=pdf, created_on=self._today(), created_by=actor.username)
            s.add(c)
            s.flush()
            record(s, actor, "标记典型案例", d.id, "案例库", "", c.title)
            uow.commit()
            return _entry(c)

    # -- reading ----------------------------------------------------------------------------
    def markable(self, actor: Actor, limit: int = 500) -> list[tuple[str, str]]:
        """Closed cases not yet in the library, the latest reply first: (申请编号, how the list shows it)."""
        _check_role(actor)
        marked = select(LibraryCase.request_id).where(LibraryCase.request_id.is_not(None))
        q = (select(Request.number, Request.reply_date, Request.decision, Request.description)
             .where(Request.outcome.is_not(None), Request.outcome != "", Request.reply_date.is_not(None),
                    Request.id.not_in(marked))
             .order_by(Request.reply_date.desc(), Request.number.desc()).limit(limit))
        with self._db.uow() as uow:
            return [(number, f"{number}　{replied:%Y-%m-%d}答复　{decision or '—'}　{_short(description)}")
                    for number, replied, decision, description in uow.session.execute(q)]

    def search(self, text: str = "", tag: str = "", outcome: str = "", article: str = "",
               year: int | None = None) -> list[LibraryEntry]:
        q = select(LibraryCase)
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(or_(LibraryCase.title.like(like), LibraryCase.summary.like(like),
                            LibraryCase.legal_points.like(like), LibraryCase.text_json.like(like)))
        if tag.strip():
            q = q.where(LibraryCase.tags.like(f"%{tag.strip()}%"))
        if outcome:
            q = q.where(LibraryCase.outcome == outcome)
        if article.strip():
            q = q.where(LibraryCase.articles.like(f"%{article.strip()}%"))
        if year:
            q = q.where(LibraryCase.year == year)
        with self._db.uow() as uow:
            return [_entry(c) for c in uow.session.scalars(q.order_by(LibraryCase.year.desc(), LibraryCase.id))]

    def pdf(self, entry_id: int) -> bytes:
        with self._db.uow() as uow:
            c = uow.session.get(LibraryCase, entry_id)
            if c is None or c.letter_pdf is None:
                raise NotFound("该案例没有答复书PDF。")
            return c.letter_pdf

    # -- sharing ----------------------------------------------------------------------------
    def export_package(self, path: str | Path, ids: list[int] | None = None,
                       progress: Callable[[int, int], None] | None = None) -> int:
        """Write a package of the library's own cases (or of ``ids``); returns how many."""
        with self._db.uow() as uow:
            s = uow.session
            q = select(LibraryCase).where(LibraryCase.read_only.is_(False))
            if ids is not None:
                q = q.where(LibraryCase.id.in_(ids))
            rows = list(s.scalars(q.order_by(LibraryCase.id)))
            agency = load_settings(s).agency_name
            cases = [PackagedCase(c.uid, c.source, c.title, c.summary, c.legal_points, c.tags, c.articles,
                                  c.outcome, c.year, json.loads(c.text_json or "{}"), c.letter_pdf) for c in rows]
        if not cases:
            raise ValidationError("案例库中没有本机关的案例可以导出。")
        if progress:
            progress(1, 2)
        write_package(agency, self._today().isoformat(), cases, path)
        if progress:
            progress(2, 2)
        return len(cases)

    def import_package(self, actor: Actor, path: str | Path,
                       progress: Callable[[int, int], None] | None = None) -> tuple[str, int, int]:
        """(source, added, skipped): another office's cases, read-only; a case already held is skipped.

        A case is known by its source office *and* uid, so no package can claim this office's own cases
        (a package naming this office as its source is refused); personal data left in a case refuses
        the whole package, as saving refuses a draft.
        """
        _check_role(actor)
        try:
            source, cases = read_package(path)
        except PackageProblem as e:
            raise ValidationError(str(e), "path") from e
        for n, c in enumerate(cases, start=1):
            found = personal_data_in("\n".join([c.title, c.summary, c.legal_points, c.tags, *c.texts.values()]))
            if found:
                raise ValidationError(f"案例包第{n}件（{c.title}）仍含个人信息（{'、'.join(found)}），"
                                      "请来源机关处理后重新导出，未导入。", "path")
        if progress:
            progress(1, 2)
        with self._db.uow() as uow:
            s = uow.session
            own = "" if "机关名称" in unset_identity(s) else load_settings(s).agency_name
            if own and source.strip() == own.strip():
                raise ValidationError(f"案例包声称来自本机关（{source}），本机关的案例不能从导出包导入，未导入。", "path")
            held = {(src, uid): title for src, uid, title in
                    s.execute(select(LibraryCase.source, LibraryCase.uid, LibraryCase.title))}
            added, differing = 0, []
            for c in cases:
                if (source, c.uid) in held:
                    if held[(source, c.uid)] != c.title:
                        differing.append(c.title)
                    continue
                s.add(LibraryCase(uid=c.uid, source=source, read_only=True, title=c.title, summary=c.summary,
                                  legal_points=c.legal_points, tags=c.tags, articles=c.articles, outcome=c.outcome,
                                  year=c.year, text_json=json.dumps(c.texts, ensure_ascii=False),
                                  letter_pdf=c.pdf, created_on=self._today(), created_by=actor.username))
                held[(source, c.uid)] = c.title
                added += 1
            note = f"跳过已有{len(cases) - added}件" + (f"，其中{len(differing)}件与已有同号案例内容不同"
                                                       f"（{'、'.join(differing[:3])}）" if differing else "")
            record(s, actor, "导入案例包", None, "案例库", "", f"{source}：新增{added}件", note)
            uow.commit()
        return source, added, len(cases) - added

    def update(self, actor: Actor, entry_id: int, title: str, summary: str, legal_points: str, tags: str,
               articles: str) -> LibraryEntry:
        """Edit this office's own case; cases imported from other offices are read-only."""
        _check_role(actor)
        with self._db.uow() as uow:
            s = uow.session
            c = s.get(LibraryCase, entry_id)
            if c is None:
                raise NotFound(f"未找到编号为{entry_id}的案例。")
            if c.read_only:
                raise ValidationError(f"“{c.title}”来自{c.source}，导入的案例只读，不能修改。")
            if not title.strip():
                raise ValidationError("请填写案例标题。", "title")
            new = {"title": title.strip(), "summary": summary.strip(), "legal_points": legal_points.strip(),
                   "tags": tags.strip(), "articles": articles.strip()}
            number = s.scalar(select(Request.number).where(Request.id == c.request_id)) if c.request_id else None
            if number is not None:           # an edit must not bring the applicant's data back
                found = leftovers("\n".join(new.values()), _personal(self._case(s, number)))
                if found:
                    raise ValidationError("案例中仍有个人信息，请替换后再保存：" + "、".join(found), "texts")
            for key, value in new.items():
                if getattr(c, key) != value:
                    record(s, actor, "修改典型案例", c.request_id, f"案例库·{_FIELD_LABELS[key]}",
                           getattr(c, key), value)
                    setattr(c, key, value)
            uow.commit()
            return _entry(c)


_FIELD_LABELS = {"title": "案例标题", "summary": "案情摘要", "legal_points": "法律要点", "tags": "标签",
                 "articles": "涉及条款"}


def _short(text: str, width: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _check_role(actor: Actor) -> None:
    if actor.role not in MARKERS:
        raise ValidationError(f"案例库只能由登记员、科室负责人或管理员维护，当前用户角色为“{actor.role}”。")
