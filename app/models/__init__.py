"""SQLAlchemy 2.x mapped classes; no Qt, no session handling."""

from app.models.agency import Agency
from app.models.art35 import ReasonsAnswer
from app.models.audit import AuditHead, Event
from app.models.base import Base
from app.models.calendar_day import CalendarDayRow
from app.models.coordination_material import CoordinationMaterial
from app.models.deliberation import Deliberation, DeliberationCase
from app.models.dept_task import DeptTask
from app.models.case_library import LibraryCase
from app.models.documents import Attachment, DocCounter, Letter
from app.models.exchange import ExchangeDocument, ExchangeImport
from app.models.knowledge import ProactiveCandidate
from app.models.ledger_mapping import LedgerMappingRow
from app.models.legal_review import LegalReview
from app.models.online import OnlineAnswer, OnlineFetch, OnlineMail, OnlineSubmission, OnlineThrottle
from app.models.office import Department, LoginFailure, Setting, User
from app.models.reporting import AnnualReport, ReviewCase
from app.models.request import Consultation, Correction, Extension, FeeNotice, Request
from app.models.urge_notice import UrgeNotice

__all__ = [
    "Agency", "AnnualReport", "Attachment", "AuditHead", "Base", "CalendarDayRow", "Consultation", "CoordinationMaterial",
    "Correction",
    "Deliberation", "DeliberationCase", "Department", "DeptTask", "DocCounter", "Event", "ExchangeDocument",
    "ExchangeImport", "Extension", "FeeNotice",
    "LedgerMappingRow", "LegalReview", "LoginFailure",
    "OnlineAnswer", "OnlineFetch", "OnlineMail", "OnlineSubmission", "OnlineThrottle",
    "Letter", "LibraryCase", "ProactiveCandidate", "ReasonsAnswer", "Request",
    "ReviewCase", "Setting", "UrgeNotice", "User",
]
