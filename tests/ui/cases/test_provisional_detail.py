"""The case window marks a date counted through 2027 (no holiday notice yet) as 暂定, and no other."""

from datetime import date

import pytest

from app.services.container import Services
from app.ui.common.change_hub import ChangeHub
from app.ui.cases.detail_html import deadline_panel_html, info_html
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today, login_as
from tests.services.helpers import request_input

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2026, 12, 28)


def test_due_dates_in_2027_are_marked_provisional_in_the_case(qtbot, sqlite_db):
    services = Services.build(sqlite_db, fixed_today(TODAY))
    clerk = login_as(sqlite_db, "clerk1", "王登记", Role.CLERK)
    late = services.requests.register(clerk, request_input(arrival_date=date(2026, 12, 25)))
    early = services.requests.register(clerk, request_input(arrival_date=date(2026, 11, 2), applicant_name="王五"))
    # Fri 2026-12-25: Dec 28–31 (4), 2027-01-01 元旦 (law), Jan 4–8 (9), 11–15 (14), 18–22 (19), Jan 25 (20);
    # 草稿 3 working days before: Jan 20. 补正告知期限 7: Dec 28–31 (4), Jan 4–6 (7) → Jan 6.
    panel = deadline_panel_html(late)
    for shown in ("2027年1月25日（暂定）", "2027年1月20日（暂定）", "2027年1月6日（暂定）",
                  "2027年节假日安排未录入：该年按《全国年节及纪念日放假办法》规定的法定节假日计算"):
        assert shown in panel
    assert "2027年1月25日（暂定）" in info_html(late)
    view = RequestDetailView(services, clerk, ChangeHub())
    qtbot.addWidget(view)
    view.open(late.id)
    assert view.due_badge.text() == "应答复：2027-01-25（暂定）"
    # Mon 2026-11-02 → Mon 2026-11-30, counted on the published 2026 calendar: no mark
    view.open(early.id)
    assert view.due_badge.text().startswith("应答复：2026-11-30") and "暂定" not in view.due_badge.text()
    assert "暂定" not in deadline_panel_html(services.requests.detail(early.id))
