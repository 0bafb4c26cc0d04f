"""Packaged files under resources/ (templates, icons, styles), read the same way from a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The resources/ folder: beside the app package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"缺少程序资源文件：{'/'.join(parts)}")
    return path


MANUAL_NAME = "用户手册.md"


def manual_path() -> Path:
    """The user manual (Markdown; its pictures sit beside it under screenshots/).

    In a bundle it travels as resources/manual/ (the spec copies docs/用户手册.md and docs/screenshots/
    there); from a source checkout it is read from docs/, where it is written and reviewed."""
    for folder in (resource_root() / "manual", resource_root().parent / "docs"):
        if (folder / MANUAL_NAME).is_file():
            return folder / MANUAL_NAME
    raise FileNotFoundError(f"缺少程序资源文件：{MANUAL_NAME}")
