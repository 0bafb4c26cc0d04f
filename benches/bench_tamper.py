"""Tamper with the audit trail N ways (after dropping the guards) and count how many verify-audit finds.

    python benches/bench_tamper.py [N]

A copy of a demo office database per round; one random tamper each: edit a random column of a random
event, delete a random event, cut the tail, swap a signed letter's PDF and its stored checksum, or
re-hash an edited row (the next row then breaks). Every one must be found.
"""

import os
import random
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

from app.services.trust.audit_chain import GENESIS, link  # noqa: E402
from app.services.trust.audit_service import AuditService  # noqa: E402
from app.services.demos.demo import fill_demo  # noqa: E402
from app.services.uow import Database  # noqa: E402
sys.path.insert(0, str(ROOT / "benches"))
from bench_kill_exports import prepare  # noqa: E402

COLUMNS = ("at", "actor", "host", "kind", "field", "old", "new", "reason", "request_id")


def tamper(path: Path, rng: random.Random) -> str:
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER events_no_update")
        c.execute("DROP TRIGGER events_no_delete")
        n = c.execute("SELECT max(id) FROM events").fetchone()[0]
        how = rng.choice(("edit", "delete", "tail", "letter", "rehash"))
        victim = rng.randint(1, n - 1)
        if how == "edit":
            col = rng.choice(COLUMNS)
            value = "2020-01-01 00:00:00.000000" if col == "at" else (1 if col == "request_id" else "改")
            c.execute(f"UPDATE events SET {col} = ? WHERE id = ?", (value, victim))
        elif how == "delete":
            c.execute("DELETE FROM events WHERE id = ?", (victim,))
        elif how == "tail":
            c.execute("DELETE FROM events WHERE id > ?", (n - rng.randint(1, 3),))
        elif how == "letter":
            import hashlib
            fake = b"%PDF-1.4 forged"
            c.execute("UPDATE letters SET pdf = ?, sha256 = ? WHERE state = '已签发'",
                      (fake, hashlib.sha256(fake).hexdigest()))
        else:   # edit a row and recompute its own hash from the stored previous one
            c.execute("UPDATE events SET reason = '改' WHERE id = ?", (victim,))
            prev = c.execute("SELECT hash FROM events WHERE id = ?", (victim - 1,)).fetchone()
            cols = ("id", "request_id", "at", "actor", "host", "kind", "field", "old", "new", "reason")
            row = dict(zip(cols, c.execute(f"SELECT {', '.join(cols)} FROM events WHERE id = ?",
                                           (victim,)).fetchone()))
            from datetime import datetime
            row["at"] = datetime.fromisoformat(row["at"])
            c.execute("UPDATE events SET hash = ? WHERE id = ?", (link(prev[0] if prev else GENESIS, row), victim))
    return how


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    folder = Path(tempfile.mkdtemp(prefix="ddtamper."))
    base = folder / "office.sqlite3"
    db, _letter = prepare(str(base))
    fill_demo(db, cases=60, today=date(2025, 6, 30))
    assert AuditService(db).verify().ok
    db.dispose()
    rng, found, kinds = random.Random(7), 0, {}
    for i in range(n):
        copy = folder / f"t{i}.sqlite3"
        shutil.copyfile(base, copy)
        how = tamper(copy, rng)
        t = Database.open(str(copy))
        check = AuditService(t).verify()
        t.dispose()
        copy.unlink()
        found += not check.ok
        kinds.setdefault(how, [0, 0])
        kinds[how][0] += not check.ok
        kinds[how][1] += 1
    for how, (f, total) in sorted(kinds.items()):
        print(f"{how:7s} {f}/{total} detected")
    print(f"tampering detected: {found}/{n}")


if __name__ == "__main__":
    main()
