"""Letters for events that happened before the data came in (demo data): issued and signed on their day."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from app.exports.letters.kinds import LetterKind
from app.models import Letter
from app.services import views
from app.services.dto import Actor
from app.services.letter_builder import build_letter_data
from app.services.letter_service import _freeze, _new_letter
from app.services.request_service import load_request
from app.services.settings_service import OfficeSettings
from app.workflow.calendar import StatutoryCalendar
from app.workflow.dates import cn_date


def issue_signed(s: Session, clerk: Actor, signer: Actor, request_id: int, kind: LetterKind, on: date,
                 settings: OfficeSettings, cal: StatutoryCalendar) -> Letter:
    """The case's letter of ``kind`` as it was issued and signed on ``on``: numbered in that year's series,
    dated that day, signed by ``signer``; works on archived cases too (it records the past)."""
    req = load_request(s, request_id)
    detail = views.request_detail(s, req, cal, settings.policy, on)
    data = build_letter_data(detail, settings, kind).stamped("", cn_date(on))
    letter = _new_letter(s, clerk, request_id, kind, data, settings, on, None)
    _freeze(s, signer, letter, settings, on, refresh=False)
    letter.created_at = letter.signed_at = datetime.combine(on, time(10, 0))
    return letter
