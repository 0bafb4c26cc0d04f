"""All services for one database, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from app.services.analysis_service import AnalysisService
from app.services.attachment_service import AttachmentService
from app.services.audit_service import AuditService
from app.services.backup_service import BackupService
from app.services.calendar_service import CalendarService
from app.services.case_library_service import CaseLibraryService
from app.services.case_service import CaseService
from app.services.ledger_service import LedgerService
from app.services.letter_facts_service import LetterFactsService
from app.services.letter_service import LetterService
from app.services.notice_service import NoticeService
from app.services.office_service import OfficeService
from app.services.proactive_service import ProactiveService
from app.services.query_service import QueryService
from app.services.report_service import ReportService
from app.services.request_service import RequestService
from app.services.settings_service import SettingsService
from app.services.task_service import TaskService
from app.services.material_service import MaterialService
from app.services.supervision_service import SupervisionService
from app.services.deliberation_service import DeliberationService
from app.services.uow import Database


@dataclass
class Services:
    db: Database
    requests: RequestService
    cases: CaseService
    queries: QueryService
    office: OfficeService
    settings: SettingsService
    calendar: CalendarService
    ledger: LedgerService
    backup: BackupService
    letters: LetterService
    reports: ReportService
    attachments: AttachmentService
    analysis: AnalysisService
    audit: AuditService
    letter_facts: LetterFactsService
    tasks: TaskService
    supervision: SupervisionService
    deliberations: DeliberationService
    materials: MaterialService
    proactive: ProactiveService
    library: CaseLibraryService
    notices: NoticeService = None     # type: ignore[assignment]  # set in build

    @classmethod
    def build(cls, db: Database, today: Callable[[], date] = date.today) -> "Services":
        return cls(db, RequestService(db, today), CaseService(db, today), QueryService(db, today),
                   OfficeService(db), SettingsService(db, today), CalendarService(db, today),
                   LedgerService(db, today), BackupService(db), LetterService(db, today),
                   ReportService(db, today), AttachmentService(db), AnalysisService(db, today),
                   AuditService(db), LetterFactsService(db, today), TaskService(db, today),
                   SupervisionService(db, today), DeliberationService(db, today), MaterialService(db),
                   ProactiveService(db, today), CaseLibraryService(db, today), NoticeService(db, today))
