"""Two workstations at once: no action lost to 'database is locked', no forked audit chain."""

import threading
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ConflictError
from app.models import Event, Request
from app.services.trust.audit_service import AuditService
from app.services.cases.case_service import CaseService
from app.services.ledger.ledger_service import LedgerService
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from tests.conftest import fixed_today, login_as
from tests.services.helpers import add_department, request_input
from tests.services.ledger.test_ledger import GOOD, write

TODAY = date(2025, 6, 30)


@pytest.fixture
def workstations(any_db, clerk):
    """The test's database and a second handle on the same data, as a second PC would have."""
    url = any_db.engine.url.render_as_string(hide_password=False)
    second = Database.open(url)
    yield [any_db, second]
    second.dispose()


def run_together(jobs) -> list[BaseException]:
    """Start every job at the same moment; the exceptions they raised."""
    barrier, errors = threading.Barrier(len(jobs)), []

    def wrap(job):
        barrier.wait()
        try:
            job()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=wrap, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_case_actions_all_land_and_the_chain_holds(workstations, any_db):
    dept = add_department(any_db)
    per_thread, threads_per_pc = 4, 3

    def clerk_at(db, name):
        actor = login_as(db, name, name)
        requests, cases = RequestService(db, fixed_today(TODAY)), CaseService(db, fixed_today(TODAY))

        def job():
            for i in range(per_thread):
                d = requests.register(actor, request_input(applicant_name=f"{name}-{i}"))
                cases.assign(actor, d.id, d.version, dept)
        return job

    jobs = [clerk_at(db, f"clerk_{n}_{t}") for n, db in enumerate(workstations) for t in range(threads_per_pc)]
    before = AuditService(any_db).verify().count
    errors = run_together(jobs)
    assert errors == []                                         # 0 of 48 actions lost
    actions = len(jobs) * per_thread * 2
    with any_db.read() as uow:
        assert uow.session.scalar(select(func.count(Request.id))) == len(jobs) * per_thread
        assert uow.session.scalar(select(func.count(Event.id)).where(Event.kind == "审核交办")) == actions // 2
    check = AuditService(any_db).verify()
    assert check.ok and check.count >= before + actions         # one chain, nothing forked or lost


def test_two_imports_started_together_both_complete(workstations, tmp_path):
    files = []
    for n in range(2):
        rows = [(f"W{n}-{r[0]}", *r[1:]) for r in GOOD]
        files.append(write(tmp_path / f"ledger{n}.xlsx", rows))
    results = [None, None]

    def importer(n, db):
        actor = login_as(db, "clerk1", "王登记")

        def job():
            results[n] = LedgerService(db, fixed_today(TODAY)).import_file(actor, files[n])
        return job

    errors = run_together([importer(n, db) for n, db in enumerate(workstations)])
    assert errors == []
    assert [(r.errors, r.created) for r in results] == [((), len(GOOD)), ((), len(GOOD))]
    assert AuditService(workstations[0]).verify().ok


def test_a_lock_timeout_is_a_conflict_with_a_chinese_message(sqlite_db, clerk):
    import sqlite3

    from sqlalchemy import event

    path = sqlite_db.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")                           # another PC is mid-transaction
    event.listen(sqlite_db.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=200"))
    sqlite_db.engine.dispose()
    try:
        with pytest.raises(ConflictError, match="其他用户或工作站正在保存数据"):
            RequestService(sqlite_db, fixed_today(TODAY)).register(clerk, request_input())
    finally:
        holder.rollback()
        holder.close()


def test_an_action_waits_for_a_colleagues_action_on_the_same_case_then_is_a_conflict(workstations, any_db, clerk):
    """Two PCs end the same 征求意见. PC 2 has loaded the case row when PC 1 acts; PC 2 pauses before it
    loads the case's consultations. Without a lock PC 1 finished in that gap, and PC 2 then held a case
    still 征求意见中 (its first SELECT) with no open consultation (its second): it failed with a
    StopIteration, not the conflict message. Locked, PC 1 waits for PC 2 and then finds the new version."""
    from sqlalchemy import event

    from app.workflow.deadline import PauseKind
    from app.workflow.vocabulary import Role

    first, second = workstations
    dept = add_department(any_db)
    staff = {db: login_as(db, "handler_c", "陈承办", Role.HANDLER, dept) for db in workstations}
    cases = {db: CaseService(db, fixed_today(TODAY)) for db in workstations}
    d = RequestService(first, fixed_today(TODAY)).register(clerk, request_input())
    d = cases[first].assign(clerk, d.id, d.version, dept, staff[first].user_id)
    d = cases[first].start_consultation(staff[first], d.id, d.version, PauseKind.THIRD_PARTY, "某公司",
                                        date(2025, 6, 20))
    loaded, armed = threading.Event(), [True]

    def pause_after_the_case_row(conn, cursor, statement, parameters, context, executemany):
        if armed[0] and statement.lstrip().upper().startswith("SELECT") and "FROM requests" in statement:
            armed[0] = False
            loaded.set()
            time.sleep(1.5)                 # PC 1 acts now

    event.listen(second.engine, "after_cursor_execute", pause_after_the_case_row)
    outcome: dict[str, object] = {}

    def act(db, name):
        try:
            outcome[name] = cases[db].end_consultation(staff[db], d.id, d.version, date(2025, 6, 27), "同意公开")
        except BaseException as e:  # noqa: BLE001 - asserted below
            outcome[name] = e

    try:
        pc2 = threading.Thread(target=act, args=(second, "pc2"))
        pc2.start()
        assert loaded.wait(10)
        act(first, "pc1")
        pc2.join()
    finally:
        event.remove(second.engine, "after_cursor_execute", pause_after_the_case_row)
    assert not isinstance(outcome["pc2"], BaseException), outcome["pc2"]
    assert isinstance(outcome["pc1"], ConflictError) and "已被其他用户修改" in outcome["pc1"].message
    final = RequestService(first, fixed_today(TODAY)).detail(d.id)
    assert final.status == "办理中" and [c.answered_on for c in final.consultations] == [date(2025, 6, 27)]
