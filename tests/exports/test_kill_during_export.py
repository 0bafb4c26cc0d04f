"""kill -9 in the middle of an export leaves the good file it was replacing intact (temp file + rename)."""

import os
import random
from datetime import date

import pytest

from app.services.container import Services
from app.workflow.outcomes import Outcome
from tests.conftest import TEST_PASSWORD, fixed_today
from tests.exports.export_loop import TARGETS
from tests.exports.kill_support import kill_during, whole
from tests.services.helpers import add_department, request_input
from tests.services.reports.test_report_service import ready_for_full_text


@pytest.fixture
def office(any_db, clerk, handler, chief):
    """A few cases and a signed reply letter to export."""
    s = Services.build(any_db, fixed_today(date(2025, 6, 30)))
    dept = add_department(any_db)
    for i in range(5):
        d = s.requests.register(clerk, request_input(applicant_name=f"申请人{i}"))
        d = s.cases.assign(clerk, d.id, d.version, dept)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在", outcome=Outcome.NOT_HELD)
    letter = s.letters.issue(handler, d.id)
    s.cases.sign_off(chief, d.id, d.version)
    ready_for_full_text(s.reports, chief, 2025)      # 五, 一 without “（请填写）” and 表二: the full text may go
    return any_db, letter.id


def test_every_export_survives_a_kill_mid_write(office, tmp_path):
    db, letter_id = office
    url = db.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "DISCLOSURE_DESK_PASSWORD": TEST_PASSWORD}
    rng = random.Random(10)
    kinds = [k for k in TARGETS if db.dialect == "sqlite" or k != "backup"]
    out = tmp_path / "exports"                   # only the exports in here (the database lives beside it)
    out.mkdir()
    survived = {k: kill_during(url, out, letter_id, k, env, rng) for k in kinds}
    assert survived == {k: True for k in kinds}
    assert all(whole(out / TARGETS[k]) for k in kinds)
