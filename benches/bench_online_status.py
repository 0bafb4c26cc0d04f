"""Benchmark: the public status query (OnlineService.status) against its floor, the bare status step.

Fills N online submissions (default 2,000), then times S status queries with the right code and digits:
the whole service call (hashing, two throttle checks, the status step, building the public view) and, as
the floor, the bare step alone (PostgreSQL: ``SELECT dd_web_status(…)``; SQLite: the same step in Python).
Reports p50/p95 of each and their ratio (issue 23's goal: status ≤ 2× its floor at p95, measured there
over HTTP by the web branch's load test; this is the service's share of it).
Run: python benches/bench_online_status.py [--db URL] [N] [S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services.online import codes  # noqa: E402
from app.services.online.dto import Client  # noqa: E402
from app.services.online.online_service import OnlineService  # noqa: E402
from app.services.uow import Database  # noqa: E402
from tests.services.online.support import SECRET, citizen  # noqa: E402


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="")
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("s", nargs="?", type=int, default=500)
    args = ap.parse_args()
    db = Database.open(args.db or str(Path(tempfile.mkdtemp()) / "bench.sqlite3"))
    online = OnlineService(db, SECRET)
    t0 = time.perf_counter()
    codes_ = [online.submit(None, citizen(description=f"申请公开第{i}号文件"), [], Client(f"10.{i // 65536}.{i // 256 % 256}.{i % 256}")).query_code
              for i in range(args.n)]
    fill = time.perf_counter() - t0
    store = online._store
    service, floor = [], []
    for k in range(args.s):
        code = codes_[(k * 7919) % len(codes_)]
        client = Client(f"192.168.{k // 256 % 256}.{k % 256}")
        t = time.perf_counter()
        online.status(code, "5678", client)
        service.append(time.perf_counter() - t)
        h = codes.code_hash(SECRET, codes.normalise_code(code))
        l4 = codes.last4_hash(SECRET, h, "5678")
        t = time.perf_counter()
        with db.read() as uow:
            store.public_facts(uow.session, h, l4)
        floor.append(time.perf_counter() - t)
    print(f"{db.dialect}: {args.n} submissions in {fill:.1f} s ({fill / args.n * 1000:.1f} ms each)")
    print(f"status  p50 {_pct(service, .5):.2f} ms  p95 {_pct(service, .95):.2f} ms")
    print(f"floor   p50 {_pct(floor, .5):.2f} ms  p95 {_pct(floor, .95):.2f} ms")
    print(f"ratio   p50 {statistics.median(service) / statistics.median(floor):.2f}  "
          f"p95 {_pct(service, .95) / _pct(floor, .95):.2f}")
    db.dispose()


if __name__ == "__main__":
    main()
