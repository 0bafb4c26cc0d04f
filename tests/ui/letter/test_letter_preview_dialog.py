"""The letter preview dialog: preview before issuing, save as Word/PDF, print through the print seam, sign."""

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.ui.common import prompts
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.ui.common.tasks import wait_all
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.modal import answer_modal
from tests.services.helpers import add_department, request_input

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def no_leftover_answers():
    yield
    for kind in ("save_file", "print", "confirm", "error"):
        prompts.set_answer(kind, None)
    wait_all()


@pytest.fixture
def case(sqlite_db, clerk, handler):
    """A case answered 予以公开, paper by post: the reply cites 第三十六条第（二）项."""
    requests, cases = RequestService(sqlite_db, fixed_today(TODAY)), CaseService(sqlite_db, fixed_today(TODAY))
    d = requests.register(clerk, request_input(requested_form="纸质", delivery="邮寄"))
    d = cases.assign(clerk, d.id, d.version, add_department(sqlite_db))
    d = cases.submit(handler, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    return LetterService(sqlite_db, fixed_today(TODAY)), d.id


def opened(qtbot, letters, actor, rid, kind=None) -> LetterPreviewDialog:
    dialog = LetterPreviewDialog(None, letters, actor, rid, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=20000)
    return dialog


def idle(qtbot, dialog, condition):
    qtbot.waitUntil(lambda: condition() and not dialog.busy, timeout=20000)


def test_preview_shows_the_letter_before_anything_is_issued(qtbot, case, handler):
    letters, rid = case
    dialog = opened(qtbot, letters, handler, rid)
    assert dialog.view.page_count() == 1
    assert dialog.status.text().startswith("尚未出具")
    texts = [t.text for t in dialog.preview.pages[0].texts]
    assert "政府信息公开申请答复书" in texts and "（文号出具时生成）" in texts
    assert letters.letters(rid) == []
    image = dialog.view.grab().toImage()
    rect = dialog.view.page_rect(0).toRect()
    dark = sum(1 for x in range(rect.left() + 60, rect.right() - 60, 3)
               for y in range(rect.top() + 90, rect.top() + 200, 3) if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50                     # the title is painted, not a blank page
    assert not dialog.sign_button.isEnabled()          # a 承办人 does not sign


def test_save_as_word_then_pdf(qtbot, case, handler, tmp_path):
    letters, rid = case
    number = RequestService(letters._db, fixed_today(TODAY)).detail(rid).number
    dialog = LetterPreviewDialog(None, letters, handler, rid, None, case_number=number)   # as open_letter_dialog does
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=20000)
    asked = []
    prompts.set_answer("save_file", lambda title, suggested: asked.append(suggested) or str(tmp_path / "答复书"))
    dialog.save_docx_button.click()
    idle(qtbot, dialog, lambda: (tmp_path / "答复书.docx").exists() and dialog.status.text().startswith("已保存"))
    text = "".join(p.text for p in Document(tmp_path / "答复书.docx").paragraphs)
    assert "某自然资规依复〔2025〕1号" in text and "第三十六条第（二）项" in text
    prompts.set_answer("save_file", lambda title, suggested: asked.append(suggested) or str(tmp_path / "r.pdf"))
    dialog.save_pdf_button.click()
    idle(qtbot, dialog, lambda: (tmp_path / "r.pdf").exists() and dialog.status.text().startswith("已保存"))
    # the case number and the kind, then the 文号 once the letter has one
    assert asked == [f"{number}-政府信息公开申请答复书.docx", f"{number}-政府信息公开申请答复书-某自然资规依复〔2025〕1号.pdf"]
    assert (tmp_path / "r.pdf").read_bytes() == letters.files(letters.letters(rid)[0].id).pdf
    assert len(letters.letters(rid)) == 1               # saving twice issued one letter


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_print_goes_through_the_print_dialog_seam(qtbot, case, clerk, tmp_path):
    letters, rid = case
    dialog = opened(qtbot, letters, clerk, rid)
    out = tmp_path / "printed.pdf"

    def to_file(title, printer):
        assert title.startswith("政府信息公开申请答复书（予以公开） 某自然资规依复〔2025〕1号")
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    prompts.set_answer("print", to_file)
    dialog.print_button.click()
    idle(qtbot, dialog, lambda: dialog.status.text().startswith("已送打印"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "政府信息公开申请答复书" in flat and "第三十六条第（二）项的规定，本机关决定予以公开。" in flat
    assert flat.endswith("某某市自然资源和规划局2025年6月30日—1—")
    assert flat == "".join(subprocess.run(["pdftotext", "-", "-"], input=letters.files(letters.letters(rid)[0].id)
                                          .pdf, capture_output=True, check=True).stdout.decode().split())
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True).stdout.decode()
    assert "(A4)" in info


def test_a_chief_signs_from_the_preview(qtbot, case, chief):
    letters, rid = case
    dialog = opened(qtbot, letters, chief, rid)
    assert dialog.sign_button.isEnabled()
    prompts.set_answer("confirm", lambda title, text: True)
    dialog.sign_button.click()
    idle(qtbot, dialog, lambda: "已签发" in dialog.status.text())
    [letter] = letters.letters(rid)
    assert (letter.state, letter.signed_by) == ("已签发", "chief1")
    assert not dialog.sign_button.isEnabled()


def test_missing_record_is_said_above_the_page_without_a_message_box(qtbot, case, clerk):
    letters, rid = case
    errors = []
    prompts.set_answer("error", lambda title, text: errors.append(text))
    dialog = LetterPreviewDialog(None, letters, clerk, rid, LetterKind.CORRECTION)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.status.text().startswith("该申请没有补正告知记录")
    assert errors == [] and dialog.view.page_count() == 0      # the user picks another document instead
    assert not dialog.save_docx_button.isEnabled() and dialog.kind_combo.isEnabled()
    dialog.kind_combo.setCurrentIndex(list(LetterKind).index(LetterKind.REPLY))
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=20000)
    assert dialog.view.page_count() == 1 and dialog.save_docx_button.isEnabled()


def test_ask_takes_exactly_the_letter_service(qtbot, case, clerk):
    letters, rid = case
    container = type("Services", (), {"letters": letters})()
    with pytest.raises(TypeError):          # a wiring mistake fails loudly, not as a clerk's error box
        LetterPreviewDialog.ask(None, container, clerk, rid)
    with pytest.raises(TypeError):
        LetterPreviewDialog.ask(None, letters.letters, clerk, rid)

    def look_and_close(dialog):
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=20000)
        texts = [t.text for t in dialog.preview.pages[0].texts]
        dialog.findChild(QPushButton, "close_button").click()
        return dialog.kind, texts

    driver = answer_modal(LetterPreviewDialog, look_and_close)
    assert LetterPreviewDialog.ask(None, letters, clerk, rid, LetterKind.RECEIPT) is None   # nothing issued
    kind, texts = driver.check()
    assert kind == LetterKind.RECEIPT and "某自然资规依申〔2025〕1号" in "".join(texts)


def test_a_letter_file_name_keeps_no_character_windows_forbids():
    from app.ui.letter.letters import letter_file_stem

    assert letter_file_stem("YSQ-2025-0007", "补正申请告知书", "") == "YSQ-2025-0007-补正申请告知书"
    assert letter_file_stem("A/1", "答复书", "某局依复〔2025〕3号:*") == "A_1-答复书-某局依复〔2025〕3号__"
