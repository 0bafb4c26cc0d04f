"""Art 44 on 首页: a candidate left undecided for 30 days is shown on the workbench and its link opens
the candidates. (The conversion itself is walked through the real start-up in
tests/journeys/test_proactive_day.py.)"""
# ruff: noqa: F811

from datetime import date

import pytest

from app.services.container import Services
from app.ui import startup
from app.ui.common.tasks import wait_all
from tests.conftest import fixed_today
from tests.ui.desk_support import answers, office, ui_settings  # noqa: F401
from tests.ui.reports.test_analysis_view import ledger_office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _analysis_page(qtbot, w):
    holder = w._nav_pages[w.page_titles().index("数据分析")]
    w.show_page(holder)
    return holder.page


def test_a_candidate_waiting_thirty_days_shows_on_the_workbench(qtbot, ledger_office, ui_settings, answers):
    o = ledger_office
    o.services.proactive.propose(o.clerk, date(2025, 3, 1), date(2025, 4, 30))     # listed 2025-06-30
    later = Services.build(o.services.db, fixed_today(date(2025, 7, 30)))
    w = startup.build_window(later, o.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    assert w.workbench.proactive_box.isVisibleTo(w.workbench)
    assert "已超过30天未决定：1项" in w.workbench.proactive_label.text()
    w.workbench.proactive_label.linkActivated.emit("candidates")
    page = _analysis_page(qtbot, w)
    assert w.current_page() is w._nav_pages[w.page_titles().index("数据分析")]
    assert page.tabs.currentWidget() is page.proactive and page.proactive.model.rowCount() == 1
    wait_all()
