"""What a clerk reads when the system refuses a file: disk full, read-only, held open by Excel or WPS."""

from __future__ import annotations

import errno
from pathlib import Path

from app.errors import FileProblem


def explain(e: OSError, target: str | Path) -> str:
    """The Chinese message for ``e`` while writing ``target``, saying what to do."""
    name = Path(target).name
    folder = str(Path(target).parent)
    if isinstance(e, PermissionError) and getattr(e, "winerror", None) in (32, 33):
        return f"文件“{name}”正被其他程序打开，请关闭后重试。原文件未改动。"
    if e.errno == errno.ENOSPC or getattr(e, "winerror", None) == 112:
        return f"磁盘空间不足，无法写入“{name}”。请清理“{folder}”所在磁盘或换一个位置保存。原文件未改动。"
    if e.errno == errno.EROFS:
        return f"“{folder}”所在的磁盘是只读的，无法写入“{name}”。请换一个位置保存。"
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
        return (f"文件“{name}”正被其他程序打开，或没有写入“{folder}”的权限。"
                "请关闭打开该文件的程序（如 Excel、WPS）后重试，或换一个位置保存。原文件未改动。")
    if e.errno == errno.ENOENT:
        return f"文件夹“{folder}”不存在，请先创建该文件夹或换一个位置保存。"
    return f"无法写入“{name}”：{e.strerror or e}。请换一个位置保存，或联系管理员。原文件未改动。"


def problem(e: OSError, target: str | Path) -> FileProblem:
    return FileProblem(explain(e, target))
