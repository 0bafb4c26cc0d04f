"""Materials of a department's 协办 answer or of a 会商 record: filed once with their owner, checksummed,
every addition and export audited on the case(s) concerned."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InvalidTransition, NotFound, ValidationError
from app.exports import atomic
from app.models import CoordinationMaterial, Deliberation, Department, DeptTask, Request
from app.services.cases.attachment_service import read_checked
from app.services.trust.audit_evidence import file_line
from app.services.trust.audit import record
from app.services.dto import Actor, MaterialView
from app.services.trust.sessions import ActingService
from app.services.cases.task_service import may_see
from app.services.uow import Database
from app.workflow.status import Status
from app.workflow.transitions import TASK_ASSIGNERS
from app.workflow.vocabulary import Role


def _view(m: CoordinationMaterial) -> MaterialView:
    return MaterialView(m.id, m.filename, m.size, m.sha256, m.added_at, m.added_by)


class MaterialService(ActingService):
    """Every method taking an ``actor`` verifies it came from a log-in (ActingService)."""

    def __init__(self, db: Database):
        self._db = db

    def add_to_task(self, actor: Actor, task_id: int, path: str | Path) -> MaterialView:
        """A department's material for its answer (the office's too), while the case is open."""
        name, content, digest = read_checked(path)
        with self._db.uow() as uow:
            s = uow.session
            t = self._task(s, task_id)
            req = s.get(Request, t.request_id)
            if actor.role is Role.LEGAL:
                raise InvalidTransition("法制审核员不能为协办任务添加材料。")
            if actor.role is Role.HANDLER and actor.department_id != t.department_id \
                    and actor.user_id != t.handler_id:
                raise InvalidTransition("只能为本处室的协办任务添加材料。")
            if not Status(req.status).is_open:
                raise ValidationError("申请已办结，协办任务不能再添加材料。")
            m = self._store(s, actor, name, content, digest, task_id=t.id)
            dept = s.get(Department, t.department_id).name
            record(s, actor, "添加协办材料", t.request_id, f"{dept}协办", "", file_line(name, "材料", m.id, digest))
            uow.commit()
            return _view(m)

    def add_to_deliberation(self, actor: Actor, deliberation_id: int, path: str | Path) -> MaterialView:
        """Material of a 会商 (sign-in sheet, opinions): stored once with the record, noted on each case."""
        if actor.role not in TASK_ASSIGNERS:
            raise InvalidTransition(f"会商材料由登记员、科室负责人或管理员添加，当前用户角色为“{actor.role}”。")
        name, content, digest = read_checked(path)
        with self._db.uow() as uow:
            s = uow.session
            d = s.get(Deliberation, deliberation_id)
            if d is None:
                raise NotFound("会商记录不存在。")
            m = self._store(s, actor, name, content, digest, deliberation_id=d.id)
            for c in d.cases:
                record(s, actor, "添加会商材料", c.request_id, f"{d.form}会商（{d.number}）", "",
                       file_line(name, "材料", m.id, digest))
            uow.commit()
            return _view(m)

    def content(self, actor: Actor, material_id: int) -> bytes:
        """The stored bytes, after checking them against the stored checksum."""
        with self._db.read() as uow:
            return self._checked(uow.session, actor, material_id)[1]

    def save_to(self, actor: Actor, material_id: int, target: str | Path) -> Path:
        """Write a verified copy to ``target`` (atomically); audited on the case(s) it concerns."""
        return self._export(actor, material_id, Path(target), "导出")

    def open_copy(self, actor: Actor, material_id: int, folder: str | Path) -> Path:
        """A verified copy under its own name in ``folder`` (a fresh temporary one) for viewing; audited."""
        with self._db.read() as uow:
            m = uow.session.get(CoordinationMaterial, material_id)
            if m is None:
                raise NotFound("材料不存在。")
            name = m.filename
        return self._export(actor, material_id, Path(folder) / name, "查看")

    def _export(self, actor: Actor, material_id: int, path: Path, verb: str) -> Path:
        with self._db.read() as uow:
            m, data = self._checked(uow.session, actor, material_id)
            filename = m.filename
        try:
            atomic.write_bytes(path, data)
        except OSError as e:
            raise ValidationError(f"无法保存到“{path}”：{e.strerror or e}。", "target") from e
        with self._db.uow() as uow:
            s = uow.session
            m = s.get(CoordinationMaterial, material_id)
            if m.task_id is not None:
                t = s.get(DeptTask, m.task_id)
                record(s, actor, f"{verb}协办材料", t.request_id, f"{s.get(Department, t.department_id).name}协办",
                       "", filename, path.name)
            else:
                d = s.get(Deliberation, m.deliberation_id)
                for c in d.cases:
                    record(s, actor, f"{verb}会商材料", c.request_id, f"{d.form}会商（{d.number}）", "", filename,
                           path.name)
            uow.commit()
        return path

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _task(s: Session, task_id: int) -> DeptTask:
        t = s.get(DeptTask, task_id)
        if t is None:
            raise NotFound("协办任务不存在。")
        return t

    def _checked(self, s: Session, actor: Actor, material_id: int) -> tuple[CoordinationMaterial, bytes]:
        m = s.get(CoordinationMaterial, material_id)
        if m is None:
            raise NotFound("材料不存在。")
        if m.task_id is not None:
            t = self._task(s, m.task_id)
            if not may_see(actor, t, s.get(Request, t.request_id).department_id):
                raise InvalidTransition("只能查看本处室协办任务的材料。")
        if hashlib.sha256(m.content).hexdigest() != m.sha256:
            raise ValidationError(f"材料“{m.filename}”的校验值不符，文件可能已损坏，请联系管理员。")
        return m, m.content

    @staticmethod
    def _store(s: Session, actor: Actor, name: str, content: bytes, digest: str, **owner) -> CoordinationMaterial:
        m = CoordinationMaterial(filename=name, size=len(content), sha256=digest, content=content,
                                 added_at=datetime.now(), added_by=actor.username, **owner)
        s.add(m)
        s.flush()
        return m
