"""Unsaved work: a page that holds some says what (``unsaved_changes``); leaving it asks first.

A page takes part by offering ``unsaved_changes() -> str | None`` (what would be lost, in words),
``save()`` and ``discard_changes()``. Enter and Esc on the question keep the work (取消).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.common import prompts
from app.ui.common.lazy_page import LazyPage


def page_of(widget: QWidget | None) -> QWidget | None:
    """The page itself: a LazyPage hands over what it built (None while it was never shown)."""
    return widget.page if isinstance(widget, LazyPage) else widget


def unsaved_of(widget: QWidget | None) -> str | None:
    page = page_of(widget)
    check = getattr(page, "unsaved_changes", None)
    return check() if check is not None else None


def settle(parent: QWidget, widget: QWidget | None, leaving: str) -> bool:
    """Ask about ``widget``'s unsaved work before ``leaving`` (e.g. "退出"); True when it may go ahead:
    nothing unsaved, saved successfully, or discarded. False keeps the user where they are."""
    what = unsaved_of(widget)
    if not what:
        return True
    page = page_of(widget)
    choice = prompts.ask_unsaved(parent, "尚未保存", f"{what}尚未保存。{leaving}将丢失这些内容。\n\n"
                                                 "保存、放弃修改，还是取消（留在本页）？")
    if choice == "save":
        page.save()
        return not unsaved_of(widget)          # a refused save (missing field) keeps the user here
    if choice == "discard":
        page.discard_changes()
        return True
    return False


def settle_all(parent: QWidget, widgets, leaving: str) -> bool:
    return all(settle(parent, w, leaving) for w in widgets)
