"""Shared fixtures for the desk's UI tests: a fixed-date office with users, departments and prompts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from app.services.container import Services
from app.services.dto import Actor, RequestInput
from app.ui.common import prompts
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today, login_as

TODAY = date(2025, 6, 30)        # a Monday
PROMPT_KINDS = ("info", "warn", "error", "confirm", "text", "form", "print", "open_file", "save_file",
                "edit_request", "login", "first_run")


@dataclass
class Office:
    services: Services
    admin: Actor
    clerk: Actor
    clerk2: Actor
    handler: Actor
    chief: Actor
    dept: int


@pytest.fixture
def office(sqlite_db) -> Office:
    services = Services.build(sqlite_db, fixed_today(TODAY))
    o = services.office
    admin = login_as(sqlite_db, "admin", "管理员", Role.ADMIN)
    dept = o.save_department(admin, "规划科").id
    o.save_department(admin, "法规科")
    actors = {username: login_as(sqlite_db, username, name, role, dept) for username, name, role in (
        ("clerk1", "王登记", Role.CLERK), ("clerk2", "钱登记", Role.CLERK),
        ("handler1", "李承办", Role.HANDLER), ("chief1", "赵科长", Role.CHIEF))}
    return Office(services, admin, actors["clerk1"], actors["clerk2"], actors["handler1"],
                  actors["chief1"], dept)


class Answers:
    """Records every prompt shown and answers with canned values."""

    def __init__(self):
        self.shown: list[tuple[str, str, str]] = []
        self.forms: list[tuple[str, dict]] = []
        self.form_answers: list[dict | None] = []
        self.confirm_answer = True
        self.printed: list[tuple[str, str]] = []
        for kind in ("info", "warn", "error"):
            prompts.set_answer(kind, lambda title, text, kind=kind: self.shown.append((kind, title, text)))
        prompts.set_answer("confirm", self._confirm)
        prompts.set_answer("form", self._form)
        prompts.set_answer("print", lambda title, html: self.printed.append((title, html)))

    def _confirm(self, title, text):
        self.shown.append(("confirm", title, text))
        return self.confirm_answer

    def _form(self, title, defaults):
        self.forms.append((title, defaults))
        return self.form_answers.pop(0)

    def messages(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.shown if k == kind]


@pytest.fixture
def answers():
    a = Answers()
    yield a
    for kind in PROMPT_KINDS:
        prompts.set_answer(kind, None)


@pytest.fixture
def ui_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat)


def application(**overrides) -> RequestInput:
    values = dict(applicant_name="李四", applicant_type="自然人", channel="当面",
                  description="申请公开某小区规划许可证及附图", arrival_date=date(2025, 1, 20))
    values.update(overrides)
    return RequestInput(**values)


def type_text(widget, text: str) -> None:
    """Type ``text`` as key events carrying the characters (QTest.keyClicks handles only ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
