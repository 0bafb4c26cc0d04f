"""协办 / 协查: a department's task on a case (lead 主办 or assisting 协办), its answer and 催办 count."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class DeptTask(AgencyOwned, Base):
    __tablename__ = "dept_tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    lead: Mapped[bool] = mapped_column(default=False)            # 主办 (else 协办)
    brief: Mapped[str] = mapped_column(Text)                     # what to check or provide
    due_on: Mapped[date] = mapped_column(index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10), index=True)
    findings: Mapped[str] = mapped_column(Text, default="")
    info_exists: Mapped[str] = mapped_column(String(10), default="")
    proposed_decision: Mapped[str] = mapped_column(String(20), default="")
    answered_on: Mapped[date | None]
    answered_by: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")          # the last return / waiver reason
    urge_count: Mapped[int] = mapped_column(Integer, default=0)
    last_urged_on: Mapped[date | None]
    assigned_on: Mapped[date | None]                             # the office's day (service clock)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(50), default="")

    __mapper_args__ = {"version_id_col": version}
