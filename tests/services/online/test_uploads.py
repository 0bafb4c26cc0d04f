"""Uploads: the content decides (PDF, JPEG, PNG), never the name; per-file, total and count limits."""

from app.services.online.dto import Upload
from app.services.online.uploads import MAX_FILE, check_uploads

PDF, JPG, PNG = b"%PDF-1.7\n...", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\x89PNG\r\n\x1a\n...."


def test_the_content_names_the_type():
    files, problems = check_uploads([Upload("scan.png", PDF), Upload("../../etc/照片.JPG", JPG),
                                     Upload("a<script>.pdf", PNG), Upload("", b"")])
    assert problems == {}
    assert [f.filename for f in files] == ["scan.pdf", "照片.jpg", "a_script.png"]     # the empty part is ignored


def test_disguised_oversized_and_too_many_are_refused_whole():
    for uploads, words in (
            ([Upload("doc.pdf", b"MZ\x90\x00 an exe"), Upload("ok.png", PNG)], "“doc.pdf”不是PDF、JPG或PNG文件"),
            ([Upload("big.pdf", PDF + b"0" * MAX_FILE)], "“big.pdf”超过5MB"),
            ([Upload(f"{i}.pdf", PDF + b"0" * (MAX_FILE - 100)) for i in range(5)], "附件合计不能超过20MB"),
            ([Upload(f"{i}.png", PNG) for i in range(11)], "附件最多10个"),
            ([Upload("x.svg", b"<svg onload=alert(1)>")], "不是PDF、JPG或PNG文件")):
        files, problems = check_uploads(uploads)
        assert files == [] and words in problems["attachments"], problems
