"""The 数据分析 page from the window: run a period off the UI thread, charts, drill-down to a case."""

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate

from app.ui.common import prompts
from app.ui import startup
from app.ui.reports.analysis_models import FiguresTableModel, SubjectTableModel
from app.ui.reports.analysis_view import AnalysisView
from app.ui.common.tasks import wait_all
from app.workflow.ledger_row import COLUMNS
from tests.services.reports.test_analysis_service import LEDGER
from tests.ui.desk_support import answers, office, ui_settings  # noqa: F401
# ruff: noqa: F811

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def ledger_office(office, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    for row in LEDGER:
        wb.active.append(list(row))
    wb.save(tmp_path / "ledger.xlsx")
    assert office.services.ledger.import_file(office.clerk, tmp_path / "ledger.xlsx").ok
    return office


def _run(qtbot, page: AnalysisView, start: date, end: date) -> None:
    page.start_edit.setDate(QDate(start.year, start.month, start.day))
    page.end_edit.setDate(QDate(end.year, end.month, end.day))
    with qtbot.waitSignal(page.analysed, timeout=20000):
        page.run_button.click()
        assert page.busy and not page.progress.isHidden()   # work runs off the UI thread


def test_analysis_page_figures_charts_and_drill_down(qtbot, ledger_office, ui_settings, answers):  # noqa: F811
    w = startup.build_window(ledger_office.services, ledger_office.chief, ui_settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    holder = w._nav_pages[w.page_titles().index("数据分析")]
    w.show_page(holder)
    page: AnalysisView = holder.page
    _run(qtbot, page, date(2025, 3, 1), date(2025, 4, 30))
    assert "按期答复率83.3%" in page.summary.text() and "中位数9.5个工作日" in page.summary.text()
    assert page.subject_model.rowCount() == 1
    assert page.subject_model.index(0, 1).data() == "3"
    assert page.month_chart.categories == ["3", "4"]
    assert page.month_chart.chart().axes()[0].count() == 2
    main = page.figure_models["主要指标"]
    assert [main.index(r, 1).data() for r in range(3)] == ["6", "6", "83.3%"]
    dialog = page.drill_subject(0)
    assert [dialog.model.row_at(i).number for i in range(dialog.model.rowCount())] == ["A", "C", "E"]
    with qtbot.waitSignal(w.hub.open_request, timeout=2000):
        dialog.table.doubleClicked.emit(dialog.model.index(1, 0))
    qtbot.waitUntil(lambda: w.current_page() is w.detail and w.detail.detail is not None, timeout=5000)
    assert w.detail.detail.number == "C"
    dialog.close()
    wait_all()


def test_export_from_the_page(qtbot, ledger_office, tmp_path, answers):  # noqa: F811
    page = AnalysisView(ledger_office.services.analysis, ledger_office.services.proactive, ledger_office.handler)
    qtbot.addWidget(page)
    out = tmp_path / "page.xlsx"
    prompts.set_answer("save_file", lambda title, suggested: str(out))
    page.start_edit.setDate(QDate(2025, 3, 1))
    with qtbot.waitSignal(page.analysed, timeout=20000):
        page.export("xlsx")
    assert answers.messages("info") == [f"已导出：{out}"]
    rows = list(openpyxl.load_workbook(out)["重复申请人"].iter_rows(values_only=True))
    assert rows[-1][1:] == ("张*", "自然人", 2)             # a handler sees masked names
    wait_all()


def test_models_pass_the_model_tester(qtmodeltester, ledger_office):
    result = ledger_office.services.analysis.analyse(ledger_office.chief, date(2025, 3, 1), date(2025, 4, 30))
    subjects = SubjectTableModel()
    subjects.set_rows(result.subjects)
    qtmodeltester.check(subjects)
    from app.exports.analysis_tables import summary_table

    figures = FiguresTableModel()
    figures.set_table(summary_table(result))
    qtmodeltester.check(figures)
    qtmodeltester.check(FiguresTableModel())


def test_subject_chart_shows_whole_names_and_a_click_drills_into_that_subject(qtbot, ledger_office):
    from PySide6.QtCharts import QBarCategoryAxis

    page = AnalysisView(ledger_office.services.analysis, ledger_office.services.proactive, ledger_office.clerk)
    qtbot.addWidget(page)
    page.start_edit.setDate(QDate(2025, 1, 1))
    page.end_edit.setDate(QDate(2025, 6, 30))
    page.run()
    qtbot.waitUntil(lambda: page.result is not None)
    chart = page.subject_chart
    axis = next(a for a in chart.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert not axis.truncateLabels()                 # Qt elided every name to “…”
    subjects = page.result.subjects
    shown = min(8, len(subjects))
    assert axis.categories()[-1] == subjects[0].label[:12]          # the largest at the top
    opened = []
    page.drill_subject = opened.append                              # the drill-down dialog itself is
    series = chart.chart().series()[0]                              # tested above; here: which row
    series.clicked.emit(shown - 1, series.barSets()[0])             # the top bar
    assert opened == [0]
