"""Attachment and material names are cleaned for Windows on every system (issue 21 item 10)."""

import pytest

from app.workflow.file_names import windows_safe


@pytest.mark.parametrize("given, stored", [
    ("CON", "_CON"),                         # a device name: Windows cannot create it at all
    ("PRN.pdf", "_PRN.pdf"),                 # …nor with an extension
    ("com1.pdf", "_com1.pdf"),               # case does not matter to Windows
    ("LPT9.docx", "_LPT9.docx"),
    ("NUL.tar.gz", "_NUL.tar.gz"),
    ("CONSENT.pdf", "CONSENT.pdf"),          # only the exact device name, not a word starting with it
    ("COM10.pdf", "COM10.pdf"),              # COM1–COM9 only
    ("a<b>c|d?.pdf", "a_b_c_d_.pdf"),        # < > | ? are forbidden characters
    ('x:"y"*.pdf', "x__y__.pdf"),            # : " * too
    ("报告. ", "报告"),                       # trailing dot and space are dropped by Windows
    ("C:\\Users\\王\\申请书.pdf", "申请书.pdf"),  # a Windows path keeps only its name
    ("/tmp/../etc/passwd", "passwd"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a bidi override cannot disguise an .exe
    ("..", "附件"), ("", "附件"), ("???", "___"),
])
def test_names_windows_refuses_are_cleaned(given, stored):
    assert windows_safe(given) == stored


def test_a_765_byte_name_is_cut_to_200_bytes_keeping_its_extension():
    # 255 Chinese characters = 765 UTF-8 bytes (3 each): Linux' 255-byte limit refuses it.
    name = "申" * 251 + ".pdf"
    cleaned = windows_safe(name)
    assert cleaned.endswith(".pdf")
    # 200 bytes: ".pdf" is 4, leaving 196 for the stem: 65 characters are 195 bytes, 66 would be 198.
    assert cleaned == "申" * 65 + ".pdf"
    assert len(cleaned.encode("utf-8")) == 199


def test_the_attachment_service_stores_the_cleaned_name(tmp_path):
    from app.services.cases.attachment_service import read_checked
    p = tmp_path / "a<b>c|d.pdf"
    p.write_bytes(b"%PDF-1.4\n")
    name, content, _digest = read_checked(p)
    assert name == "a_b_c_d.pdf" and content == b"%PDF-1.4\n"
