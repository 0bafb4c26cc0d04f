"""Benchmark: one letter as Word and as PDF, and a batch of 100 letters.

Figures: (1) one 不予公开 reply rendered to .docx and to .pdf, in-process, first call (imports and font
registration) and then the median of warm calls; (2) 100 replies rendered to both files, in-process;
(3) 100 replies issued through LetterService on a fresh SQLite file, each in its own transaction
(文号 taken, both files rendered and stored, audited) — what a clerk's batch costs; (4) one
``python -m app letter`` command in a new process, as an office script runs it.
Run: python benches/bench_letters.py [BATCH]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.exports.letters import LetterData, LetterKind  # noqa: E402
from app.exports.letters.legal import remedy_clause, ruling_for  # noqa: E402
from app.exports.letters.render import render_docx, render_letter, render_pdf  # noqa: E402
from app.exports.letters.templates import template_for  # noqa: E402

TODAY = date(2025, 6, 30)


def sample(i: int = 1) -> LetterData:
    r = ruling_for("三.1", "不予公开")
    return LetterData(
        kind=LetterKind.REPLY.value, variant=r.variant, title=LetterKind.REPLY.value,
        agency_name="某某市自然资源和规划局", agency_short="某自然资规", doc_number=f"某自然资规依复〔2025〕{i}号",
        issue_date="2025年6月30日", addressee=f"申请人{i}", applicant_name=f"申请人{i}",
        request_number=f"某自然资规依申〔2025〕{i}号", receipt_date="2025年1月20日",
        request_content="某小区规划许可证及附图", ground=r.ground,
        history="经本机关政府信息公开工作机构负责人同意，本机关于2025年2月20日告知您延长答复期限20个工作日。",
        reasons_sentence="该附图已由保密行政管理部门确定为秘密级国家秘密。", legal_basis=r.citation,
        conclusion=r.conclusion, remedy=remedy_clause(True, "某某市人民政府", "某某区人民法院"))


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def one_letter() -> None:
    template = template_for(LetterKind.REPLY, "不予公开")
    first_docx = timed(render_docx, sample(), template)
    first_pdf = timed(render_pdf, sample(), template)
    docx = statistics.median(timed(render_docx, sample(), template) for _ in range(15))
    pdf = statistics.median(timed(render_pdf, sample(), template) for _ in range(15))
    both = statistics.median(timed(render_letter, sample(), template) for _ in range(15))
    print(f"one letter   Word: first {first_docx * 1000:6.0f} ms, warm median {docx * 1000:5.1f} ms")
    print(f"one letter   PDF:  first {first_pdf * 1000:6.0f} ms, warm median {pdf * 1000:5.1f} ms")
    print(f"one letter   Word + PDF from one fill (render_letter): warm median {both * 1000:5.1f} ms")


def batch_render(n: int) -> None:
    template = template_for(LetterKind.REPLY, "不予公开")
    t = time.perf_counter()
    size = 0
    for i in range(1, n + 1):
        out = render_letter(sample(i), template)
        size += len(out.docx) + len(out.pdf)
    elapsed = time.perf_counter() - t
    print(f"batch {n:4d}  render Word + PDF in-process: {elapsed:6.2f} s  ({elapsed / n * 1000:.0f} ms/letter, "
          f"{size / n / 1024:.0f} KiB/letter)")


def batch_issue(n: int, folder: Path) -> Path:
    from app.services.cases.case_service import CaseService
    from app.services.letters.letter_service import LetterService
    from app.services.cases.request_service import RequestService
    from app.services.uow import Database
    from app.workflow.outcomes import Outcome
    from app.workflow.vocabulary import Role
    from tests.services.helpers import add_department, request_input

    path = folder / "bench.sqlite3"
    db = Database.open(str(path))
    today = (lambda: TODAY)  # noqa: E731 - a fixed 'today' for the services
    from tests.conftest import configure_test_office, login_as

    configure_test_office(db)                            # letters wait for the office's names
    clerk, handler = login_as(db, "clerk1", "王登记", Role.CLERK), login_as(db, "handler1", "李承办", Role.HANDLER)
    requests, cases, letters = RequestService(db, today), CaseService(db, today), LetterService(db, today)
    dept = add_department(db)
    ids = []
    for i in range(n):
        d = requests.register(clerk, request_input(applicant_name=f"申请人{i}"))
        d = cases.assign(clerk, d.id, d.version, dept)
        d = cases.submit(handler, d.id, d.version, decision="不予公开", outcome=Outcome.STATE_SECRET,
                         reasons="该附图已由保密行政管理部门确定为秘密级国家秘密")
        ids.append(d.id)
    letters.issue(handler, ids[0])                       # warm-up: fonts, templates
    t = time.perf_counter()
    numbers = [letters.issue(handler, rid).doc_number for rid in ids[1:]]
    elapsed = time.perf_counter() - t
    again = time.perf_counter()
    for rid in ids[1:]:
        letters.issue(handler, rid)                      # unchanged: nothing rendered, no number taken
    unchanged = time.perf_counter() - again
    print(f"batch {n - 1:4d}  issue through LetterService (SQLite, one transaction each): {elapsed:6.2f} s "
          f"({elapsed / (n - 1) * 1000:.0f} ms/letter); last 文号 {numbers[-1]}")
    print(f"batch {n - 1:4d}  issue again, unchanged (no render, no number): {unchanged:6.2f} s "
          f"({unchanged / (n - 1) * 1000:.1f} ms/letter)")
    db.dispose()
    return path


def command(db: Path, folder: Path) -> None:
    runs = []
    for suffix in (".docx", ".pdf"):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app", "--db", str(db), "letter", "某自然资规依申〔2025〕2号",
                        "--out", str(folder / f"cli{suffix}")], cwd=ROOT, check=True, capture_output=True)
        runs.append((suffix, time.perf_counter() - t))
    print("command      " + ", ".join(f"python -m app letter → {s}: {e:.2f} s" for s, e in runs)
          + " (new process: imports, migrations check, issue, write)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    one_letter()
    batch_render(n)
    with tempfile.TemporaryDirectory() as tmp:
        db = batch_issue(n + 1, Path(tmp))
        command(db, Path(tmp))


if __name__ == "__main__":
    main()
