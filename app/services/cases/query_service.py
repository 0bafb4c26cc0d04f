"""The request list (SQL-side filtering, sorting, paging), the workbench counts and monthly figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, bindparam, extract, func, or_, select
from sqlalchemy.orm import aliased

from app.models import DeliberationCase, Department, Request, User
from app.services.clock import load_calendar
from app.services.dto import Actor, RequestRow
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.status import OPEN_STATUSES, Status


class DueWindow:
    ANY = ""
    OVERDUE = "逾期"
    RED = "紧急"
    AMBER = "临近"
    OPEN = "未办结"


SORT_COLUMNS = {
    "number": Request.number, "receipt_date": Request.receipt_date, "reply_due": Request.reply_due,
    "applicant_name": Request.applicant_name, "status": Request.status, "id": Request.id,
    "reply_date": Request.reply_date,
}


@dataclass(frozen=True)
class RequestQuery:
    statuses: tuple[str, ...] = ()
    department_id: int | None = None
    handler_id: int | None = None
    year: int | None = None
    applicant_type: str = ""
    outcome: str = ""
    due_window: str = DueWindow.ANY
    text: str = ""
    deliberated: bool = False          # only cases discussed at a 会商 (经会商)
    sort: str = "reply_due"
    descending: bool = False


# The workbench's stage cards: every open case is counted in exactly one of them (临近到期 and 已逾期
# cut across the stages).
STAGE_CARDS: tuple[tuple[str, tuple[Status, ...]], ...] = (
    ("待确认", (Status.UNCONFIRMED,)),
    ("待审核", (Status.REGISTERED, Status.AWAITING_CORRECTION)),
    ("办理中", (Status.HANDLING, Status.CONSULTING, Status.AWAITING_FEE, Status.RETURNED)),
    ("待签批", (Status.SIGN_OFF,)),
    ("待合法性审查", (Status.LEGAL_REVIEW,)),
    ("待答复", (Status.APPROVED,)),
)


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int] = field(default_factory=dict)
    my_tasks: tuple[RequestRow, ...] = ()


@dataclass(frozen=True)
class MonthlyFigures:
    year: int
    received: tuple[int, ...]                 # 12 months
    replied_by_group: dict[str, tuple[int, ...]]  # outcome group code → 12 months


@dataclass(frozen=True)
class DueThresholds:
    """Today and the last due dates that count as red / amber (the list colours its due column)."""

    today: date
    red_until: date
    amber_until: date

    def level(self, due: date | None, status: str) -> str:
        """逾期 / 紧急 / 临近 / "" for an open case due on ``due``, matching the due-window filter."""
        if due is None or not Status(status).is_open:
            return DueWindow.ANY
        if due < self.today:
            return DueWindow.OVERDUE
        if due <= self.red_until:
            return DueWindow.RED
        if due <= self.amber_until:
            return DueWindow.AMBER
        return DueWindow.ANY


_Handler = aliased(User)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SEARCHED = (Request.applicant_name, Request.description, Request.number)


def _order(col, descending: bool, dialect: str) -> list:
    """Empty dates last, ties by id. PostgreSQL says NULLS LAST itself, so a 350,000-case list reads its
    first page in the date index's order; SQLite keeps the portable ``col IS NULL`` key."""
    if dialect == "postgresql":
        return [(col.desc() if descending else col.asc()).nulls_last(),
                Request.id.desc() if descending else Request.id.asc()]
    return [col.is_(None), col.desc() if descending else col.asc(),
            Request.id.desc() if descending else Request.id.asc()]


def _text_condition():
    """Substring search over name, request text and number. On PostgreSQL a 3+ character LIKE is served
    by the pg_trgm GIN indexes (migration i13_delivery); a 2-character word (规划, 征收) has no trigram
    and runs as a plain scan: the list's first page stops after 100 matches in due-date order."""
    return or_(*(c.like(bindparam("pattern"), escape="\\") for c in _SEARCHED))


def _where(shape: tuple) -> list:
    """The WHERE clause of a filter shape, its values as bound parameters (see ``QueryService._filters``)."""
    conds = []
    for item in shape:
        if item == "statuses":
            conds.append(Request.status.in_(bindparam("statuses", expanding=True)))
        elif item in ("department_id", "handler_id", "applicant_type", "outcome"):
            conds.append(getattr(Request, item) == bindparam(item))
        elif item == "year":
            conds.append(and_(Request.receipt_date >= bindparam("year_from"),
                              Request.receipt_date <= bindparam("year_to")))
        elif item == "deliberated":
            conds.append(Request.id.in_(select(DeliberationCase.request_id)))
        elif item == "text":
            conds.append(_text_condition())
        else:
            conds.append(_due_condition(item[1]))
    return conds


def _due_condition(window: str):
    open_ = Request.status.in_([s.value for s in OPEN_STATUSES])
    if window == DueWindow.OPEN:
        return open_
    if window == DueWindow.OVERDUE:
        return and_(open_, Request.reply_due < bindparam("today"))
    return and_(open_, Request.reply_due >= bindparam("today"), Request.reply_due <= bindparam("due_until"))


# Built once per shape: the list is paged and searched all day, and building a statement costs more
# Python than running it. Values are bound at execution, so a cached statement never holds a filter.
_STATEMENTS: dict[tuple, object] = {}


def _count_statement(shape: tuple):
    key = ("count", shape)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = select(func.count(Request.id)).where(*_where(shape))
    return _STATEMENTS[key]


def _page_statement(shape: tuple, sort: str, descending: bool, dialect: str):
    key = ("page", shape, sort, descending, dialect)
    if key not in _STATEMENTS:
        order = _order(SORT_COLUMNS[sort], descending, dialect)
        # Sort and cut the page on the requests table alone (the status/due index covers it),
        # then join names for those rows only: joining first made SQLite join every match.
        ids = (select(Request.id.label("page_id")).where(*_where(shape)).order_by(*order)
               .offset(bindparam("page_offset")).limit(bindparam("page_limit")).subquery())
        _STATEMENTS[key] = (
            select(Request.id, Request.number, Request.status, Request.applicant_name, Request.applicant_type,
                   Request.channel, Request.description, Request.receipt_date, Request.reply_due,
                   Request.due_provisional, func.coalesce(Department.name, "").label("dept"),
                   func.coalesce(_Handler.display_name, "").label("handler"), Request.outcome, Request.reply_date)
            .join(ids, ids.c.page_id == Request.id)
            .outerjoin(Department, Department.id == Request.department_id)
            .outerjoin(_Handler, _Handler.id == Request.handler_id)
            .order_by(*order))
    return _STATEMENTS[key]


class QueryService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def _filters(self, q: RequestQuery, session) -> tuple[tuple, dict]:
        """The filters that apply (the statement's shape, cached) and their values (bound when run)."""
        shape, params = [], {}
        if q.statuses:
            shape.append("statuses")
            params["statuses"] = list(q.statuses)
        for key in ("department_id", "handler_id", "year", "applicant_type", "outcome"):
            value = getattr(q, key)
            if value is not None and value != "":
                shape.append(key)
                params[key] = value
        if "year" in params:
            year = params.pop("year")
            params.update(year_from=date(year, 1, 1), year_to=date(year, 12, 31))
        if q.due_window:
            shape.append(("due", q.due_window))
            params.update(self._due_params(q.due_window, session))
        if q.deliberated:
            shape.append("deliberated")
        if q.text.strip():
            shape.append("text")
            params["pattern"] = f"%{_escape_like(q.text.strip())}%"
        return tuple(shape), params

    def _due_params(self, window: str, session) -> dict:
        today = self._today()
        if window in (DueWindow.RED, DueWindow.AMBER):
            cal, settings = load_calendar(session), load_settings(session)
            days = settings.red_days if window == DueWindow.RED else settings.amber_days
            return {"today": today, "due_until": cal.add_workdays(today, days)}
        return {"today": today} if window == DueWindow.OVERDUE else {}

    def today(self) -> date:
        """The service's notion of today (fixed in tests); dialogs default their dates to it."""
        return self._today()

    def due_thresholds(self) -> DueThresholds:
        """The red / amber limits for today, from the office calendar and warning settings."""
        today = self._today()
        with self._db.read() as uow:
            cal, settings = load_calendar(uow.session), load_settings(uow.session)
        return DueThresholds(today, cal.add_workdays(today, settings.red_days),
                             cal.add_workdays(today, settings.amber_days))

    def count(self, q: RequestQuery) -> int:
        with self._db.list_read() as uow:
            s = uow.session
            shape, params = self._filters(q, s)
            return s.connection().scalar(_count_statement(shape), params)

    def page(self, q: RequestQuery, offset: int, limit: int) -> list[RequestRow]:
        """One page of rows, filtered and sorted in SQL (ties broken by id, so paging is stable)."""
        with self._db.list_read() as uow:
            s = uow.session
            shape, params = self._filters(q, s)
            stmt = _page_statement(shape, q.sort if q.sort in SORT_COLUMNS else "reply_due", q.descending,
                                   self._db.dialect)
            # Core rows straight into RequestRow (columns in its field order): the list is read often.
            return [RequestRow(*r) for r in s.connection().execute(stmt, {**params, "page_offset": offset,
                                                                          "page_limit": limit})]

    def dashboard(self, actor: Actor) -> Dashboard:
        """Workbench counts and the logged-in user's tasks."""
        with self._db.read() as uow:
            s = uow.session
            by_status = dict(s.execute(select(Request.status, func.count()).group_by(Request.status)).all())
        counts = {
            **{key: sum(by_status.get(x, 0) for x in statuses) for key, statuses in STAGE_CARDS},
            "临近到期": self.count(RequestQuery(due_window=DueWindow.AMBER)),
            "已逾期": self.count(RequestQuery(due_window=DueWindow.OVERDUE)),
        }
        return Dashboard(counts, tuple(self.page(self._my_query(actor), 0, 50)))

    def _my_query(self, actor: Actor) -> RequestQuery:
        from app.workflow.transitions import TRANSITIONS

        mine = tuple(sorted({t.source.value for t in TRANSITIONS if actor.role in t.roles
                             and t.source.is_open and t.source != t.target}))
        if actor.role.value == "承办人" and actor.user_id is not None:
            return RequestQuery(statuses=mine, handler_id=actor.user_id)
        return RequestQuery(statuses=mine)

    def monthly(self, year: int) -> MonthlyFigures:
        with self._db.read() as uow:
            s = uow.session
            rec = dict(s.execute(
                select(extract("month", Request.receipt_date), func.count())
                .where(Request.receipt_date.between(date(year, 1, 1), date(year, 12, 31)))
                .group_by(extract("month", Request.receipt_date))).all())
            rep = s.execute(
                select(extract("month", Request.reply_date), Request.outcome, func.count())
                .where(Request.reply_date.between(date(year, 1, 1), date(year, 12, 31)))
                .group_by(extract("month", Request.reply_date), Request.outcome)).all()
        groups: dict[str, list[int]] = {}
        for month, outcome, n in rep:
            g = (outcome or "六.3").split(".")[0]
            groups.setdefault(g, [0] * 12)[int(month) - 1] += n
        received = {int(m): n for m, n in rec.items()}
        return MonthlyFigures(year, tuple(received.get(m, 0) for m in range(1, 13)),
                              {g: tuple(v) for g, v in groups.items()})


def _row(r) -> RequestRow:
    return RequestRow(r.id, r.number, r.status, r.applicant_name, r.applicant_type, r.channel,
                      r.description, r.receipt_date, r.reply_due, r.due_provisional, r.dept or "",
                      r.handler or "", r.outcome, r.reply_date)
