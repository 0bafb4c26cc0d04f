"""The city's supervision board at city scale: 350,000 cases in 40 agencies on a throwaway PostgreSQL server.

The server is set up as the README says (owner, dd_app and dd_admin roles; docs/postgresql-roles.sql); the
owner adds 39 agencies to the migration's first and one 市政务公开办 account, then loads the cases with one
INSERT … SELECT over generate_series: ten years of 35,000 a year, spread over the agencies, the last two
months' cases still open in mixed stages (a few hundred overdue per agency), the rest replied. The city user
logs in on the workstation role (dd_app, row-level security on) and the board is timed through the service
(CityBoardService.board: the calendar, then dd_city_board) and the drill-down of the busiest agency
(dd_city_cases). Check: the board's p50 ≤ 1 s. The plan of dd_city_board's query is printed (owner, EXPLAIN).

Run: ``python benches/bench_city_board.py [--cases 350000] [--agencies 40] [--repeats 15]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = date(2026, 11, 20)
PASSWORD = "bench-password"
LIMIT_S = 1.0


def _server():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_shared_office", Path(__file__).with_name("bench_shared_office.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pg_server()


def load(owner_url: str, cases: int, agencies: int) -> float:
    """Agencies, the city account and the cases, by the owner (no session: row-level security does not apply)."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from app.models import Request, User
    from app.services.trust import server_sessions
    from app.services.uow import Database
    from app.workflow.vocabulary import Role

    owner = Database.open(owner_url)
    t0 = time.perf_counter()
    with Session(owner.engine) as s:
        s.execute(text("INSERT INTO agencies (id, code, name) SELECT g, 'A' || g, '第' || g || '区政务服务局' "
                       "FROM generate_series(2, :n) g"), {"n": agencies})
        s.execute(text("SELECT setval(pg_get_serial_sequence('agencies', 'id'), :n)"), {"n": agencies})
        s.execute(text("INSERT INTO departments (agency_id, name, active) SELECT a, d, true FROM "
                       "generate_series(1, :n) a, unnest(ARRAY['规划科', '用地科', '法规科', '办公室']) d"),
                  {"n": agencies})
        u = User(username="shi_gkb", display_name="市政务公开办", role=Role.CITY.value, password_hash="")
        s.add(u)
        s.flush()
        s.execute(text("UPDATE users SET agency_id = NULL WHERE id = :u"), {"u": u.id})
        server_sessions.set_password(s, u.id, PASSWORD, unattended=True)
        fixed = {"number", "version", "status", "channel", "applicant_type", "applicant_name", "description",
                 "receipt_date", "reply_due", "reply_date", "department_id", "agency_id", "due_provisional",
                 "created_at", "updated_at", "id"}
        blanks = [c.name for c in Request.__table__.columns if c.name not in fixed and not c.nullable]
        # case g: agency 1 + g % n; received over ten years up to TODAY; due 28 days after receipt; the
        # last 60 days' cases open, in five stages; the others replied 5–35 days after receipt (some late).
        s.execute(text(f"""
            INSERT INTO requests (agency_id, number, version, status, channel, applicant_type, applicant_name,
                description, receipt_date, reply_due, reply_date, department_id, due_provisional, created_at,
                updated_at{''.join(', ' + b for b in blanks)})
            SELECT c.agency, 'B' || c.g, 1,
                   CASE WHEN c.age <= 60 THEN (ARRAY['待审核', '办理中', '办理中', '征求意见中', '待签批'])[1 + c.g % 5]
                        WHEN c.age > 90 THEN '已归档' ELSE '已答复' END,
                   '当面', '自然人', '张三', '申请公开某小区规划许可证及附图', c.received, c.received + 28,
                   CASE WHEN c.age > 60 THEN c.received + 5 + ((c.g::bigint * 7919) % 31)::integer END,
                   (SELECT min(d.id) FROM departments d WHERE d.agency_id = c.agency) + c.g % 4, false,
                   c.received::timestamp, c.received::timestamp{", ''" * len(blanks)}
            FROM (SELECT g, 1 + g % :agencies AS agency,
                         (CAST(:today AS date) - ((3650 * (:cases - g)::bigint / :cases)::integer)) AS received,
                         (3650 * (:cases - g)::bigint / :cases)::integer AS age
                  FROM generate_series(1, :cases) g) c
        """), {"agencies": agencies, "cases": cases, "today": TODAY})
        s.commit()
    with owner.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE requests"))
    owner.dispose()
    return time.perf_counter() - t0


def explain(owner_url: str) -> str:
    """The plan of the board's query as the function runs it (as the owner, who bypasses the check)."""
    import psycopg

    sql = (Path(__file__).resolve().parents[1] / "app/migrations/sql/i22_city_board.sql").read_text(encoding="utf-8")
    body = sql.split("RETURN QUERY", 2)[1].split("END\n$fn$", 1)[0].strip().rstrip(";")
    body = body.replace("p_today", f"DATE '{TODAY}'").replace("p_soon_until", "DATE '2026-11-27'")
    with psycopg.connect(owner_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) " + body).fetchall()
    return "\n".join(r[0] for r in rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=350_000)
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    from app.services.city.board_service import CityBoardService
    from app.services.trust.office_service import OfficeService
    from app.services.uow import Database
    from tests.services.trust.test_postgresql_roles import _roles

    with _server() as url:
        app_url, _admin = _roles(url.rsplit("/", 1)[0])
        owner_url = app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner")
        load_s = load(owner_url, args.cases, args.agencies)
        db = Database.open(app_url)
        city = OfficeService(db).login("shi_gkb", PASSWORD)
        service = CityBoardService(db, lambda: TODAY)
        board_s, cases_s = [], []
        board = service.board(city)                       # warm: the calendar and the function's plan
        for _ in range(args.repeats):
            t = time.perf_counter()
            board = service.board(city)
            board_s.append(time.perf_counter() - t)
        busiest = max(board.rows, key=lambda r: r.open_cases)
        for _ in range(args.repeats):
            t = time.perf_counter()
            rows = service.cases(city, busiest.agency_id)
            cases_s.append(time.perf_counter() - t)
        total = board.total
        print(f"loaded {args.cases} cases in {args.agencies} agencies in {load_s:.1f} s")
        print(f"board: {len(board.rows)} agencies, open {total.open_cases}, due soon {total.due_soon}, "
              f"overdue {total.overdue}, replied this year {total.replied} ({total.replied_on_time} on time), "
              f"oldest overdue {total.oldest_number} ({total.oldest_days} days)")
        print(f"board through the service (dd_app, RLS on): p50 {statistics.median(board_s) * 1000:.0f} ms, "
              f"max {max(board_s) * 1000:.0f} ms over {args.repeats}")
        print(f"drill-down of agency {busiest.agency_id} ({len(rows)} open cases): "
              f"p50 {statistics.median(cases_s) * 1000:.0f} ms, max {max(cases_s) * 1000:.0f} ms")
        print(explain(owner_url))
        db.dispose()
        ok = statistics.median(board_s) <= LIMIT_S
        print("OK: the board answers within 1 s" if ok else "FAIL: the board takes more than 1 s")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
