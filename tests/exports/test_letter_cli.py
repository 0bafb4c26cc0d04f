"""``python -m app letter``: the reply for the recorded outcome by default, notices by --kind."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from app.cli import main
from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD, configure_test_office, fixed_today, login_as
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)


@pytest.fixture
def case_db(tmp_path, monkeypatch):
    """A case received 2025-01-20, 补正 requested and received, answered 信息不存在 (四.1).

    The commands below run as ``--user clerk1`` with the password in DISCLOSURE_DESK_PASSWORD."""
    path = tmp_path / "desk.sqlite3"
    db = configure_test_office(Database.open(str(path)))
    clerk, handler = login_as(db, "clerk1", "王登记"), login_as(db, "handler1", "李承办", Role.HANDLER)
    monkeypatch.setenv("DISCLOSURE_DESK_PASSWORD", TEST_PASSWORD)
    requests, cases = RequestService(db, fixed_today(TODAY)), CaseService(db, fixed_today(TODAY))
    d = requests.register(clerk, request_input())
    d = cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    letters = LetterService(db, fixed_today(date(2025, 1, 22)))             # the notice, signed on its day
    letters.sign(login_as(db, "chief1", "赵科长", Role.CHIEF), letters.issue(clerk, d.id, LetterKind.CORRECTION).id)
    d = cases.receive_correction(clerk, d.id, d.version, date(2025, 2, 10))
    d = cases.assign(clerk, d.id, d.version, add_department(db))
    cases.submit(handler, d.id, d.version, decision="信息不存在", outcome=Outcome.NOT_HELD)
    db.dispose()
    return str(path)


NUMBER = "某自然资规依申〔2025〕1号"


def test_reply_for_the_recorded_outcome(case_db, tmp_path, capsys):
    out = tmp_path / "答复书.docx"
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(out)]) == 0
    text = "".join(p.text for p in Document(out).paragraphs)
    assert "根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，现告知您该政府信息不存在。" in text
    assert ("因申请内容不明确，本机关于2025年1月22日以《补正申请告知书》（某自然资规依补〔2025〕1号）告知您作出补正，"
            "并于2025年2月10日收到您补正后的申请。") in text
    assert "或者自收到本答复之日起六个月内向某某区人民法院提起行政诉讼。" in text
    assert "某自然资规依复〔" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_correction_notice_as_pdf(case_db, tmp_path, capsys):
    out = tmp_path / "补正.pdf"
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(out), "--kind", "补正"]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
    assert "补正申请告知书" in text and "第三十条" in text and "请写明小区名称" in text
    assert "已出具：补正申请告知书" in capsys.readouterr().out
    # the same letter again: the notice signed on 2025-01-22 as it was sent, no new number
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(tmp_path / "again.docx"), "--kind", "补正"]) == 0
    again = [p.text for p in Document(io.BytesIO((tmp_path / "again.docx").read_bytes())).paragraphs]
    assert again[2] == "某自然资规依补〔2025〕1号"


def test_refusals_are_explained(case_db, tmp_path, capsys):
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(tmp_path / "x.txt")]) == 2
    assert ".docx 或 .pdf" in capsys.readouterr().err
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(tmp_path / "x.pdf"), "--kind", "缴费"]) == 2
    assert "没有缴费通知记录" in capsys.readouterr().err
    assert main(["--db", case_db, "--user", "clerk1", "letter", "不存在", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "未找到申请编号" in capsys.readouterr().err
    assert main(["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(tmp_path / "x.pdf"), "--kind", "通知"]) == 2
    assert "可选" in capsys.readouterr().err


def test_service_receipt_for_the_chosen_signed_notice(case_db, tmp_path, capsys):
    out = tmp_path / "回证.docx"
    args = ["--db", case_db, "--user", "clerk1", "letter", NUMBER, "--out", str(out), "--kind", "送达回证"]
    assert main(args) == 2                                    # the reply was never signed: nothing served
    assert "政府信息公开申请答复书尚未出具" in capsys.readouterr().err
    assert main(args + ["--served", "补正"]) == 0               # the 补正 notice signed on 2025-01-22
    text = "".join(c.text for t in Document(out).tables for row in t.rows for c in row.cells)
    assert "补正申请告知书（某自然资规依补〔2025〕1号）" in text and "李四" in text
    assert main(args + ["--served", "回执"]) == 2
    assert "送达回证的送达文书应为" in capsys.readouterr().err
