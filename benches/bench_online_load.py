"""Load test: 50 simultaneous applicants submitting and querying for 60 s against 2 uvicorn workers on
PostgreSQL, all on loopback. Bounded in count and time; stops by itself.

Each applicant (its own cookies, its own address as the trusted proxy forwards it) loops: open the
form, wait as a person would (the service refuses a form sent back within 3 s), submit, then follow the
case: look it up once and open the status page a few times, fetching the stylesheet as a browser does.

Reported:
- submissions accepted by the server vs rows in the database afterwards (lost = accepted − rows);
- errors (any answer not the expected one, any connection failure);
- p50/p95 of submit and of the status query, each also as a ratio to two floors measured in the same
  run under the same load: a static file from the same server (the HTTP floor) and the bare SQL of a
  status query timed directly with psycopg (the database floor). Goal: status query p95 ≤ 2× its floor.

Run: python benches/bench_online_load.py [--applicants 50] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

from tests.web.servers import Uvicorn  # noqa: E402

MAX_SUBMITS_PER_APPLICANT = 18        # under the service's 20 per address per hour
QUERIES_PER_SUBMIT = 5
THINK_SECONDS = 3.2                   # the form clock: a person takes longer than 3 s
HIDDEN = re.compile(r'name="(csrf|challenge)" value="([^"]*)"')
GROUP = re.compile(r'<span class="group">([0-9A-Z]{4})</span>')
PLACES = ("东城", "西城", "南湖", "北山", "滨江", "高新", "临港", "新城", "老城", "江北")
SUBJECTS = ("小区规划许可证及附图", "道路改造工程立项批复", "征收补偿安置方案", "环评审批文件", "部门预算",
            "学校扩建工程规划设计条件", "河道整治工程验收报告", "集体土地征收批复")


class Tally:
    def __init__(self):
        self.submit: list[float] = []
        self.query: list[float] = []
        self.lookup: list[float] = []
        self.static: list[float] = []
        self.sql: list[float] = []
        self.accepted = 0
        self.errors: dict[str, int] = {}

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def id_of(i: int) -> str:
    """A resident ID number with a correct check digit (GB 11643: weights 2^(17-k) mod 11)."""
    body = f"110105199001{(i % 28) + 1:02d}{i % 1000:03d}"[:17]
    total = sum(int(ch) * (2 ** (17 - k) % 11) for k, ch in enumerate(body))
    return body + "10X98765432"[total % 11]


def phone_of(i: int, n: int) -> str:
    return f"139{i:04d}{n:04d}"


async def applicant(i: int, base: str, agency: str, deadline: float, tally: Tally) -> None:
    address = f"10.{i // 200}.{i % 200}.{1 + i % 250}"
    # As the proxy forwards it (plain http on loopback, so no X-Forwarded-Proto: cookies stay non-Secure).
    headers = {"x-forwarded-for": address}
    async with httpx2.AsyncClient(base_url=base, headers=headers, timeout=30.0, follow_redirects=False) as c:
        for n in range(MAX_SUBMITS_PER_APPLICANT):
            if time.monotonic() + THINK_SECONDS + 1 > deadline:
                return
            try:
                r = await c.get(f"/apply/{agency}")
                if r.status_code != 200:
                    tally.error(f"form {r.status_code}")
                    continue
                fields = dict(HIDDEN.findall(r.text))
                t = time.perf_counter()
                s = await c.get("/static/site.css")
                tally.static.append(time.perf_counter() - t)
                if s.status_code != 200:
                    tally.error(f"static {s.status_code}")
                await asyncio.sleep(THINK_SECONDS)
                data = {**fields, "applicant_type": "公民", "name": f"申请人{i}号", "id_type": "居民身份证",
                        "id_number": id_of(i), "phone": phone_of(i, n), "address": f"{PLACES[i % 10]}路{n}号",
                        "postcode": "100000", "form": "电子", "delivery": "在线获取",
                        "description": f"申请公开{PLACES[(i + n) % 10]}{SUBJECTS[(i * 7 + n) % 8]}（第{i}-{n}件）"}
                t = time.perf_counter()
                r = await c.post(f"/apply/{agency}", data=data)
                tally.submit.append(time.perf_counter() - t)
                groups = GROUP.findall(r.text)
                if r.status_code != 200 or len(groups) < 5:
                    tally.error(f"submit {r.status_code}")
                    continue
                tally.accepted += 1
                code = "-".join(groups)
                r = await c.get("/status")
                lookup = dict(HIDDEN.findall(r.text))
                t = time.perf_counter()
                r = await c.post("/status", data={"csrf": lookup.get("csrf", ""), "query_code": code,
                                                  "last4": phone_of(i, n)[-4:]})
                tally.lookup.append(time.perf_counter() - t)
                if r.status_code != 303:
                    tally.error(f"lookup {r.status_code}")
                    continue
                for _ in range(QUERIES_PER_SUBMIT):
                    if time.monotonic() > deadline:
                        return
                    t = time.perf_counter()
                    r = await c.get("/status")
                    tally.query.append(time.perf_counter() - t)
                    if r.status_code != 200 or 'id="stage"' not in r.text:
                        tally.error(f"status {r.status_code}")
            except httpx2.HTTPError as e:
                tally.error(type(e).__name__)


def sql_floor(probe: tuple[str, str, tuple], stop: threading.Event, tally: Tally) -> None:
    """The bare SQL of a status query (as dd_web), timed with psycopg at ~20/s while the load runs."""
    import psycopg

    url, sql, params = probe
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute(sql, params).fetchone()[0] is not None     # a real case's status
        while not stop.is_set():
            t = time.perf_counter()
            conn.execute(sql, params).fetchall()
            tally.sql.append(time.perf_counter() - t)
            time.sleep(0.05)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(tally: Tally, rows: int, seconds: float) -> str:
    ms = lambda v: f"{v * 1000:7.1f} ms"  # noqa: E731
    static50, static95 = pct(tally.static, 50), pct(tally.static, 95)
    sql50, sql95 = pct(tally.sql, 50), pct(tally.sql, 95)
    floor50, floor95 = static50 + sql50, static95 + sql95
    lines = [f"ran {seconds:.1f} s; submissions accepted {tally.accepted}, rows in the database {rows}, "
             f"lost {tally.accepted - rows}; errors {sum(tally.errors.values())} {tally.errors or ''}",
             f"floors: static file p50 {ms(static50)} p95 {ms(static95)} (n={len(tally.static)}); "
             f"bare status SQL p50 {ms(sql50)} p95 {ms(sql95)} (n={len(tally.sql)}); "
             f"floor = static + SQL: p50 {ms(floor50)} p95 {ms(floor95)}"]
    for name, values in (("submit", tally.submit), ("lookup (POST)", tally.lookup), ("status query", tally.query)):
        p50, p95 = pct(values, 50), pct(values, 95)
        lines.append(f"{name:14} n={len(values):5}  p50 {ms(p50)} ({p50 / floor50:5.1f}× floor)  "
                     f"p95 {ms(p95)} ({p95 / floor95:5.1f}× floor)")
    q95 = pct(tally.query, 95)
    lines.append(f"goal status query p95 ≤ 2× floor: {'met' if q95 <= 2 * floor95 else 'NOT met'} "
                 f"({q95 / floor95:.2f}×)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from benches.bench_shared_office import pg_server
    from tests.web.online_setup import bare_status_sql, count_submissions, server_database

    with pg_server() as url, server_database(url) as site:
        log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_online_load.{os.getpid()}.log"
        server = Uvicorn(site.web_url, site.env, workers=args.workers, trusted_proxy="127.0.0.1", log_path=log)
        tally = Tally()
        stop = threading.Event()
        probe = bare_status_sql(site)        # makes one submission of its own, counted below
        floor = threading.Thread(target=sql_floor, args=(probe, stop, tally), daemon=True)
        try:
            floor.start()
            started = time.monotonic()
            deadline = started + args.seconds

            async def crowd():
                await asyncio.wait_for(asyncio.gather(*(applicant(i, server.url, site.agency, deadline, tally)
                                                        for i in range(args.applicants))),
                                       timeout=args.seconds + 60)
            asyncio.run(crowd())
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            floor.join(timeout=5)
            server.stop()
        rows = count_submissions(site) - 1      # less the probe's own
        print(report(tally, rows, elapsed))
        print(f"server log: {log}")
        return 0 if tally.accepted == rows and not tally.errors else 1


if __name__ == "__main__":
    sys.exit(main())
