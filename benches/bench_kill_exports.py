"""kill -9 during each export, N times per export, over a good file: how many good files survive?

    python benches/bench_kill_exports.py [N] [--db postgresql+psycopg://…]

Each round starts a child that writes every export (ledger, annual report .xlsx/.docx/.pdf, letter
.docx/.pdf, backup) over its target, then SIGKILLs it at a random moment while the chosen export is being
rewritten (as soon as a file in the export folder appears or changes, plus 0–3 ms), and checks the
target is still a whole file. The issue's probe: 19 of 40 files broken.
"""

import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISCLOSURE_DESK_SCRYPT_N", str(2**10))

from app.services.container import Services  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.outcomes import Outcome  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402
from tests.conftest import TEST_PASSWORD, login_as  # noqa: E402
from tests.exports.export_loop import TARGETS  # noqa: E402
from tests.exports.kill_support import kill_during  # noqa: E402
from tests.services.helpers import add_department, request_input  # noqa: E402


def prepare(url: str) -> tuple[Database, int]:
    db = Database.open(url)
    s = Services.build(db, lambda: date(2025, 6, 30))
    clerk, handler = login_as(db, "clerk1", "王登记"), login_as(db, "handler1", "李承办", Role.HANDLER)
    chief = login_as(db, "chief1", "赵科长", Role.CHIEF)
    dept = add_department(db)
    for i in range(40):
        d = s.requests.register(clerk, request_input(applicant_name=f"申请人{i}"))
        d = s.cases.assign(clerk, d.id, d.version, dept)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在", outcome=Outcome.NOT_HELD)
    letter = s.letters.issue(handler, d.id)
    s.cases.sign_off(chief, d.id, d.version)
    s.letters.sign(chief, letter.id)                 # 签发 is the chief's own act (issue 19.2)
    return db, letter.id


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10
    folder = Path(tempfile.mkdtemp(prefix="ddkill."))
    url = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else str(folder / "office.sqlite3")
    db, letter_id = prepare(url)
    url = db.engine.url.render_as_string(hide_password=False)
    folder = folder / "exports"                      # only the exports: the kill waits for a change here
    folder.mkdir()
    env = {**os.environ, "DISCLOSURE_DESK_PASSWORD": TEST_PASSWORD}
    rng, total, kept = random.Random(2026), 0, 0
    for kind in TARGETS:
        if kind == "backup" and db.dialect != "sqlite":
            continue
        ok = sum(kill_during(url, folder, letter_id, kind, env, rng) for _ in range(n))
        total, kept = total + n, kept + ok
        print(f"{kind:12s} {ok}/{n} good files survived the kill")
    print(f"all exports: {kept}/{total} survived ({db.dialect})")
    db.dispose()


if __name__ == "__main__":
    main()
