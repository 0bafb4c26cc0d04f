"""UI speed with 100,000 cases: cold start to the first window (the log-in), log-in to the painted
workbench, opening the window to the list's first rows, and a filtered search.

Each figure is set against its floor: the very SQL the list model ran (captured from SQLAlchemy),
replayed with the plain sqlite3 module on the same file. Run: ``python benches/bench_ui.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert  # noqa: E402

from app.models import Department, Request, User  # noqa: E402
from app.services.container import Services  # noqa: E402
from app.services.cases.query_service import RequestQuery  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.status import Status  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402

CASES = 100_000
TODAY = date(2025, 11, 20)
REPEATS = 7
SUBJECTS = ("某小区规划许可证及附图", "某道路改造工程立项批复", "某地块征收补偿安置方案", "某企业环评审批文件",
            "某街道拆迁补偿标准", "某建设项目用地预审意见", "某行政处罚决定书", "某学校扩建工程规划设计条件",
            "某河道整治工程验收报告", "本局2025年度部门预算")
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "某某置业有限公司",
         "某某律师事务所")
STATUSES = [s.value for s in Status]


def fill(db: Database) -> None:
    """100,000 plausible rows in one executemany (Core, no ORM objects)."""
    rng = random.Random(7)
    now = datetime(2025, 11, 20, 9, 0)
    with db.engine.begin() as conn:
        depts = ("规划科", "用地科", "法规科", "办公室")
        conn.execute(insert(Department), [{"name": n, "active": True} for n in depts])
        conn.execute(insert(User), [{"username": f"u{i}", "display_name": f"承办人{i}", "role": Role.HANDLER.value,
                                     "password_hash": "", "active": True} for i in range(1, 9)])
        rows = []
        for i in range(CASES):
            receipt = TODAY - timedelta(days=int(1800 * (1 - i / CASES)))
            status = rng.choice(STATUSES)
            closed = status in (Status.REPLIED, Status.ARCHIVED)
            rows.append(dict(
                number=f"依申〔{receipt.year}〕{i + 1}号", version=1, status=status, channel="网络",
                applicant_type="自然人", applicant_name=rng.choice(NAMES),
                description=f"申请公开{rng.choice(SUBJECTS)}（第{i % 977}号）", arrival_date=receipt,
                confirmation_date=receipt, receipt_date=receipt, reply_due=receipt + timedelta(days=28),
                department_id=rng.randint(1, 4), handler_id=rng.randint(1, 8),
                outcome="一.0" if closed else None, reply_date=receipt + timedelta(days=20) if closed else None,
                created_at=now, updated_at=now, created_by="bench"))
        conn.execute(insert(Request), rows)


class SqlCapture:
    """Collects the SQL statements (with parameters) the app sends to SQLite."""

    def __init__(self, engine):
        self.statements: list[tuple[str, tuple]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany):
        if self.on and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, tuple(parameters)))


def floor(path: str, statements) -> list[float]:
    """Seconds to run the same SELECTs with sqlite3 and fetch every row they return; like the app's
    pooled connection, this one is warmed up first."""
    conn = sqlite3.connect(path)
    try:
        times = []
        for _ in range(REPEATS + 1):
            start = time.perf_counter()
            for sql, params in statements:
                conn.execute(sql, params).fetchall()
            times.append(time.perf_counter() - start)
        return times[1:]
    finally:
        conn.close()


class FirstPaint:
    """Notes when the list's viewport first paints with rows in it (what the clerk sees)."""

    def __init__(self):
        from PySide6.QtCore import QEvent, QObject

        class _Filter(QObject):
            def eventFilter(inner, obj, ev):          # noqa: N805 - Qt override on a nested class
                if ev.type() == QEvent.Paint and self.model is not None and self.model.rowCount() > 0 \
                        and self.at is None:
                    self.at = time.perf_counter()
                return False

        self.filter = _Filter()
        self.model = None
        self.at: float | None = None

    def watch(self, table) -> None:
        self.model, self.at = table.model(), None
        table.viewport().installEventFilter(self.filter)

    def wait(self, app) -> float:
        while self.at is None:
            app.processEvents()
        return self.at


def median_ms(values) -> float:
    return statistics.median(values) * 1000


COLD_RUNS = 3


def _painted_at(app, widget) -> float:
    """Show ``widget`` (if hidden) and return the wall-clock time of its first paint."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[float] = []

    class _Filter(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802 - Qt override
            if ev.type() == QEvent.Paint and not seen:
                seen.append(time.time())
            return False

    spy = _Filter()
    widget.installEventFilter(spy)
    widget.show()
    while not seen:
        app.processEvents()
    widget.removeEventFilter(spy)
    return seen[0]


def cold_child(db_path: str, ini: str, started: str) -> None:
    """One cold start, in a fresh process: Python and Qt import, the database opened (migration
    check), the log-in dialog painted; then a log-in and the main window's workbench painted."""
    from PySide6.QtCore import QSettings

    from app.ui.desk_session import DeskSession
    from app.ui.login_dialog import LoginDialog
    from app.ui.startup import make_application
    from tests.conftest import TEST_PASSWORD

    app = make_application([])
    services = Services.build(Database.open(db_path), lambda: TODAY)
    dialog = LoginDialog(services.office, None, "bench_clerk")
    print("first_window", _painted_at(app, dialog) - float(started))
    dialog.password.setText(TEST_PASSWORD)
    clicked = time.time()
    dialog.try_login()
    window = DeskSession(services, QSettings(ini, QSettings.IniFormat)).open(dialog.actor)   # as the app does
    print("login_to_workbench", _painted_at(app, window.workbench) - clicked)


def cold_starts(path: str, tmp: Path) -> tuple[list[float], list[float]]:
    import subprocess

    firsts, logins = [], []
    for _ in range(COLD_RUNS):
        started = time.time()
        out = subprocess.run([sys.executable, __file__, "--cold-child", path, str(tmp / "cold.ini"), repr(started)],
                             capture_output=True, text=True, check=True).stdout
        figures = dict(line.split() for line in out.splitlines() if line.startswith(("first_", "login_")))
        firsts.append(float(figures["first_window"]))
        logins.append(float(figures["login_to_workbench"]))
    return firsts, logins


def main() -> None:
    from PySide6.QtCore import QSettings

    from app.ui.startup import build_window, make_application

    tmp = Path(tempfile.mkdtemp(prefix="bench_ui."))
    path = str(tmp / "bench.sqlite3")
    db = Database.open(path)
    from tests.conftest import configure_test_office, login_as

    login_as(db, "bench_clerk", "登记员1", Role.CLERK)      # the administrator first, as a first run would
    configure_test_office(db)
    t = time.perf_counter()
    fill(db)
    print(f"inserted {CASES:,} cases in {time.perf_counter() - t:.1f} s ({path})")
    app = make_application([])
    services = Services.build(db, lambda: TODAY)
    actor = login_as(db, "bench_clerk", "登记员1", Role.CLERK)
    firsts, logins = cold_starts(path, tmp)
    capture = SqlCapture(db.engine)
    settings = QSettings(str(tmp / "ui.ini"), QSettings.IniFormat)

    open_times, list_times, open_sql = [], [], []
    painted = FirstPaint()
    for _ in range(REPEATS):
        # The whole window as the app builds it (every page), the workbench painted first; every
        # SELECT it runs until the list's first rows are painted is replayed for the floor.
        capture.statements, capture.on = [], True
        start = time.perf_counter()
        window = build_window(services, actor, settings)
        window.resize(1400, 860)
        window.show()
        app.processEvents()                                 # the workbench is painted
        painted.watch(window.request_list.table)
        list_start = time.perf_counter()
        window.show_list()                                  # the list loads on show
        end = painted.wait(app)                             # first rows painted
        capture.on = False
        open_times.append(end - start)
        list_times.append(end - list_start)
        open_sql = capture.statements
        window.close()
        window.deleteLater()
        app.processEvents()
    open_sql = [s for s in open_sql if s[0].lstrip().upper().startswith("SELECT")]
    open_floor = floor(path, open_sql)

    window = build_window(services, actor, settings)
    window.show()
    window.show_list()
    app.processEvents()
    search_times, search_sql = [], []
    query = RequestQuery(statuses=(Status.HANDLING.value,), text="规划")
    for _ in range(REPEATS):
        window.request_list.filters.set_query(RequestQuery())    # back to everything between runs
        app.processEvents()
        capture.statements, capture.on = [], True
        painted.watch(window.request_list.table)
        start = time.perf_counter()
        window.request_list.filters.set_query(query)
        search_times.append(painted.wait(app) - start)
        capture.on = False
        search_sql = [s for s in capture.statements if "requests" in s[0]]
    found = window.request_list.model.total
    search_floor = floor(path, search_sql)

    print(f"(a) open main window → list shows first rows: {median_ms(open_times):7.1f} ms "
          f"(list page alone {median_ms(list_times):.1f} ms); floor: the same {len(open_sql)} SELECTs "
          f"(workbench + list) via sqlite3 {median_ms(open_floor):.1f} ms; ratio "
          f"{median(open_times) / median(open_floor):.2f}")
    print(f"(b) search '规划' + status 办理中 ({found:,} hits): {median_ms(search_times):7.1f} ms; floor "
          f"(same {len(search_sql)} SELECTs via sqlite3) {median_ms(search_floor):.1f} ms; "
          f"ratio {median(search_times) / median(search_floor):.2f}")
    print(f"(c) cold start (new process: Python, Qt, database) → log-in window painted: "
          f"{median(firsts) * 1000:7.0f} ms (runs: {', '.join(f'{x * 1000:.0f}' for x in firsts)})")
    print(f"(d) log-in pressed → main window's workbench painted (100,000 cases): "
          f"{median(logins) * 1000:7.0f} ms (runs: {', '.join(f'{x * 1000:.0f}' for x in logins)})")
    db.dispose()
    shutil.rmtree(tmp, ignore_errors=True)


def median(values) -> float:
    return statistics.median(values)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold-child"]:
        cold_child(*sys.argv[2:5])
    else:
        main()
