"""督办: each 催办通知 sent to a department about its task, numbered, kept as issued (Word and PDF)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class UrgeNotice(AgencyOwned, Base):
    __tablename__ = "urge_notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("dept_tasks.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    seq: Mapped[int]                                  # 1st, 2nd … 催办 of this task
    doc_number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date]
    issued_at: Mapped[datetime]
    issued_by: Mapped[str] = mapped_column(String(50))
    escalated: Mapped[bool] = mapped_column(default=False)   # a second 催办 goes to the chief
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
