"""The applicant's way in: the agency choice, the form, its field errors, the 查询码 page — on SQLite and
PostgreSQL, through the real OnlineService."""

from __future__ import annotations

from app.web import tokens


def set_notice(db, agency_id: int, notice: str) -> None:
    """The agency's 申请须知, as its administrator enters it (a per-agency setting)."""
    import json

    from app.models import Setting

    with db.uow() as uow:
        uow.session.merge(Setting(key="online_notice", value=json.dumps(notice), agency_id=agency_id))
        uow.commit()

from tests.services.online.support import PDF, PNG
from tests.web.conftest import CITIZEN, code_of


def test_one_agency_skips_the_choice_and_the_form_carries_its_tokens(site):
    set_notice(site.db, 1, "申请人应如实填写。")
    r = site.client.get("/")
    assert r.status_code == 303 and r.headers["location"] == f"/apply/{site.agency}"
    page = site.client.get(f"/apply/{site.agency}")
    assert page.status_code == 200
    assert "政府信息公开申请表" in page.text and '<div class="notice">申请人应如实填写。</div>' in page.text
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{tokens.CSRF_COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie                               # plain http, no proxy: no Secure flag
    hidden = site.hidden(page.text)
    assert set(hidden) == {"csrf", "challenge"}
    assert 'name="website"' in page.text and 'class="hp"' in page.text
    assert "<script" not in page.text and "style=" not in page.text
    assert page.headers["cache-control"] == "no-store"


def test_unknown_agency_and_unknown_page_are_404_in_chinese(site):
    assert site.client.get("/apply/nowhere").status_code == 404
    r = site.client.get("/no/such/page")
    assert r.status_code == 404 and "页面不存在" in r.text
    r = site.client.get("/status/correction")
    assert r.status_code == 405 and "请求方式不对" in r.text


def test_submission_shows_the_grouped_code_and_opens_the_status(site):
    r = site.submit(CITIZEN, files=[("attachments", ("身份证.png", PNG, "image/png")),
                                    ("attachments", ("材料.pdf", PDF, "application/pdf"))])
    assert r.status_code == 200, r.text
    code = code_of(r.text)
    assert len(code) == 24 and code.count("-") == 4             # 5 groups of 4 (core: 100 random bits)
    assert "1101**********002X" in r.text and "138****5678" in r.text   # masked lines, as the service gave
    assert "11010519491231002X" not in r.text
    assert "身份证.png、材料.pdf" in r.text
    assert 'name="receipt"' in r.text
    case = r.headers["set-cookie"]
    assert case.startswith(f"{tokens.CASE_COOKIE}=") and "Path=/status" in case and "HttpOnly" in case
    status = site.client.get("/status")
    assert status.status_code == 200 and "待确认" in status.text
    [pending] = site.desk.pending()
    assert pending.applicant_name == "张三" and pending.attachments == 2


def test_field_errors_beside_each_field_and_a_summary(site):
    bad = {**CITIZEN, "name": "", "id_number": "110105194912310021", "phone": "12", "email": "a@",
           "postcode": "1000", "description": ""}
    r = site.submit(bad)
    assert r.status_code == 422
    # the six fields the service refuses (worked out from the values: checksum, lengths, blanks)
    for name in ("name", "id_number", "phone", "email", "postcode", "description"):
        assert f'id="err-{name}"' in r.text, name
        assert f'href="#f-{name}"' in r.text
    assert "有 6 处需要修改" in r.text and "校验位" in r.text
    assert 'value="a@"' in r.text and 'value="1000"' in r.text      # what was typed is kept
    assert site.desk.pending() == []


def test_a_person_too_quick_or_a_robot_filling_the_honeypot_is_refused_with_values_kept(site):
    page = site.client.get(f"/apply/{site.agency}")
    fresh = site.hidden(page.text)                               # sent back at once: under 3 s
    r = site.client.post(f"/apply/{site.agency}", data={**fresh, **CITIZEN})
    assert r.status_code == 403 and "提交过快" in r.text and 'value="张三"' in r.text
    r = site.submit({**CITIZEN, "website": "http://spam.example"})
    assert r.status_code == 403
    assert site.desk.pending() == []
    assert site.submit(CITIZEN).status_code == 200                # the same person, after a while


def test_disguised_and_oversized_uploads(site):
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    r = site.submit(CITIZEN, files=[("attachments", ("身份证.pdf", exe, "application/pdf"))])
    assert r.status_code == 422 and 'id="err-attachments"' in r.text
    r = site.submit(CITIZEN, files=[("attachments", ("a.pdf", b"<html><script>x</script>", "application/pdf"))])
    assert r.status_code == 422
    assert site.desk.pending() == []
    # a PNG named .pdf: sniffed as PNG, accepted (the name is not trusted either way)
    r = site.submit(CITIZEN, files=[("attachments", ("扫描件.pdf", PNG, "application/pdf"))])
    assert r.status_code == 200
    # over the request limit (2 MiB here): refused before the service sees it
    big = PDF + b"0" * (2 * 1024 * 1024)
    r = site.submit(CITIZEN, files=[("attachments", ("大文件.pdf", big, "application/pdf"))])
    assert r.status_code == 413 and "过大" in r.text
    # more files than the form allows (5)
    r = site.submit(CITIZEN, files=[("attachments", (f"{i}.png", PNG, "image/png")) for i in range(6)])
    assert r.status_code == 400
    assert len(site.desk.pending()) == 1


def test_the_receipt_pdf_downloads_from_the_signed_token_and_a_forged_one_is_refused(site):
    import subprocess

    r = site.submit(CITIZEN)
    code = code_of(r.text)
    fields = site.hidden(r.text)
    pdf = site.client.post("/receipt", data={"csrf": fields["csrf"], "receipt": fields["receipt"]})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "filename*=UTF-8''%E6%8F%90%E4%BA%A4%E5%87%AD%E8%AF%81.pdf" in pdf.headers["content-disposition"]
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert code in text and "138****5678" in text and "13812345678" not in text
    forged = fields["receipt"][:-3] + ("AAA" if not fields["receipt"].endswith("AAA") else "BBB")
    r = site.client.post("/receipt", data={"csrf": fields["csrf"], "receipt": forged})
    assert r.status_code == 403


def add_agency(db, notice: str) -> None:
    """A second agency on the server (as the city system has them), with its own 申请须知."""
    from sqlalchemy import text

    with db.uow() as uow:
        uow.session.execute(text("INSERT INTO agencies (id, code, name) VALUES (2, 'jia', '甲区政务服务数据管理局')"))
        uow.commit()
    set_notice(db, 2, notice)


def test_several_agencies_are_offered_with_their_notices(site):
    add_agency(site.db, "请如实填写。<b>不</b>接受匿名申请。")
    r = site.client.get("/")
    assert r.status_code == 200 and "选择受理单位" in r.text
    assert "甲区政务服务数据管理局" in r.text and 'href="/apply/jia"' in r.text and 'href="/apply/local"' in r.text
    assert "请如实填写。&lt;b&gt;不&lt;/b&gt;接受匿名申请。" in r.text          # the notice is text, escaped
    page = site.client.get("/apply/jia")
    assert "受理单位：<strong>甲区政务服务数据管理局</strong>" in page.text and "更换受理单位" in page.text
    site.agency = "jia"
    r = site.submit(CITIZEN)
    assert r.status_code == 200 and "受理单位：甲区政务服务数据管理局" in r.text
