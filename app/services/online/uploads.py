"""Uploaded files: the content decides the type (PDF, JPEG, PNG), never the name; sizes are limited."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from app.services.online.dto import Upload

MAX_FILE = 5 * 1024 * 1024          # per file
MAX_TOTAL = 20 * 1024 * 1024        # per submission or answer
MAX_FILES = 10
_MAGIC = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


@dataclass(frozen=True)
class CheckedFile:
    filename: str        # a safe name with the sniffed suffix
    data: bytes
    sha256: str


def sniff(data: bytes) -> str | None:
    """'pdf' / 'jpg' / 'png' by the first bytes, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _safe_name(name: str, kind: str, n: int) -> str:
    stem = re.sub(r"\.[^.]*$", "", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"[^\w\u4e00-\u9fff\-（）()]+", "_", stem)[:80].strip("._") or f"附件{n}"
    return f"{stem}.{kind}"


def check_uploads(uploads: list[Upload], field: str = "attachments") -> tuple[list[CheckedFile], dict[str, str]]:
    """The accepted files, or the problems (field → Chinese message) with nothing accepted."""
    uploads = [u for u in uploads if u.data]          # an empty file input sends a nameless empty part
    if len(uploads) > MAX_FILES:
        return [], {field: f"附件最多{MAX_FILES}个，请合并后再上传。"}
    if sum(len(u.data) for u in uploads) > MAX_TOTAL:
        return [], {field: f"附件合计不能超过{MAX_TOTAL // 1024 // 1024}MB，请压缩或删减后再上传。"}
    out, problems = [], []
    for n, u in enumerate(uploads, 1):
        shown = (u.filename or f"第{n}个附件")[:60]
        if len(u.data) > MAX_FILE:
            problems.append(f"“{shown}”超过{MAX_FILE // 1024 // 1024}MB，请压缩后再上传")
            continue
        kind = sniff(u.data)
        if kind is None:
            problems.append(f"“{shown}”不是PDF、JPG或PNG文件（按文件内容识别），请转换后再上传")
            continue
        out.append(CheckedFile(_safe_name(u.filename, kind, n), u.data, hashlib.sha256(u.data).hexdigest()))
    if problems:
        return [], {field: "；".join(problems) + "。"}
    return out, {}
