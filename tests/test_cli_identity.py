"""The command line acts for a person: on a database with users, changes need --user and a password."""

import getpass
import os
import socket
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.models import Event, Request
from tests.conftest import TEST_PASSWORD, login_as
from tests.services.ledger.test_ledger import GOOD, write

ROOT = Path(__file__).resolve().parents[1]


def run(db, *args, password=None):
    env = {k: v for k, v in os.environ.items() if k != "DISCLOSURE_DESK_PASSWORD"}
    if password is not None:
        env["DISCLOSURE_DESK_PASSWORD"] = password
    url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.run([sys.executable, "-m", "app", "--db", url, *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", env=env, stdin=subprocess.DEVNULL)


def requests_and_events(db) -> tuple[int, int]:
    with db.read() as uow:
        return (uow.session.scalar(select(func.count(Request.id))), uow.session.scalar(select(func.count(Event.id))))


def test_changes_need_a_user_and_the_right_password(any_db, tmp_path):
    login_as(any_db, "clerk1", "王登记")
    ledger = write(tmp_path / "in.xlsx", GOOD)
    before = requests_and_events(any_db)
    refused = run(any_db, "import-ledger", str(ledger))
    assert refused.returncode == 2 and "--user" in refused.stderr and "Traceback" not in refused.stderr
    wrong = run(any_db, "--user", "clerk1", "import-ledger", str(ledger), password="guess-1")
    assert wrong.returncode == 2 and "用户名或密码不正确" in wrong.stderr
    no_prompt = run(any_db, "--user", "clerk1", "import-ledger", str(ledger))     # no terminal, no variable
    assert no_prompt.returncode == 2 and "DISCLOSURE_DESK_PASSWORD" in no_prompt.stderr
    assert requests_and_events(any_db)[0] == before[0]                         # nothing imported
    ok = run(any_db, "--user", "clerk1", "import-ledger", str(ledger), password=TEST_PASSWORD)
    assert ok.returncode == 0, ok.stderr
    with any_db.read() as uow:
        who = set(uow.session.execute(select(Event.actor, Event.host).where(Event.kind.like("台账导入%"))))
    assert who == {("clerk1", f"{getpass.getuser()}@{socket.gethostname()}")}   # the person and account@host


def test_reading_needs_no_password(any_db, tmp_path):
    login_as(any_db, "clerk1", "王登记")
    out = run(any_db, "export-ledger", str(tmp_path / "out.xlsx"))
    assert out.returncode == 0 and "0件" in out.stdout


def test_a_database_without_users_is_installed_from_the_command_line(any_db, tmp_path):
    ok = run(any_db, "import-ledger", str(write(tmp_path / "in.xlsx", GOOD)))
    assert ok.returncode == 0, ok.stderr
    with any_db.read() as uow:
        assert set(uow.session.scalars(select(Event.actor))) == {"installer"}
