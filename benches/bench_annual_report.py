"""Benchmark: the annual report for 2025 on 500 and on 50,000 cases.

Target (issue 5): the report on 50,000 cases takes at most 2 × its time on 500 cases. "The report" is
``python -m app --db DB annual-report --year 2025 --out FILE`` run as an office runs it (a new process:
open, count, check, write), for each of .xlsx, .docx and .pdf. The in-process figures below it show
where the time goes: counting and checking (SQL aggregation + pure counting), and each export with
imports and fonts already warm. Every figure is a median of several runs.
Run: python benches/bench_annual_report.py [SMALL LARGE]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from app.models import AnnualReport, FeeNotice, Request, ReviewCase  # noqa: E402
from app.services.reports.report_service import ReportService  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.annual_counts import APPLICANT_COLUMNS, LEAF_ROWS  # noqa: E402

YEAR = 2025
RUNS = 5
CLI_RUNS = 3


def fill(db: Database, n: int, seed: int = 5) -> None:
    """n cases received 2024-10-01 … 2025-12-31 (so some are carried over and some still open),
    one in 40 with a fee notice, one in 200 with a review or lawsuit."""
    rng = random.Random(seed)
    first, span, now = date(2024, 10, 1), 456, datetime(2026, 1, 20, 9)
    cases, fees, reviews = [], [], []
    for i in range(n):
        receipt = first + timedelta(days=int(span * i / n))
        reply = receipt + timedelta(days=rng.randint(3, 40)) if rng.random() < 0.95 else None
        if reply and reply > date(2026, 1, 20):
            reply = None
        cases.append(dict(
            id=i + 1, number=f"B{i + 1}", status="已答复" if reply else "办理中", channel="当面",
            applicant_type=rng.choices(APPLICANT_COLUMNS, weights=(70, 14, 3, 4, 5, 4))[0],
            applicant_name=f"申请人{i % 997}", description="申请公开某事项", arrival_date=receipt,
            receipt_date=receipt, reply_date=reply, outcome=rng.choice(LEAF_ROWS) if reply else None,
            created_at=now, updated_at=now, version=1))
        if i % 40 == 0:
            fees.append(dict(request_id=i + 1, method="按件", quantity=11, amount=100.0, issued_on=receipt,
                             paid_on=receipt + timedelta(days=9), paid_amount=100.0, lapsed=False))
        if i % 200 == 0 and reply:
            reviews.append(dict(request_id=i + 1, kind=rng.choice(("行政复议", "未经复议直接起诉", "复议后起诉")),
                                filed_on=reply + timedelta(days=20), result="", decided_on=None, notes=""))
    with db.uow() as uow:
        for start in range(0, n, 5000):
            uow.session.execute(insert(Request), cases[start:start + 5000])
        uow.session.execute(insert(FeeNotice), fees)
        if reviews:
            uow.session.execute(insert(ReviewCase), reviews)
        # the office's section 五 (the full text is not exported with it empty)
        uow.session.add(AnnualReport(year=2025, table2_json="{}", sections_json='{"五": "无"}', locked=False,
                                     frozen_json="", frozen_fingerprint="", locked_by="", published_next=""))
        uow.commit()


def median_ms(fn, runs: int = RUNS) -> float:
    fn()                                   # warm-up: imports, fonts, SQLite page cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def command(db_path: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "app", "--db", str(db_path), "annual-report", "--year", str(YEAR),
                    "--out", str(out)], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def measure(tmp: Path, n: int) -> dict[str, float]:
    db_path = tmp / f"bench-{n}.sqlite3"
    db = Database.open(str(db_path))
    fill(db, n)
    svc = ReportService(db, lambda: date(2026, 1, 20))
    out = {}
    for suffix in ("xlsx", "docx", "pdf"):
        out[f"command → .{suffix}"] = median_ms(lambda s=suffix: command(db_path, tmp / f"c{n}.{s}"), CLI_RUNS)
    out["counts + checks"] = median_ms(lambda: svc.report(YEAR))
    for suffix in ("xlsx", "docx", "pdf"):
        out[f"in-process → .{suffix}"] = median_ms(lambda s=suffix: svc.export(YEAR, tmp / f"r{n}.{s}"))
    total = svc.report(YEAR).table3.cells["new"][6]
    print(f"  {n:>6} cases in the database, {total} received in {YEAR}")
    db.dispose()
    return out


def main() -> int:
    small, large = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (500, 50_000)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = measure(Path(tmp), small), measure(Path(tmp), large)
    print(f"\n{'':<22}{small:>10,} cases{large:>12,} cases{'ratio':>8}")
    ok = True
    for key in a:
        ratio = b[key] / a[key]
        print(f"{key:<22}{a[key]:>13.1f} ms{b[key]:>13.1f} ms{ratio:>8.2f}")
        if key.startswith("command"):
            ok &= ratio <= 2.0
    print(f"\nload average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("target: the command on the large set ≤ 2 × on the small set, for each format —",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
