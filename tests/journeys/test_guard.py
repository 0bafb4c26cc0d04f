"""The guard: on a journey only the OS pickers may be canned; a canned answer for the app's own
dialog (form, login, confirm, letter preview …) fails the test instead of hiding a broken wiring."""

import pytest

from app.ui.common import prompts
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.login_dialog import LoginDialog
from app.ui.common.prompts import CannedAnswerOnJourney


@pytest.fixture(autouse=True)
def _leave_no_mode_behind():
    yield
    prompts.set_journey_mode(False)
    prompts.reset_answers()


def test_journey_mode_refuses_canned_answers_for_the_apps_own_dialogs():
    prompts.set_journey_mode(True)
    for kind in ("save_file", "open_file", "folder", "print"):          # the OS pickers: allowed
        prompts.set_answer(kind, lambda *a: None)
    for kind in ("form", "login", "first_run", "confirm", "error", "info", "text", "letter_preview"):
        with pytest.raises(CannedAnswerOnJourney, match=f"'{kind}'"):
            prompts.set_answer(kind, lambda *a: None)


def test_an_answer_registered_before_the_journey_trips_it():
    prompts.set_answer("login", lambda: ("clerk1", "secret1"))
    with pytest.raises(CannedAnswerOnJourney, match="'login'"):
        prompts.set_journey_mode(True)


def test_a_dialog_asking_for_its_canned_answer_on_a_journey_fails(sqlite_db):
    prompts.set_journey_mode(True)
    prompts._answers["form"] = lambda title, defaults: {}              # slipped past set_answer
    with pytest.raises(CannedAnswerOnJourney, match="'form'"):
        FormDialog.ask(None, "提交签批", (FormField("x", "答复决定"),), lambda v: v)
    prompts._answers.pop("form")
    prompts._answers["login"] = lambda: ("clerk1", "secret1")
    with pytest.raises(CannedAnswerOnJourney, match="'login'"):
        LoginDialog.ask(object())
    prompts._answers.pop("login")
    prompts._answers["confirm"] = lambda title, text: True
    with pytest.raises(CannedAnswerOnJourney, match="'confirm'"):
        prompts.confirm(None, "归档", "确定归档吗？")


def test_outside_a_journey_widget_tests_keep_their_canned_answers():
    prompts.set_answer("confirm", lambda title, text: True)
    assert prompts.confirm(None, "归档", "确定归档吗？") is True
