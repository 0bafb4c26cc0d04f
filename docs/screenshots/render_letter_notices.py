"""Render the Art 32/34/35 notices and a 部分公开 reply to PNG (pdftoppm -r 60) from a throwaway database.

``python docs/screenshots/render_letter_notices.py`` writes docs/screenshots/letter-*.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.exports.letters.kinds import LetterKind  # noqa: E402
from app.models import Department  # noqa: E402
from app.services.container import Services  # noqa: E402
from app.services.dto import Actor, RequestInput  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.workflow.deadline import PauseKind  # noqa: E402
from app.workflow.outcomes import Outcome  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402

OUT = Path(__file__).resolve().parent
CLERK, HANDLER = Actor("clerk", "王登记", Role.CLERK), Actor("handler", "李承办", Role.HANDLER)


def _png(pdf: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "x.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(src),
                        str(OUT / name)], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(str(Path(tmp) / "r.sqlite3"))
        sv = Services.build(db, lambda: date(2025, 3, 28))
        with db.uow() as uow:
            uow.session.add(Department(name="规划科"))
            uow.commit()
        d = sv.requests.register(CLERK, RequestInput("某某置业有限公司", "商业企业", "当面",
                                                     "申请公开某小区建设工程规划许可证及附图", date(2025, 2, 10)))
        d = sv.cases.assign(CLERK, d.id, d.version, 1)
        d = sv.cases.start_consultation(HANDLER, d.id, d.version, PauseKind.THIRD_PARTY, "某某建设集团有限公司",
                                        date(2025, 2, 12), date(2025, 2, 13))
        d = sv.cases.end_consultation(HANDLER, d.id, d.version, date(2025, 2, 24), "附图涉及本公司商业秘密，不同意公开")
        d = sv.letter_facts.decide_disclosure_over_objection(
            HANDLER, d.id, d.version, d.consultations[-1].id,
            "规划总平面图关系周边居民采光、通风等重大切身利益，不公开可能对公共利益造成重大影响")
        d = sv.cases.start_consultation(HANDLER, d.id, d.version, PauseKind.OTHER_AGENCY, "某某市住房和城乡建设局",
                                        date(2025, 2, 25))
        d = sv.cases.end_consultation(HANDLER, d.id, d.version, date(2025, 3, 5), "同意公开")
        d = sv.cases.set_reasonable_deadline(CLERK, d.id, d.version, date(2025, 5, 30),
                                             "申请涉及2010年以来的全部规划许可档案共计1200卷")
        for kind, name in ((LetterKind.DISCLOSURE_DECISION, "letter-art32-disclosure"),
                           (LetterKind.AGENCY_CONSULTATION, "letter-art34-agency"),
                           (LetterKind.REASONS_REQUEST, "letter-art35-reasons"),
                           (LetterKind.REASONABLE_DEADLINE, "letter-art35-deadline")):
            _png(sv.letters.files(sv.letters.issue(CLERK, d.id, kind).id).pdf, name)
        d = sv.cases.submit(HANDLER, d.id, d.version, decision="部分公开", outcome=Outcome.PARTIAL,
                            reasons="附图中某某建设集团有限公司的结构计算书属于商业秘密，已作遮盖处理",
                            withheld_ground="三.4")
        _png(sv.letters.files(sv.letters.issue(HANDLER, d.id).id).pdf, "letter-reply-partial")
        db.dispose()


if __name__ == "__main__":
    main()
