"""数据 page: ledger import (good and bad), export that re-imports, backup and restore."""

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import create_engine

from app.services.container import Services
from app.services.ledger.ledger_service import LedgerService
from app.services.cases.query_service import RequestQuery
from app.services.uow import Database
from app.ui.common import prompts
from app.ui.data.data_error_model import RowErrorTableModel
from app.ui.data.data_view import DataView
from app.ui.common.tasks import wait_all
from app.workflow.ledger_row import COLUMNS, RowError
from tests.conftest import fixed_today, login_as
from tests.services.helpers import request_input

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)
# number, received, channel, applicant, type, content, dept, 补正告知, 补正收到, 征求始, 征求终, 延期, 结果, 答复, 备注
GOOD = [
    ("D-1", "2025-01-20", "当面", "赵一", "自然人", "申请公开规划许可证", "规划科", None, None, None, None,
     "否", "予以公开", "2025-02-10", None),
    ("D-2", "2025/3/3", "邮寄", "钱二", "自然人", "申请公开立项批复", "规划科", None, None, None, None,
     None, None, None, None),
]
BAD = [
    ("B-1", "2025-13-40", "当面", "孙三", "自然人", "申请公开征收方案", None, None, None, None, None,
     None, None, None, None),
    ("B-2", "2025-03-03", "网络", "李四", "自然人", "申请公开招商政策", "办公室", None, None, None, None,
     None, "全部公开", "2025-03-20", None),
    ("B-1", "2025-03-04", "当面", "周五", "自然人", "申请公开验收报告", None, None, None, None, None,
     None, None, None, None),
    ("B-3", "2025-03-05", "当面", "吴六", "自然人", "申请公开处罚决定", None, None, None, None, None,
     None, None, None, None),
]


@pytest.fixture
def services(sqlite_db):
    yield Services.build(sqlite_db, today=fixed_today(TODAY))
    wait_all()


@pytest.fixture
def said():
    seen = []
    for kind in ("info", "warn", "error"):
        prompts.set_answer(kind, lambda title, text, k=kind: seen.append((k, title, text)))
    return seen


def ledger(path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    for r in rows:
        wb.active.append(list(r))
    wb.save(path)
    return path


def page(qtbot, services, actor) -> DataView:
    view = DataView(services, actor)
    qtbot.addWidget(view)
    return view


def run(qtbot, view, button, job: str, ok: bool = True) -> None:
    """Click ``button`` and wait until the background job reports back."""
    with qtbot.waitSignal(view.tasks.finished, timeout=20000) as done:
        qtbot.mouseClick(button, Qt.LeftButton)
    assert done.args == [job, ok], view.tasks.status.text()


def open_mapping(qtbot, view):
    """Click 导入台账…; the mapping step reads the ledger and previews it off the UI thread."""
    qtbot.mouseClick(view.import_button, Qt.LeftButton)
    dlg = view.mapping_dialog
    qtbot.waitUntil(lambda: dlg.preview is not None or view.errors.rowCount() > 0, timeout=20000)
    return dlg


def import_via_mapping(qtbot, view, ok: bool = True):
    dlg = open_mapping(qtbot, view)
    if not ok:
        assert not dlg.import_button.isEnabled()
        dlg.reject()
        return dlg
    with qtbot.waitSignal(view.tasks.finished, timeout=20000) as done:
        qtbot.mouseClick(dlg.import_button, Qt.LeftButton)
    assert done.args == ["导入台账", True], view.tasks.status.text()
    return dlg


def names(services) -> list[str]:
    return [r.number for r in services.queries.page(RequestQuery(sort="id"), 0, 1000)]


def answer_open(path) -> None:
    prompts.set_answer("open_file", lambda title, default: str(path))


def answer_save(path) -> None:
    prompts.set_answer("save_file", lambda title, suggested: str(path))


# -- import ----------------------------------------------------------------------------------
def test_importing_a_good_ledger_shows_the_counts(qtbot, services, clerk, tmp_path):
    view = page(qtbot, services, clerk)
    answer_open(ledger(tmp_path / "good.xlsx", GOOD))
    with qtbot.waitSignal(view.requests_changed, timeout=20000):
        import_via_mapping(qtbot, view)
    assert view.tasks.status.text() == "导入完成：新增2件，更新0件，无变化0件。导入后即逾期1件。"   # D-2 (2025-03-03) still open
    assert names(services) == ["D-1", "D-2"]
    assert view.errors.rowCount() == 0 and view.report_summary.text() == "本次导入没有发现问题。"
    import_via_mapping(qtbot, view)     # the same file again changes nothing
    assert view.tasks.status.text() == "导入完成：新增0件，更新0件，无变化2件。"


def test_a_bad_ledger_lists_each_problem_and_writes_nothing(qtbot, services, clerk, tmp_path, sqlite_db):
    LedgerService(sqlite_db, fixed_today(TODAY)).import_file(clerk, ledger(tmp_path / "g.xlsx", GOOD[:1]))
    bad = ledger(tmp_path / "bad.xlsx", BAD)
    view = page(qtbot, services, clerk)
    answer_open(bad)
    import_via_mapping(qtbot, view, ok=False)

    # By hand from domain §6: sheet row 2 has a date that does not exist (month 13); row 3 an outcome
    # that is not a table-三 label; row 4 repeats 申请编号 B-1 of row 2; row 5 is fine.
    table = [[view.errors.index(r, c).data() for c in range(3)] for r in range(view.errors.rowCount())]
    assert [row[:2] for row in table] == [["2", "收到日期"], ["3", "办理结果"], ["4", "申请编号"]]
    assert table[0][2].startswith("第2行“收到日期”列：无法识别的日期“2025-13-40”")
    assert table[1][2].startswith("第3行“办理结果”列：“全部公开”不是年度报告表三的办理结果")
    assert table[2][2] == "第4行“申请编号”列：“B-1”与第2行重复"
    assert "未写入任何数据" in view.report_summary.text()
    assert "未写入任何数据" in view.tasks.status.text()
    assert names(services) == ["D-1"]                  # B-3, a good row, was not written either

    # the copy and the saved file are the command line's report, except that the fix is said in the
    # window's words (no command-line syntax in the window)
    view.copy_report()
    answer_save(tmp_path / "report.txt")
    view.save_report()
    saved = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert QGuiApplication.clipboard().text() == saved
    cli_db = tmp_path / "cli.sqlite3"
    shutil.copyfile(sqlite_db.engine.url.database, cli_db)
    cli = subprocess.run([sys.executable, "-m", "app", "--db", str(cli_db), "import-ledger", str(bad)],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "--" not in saved
    window_words = cli.stderr.replace("或用 --value 办理结果:全部公开=… 指定", "或在“② 需要对应的值”中选择")
    assert cli.returncode == 1 and window_words == saved and window_words != cli.stderr


def test_a_file_that_is_not_a_workbook_is_reported(qtbot, services, clerk, tmp_path):
    junk = tmp_path / "notes.xlsx"
    junk.write_text("不是表格", encoding="utf-8")
    view = page(qtbot, services, clerk)
    answer_open(junk)
    import_via_mapping(qtbot, view, ok=False)
    assert view.errors.index(0, 2).data().startswith("无法读取台账文件“notes.xlsx”")


# -- export ----------------------------------------------------------------------------------
def test_export_writes_a_file_that_reimports(qtbot, services, clerk, tmp_path):
    LedgerService(services.db, fixed_today(TODAY)).import_file(clerk, ledger(tmp_path / "g.xlsx", GOOD))
    view = page(qtbot, services, clerk)
    view.year.setCurrentIndex(view.year.findData(2025))
    answer_save(tmp_path / "out.xlsx")
    run(qtbot, view, view.export_button, "导出台账")
    assert view.tasks.status.text() == f"导出完成：2件申请已写入{tmp_path / 'out.xlsx'}。"
    other = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        result = LedgerService(other, fixed_today(TODAY)).import_file(login_as(other, "clerk1"),
                                                                      tmp_path / "out.xlsx")
        assert (result.errors, result.created) == ((), 2)
    finally:
        other.dispose()
    view.year.setCurrentIndex(view.year.findData(2024))     # nothing received in 2024
    answer_save(tmp_path / "none.xlsx")
    run(qtbot, view, view.export_button, "导出台账")
    assert openpyxl.load_workbook(tmp_path / "none.xlsx").active.max_row == 1   # header only


# -- backup and restore ----------------------------------------------------------------------
def test_backup_then_restore_round_trips(qtbot, services, admin, tmp_path, said):
    services.requests.register(admin, request_input(number="甲-1"))
    view = page(qtbot, services, admin)
    answer_save(tmp_path / "backup.sqlite3")
    run(qtbot, view, view.backup_panel.backup_button, "备份数据库")
    assert view.tasks.status.text().startswith(f"备份完成：{tmp_path / 'backup.sqlite3'}（")
    services.requests.register(admin, request_input(number="乙-2", applicant_name="王五"))   # after the backup
    assert names(services) == ["甲-1", "乙-2"]

    answer_open(tmp_path / "backup.sqlite3")
    prompts.set_answer("confirm", lambda title, text: True)
    with qtbot.waitSignal(view.database_restored, timeout=20000) as restored:
        run(qtbot, view, view.backup_panel.restore_button, "从备份恢复")
    assert names(services) == ["甲-1"]                 # the case added after the backup is gone
    safety = restored.args[0].safety_copy
    assert safety.is_file() and said == [("info", "恢复完成", view.tasks.status.text())]
    assert f"恢复前的数据库已另存为：{safety}" in said[0][2]


def test_restore_refuses_a_non_database_and_changes_nothing(qtbot, services, admin, tmp_path, said):
    services.requests.register(admin, request_input(number="甲-1"))
    junk = tmp_path / "photo.sqlite3"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000)
    view = page(qtbot, services, admin)
    answer_open(junk)
    prompts.set_answer("confirm", lambda title, text: True)
    run(qtbot, view, view.backup_panel.restore_button, "从备份恢复", ok=False)
    assert said[0][0] == "error" and "不是完好的SQLite数据库" in said[0][2]
    assert said[0][2].endswith("当前数据库没有任何改动。")
    assert names(services) == ["甲-1"]
    assert [p.name for p in tmp_path.iterdir() if "恢复前" in p.name or "staging" in p.name] == []


def test_declining_the_restore_warning_does_nothing(qtbot, services, admin, tmp_path):
    view = page(qtbot, services, admin)
    answer_open(tmp_path / "whatever.sqlite3")
    prompts.set_answer("confirm", lambda title, text: False)
    with qtbot.assertNotEmitted(view.tasks.busy_changed):
        qtbot.mouseClick(view.backup_panel.restore_button, Qt.LeftButton)


def test_a_clerk_has_no_backup_controls(qtbot, services, clerk):
    view = page(qtbot, services, clerk)
    panel = view.backup_panel
    assert panel.backup_button.isHidden() and panel.restore_button.isHidden()
    assert panel.note.text() == "只有管理员可以备份和恢复数据库。"


def test_postgresql_points_to_pg_dump(qtbot, admin, said):
    db = Database(create_engine("postgresql+psycopg://u@127.0.0.1:9/none"))   # never connects
    view = page(qtbot, Services.build(db), admin)
    assert "pg_dump" in view.backup_panel.note.text()
    qtbot.mouseClick(view.backup_panel.backup_button, Qt.LeftButton)
    qtbot.mouseClick(view.backup_panel.restore_button, Qt.LeftButton)
    assert [k for k, _t, text in said if "pg_dump 备份、pg_restore 恢复" in text] == ["warn", "warn"]


def test_row_error_model_passes_the_model_tester(qtmodeltester):
    model = RowErrorTableModel([RowError(0, "", "无法读取台账文件"), RowError(7, "延期", "“可能”无效")])
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "第7行“延期”列：“可能”无效"
