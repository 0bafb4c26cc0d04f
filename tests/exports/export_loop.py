"""Child process for the kill -9 tests and bench: write every export over its target, round after round.

``python tests/exports/export_loop.py DB FOLDER LETTER_ID`` prints ``start KIND`` before each write and
``done KIND SECONDS`` after it, forever, until killed.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.services.trust.backup_service import BackupService  # noqa: E402
from app.services.ledger.ledger_service import LedgerService  # noqa: E402
from app.services.letters.letter_service import LetterService  # noqa: E402
from app.services.trust.office_service import OfficeService  # noqa: E402
from app.services.reports.report_service import ReportService  # noqa: E402
from app.services.uow import Database  # noqa: E402

TARGETS = {"ledger": "台账.xlsx", "report-xlsx": "年报.xlsx", "report-docx": "年报.docx", "report-pdf": "年报.pdf",
           "letter-docx": "答复书.docx", "letter-pdf": "答复书.pdf", "backup": "备份.sqlite3"}


def writers(db, folder: Path, letter_id: int, admin):
    reports, letters = ReportService(db), LetterService(db)
    yield "ledger", lambda p: LedgerService(db).export_file(p)
    for fmt in ("xlsx", "docx", "pdf"):
        yield f"report-{fmt}", lambda p: reports.export(2025, p)
    for fmt in ("docx", "pdf"):
        yield f"letter-{fmt}", lambda p: letters.save_file(letter_id, p)
    if db.dialect == "sqlite":
        yield "backup", lambda p: BackupService(db).backup(admin, p)


def main() -> None:
    db = Database.open(sys.argv[1])
    folder, letter_id = Path(sys.argv[2]), int(sys.argv[3])
    admin = OfficeService(db).login("admin", os.environ["DISCLOSURE_DESK_PASSWORD"])
    while True:
        for kind, write in writers(db, folder, letter_id, admin):
            print("start", kind, flush=True)
            t = time.perf_counter()
            write(folder / TARGETS[kind])
            print("done", kind, f"{time.perf_counter() - t:.3f}", flush=True)


if __name__ == "__main__":
    main()
