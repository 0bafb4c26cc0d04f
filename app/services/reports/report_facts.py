"""What the annual report counts, read from the database: the cases touching a year (as lean rows and as
groups of like cases), the review register's cases and the fee figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import FeeNotice, Request, ReviewCase
from app.workflow.annual_counts import AFTER, BEFORE, IN, CaseGroup, ReviewFact
from app.workflow.annual_report_data import FeeFigures


def touches(year: int):
    """Cases that touch ``year``: received by its end and not replied before it, or replied in it."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return and_(Request.receipt_date.is_not(None), or_(
        and_(Request.receipt_date <= end, or_(Request.reply_date.is_(None), Request.reply_date >= start)),
        Request.reply_date.between(start, end)))


def facts_query(year: int, *extra):
    """One lean row per case (no ORM objects): what table 三 needs, for drill-down and the fingerprint."""
    return select(Request.id, Request.number, Request.receipt_date, Request.reply_date,
                  Request.applicant_type, Request.outcome, *extra).where(touches(year))


def _place(column, year: int):
    """``annual_counts.place`` in SQL: BEFORE / IN / AFTER the year, NULL without a date."""
    return case((column.is_(None), None), (column < date(year, 1, 1), BEFORE),
                (column <= date(year, 12, 31), IN), else_=AFTER)


def case_groups(s: Session, year: int) -> list[CaseGroup]:
    """Table 三's input counted in the database: a few hundred groups of like cases, however many
    cases there are (so the report takes about as long on 50,000 cases as on 500)."""
    backwards = case((Request.reply_date < Request.receipt_date, 1), else_=0)
    keys = (_place(Request.receipt_date, year).label("received"),
            _place(Request.reply_date, year).label("replied"), backwards.label("backwards"))
    q = (select(*keys, Request.applicant_type, Request.outcome, func.count())
         .where(touches(year)).group_by("received", "replied", "backwards", Request.applicant_type,
                                         Request.outcome))
    return [CaseGroup(r, p, bool(b), kind, outcome, n) for r, p, b, kind, outcome, n in s.execute(q)]


def review_facts(s: Session, year: int) -> list[ReviewFact]:
    q = select(ReviewCase.id, ReviewCase.kind, ReviewCase.filed_on, ReviewCase.result,
               ReviewCase.decided_on).where(
        ReviewCase.filed_on <= date(year, 12, 31),
        or_(ReviewCase.decided_on.is_(None), ReviewCase.decided_on >= date(year, 1, 1)))
    return [ReviewFact(*r) for r in s.execute(q.order_by(ReviewCase.id))]


def fee_figures(s: Session, year: int) -> FeeFigures:
    start, end = date(year, 1, 1), date(year, 12, 31)
    notices, notified = s.execute(select(func.count(FeeNotice.id), func.sum(FeeNotice.amount))
                                  .where(FeeNotice.issued_on.between(start, end))).one()
    collected = s.scalar(select(func.sum(FeeNotice.paid_amount)).where(FeeNotice.paid_on.between(start, end)))
    return FeeFigures(int(notices), round(float(notified or 0), 2), round(float(collected or 0), 2))
