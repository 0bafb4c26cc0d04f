"""全市案例库 (issue 22): an agency publishes a reviewed, anonymised case of its library to every agency of
the city; every agency searches it at once, with the source agency named; the source withdraws it (audited).

On SQLite the city library is the one agency's own. On a shared PostgreSQL server row-level security
(app/migrations/sql/i22_city_library.sql) lets every session read the cases not withdrawn and only the
source agency insert or withdraw; this service decides who of the source may do so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import CityLibraryCase, LibraryCase
from app.services.dto import Actor
from app.services.library.case_library_service import TEXT_KEYS, _personal
from app.services.library.library_privacy import personal_data_in
from app.services.agencies import LOCAL
from app.services.cases.request_service import load_request
from app.services.clock import load_calendar
from app.services import views
from app.services.settings_service import load_settings, unset_identity
from app.services.trust.audit import record
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.anonymise import leftovers
from app.workflow.vocabulary import Role

PUBLISHERS = (Role.CHIEF, Role.ADMIN)


@dataclass(frozen=True)
class CityCase:
    """One case of the city library as every agency sees it."""

    id: int
    source: str                # the source agency, as its letters name it
    mine: bool                 # published by the agency of the reader's session
    title: str
    summary: str
    legal_points: str
    tags: str
    articles: str
    outcome: str
    year: int
    texts: dict
    published_on: date

    @property
    def origin(self) -> str:
        return f"{self.source}（本机关发布）" if self.mine else self.source


def _session_agency(s: Session) -> int | None:
    """The agency of the reader's session: SQLite's one agency; on PostgreSQL none for the city office."""
    if s.bind.dialect.name != "postgresql":
        return LOCAL
    return s.scalar(sql("SELECT dd_agency()"))


def _case(c: CityLibraryCase, mine: int | None) -> CityCase:
    return CityCase(c.id, c.source_name, c.agency_id == mine, c.title, c.summary, c.legal_points, c.tags,
                    c.articles, c.outcome, c.year, json.loads(c.text_json or "{}"), c.published_at.date())


def _check_publisher(actor: Actor, verb: str) -> None:
    if actor.role not in PUBLISHERS:
        raise PermissionDenied(f"{verb}全市案例库的案例只能由科室负责人或管理员办理，当前用户角色为“{actor.role}”。")


class CityLibraryService(ActingService):
    def __init__(self, db: Database, now=datetime.now):
        self._db = db
        self._now = now

    def publish(self, actor: Actor, entry_id: int) -> CityCase:
        """Publish this agency's own library case (saved after the anonymiser's review) to the city.

        Refused for a case imported from another office, one already published, and one in which any
        personal data of its source request (or any ID number, phone, address … by pattern) is found again."""
        _check_publisher(actor, "发布")
        with self._db.uow() as uow:
            s = uow.session
            c = s.get(LibraryCase, entry_id)
            if c is None:
                raise NotFound(f"本机关案例库中没有编号为{entry_id}的案例。")
            if c.read_only:
                raise ValidationError(f"“{c.title}”是从{c.source}导入的案例，只有本机关的案例可以发布到全市案例库。")
            if "机关名称" in unset_identity(s):
                raise ValidationError("本机关的机关名称尚未填写，全市案例库须写明来源机关。"
                                      "请管理员在“管理 → 机关与期限”中填写。", "agency_name")
            live = s.scalar(select(CityLibraryCase.id).where(CityLibraryCase.agency_id == _session_agency(s),
                                                             CityLibraryCase.source_uid == c.uid,
                                                             CityLibraryCase.withdrawn_at.is_(None)))
            if live is not None:
                raise ValidationError(f"“{c.title}”已发布到全市案例库，不能重复发布。")
            texts = json.loads(c.text_json or "{}")
            body = "\n".join([c.title, c.summary, c.legal_points, c.tags, c.articles, *map(str, texts.values())])
            found = personal_data_in(body) + (self._leftovers(s, c.request_id, body) if c.request_id else [])
            if found:
                raise ValidationError("案例中仍有个人信息，不能发布到全市案例库，请先在“修改”中替换："
                                      + "、".join(dict.fromkeys(found)), "texts")
            row = CityLibraryCase(
                source_uid=c.uid, source_name=load_settings(s).agency_name.strip(), title=c.title,
                summary=c.summary, legal_points=c.legal_points, tags=c.tags, articles=c.articles, outcome=c.outcome,
                year=c.year, text_json=json.dumps({k: texts.get(k, "") for k in TEXT_KEYS}, ensure_ascii=False),
                published_at=self._now(), published_by=actor.username, withdrawn_by="", withdraw_reason="")
            s.add(row)
            s.flush()
            record(s, actor, "发布到全市案例库", c.request_id, "全市案例库", "", c.title)
            uow.commit()
            return _case(row, row.agency_id)

    @staticmethod
    def _leftovers(s: Session, request_id: int, body: str) -> list[str]:
        """What of the source request's people is still in ``body`` (its applicant, numbers, address …)."""
        d = views.request_detail(s, load_request(s, request_id), load_calendar(s), load_settings(s).policy,
                                 date.today())
        return leftovers(body, _personal(d))

    def withdraw(self, actor: Actor, case_id: int, reason: str) -> CityCase:
        """Withdraw a case this agency published: it leaves every agency's search; who, when and why are
        kept on the case and in the agency's audit. Another agency's case cannot be withdrawn."""
        _check_publisher(actor, "撤回")
        if not reason.strip():
            raise ValidationError("撤回全市案例库的案例须说明理由。", "reason")
        with self._db.uow() as uow:
            s = uow.session
            row = s.get(CityLibraryCase, case_id)
            if row is None:
                raise NotFound(f"全市案例库中没有编号为{case_id}的案例。")
            if row.agency_id != _session_agency(s):
                raise PermissionDenied(f"“{row.title}”由{row.source_name}发布，只有发布机关可以撤回。")
            if row.withdrawn_at is not None:
                raise ValidationError(f"“{row.title}”已于{row.withdrawn_at:%Y-%m-%d %H:%M}撤回。")
            row.withdrawn_at, row.withdrawn_by, row.withdraw_reason = self._now(), actor.username, reason.strip()
            request_id = s.scalar(select(LibraryCase.request_id).where(LibraryCase.uid == row.source_uid))
            record(s, actor, "撤回全市案例库案例", request_id, f"全市案例库·{row.title}", "已发布", "已撤回",
                   reason.strip())
            uow.commit()
            return _case(row, row.agency_id)

    def search(self, text: str = "", tag: str = "", outcome: str = "", article: str = "",
               year: int | None = None) -> list[CityCase]:
        """The city's cases not withdrawn, from every agency, the latest year first."""
        q = select(CityLibraryCase).where(CityLibraryCase.withdrawn_at.is_(None))
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(or_(CityLibraryCase.title.like(like), CityLibraryCase.summary.like(like),
                            CityLibraryCase.legal_points.like(like), CityLibraryCase.text_json.like(like)))
        if tag.strip():
            q = q.where(CityLibraryCase.tags.like(f"%{tag.strip()}%"))
        if outcome:
            q = q.where(CityLibraryCase.outcome == outcome)
        if article.strip():
            q = q.where(CityLibraryCase.articles.like(f"%{article.strip()}%"))
        if year:
            q = q.where(CityLibraryCase.year == year)
        with self._db.read() as uow:
            s = uow.session
            mine = _session_agency(s)
            return [_case(c, mine) for c in s.scalars(q.order_by(CityLibraryCase.year.desc(),
                                                                 CityLibraryCase.published_at.desc()))]

    def published_uids(self) -> set[str]:
        """The library entries (uid) this agency has published and not withdrawn."""
        with self._db.read() as uow:
            s = uow.session
            return set(s.scalars(select(CityLibraryCase.source_uid).where(
                CityLibraryCase.agency_id == _session_agency(s), CityLibraryCase.withdrawn_at.is_(None))))
