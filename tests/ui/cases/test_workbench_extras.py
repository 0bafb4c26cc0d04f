"""首页: the 待答复 card, a legend that shows every label in full, and an empty 我的待办 that says what to do."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from app.ui.main_window import MainWindow
from app.workflow.outcomes import Outcome
from tests.ui.desk_support import application, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _window(qtbot, office, actor, settings):
    w = MainWindow(office.services, actor, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_awaiting_reply_card_counts_and_lists_signed_off_cases(qtbot, office, ui_settings):
    s = office.services
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 20)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.submit(office.handler, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 23)))       # still 待审核
    w = _window(qtbot, office, office.clerk, ui_settings)
    assert w.workbench.cards["待答复"].value.text() == "0"         # 待签批, not yet signed off
    s.cases.sign_off(office.chief, d.id, s.requests.detail(d.id).version)
    w.workbench.refresh()
    assert w.workbench.cards["待答复"].value.text() == "1"
    w.workbench.cards["待答复"].clicked.emit()
    assert w.current_page() is w.request_list and w.request_list.model.total == 1


def test_legend_shows_every_label_in_full_with_its_meaning(qtbot, office, ui_settings):
    w = _window(qtbot, office, office.clerk, ui_settings)
    legend = w.workbench.legend
    labels = [e.findChildren(QLabel)[-1].text() for e in legend.entries.values()]
    assert labels == ["收到申请", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert all("…" not in text for text in labels) and len(set(labels)) == 7
    for entry in legend.entries.values():
        label = entry.findChildren(QLabel)[-1]
        assert label.width() >= label.sizeHint().width()            # laid out whole, not cut
    assert legend.entries["不予处理"].toolTip().startswith("（五）不予处理：信访举报投诉")
    assert not w.workbench.chart.chart().legend().isVisible()


def test_empty_tasks_say_what_to_do_first(qtbot, office, ui_settings):
    clerk = _window(qtbot, office, office.clerk, ui_settings)
    assert clerk.workbench.first_step.isVisible() and not clerk.workbench.tasks_table.isVisible()
    assert "Ctrl+N" in clerk.workbench.first_step.text()
    handler = _window(qtbot, office, office.handler, ui_settings)
    assert "审核交办后" in handler.workbench.first_step.text()
    office.services.requests.register(office.clerk, application())
    clerk.workbench.refresh()
    assert not clerk.workbench.first_step.isVisible() and clerk.workbench.tasks_table.isVisible()


def test_each_open_case_is_in_one_stage_card_and_legal_review_has_its_own(qtbot, office, ui_settings):
    from dataclasses import replace

    s = office.services
    s.settings.save(office.admin, replace(s.settings.load(), legal_review=True))
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 20)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.submit(office.handler, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    s.cases.sign_off(office.chief, d.id, s.requests.detail(d.id).version)     # → 待合法性审查
    s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 23)))       # 待审核
    s.requests.register(office.clerk, application(channel="网络", arrival_date=date(2025, 6, 27)))  # 待确认
    w = _window(qtbot, office, office.clerk, ui_settings)
    stages = {k: w.workbench.cards[k].value.text() for k in
              ("待确认", "待审核", "办理中", "待签批", "待合法性审查", "待答复")}
    assert stages == {"待确认": "1", "待审核": "1", "办理中": "0", "待签批": "0", "待合法性审查": "1", "待答复": "0"}
    assert sum(int(v) for v in stages.values()) == 3                  # three open cases, none counted twice
    w.workbench.cards["待合法性审查"].clicked.emit()
    assert w.current_page() is w.request_list and w.request_list.model.total == 1
    assert w.request_list.filters.status.currentText() == "待合法性审查"
