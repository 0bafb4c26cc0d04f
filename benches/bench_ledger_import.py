"""Benchmark: importing a 50,000-row 台账 vs openpyxl alone reading the same file.

Target (issues 2 and 9): import ≤ 3 × the openpyxl read time; also reported: ``--dry-run`` on the same
file (read, map and plan, nothing written) and the re-import of the unchanged file (compares every
field, writes nothing). Run: python benches/bench_ledger_import.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.exports.ledger_xlsx import write_ledger  # noqa: E402
from app.services.demos.demo import DEPARTMENTS  # noqa: E402
from app.services.demos.demo_plan import plan_year  # noqa: E402
from app.workflow.calendar import StatutoryCalendar  # noqa: E402
from app.services.ledger.ledger_plan import LedgerOptions  # noqa: E402
from tests.conftest import login_as  # noqa: E402
from app.services.ledger.ledger_service import LedgerService  # noqa: E402
from app.services.uow import Database  # noqa: E402

TODAY = date(2026, 11, 23)


def make_ledger(path: Path, n: int) -> None:
    """The demo year's stories as ledger rows (the state each had reached on TODAY)."""
    rows = []
    for i, st in enumerate(plan_year(TODAY, n, StatutoryCalendar(), seed=7)):
        done = dict((name, d) for d, name in st.steps(TODAY))
        c = st.correction
        reply = done.get("reply") or done.get("withdraw")
        rows.append({
            "申请编号": st.data.number, "收到日期": st.data.arrival_date, "申请方式": st.data.channel,
            "申请人": st.data.applicant_name, "申请人类型": st.data.applicant_type,
            "申请内容": c[4] if c and "correction_received" in done else st.data.description,
            "承办处室": DEPARTMENTS[i % len(DEPARTMENTS)] if "assign" in done else None,
            "补正告知日期": done.get("correct"), "补正收到日期": done.get("correction_received"),
            "征求意见开始日期": done.get("consult"), "征求意见结束日期": done.get("consult_answered"),
            "延期": "是" if "extension" in done else "否",
            "办理结果": st.outcome.label if reply else None, "答复日期": reply, "备注": None,
        })
    write_ledger(rows, path)


def read_only(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.xlsx"
        make_ledger(ledger, n)
        t = time.perf_counter()
        rows = read_only(ledger)
        read_s = time.perf_counter() - t
        db = Database.open(str(Path(tmp) / "bench.sqlite3"))
        clerk = login_as(db, "clerk1")       # logging in (scrypt) is not part of the import
        t = time.perf_counter()
        result = LedgerService(db, lambda: TODAY).import_file(clerk, ledger)
        import_s = time.perf_counter() - t
        assert result.ok and result.created == n, result.errors[:3]
        t = time.perf_counter()
        dry = LedgerService(db, lambda: TODAY).import_file(clerk, ledger, options=LedgerOptions(dry_run=True))
        dry_s = time.perf_counter() - t
        assert dry.ok and dry.unchanged == n, dry.errors[:3]
        t = time.perf_counter()
        result = LedgerService(db, lambda: TODAY).import_file(clerk, ledger)
        reimport_s = time.perf_counter() - t
        assert (result.updated, result.unchanged) == (0, n)     # nothing changed, nothing written
        db.dispose()
        fresh = Database.open(str(Path(tmp) / "dry.sqlite3"))
        clerk = login_as(fresh, "clerk1")
        t = time.perf_counter()
        dry_new = LedgerService(fresh, lambda: TODAY).import_file(clerk, ledger,
                                                                  options=LedgerOptions(dry_run=True))
        dry_new_s = time.perf_counter() - t
        assert dry_new.created == n
        fresh.dispose()
    print(f"rows: {rows - 1}")
    print(f"openpyxl read only:   {read_s:6.2f} s")
    print(f"import (new cases):   {import_s:6.2f} s  ratio {import_s / read_s:.2f}x (target ≤ 3x)")
    print(f"--dry-run, empty db:  {dry_new_s:6.2f} s  ratio {dry_new_s / read_s:.2f}x (would add every row)")
    print(f"--dry-run, same db:   {dry_s:6.2f} s  ratio {dry_s / read_s:.2f}x (every row compared, unchanged)")
    print(f"re-import unchanged:  {reimport_s:6.2f} s  ratio {reimport_s / read_s:.2f}x (nothing written)")


if __name__ == "__main__":
    main()
