"""Where a letter's Word template comes from: the office's folder first, then the bundled default."""

from __future__ import annotations

from pathlib import Path

from app.exports.letters.kinds import LetterKind
from app.resources import resource_path, resource_root

TEMPLATE_FOLDER = "templates"


def default_template_dir() -> Path:
    return resource_root() / TEMPLATE_FOLDER


def template_for(kind: LetterKind, variant: str = "", office_dir: str | Path = "") -> Path:
    """The office's file of the same name if it has one (settings ``template_dir``), else the default."""
    name = kind.template_name(variant)
    if office_dir:
        candidate = Path(office_dir).expanduser() / name
        if candidate.is_file():
            return candidate
    return resource_path(TEMPLATE_FOLDER, name)
