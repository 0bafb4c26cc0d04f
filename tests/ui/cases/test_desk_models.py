"""Every table model of the desk passes qtmodeltester; paging, SQL sorting and due colours work."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

from PySide6.QtCore import Qt

from app.services.cases.attachment_service import AttachmentService
from app.services.cases.query_service import DueWindow, RequestQuery
from app.ui.cases.attachment_table_model import AttachmentTableModel
from app.ui.cases.event_table_model import EventTableModel
from app.ui.cases.request_table_model import ID_ROLE, RequestTableModel
from app.ui.cases.task_table_model import TaskTableModel
from tests.ui.desk_support import TODAY, answers, application, office, ui_settings  # noqa: F401

# Receipt dates and reply due dates counted by hand on the 2025 calendar (20 working days, start
# day not counted; 端午节 2025-05-31..06-02 off, no make-up day). Today is Monday 2025-06-30.
#   05-20 → May 21–23 (3), 26–30 (8), Jun 3–6 (12), 9–13 (17), 16–18 (20) = 06-18  → overdue
#   06-03 → Jun 4–6 (3), 9–13 (8), 16–20 (13), 23–27 (18), 30 (19), Jul 1 (20) = 07-01
#           → 1 working day left: red (≤ 2)
#   06-09 → Jun 10–13 (4), 16–20 (9), 23–27 (14), Jun 30–Jul 4 (19), Jul 7 (20) = 07-07
#           → Jul 1, 2, 3, 4, 7 = 5 working days left: amber (≤ 5)
#   06-27 → Jun 30–Jul 4 (5), 7–11 (10), 14–18 (15), 21–25 (20) = 07-25 → no warning
CASES = ((date(2025, 5, 20), "张三", date(2025, 6, 18), "逾期"),
         (date(2025, 6, 3), "王五", date(2025, 7, 1), "紧急"),
         (date(2025, 6, 9), "赵六", date(2025, 7, 7), "临近"),
         (date(2025, 6, 27), "孙七", date(2025, 7, 25), ""))


def _register(office, n_extra: int = 0):
    req = office.services.requests
    for arrival, name, _due, _level in CASES:
        req.register(office.clerk, application(applicant_name=name, arrival_date=arrival,
                                               description=f"申请公开{name}所在小区的规划许可证"))
    for i in range(n_extra):
        req.register(office.clerk, application(applicant_name=f"申请人{i:02d}", arrival_date=date(2025, 4, 1),
                                               description=f"申请公开第{i}号道路改造工程立项批复"))


def test_request_model_passes_modeltester_with_paging(qtmodeltester, office):
    _register(office, n_extra=21)
    model = RequestTableModel(office.services.queries, page_size=10)
    model.set_query(RequestQuery())
    assert (model.total, model.rowCount()) == (25, 10)
    assert model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 25
    qtmodeltester.check(model, force_py=True)


def test_due_column_colours_and_filters(office):
    _register(office)
    model = RequestTableModel(office.services.queries)
    model.set_query(RequestQuery(sort="reply_due"))
    due_col = model.column_of("reply_due")
    got = [(model.index(r, due_col).data(), model.row_at(r).applicant_name) for r in range(4)]
    assert got == [(due.isoformat(), name) for _a, name, due, _l in CASES]
    levels = [model.level(model.row_at(r)) for r in range(4)]
    assert levels == [level for *_x, level in CASES]
    overdue = model.index(0, due_col)
    assert overdue.data(Qt.FontRole).bold()
    assert overdue.data(Qt.ForegroundRole).color().name() == "#c62828"
    assert model.index(2, due_col).data(Qt.ForegroundRole).color().name() == "#b86e00"
    assert model.index(3, due_col).data(Qt.ForegroundRole) is None
    # the due-window filters pick the same cases as the colours
    model.set_query(RequestQuery(due_window=DueWindow.OVERDUE))
    assert [model.row_at(r).applicant_name for r in range(model.rowCount())] == ["张三"]
    model.set_query(RequestQuery(due_window=DueWindow.AMBER))
    assert sorted(model.row_at(r).applicant_name for r in range(model.rowCount())) == ["王五", "赵六"]


def test_header_sort_runs_in_sql_and_text_search(office):
    _register(office)
    model = RequestTableModel(office.services.queries)
    model.set_query(RequestQuery())
    model.sort(model.column_of("reply_due"), Qt.DescendingOrder)
    assert model.query.sort == "reply_due" and model.query.descending
    assert [model.row_at(r).applicant_name for r in range(4)] == ["孙七", "赵六", "王五", "张三"]
    model.sort(model.column_of("description"), Qt.AscendingOrder)      # not sortable: unchanged
    assert model.query.sort == "reply_due"
    model.set_query(RequestQuery(text="赵六"))
    assert model.total == 1 and model.index(0, 0).data(ID_ROLE) == model.row_at(0).id


def test_task_model(qtmodeltester, office):
    _register(office)
    board = office.services.queries.dashboard(office.clerk)
    model = TaskTableModel()
    model.set_rows(board.my_tasks, office.services.queries.due_thresholds())
    assert model.rowCount() == 4           # all four wait for 审核 by a clerk
    qtmodeltester.check(model, force_py=True)
    model.sort(model.column_of("reply_due"), Qt.DescendingOrder)
    assert [model.row_at(r).applicant_name for r in range(4)] == ["孙七", "赵六", "王五", "张三"]
    qtmodeltester.check(model, force_py=True)


def test_event_and_attachment_models(qtmodeltester, office):
    _register(office)
    rid = office.services.queries.page(RequestQuery(), 0, 1)[0].id
    events = EventTableModel()
    events.set_rows(office.services.requests.detail(rid).events)
    assert events.rowCount() == 1 and events.index(0, 2).data() == "登记"
    qtmodeltester.check(events, force_py=True)
    attachments = AttachmentService(office.services.db)
    attachments.add(office.clerk, rid, "申请书.pdf", b"abc", "申请书扫描件")
    model = AttachmentTableModel()
    model.set_rows(attachments.list(rid))
    # SHA-256("abc") is the FIPS 180-2 test vector ba7816bf…
    assert model.index(0, 3).data(Qt.ToolTipRole).startswith("ba7816bf8f01cfea")
    assert model.index(0, 2).data() == "3 B"
    qtmodeltester.check(model, force_py=True)
