"""Attachments of a case (scanned application, ID copy, drafts), kept with a SHA-256 checksum."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.errors import NotFound, ValidationError
from app.exports import atomic
from app.models import Attachment, Request
from app.services.trust.audit import record
from app.services.cases.authority import require
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.services.trust.audit_evidence import file_line
from app.workflow.authority import CaseStep
from app.workflow.file_names import windows_safe

KINDS = ("申请书扫描件", "身份证明复印件", "补正材料", "答复书草稿", "送达回证", "其他")
MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


def safe_name(filename: str) -> str:
    """The stored name: one that Windows can create (see ``app.workflow.file_names``)."""
    return windows_safe(filename, fallback="")


def check_bytes(filename: str, content: bytes) -> tuple[str, str]:
    """The safe name and SHA-256 of a file handed over as bytes; refused when empty or over 50MB."""
    name = safe_name(filename)
    if not name:
        raise ValidationError("请选择要添加的文件。", "filename")
    if not content:
        raise ValidationError(f"文件“{name}”是空文件，请重新选择。", "filename")
    if len(content) > MAX_BYTES:
        raise ValidationError(f"文件“{name}”超过50MB，请压缩或分拆后再添加。", "filename")
    return name, hashlib.sha256(content).hexdigest()


def read_checked(path: str | Path) -> tuple[str, bytes, str]:
    """A file from disk as (safe name, bytes, SHA-256): the size is checked before anything is read,
    the bytes hashed while read; refused when empty, over 50MB or unreadable."""
    p = Path(path)
    name = safe_name(p.name)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(f"文件“{name}”超过50MB，请压缩或分拆后再添加。", "filename")
        if size == 0:
            raise ValidationError(f"文件“{name}”是空文件，请重新选择。", "filename")
        digest, chunks, total = hashlib.sha256(), [], 0
        with open(p, "rb") as f:
            while chunk := f.read(_CHUNK):
                total += len(chunk)
                if total > MAX_BYTES:          # the file grew while being read
                    raise ValidationError(f"文件“{name}”超过50MB，请压缩或分拆后再添加。", "filename")
                digest.update(chunk)
                chunks.append(chunk)
    except OSError as e:
        raise ValidationError(f"无法读取文件“{name}”：{e.strerror or e}。", "filename") from e
    if not name:
        raise ValidationError("文件名无效，请改名后再添加。", "filename")
    return name, b"".join(chunks), digest.hexdigest()


@dataclass(frozen=True)
class AttachmentView:
    id: int
    request_id: int
    filename: str
    kind: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


def _view(a: Attachment) -> AttachmentView:
    return AttachmentView(a.id, a.request_id, a.filename, a.kind, a.size, a.sha256, a.added_at,
                          a.added_by)


class AttachmentService(ActingService):
    def __init__(self, db: Database):
        self._db = db

    def add(self, actor: Actor, request_id: int, filename: str, content: bytes,
            kind: str = "其他") -> AttachmentView:
        """Store a file with its checksum; one audited transaction."""
        if kind not in KINDS:
            raise ValidationError(f"附件类别“{kind}”无效，应为：{'、'.join(KINDS)}。", "kind")
        name, digest = check_bytes(filename, content)
        return self._store(actor, request_id, name, kind, content, digest)

    def _store(self, actor: Actor, request_id: int, name: str, kind: str, content: bytes,
               digest: str) -> AttachmentView:
        with self._db.uow() as uow:
            s = uow.session
            req = s.get(Request, request_id)
            if req is None:
                raise NotFound(f"未找到编号为{request_id}的申请。")
            require(s, actor, req, CaseStep.ADD_ATTACHMENT)
            a = Attachment(request_id=request_id, filename=name, kind=kind, size=len(content),
                           sha256=digest, content=content, added_at=datetime.now(),
                           added_by=actor.username)
            s.add(a)
            s.flush()
            record(s, actor, "添加附件", request_id, kind, "", file_line(name, "附件", a.id, digest))
            uow.commit()
            return _view(a)

    def add_file(self, actor: Actor, request_id: int, path: str | Path, kind: str = "其他") -> AttachmentView:
        """Add a file from disk: its size is checked before anything is read; hashed while read."""
        if kind not in KINDS:
            raise ValidationError(f"附件类别“{kind}”无效，应为：{'、'.join(KINDS)}。", "kind")
        name, content, digest = read_checked(path)
        return self._store(actor, request_id, name, kind, content, digest)

    def list(self, request_id: int) -> list[AttachmentView]:
        with self._db.read() as uow:
            rows = uow.session.scalars(select(Attachment).where(Attachment.request_id == request_id)
                                       .order_by(Attachment.id))
            return [_view(a) for a in rows]

    def content(self, attachment_id: int) -> bytes:
        """The stored bytes, after checking them against the stored checksum."""
        with self._db.read() as uow:
            a = uow.session.get(Attachment, attachment_id)
            if a is None:
                raise NotFound("附件不存在，可能已被删除。")
            if hashlib.sha256(a.content).hexdigest() != a.sha256:
                raise ValidationError(f"附件“{a.filename}”的校验值不符，文件可能已损坏，请联系管理员。")
            return a.content

    def save_to(self, actor: Actor, attachment_id: int, target: str | Path) -> Path:
        """Write a verified copy to ``target``, for those who may see the case's files; audited."""
        with self._db.read() as uow:
            a = uow.session.get(Attachment, attachment_id)
            if a is None:
                raise NotFound("附件不存在，可能已被删除。")
            require(uow.session, actor, uow.session.get(Request, a.request_id), CaseStep.OPEN_ATTACHMENT)
        data = self.content(attachment_id)
        path = Path(target)
        try:
            atomic.write_bytes(path, data)
        except OSError as e:
            raise ValidationError(f"无法保存到“{path}”：{e.strerror or e}。", "target") from e
        with self._db.uow() as uow:
            a = uow.session.get(Attachment, attachment_id)
            record(uow.session, actor, "导出附件", a.request_id, a.kind, "", a.filename)
            uow.commit()
        return path
