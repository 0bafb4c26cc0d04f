"""全市集中申请事项: a subject asked at two or more agencies is a concentrated subject of the city.

The subjects are the desk's own subject families (app/workflow/field_terms.py, matched as
app/workflow/subjects.py matches them). On PostgreSQL the server counts them per agency
(dd_city_subjects): the city receives family names and counts, never a request text.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable

from sqlalchemy import select, text

from app.errors import ValidationError
from app.models import Agency, Request
from app.services.city.dto import CitySubject
from app.services.city.server import require_city, server_refusals
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.subjects import subject_phrases

MIN_AGENCIES = 2


class CitySubjectService(ActingService):
    def __init__(self, db: Database, today: Callable[[], date] = date.today):
        self._db = db
        self._today = today

    def concentrated(self, actor: Actor, start: date, end: date) -> list[CitySubject]:
        """Subjects received at ≥ 2 agencies in [start, end], most cases first."""
        require_city(actor)
        if start is None or end is None or start > end:
            raise ValidationError("统计期间不正确：起始日期须早于或等于截止日期。", "统计期间")
        with self._db.read() as uow, server_refusals():
            s = uow.session
            if self._db.engine.dialect.name == "postgresql":
                counts = s.execute(text("SELECT agency_name, family, cases FROM dd_city_subjects(:a, :b)"),
                                   {"a": start, "b": end}).all()
            else:
                counts = _local_counts(s, start, end)
        by_family: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for agency, family, n in counts:
            by_family[family].append((agency, n))
        found = [CitySubject(f, sum(n for _a, n in rows), tuple(sorted(rows, key=lambda r: (-r[1], r[0]))))
                 for f, rows in by_family.items() if len(rows) >= MIN_AGENCIES]
        return sorted(found, key=lambda c: (-c.total, c.family))


def _local_counts(s, start: date, end: date) -> list[tuple[str, str, int]]:
    """The one agency of a SQLite desk, counted in Python exactly as the server counts."""
    name = s.scalar(select(Agency.name).where(Agency.id == 1)) or "本机关"
    counts: dict[str, int] = defaultdict(int)
    for description in s.scalars(select(Request.description).where(Request.receipt_date.between(start, end))):
        for family in subject_phrases(description or ""):
            counts[family] += 1
    return [(name, f, n) for f, n in counts.items()]
