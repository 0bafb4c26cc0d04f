"""Reading coordination materials as views (no bytes loaded), for the task and 会商 services."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CoordinationMaterial as M
from app.services.dto import MaterialView


def materials_of(s: Session, *, task_id: int | None = None,
                 deliberation_id: int | None = None) -> tuple[MaterialView, ...]:
    """The materials filed with one task or one 会商 record, oldest first."""
    owner = M.task_id == task_id if task_id is not None else M.deliberation_id == deliberation_id
    rows = s.execute(select(M.id, M.filename, M.size, M.sha256, M.added_at, M.added_by).where(owner)
                     .order_by(M.id))
    return tuple(MaterialView(*row) for row in rows)
