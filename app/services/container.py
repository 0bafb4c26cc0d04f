"""All services for one database, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from app.services.reports.analysis_service import AnalysisService
from app.services.cases.attachment_service import AttachmentService
from app.services.trust.audit_service import AuditService
from app.services.trust.backup_service import BackupService
from app.services.calendar_service import CalendarService
from app.services.library.case_library_service import CaseLibraryService
from app.services.cases.case_service import CaseService
from app.services.ledger.ledger_service import LedgerService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.trust.office_service import OfficeService
from app.services.reports.proactive_service import ProactiveService
from app.services.cases.query_service import QueryService
from app.services.reports.report_service import ReportService
from app.services.cases.request_service import RequestService
from app.services.settings_service import SettingsService
from app.services.cases.task_service import TaskService
from app.services.cases.material_service import MaterialService
from app.services.cases.supervision_service import SupervisionService
from app.services.cases.deliberation_service import DeliberationService
from app.services.online.desk_service import OnlineDeskService
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
    online: OnlineDeskService = None  # type: ignore[assignment]  # set in build (issue 23: 网上申请)

    @classmethod
    def build(cls, db: Database, today: Callable[[], date] = date.today) -> "Services":
        return cls(db, RequestService(db, today), CaseService(db, today), QueryService(db, today),
                   OfficeService(db), SettingsService(db, today), CalendarService(db, today),
                   LedgerService(db, today), BackupService(db), LetterService(db, today),
                   ReportService(db, today), AttachmentService(db), AnalysisService(db, today),
                   AuditService(db), LetterFactsService(db, today), TaskService(db, today),
                   SupervisionService(db, today), DeliberationService(db, today), MaterialService(db),
                   ProactiveService(db, today), CaseLibraryService(db, today), NoticeService(db, today),
                   OnlineDeskService(db, today))
