"""Many workstations at once on one database: how many actions are lost, does the audit chain hold?

    python benches/bench_concurrency.py [--db postgresql+psycopg://…]

400 case actions from 8 processes (each a 'PC' with its own connection: register + 审核交办), then
7 ledger imports started at the same moment from 7 processes. The issue's probe (before): 163 of 400
actions and 7 of 7 imports died with 'database is locked'.
"""

import multiprocessing as mp
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

TODAY = date(2025, 6, 30)
PROCS, CASES_PER_PROC = 8, 25          # 8 × 25 × 2 actions = 400


def _actions(url: str, name: str, dept: int, start_at: float, out) -> None:
    from app.services.cases.case_service import CaseService
    from app.services.cases.request_service import RequestService
    from app.services.uow import Database
    from tests.conftest import login_as
    from tests.services.helpers import request_input

    db = Database.open(url)
    actor = login_as(db, name, name)
    requests, cases = RequestService(db, lambda: TODAY), CaseService(db, lambda: TODAY)
    done = lost = 0
    time.sleep(max(0.0, start_at - time.time()))
    for i in range(CASES_PER_PROC):
        try:
            d = requests.register(actor, request_input(applicant_name=f"{name}-{i}"))
            done += 1
        except Exception as e:  # noqa: BLE001 - counted, with its kind
            lost += 2
            out.put(("error", f"{type(e).__name__}: {e}"))
            continue
        try:
            cases.assign(actor, d.id, d.version, dept)
            done += 1
        except Exception as e:  # noqa: BLE001
            lost += 1
            out.put(("error", f"{type(e).__name__}: {e}"))
    out.put(("actions", done, lost))
    db.dispose()


def _import(url: str, path: str, start_at: float, out) -> None:
    from app.services.ledger.ledger_service import LedgerService
    from app.services.uow import Database
    from tests.conftest import login_as

    db = Database.open(url)
    actor = login_as(db, "clerk1", "王登记")
    time.sleep(max(0.0, start_at - time.time()))
    try:
        r = LedgerService(db, lambda: TODAY).import_file(actor, path)
        out.put(("import", not r.errors, "; ".join(str(e) for e in r.errors)))
    except Exception as e:  # noqa: BLE001
        out.put(("import", False, f"{type(e).__name__}: {e}"))
    db.dispose()


def main() -> None:
    from app.services.trust.audit_service import AuditService
    from app.services.uow import Database
    from tests.conftest import login_as
    from tests.services.helpers import add_department
    from tests.services.ledger.test_ledger import GOOD, write

    folder = Path(tempfile.mkdtemp(prefix="ddconc."))
    url = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else str(folder / "office.sqlite3")
    db = Database.open(url)
    url = db.engine.url.render_as_string(hide_password=False)
    dept = add_department(db)
    for p in range(PROCS):
        login_as(db, f"clerk_{p}", f"登记员{p}")
    login_as(db, "clerk1", "王登记")
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 8
    procs = [ctx.Process(target=_actions, args=(url, f"clerk_{p}", dept, start_at, out)) for p in range(PROCS)]
    for p in procs:
        p.start()
    done = lost = 0
    errors = []
    for _ in range(PROCS):
        while True:
            msg = out.get()
            if msg[0] == "error":
                errors.append(msg[1])
                continue
            done, lost = done + msg[1], lost + msg[2]
            break
    for p in procs:
        p.join()
    print(f"case actions: {done + lost} attempted, {lost} lost ({db.dialect}, {PROCS} processes)")
    for e in errors[:5]:
        print("   ", e)
    files = [write(folder / f"ledger{n}.xlsx", [(f"I{n}-{r[0]}", *r[1:]) for r in GOOD]) for n in range(7)]
    start_at = time.time() + 8
    procs = [ctx.Process(target=_import, args=(url, str(f), start_at, out)) for f in files]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    ok = sum(1 for r in results if r[1])
    print(f"simultaneous imports: {ok}/{len(files)} completed")
    for r in results:
        if not r[1]:
            print("   ", r[2])
    check = AuditService(db).verify()
    print(f"audit chain after all of it: {'intact' if check.ok else 'BROKEN: ' + check.message}, {check.count} events")
    db.dispose()


if __name__ == "__main__":
    main()
