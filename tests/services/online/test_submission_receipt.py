"""The 提交凭证 PDF read back with pdftotext: the code, the masked numbers, the Art 31 note, fonts embedded."""

import shutil
import subprocess

import pytest

from app.exports.submission_receipt import submission_receipt_pdf
from tests.services.online.support import HOME, citizen, png, services


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_receipt_pdf_lists_what_was_submitted(sqlite_db, tmp_path):
    online, *_ = services(sqlite_db)
    receipt = online.submit(None, citizen(description="某路<b>拓宽</b>工程规划许可证"), [png()], HOME)
    path = tmp_path / "receipt.pdf"
    path.write_bytes(submission_receipt_pdf(receipt))
    words = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert receipt.query_code in words
    assert "1101**********002X" in words and "138****5678" in words
    assert "11010519491231002X" not in words and "13812345678" not in words
    assert "某路<b>拓宽</b>工程规划许可证" in words            # shown as typed, not interpreted
    assert "第三十一条第（三）项" in words and "身份证.png" in words
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert fonts.count("yes yes") >= 1                          # embedded subsets
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    "/work/shots/online-core/submission-receipt"], check=False)
