"""Benchmark: join-city of a bureau's demo year into a throwaway city server.

A SQLite demo year of N cases (app/services/demos/demo.fill_demo: letters, attachments, the whole audit)
joins a fresh server (roles made by docs/postgresql-roles.sql, as the tests do). Reported: the whole
``join_city`` (copy + upgrade + source chain check, the copy under new ids, the proof: two ledger
exports, every file's hash, the server chain) and the rows moved.
Run: python benches/bench_join_city.py [N]   (needs the PostgreSQL server binaries)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services.city_join.service import join_city  # noqa: E402
from app.services.demos.demo import fill_demo  # noqa: E402
from app.services.uow import Database  # noqa: E402
from tests.conftest import TEST_PASSWORD, _free_port, _pg_bin  # noqa: E402
from tests.services.city.support import owner_url  # noqa: E402
from tests.services.trust.test_postgresql_roles import _roles  # noqa: E402


def main(n: int) -> None:
    pg = _pg_bin()
    if pg is None:
        sys.exit("PostgreSQL server binaries not installed")
    tmp = Path(tempfile.mkdtemp(prefix="bench-join."))
    run_as = ["runuser", "-u", "postgres", "--"] if __import__("os").geteuid() == 0 else []
    if run_as:
        shutil.chown(tmp, "postgres")
    port = _free_port()
    subprocess.run([*run_as, str(pg / "initdb"), "-D", str(tmp / "data"), "-U", "postgres", "-A", "trust", "-E",
                    "UTF8", "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-l", str(tmp / "log"), "-w", "-o",
                    f"-k {tmp} -h 127.0.0.1 -p {port} -c fsync=off", "start"], check=True, capture_output=True)
    try:
        work = Path(tempfile.mkdtemp(prefix="bench-join-src."))
        source = work / "office.sqlite3"
        db = Database.open(str(source))
        t = time.perf_counter()
        fill_demo(db, cases=n, today=date(2026, 6, 30), admin_password=TEST_PASSWORD)
        db.dispose()
        print(f"demo year of {n} cases made in {time.perf_counter() - t:.1f} s "
              f"({source.stat().st_size / 1e6:.1f} MB)")
        app_url, _admin = _roles(f"postgresql+psycopg://postgres@127.0.0.1:{port}")
        server = Database.open(owner_url(app_url), migrate=False)
        t = time.perf_counter()
        r = join_city(server, source, "演示区数据管理局", "bench", today=date(2026, 6, 30))
        took = time.perf_counter() - t
        server.dispose()
        rows = sum(r.counts.values())
        print(f"join-city: {took:.2f} s for {rows} rows ({r.counts.get('requests', 0)} cases, "
              f"{r.counts.get('events', 0)} events, {r.counts.get('letters', 0)} letters); "
              f"proof: ledger {r.proof.ledger_rows} rows, {r.proof.letters} letters, {r.proof.files} files, "
              f"chain {r.proof.chain_events} events")
        shutil.rmtree(work, ignore_errors=True)
    finally:
        subprocess.run([*run_as, str(pg / "pg_ctl"), "-D", str(tmp / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 120)
