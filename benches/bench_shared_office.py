"""A shared office at city scale: 350,000 cases on a throwaway PostgreSQL server, 10 client processes.

Ten years of a big city's requests (35,000 a year) are loaded with COPY. Then ten client processes,
each logged in as a real user, register requests, act on cases (a hot set shared by all, so edits
collide) and page/search the list for two minutes. Every read operation is timed twice in the same
loop: through the app's services, and as its floor, the very SQL the service ran (captured from
SQLAlchemy) replayed on a plain psycopg connection. Writes are timed through the services, and their
floor is the captured SQL replayed in a transaction that is rolled back.

Before the concurrent run, the Chinese searches are timed on one client without and with the pg_trgm
GIN indexes of migration i13_delivery (they serve 3+ characters; a 2-character word runs as a scan).

Checks: the list's first page and the Chinese searches within 1.5× their floor (p50); no lost write
(every registration and every consultation a client saw succeed is in the database, nothing else);
every conflict reached the user as the Chinese conflict message.

Run: ``python benches/bench_shared_office.py [--cases 350000] [--clients 10] [--seconds 120]``
(needs the PostgreSQL server binaries, as the tests do; about 6–10 minutes on 2 cores).

With ``--agencies 40`` the same desk runs as a city: 40 agencies on one server, row-level security on,
each client a clerk of a different agency, and the floor the same SQL without RLS with the agency's
predicate (benches/shared_office_city.py).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = date(2026, 11, 20)
SUBJECTS = ("某小区规划许可证及附图", "某道路改造工程立项批复", "某地块征收补偿安置方案", "某企业环评审批文件",
            "某街道拆迁补偿标准", "某建设项目用地预审意见", "某行政处罚决定书", "某学校扩建工程规划设计条件",
            "某河道整治工程验收报告", "某村集体土地征收批复", "某商品房项目竣工验收备案表", "某片区控制性详细规划",
            "本局部门预算", "某农村宅基地审批材料", "某产业园区招商优惠政策", "某高架桥建设工程环评报告")
PLACES = ("东城", "西城", "南湖", "北山", "滨江", "高新", "临港", "新城", "老城", "江北", "河西", "城南")
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐明", "孙丽",
         "某某置业有限公司", "某某律师事务所", "某某科技有限公司", "某某大学城市规划研究院")
DEPARTMENTS = ("办公室", "规划科", "用地科", "执法监察支队", "不动产登记中心", "法规科")
SEARCHES = {"search-2char": "规划", "search-4char": "征收补偿"}
CONFLICT_TEXTS = ("已被其他用户修改，请刷新后重新操作。", "其他用户正在保存数据，本次操作未保存，请刷新后重新操作。")
HOT_CASES = 40
PASSWORD = "bench-password"


# -- the throwaway server (as tests/conftest.py pg_server) -------------------------------------------
@contextmanager
def pg_server():
    from tests.conftest import _free_port, _pg_bin

    pg = _pg_bin()
    if pg is None:
        sys.exit("PostgreSQL server binaries not installed (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="ddbench."))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*run_as, str(pg / "initdb"), "-D", str(tmp / "data"), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-l", str(tmp / "log"), "-w", "-o",
                    f"-k {tmp} -h 127.0.0.1 -p {port} -c fsync=off -c max_connections=150 "
                    "-c shared_buffers=256MB -c maintenance_work_mem=256MB", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


# -- data ----------------------------------------------------------------------------------------------
def load(url: str, cases: int) -> dict:
    """Schema by the app's migrations; users by the service; 350,000 requests by COPY."""
    import psycopg

    from app.services.trust.office_service import OfficeService
    from app.services.uow import Database
    from app.workflow.vocabulary import Role

    db = Database.open(url)
    office = OfficeService(db)
    office.create_user(None, "admin", "管理员", Role.ADMIN, PASSWORD)
    admin = office.login("admin", PASSWORD)
    depts = [office.save_department(admin, name).id for name in DEPARTMENTS]
    for i in range(10):
        office.create_user(admin, f"clerk{i}", f"登记员{i}", Role.CLERK, PASSWORD)
        # every 承办人 in the 处室 of the hot cases: only the case's own 处室 may act on it (issue 19)
        office.create_user(admin, f"handler{i}", f"承办人{i}", Role.HANDLER, PASSWORD, depts[0])
    db.dispose()

    rng = random.Random(35_000)
    cols = ("number", "version", "status", "channel", "applicant_type", "applicant_name", "description",
            "arrival_date", "receipt_date", "department_id", "outcome", "reply_date", "reply_due",
            "due_provisional", "created_at", "updated_at", "created_by")
    from app.models import Request
    blanks = tuple(c.name for c in Request.__table__.columns                # text columns: ""
                   if c.name not in cols and c.name not in ("id", "agency_id") and not c.nullable)
    cols += blanks
    start = TODAY - timedelta(days=3650)
    t0 = time.perf_counter()
    with psycopg.connect(plain(url)) as conn:
        with conn.cursor() as cur:
            with cur.copy(f"COPY requests ({', '.join(cols)}) FROM STDIN") as copy:
                for i in range(cases):
                    receipt = start + timedelta(days=int(3650 * i / cases))
                    age = (TODAY - receipt).days
                    hot = i >= cases - HOT_CASES
                    status = ("办理中" if hot else "已归档" if age > 60 else "已答复" if age > 25
                              else rng.choice(("待审核", "办理中", "办理中", "征求意见中", "待签批")))
                    replied = status in ("已归档", "已答复")
                    now = datetime.combine(receipt, datetime.min.time())
                    copy.write_row((
                        f"历史〔{receipt.year}〕{i + 1}号", 1, status, rng.choice(("当面", "邮寄", "网络")),
                        "自然人", rng.choice(NAMES), f"申请公开{rng.choice(PLACES)}{rng.choice(SUBJECTS)}",
                        receipt, receipt, (depts[0] if hot else rng.choice(depts)) if status != "待审核" else None,
                        "1" if replied else None, receipt + timedelta(days=rng.randint(5, 27)) if replied else None,
                        receipt + timedelta(days=28), False, now, now, "import", *("",) * len(blanks)))
        conn.commit()
        hot = [r[0] for r in conn.execute("SELECT id FROM requests ORDER BY id DESC LIMIT %s", (HOT_CASES,))]
        conn.execute("ANALYZE")
        conn.commit()
    return {"load_s": time.perf_counter() - t0, "hot": hot, "depts": depts}


SEARCH_INDEX_SQL = [f"CREATE INDEX IF NOT EXISTS ix_requests_{c}_trgm ON requests USING gin ({c} gin_trgm_ops)"
                    for c in ("description", "applicant_name", "number")]


def drop_search_indexes(url: str) -> None:
    import psycopg

    from app.models.request import PG_SEARCH_INDEXES

    with psycopg.connect(plain(url), autocommit=True) as conn:
        for name in PG_SEARCH_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")


def create_search_indexes(url: str) -> float:
    import psycopg

    t0 = time.perf_counter()
    with psycopg.connect(plain(url), autocommit=True) as conn:
        for sql in SEARCH_INDEX_SQL:
            conn.execute(sql)
        conn.execute("ANALYZE requests")
    return time.perf_counter() - t0


# -- timing helpers ------------------------------------------------------------------------------------
class Capture:
    """The statements SQLAlchemy sends during one service call."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.statements: list[tuple[str, object]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._hook)

    def _hook(self, conn, cursor, statement, parameters, context, executemany):
        if self.on and not executemany:
            self.statements.append((statement, parameters))

    @contextmanager
    def recording(self):
        self.statements, self.on = [], True
        try:
            yield self
        finally:
            self.on = False


def replay(conn, statements, rollback: bool) -> float:
    """The captured SQL on a plain psycopg connection: the floor. Reads replay on an autocommit
    connection (as the app reads); writes in a transaction that is rolled back."""
    t0 = time.perf_counter()
    with conn.cursor() as cur:
        for sql, params in statements:
            cur.execute(sql, params)
            if cur.description:
                cur.fetchall()
    if not conn.autocommit:
        conn.rollback() if rollback else conn.commit()
    return time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# -- one client process --------------------------------------------------------------------------------
def client(index: int, url: str, hot: list[int], seconds: float, start_at: float, queue) -> None:
    import psycopg

    from app.errors import ConflictError, DomainError
    from app.services.cases.case_service import CaseService
    from app.services.dto import RequestInput
    from app.services.trust.office_service import OfficeService
    from app.services.cases.query_service import QueryService, RequestQuery
    from app.services.cases.request_service import RequestService
    from app.services.uow import Database
    from app.workflow.deadline import PauseKind

    rng = random.Random(index)
    db = Database.open(url, migrate=False)
    capture = Capture(db.engine)
    office = OfficeService(db)
    clerk = office.login(f"clerk{index}", PASSWORD)
    handler = office.login(f"handler{index}", PASSWORD)
    today = lambda: TODAY  # noqa: E731
    requests, cases, queries = RequestService(db, today), CaseService(db, today), QueryService(db, today)
    raw = psycopg.connect(plain(url))                       # writes' floor: rolled back
    raw_reads = psycopg.connect(plain(url), autocommit=True)  # reads' floor
    times: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    registered: list[str] = []
    consulted: dict[int, int] = {}
    answered: dict[int, int] = {}
    conflicts: list[str] = []
    errors: list[str] = []

    def timed(op: str, fn, rollback_floor: bool | None):
        with capture.recording() as rec:
            t0 = time.perf_counter()
            try:
                result = fn()
            finally:
                times.setdefault(op, []).append(time.perf_counter() - t0)
        if rollback_floor is not None:
            statements = [(s, _fresh(p)) for s, p in rec.statements] if op == "register" else rec.statements
            conn = raw if op in ("register", "act") else raw_reads
            try:
                floors.setdefault(op, []).append(replay(conn, statements, rollback_floor))
            except psycopg.Error:
                if not conn.autocommit:
                    conn.rollback()
        return result

    def _fresh(params):
        # the replayed registration must not reuse the number the service just took
        if isinstance(params, dict):
            return {k: (f"回放{time.perf_counter_ns()}" if k.startswith("number") and isinstance(v, str)
                        and "依申" in v else v) for k, v in params.items()}
        return params

    def register():
        d = requests.register(clerk, RequestInput(
            applicant_name=rng.choice(NAMES), applicant_type="自然人", channel="当面",
            description=f"申请公开{rng.choice(PLACES)}{rng.choice(SUBJECTS)}", arrival_date=TODAY))
        registered.append(d.number)

    def act():
        rid = rng.choice(hot)
        d = requests.detail(rid)
        time.sleep(rng.uniform(0, 0.02))          # the clerk reads before pressing the button
        if d.status == "办理中":
            timed("act", lambda: cases.start_consultation(handler, rid, d.version, PauseKind.THIRD_PARTY,
                                                         "某某置业有限公司", TODAY), True)
            consulted[rid] = consulted.get(rid, 0) + 1
        else:
            timed("act", lambda: cases.end_consultation(handler, rid, d.version, TODAY, "同意公开"), True)
            answered[rid] = answered.get(rid, 0) + 1

    time.sleep(max(0.0, start_at - time.time()))
    end = time.time() + seconds
    while time.time() < end:
        op = rng.choices(("register", "act", "list", "search-2char", "search-4char", "search-count"),
                         weights=(2, 3, 3, 2, 2, 1))[0]
        try:
            if op == "register":
                timed("register", register, True)
            elif op == "act":
                act()
            elif op == "list":
                timed("list", lambda: queries.page(RequestQuery(), 0, 100), True)
            elif op == "search-count":
                timed(op, lambda: queries.count(RequestQuery(text=rng.choice(list(SEARCHES.values())))), True)
            else:
                timed(op, lambda: queries.page(RequestQuery(text=SEARCHES[op]), 0, 100), True)
        except ConflictError as e:
            conflicts.append(e.message)
        except DomainError as e:
            errors.append(f"{op}: {e.message}")
        except Exception as e:  # noqa: BLE001 - counted and reported, the run goes on
            errors.append(f"{op}: {type(e).__name__}: {(str(e).splitlines() or [''])[0]}")
    raw.close()
    raw_reads.close()
    db.dispose()
    queue.put({"times": times, "floors": floors, "registered": registered, "consulted": consulted,
               "answered": answered, "conflicts": conflicts, "errors": errors})


# -- single-client search timing, before and after the indexes -----------------------------------------
def search_timings(url: str, repeats: int = 5) -> dict[str, tuple[float, float]]:
    import psycopg

    from app.services.cases.query_service import QueryService, RequestQuery
    from app.services.uow import Database

    db = Database.open(url, migrate=False)
    capture, q = Capture(db.engine), QueryService(db, lambda: TODAY)
    raw = psycopg.connect(plain(url), autocommit=True)
    out = {}
    for label, word in SEARCHES.items():
        for kind, call in (("page", lambda w=word: q.page(RequestQuery(text=w), 0, 100)),
                           ("count", lambda w=word: q.count(RequestQuery(text=w)))):
            app_t, floor_t = [], []
            for _ in range(repeats):
                with capture.recording() as rec:
                    t0 = time.perf_counter()
                    call()
                    app_t.append(time.perf_counter() - t0)
                floor_t.append(replay(raw, rec.statements, True))
            out[f"{label} {kind}（“{word}”）"] = (statistics.median(app_t), statistics.median(floor_t))
    raw.close()
    db.dispose()
    return out


def verify(url: str, results: list[dict], hot: list[int], cases: int) -> dict:
    """No lost write: every success a client saw is in the database, and nothing more."""
    import psycopg

    registered = [n for r in results for n in r["registered"]]
    consulted = {rid: sum(r["consulted"].get(rid, 0) for r in results) for rid in hot}
    answered = {rid: sum(r["answered"].get(rid, 0) for r in results) for rid in hot}
    with psycopg.connect(plain(url)) as conn:
        total = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
        found = {n for (n,) in conn.execute("SELECT number FROM requests WHERE number = ANY(%s)", (registered,))}
        rows = dict(conn.execute("SELECT request_id, count(*) FROM consultations WHERE request_id = ANY(%s) "
                                 "GROUP BY request_id", (hot,)).fetchall())
        done = dict(conn.execute("SELECT request_id, count(answered_on) FROM consultations "
                                 "WHERE request_id = ANY(%s) GROUP BY request_id", (hot,)).fetchall())
    lost = (len(registered) - len(found)) + sum(abs(consulted[r] - rows.get(r, 0)) for r in hot) + \
        sum(abs(answered[r] - done.get(r, 0)) for r in hot)
    return {"requests": total, "expected_requests": cases + len(registered), "registered": len(registered),
            "consultations": sum(rows.values()), "answered": sum(done.values()), "lost": lost}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=350_000)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--agencies", type=int, default=0,
                    help="0: one office (as before); N: N agencies with row-level security (shared_office_city.py)")
    ap.add_argument("--before", action="store_true", help="with --agencies: without migration i22_city_bench")
    args = ap.parse_args()
    if args.agencies:
        import shared_office_city

        return shared_office_city.run(args)
    t_start = time.perf_counter()
    with pg_server() as url:
        info = load(url, args.cases)
        print(f"{args.cases:,} cases loaded with COPY in {info['load_s']:.1f} s")
        drop_search_indexes(url)
        before = search_timings(url)
        build = create_search_indexes(url)
        print(f"pg_trgm GIN indexes (description, applicant_name, number) built in {build:.1f} s")
        after = search_timings(url)
        print("\nChinese search on one client, app / floor (median of 5):")
        print(f"{'query':<28}{'no pg_trgm index':>22}{'with pg_trgm GIN':>22}")
        for key in before:
            (a0, f0), (a1, f1) = before[key], after[key]
            print(f"{key:<28}{a0 * 1000:>10.1f} / {f0 * 1000:6.1f} ms{a1 * 1000:>10.1f} / {f1 * 1000:6.1f} ms")

        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        start_at = time.time() + 8                         # every client logged in before the clock starts
        procs = [ctx.Process(target=client, args=(i, url, info["hot"], args.seconds, start_at, queue))
                 for i in range(args.clients)]
        for p in procs:
            p.start()
        results = [queue.get(timeout=args.seconds + 300) for _ in procs]   # a dead client: an error, not a hang
        for p in procs:
            p.join()
        checked = verify(url, results, info["hot"], args.cases)

    ops = ("list", "search-2char", "search-4char", "search-count", "register", "act")
    print(f"\n{args.clients} clients × {args.seconds:.0f} s on {args.cases:,} cases "
          "(latency in ms; floor = the same SQL on a plain psycopg connection)")
    print(f"{'operation':<14}{'n':>6}{'p50':>9}{'p95':>9}{'floor p50':>11}{'floor p95':>11}{'p50 ratio':>11}")
    ratios = {}
    for op in ops:
        t = [x for r in results for x in r["times"].get(op, [])]
        f = [x for r in results for x in r["floors"].get(op, [])]
        ratios[op] = pct(t, 50) / pct(f, 50) if f else float("nan")
        print(f"{op:<14}{len(t):>6}{pct(t, 50) * 1000:>9.1f}{pct(t, 95) * 1000:>9.1f}"
              f"{pct(f, 50) * 1000:>11.1f}{pct(f, 95) * 1000:>11.1f}{ratios[op]:>10.2f}×")
    conflicts = [c for r in results for c in r["conflicts"]]
    errors = [e for r in results for e in r["errors"]]
    chinese = all(c.endswith(CONFLICT_TEXTS) for c in conflicts)
    print(f"\nconflicts: {len(conflicts)} (all shown as the Chinese conflict message: {chinese}); "
          f"errors: {len(errors)}")
    for e in sorted(set(errors))[:10]:
        print(f"  error: {e}")
    if conflicts:
        print(f"  e.g. {conflicts[0]}")
    print(f"writes: {checked['registered']} registered, {checked['consultations']} consultations started, "
          f"{checked['answered']} answered; requests in the database {checked['requests']:,} "
          f"(expected {checked['expected_requests']:,}); lost writes: {checked['lost']}")
    print(f"total run time {time.perf_counter() - t_start:.0f} s")
    ok = (checked["lost"] == 0 and checked["requests"] == checked["expected_requests"] and chinese
          and not errors and all(ratios[op] <= 1.5 for op in ("list", "search-2char", "search-4char")))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
