"""Material filed with a department's 协办 answer or with a 会商 record (stored once), with its checksum."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class CoordinationMaterial(AgencyOwned, Base):
    """Belongs to exactly one task or one 会商 record; no cascade: the owner cannot vanish under it."""

    __tablename__ = "coordination_materials"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("dept_tasks.id"), index=True)
    deliberation_id: Mapped[int | None] = mapped_column(ForeignKey("deliberations.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)   # lists never load the bytes
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(50), default="")

    __table_args__ = (CheckConstraint("(task_id IS NULL) <> (deliberation_id IS NULL)", name="one_owner"),)
