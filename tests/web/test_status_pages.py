"""Following the case online: look-up, the timeline and dates after the clerk confirms, the 补正 answered
on the page, the documents downloaded (the first download is the 送达) — SQLite and PostgreSQL (dd_web)."""

from __future__ import annotations

from datetime import datetime

from app.web import tokens
from tests.services.online.support import PNG
from tests.web.conftest import CITIZEN, code_of
from tests.web.desk_steps import CORRECTION_TEXT, Desk


def _submitted(site):
    r = site.submit(CITIZEN)
    assert r.status_code == 200
    return code_of(r.text)


def test_look_up_with_the_code_and_the_phone_or_id_digits(site):
    code = _submitted(site)
    other = site.browser("198.51.100.3")                        # another device: no cookie yet
    page = other.get("/status")
    assert page.status_code == 200 and "查询码" in page.text and "stage" not in page.text
    csrf = site.hidden(page.text)["csrf"]
    for last4 in ("5678", "002x"):                              # phone, or the ID's last four (x as X)
        r = other.post("/status", data={"csrf": csrf, "query_code": code.lower().replace("-", " "),
                                        "last4": last4})
        assert r.status_code == 303 and r.headers["location"] == "/status"
        assert "Path=/status" in r.headers["set-cookie"]
        shown = other.get("/status")
        assert shown.status_code == 200 and "待确认" in shown.text and "确认受理后显示" in shown.text
    r = other.post("/status/leave", data={"csrf": csrf})
    assert r.status_code == 303
    assert 'name="query_code"' in other.get("/status").text      # the cookie is gone
    r = other.post("/status", data={"csrf": csrf, "query_code": code, "last4": ""})
    assert r.status_code == 422


def test_a_forged_case_cookie_is_a_fresh_look_up(site):
    _submitted(site)
    stranger = site.browser("198.51.100.4")
    stranger.cookies.set(tokens.CASE_COOKIE, tokens.case_cookie(b"another secret" * 3, "K7QF", "5678"))
    r = stranger.get("/status")
    assert r.status_code == 200 and 'name="query_code"' in r.text


def test_the_due_date_appears_when_the_clerk_confirms(site):
    _submitted(site)
    desk = Desk(site.db, lambda: site.clock.now.date())
    detail = desk.confirm_first()
    page = site.client.get("/status").text
    # Art 31(三): received 2025-03-03 (the confirmation day); due 20 working days later, 2025-03-31
    # (worked out in tests/services/online/test_submit_and_status.py: no holiday in March 2025)
    assert '<dd id="received-on">2025年3月3日</dd>' in page
    assert '<dd id="due-on">2025年3月31日</dd>' in page and "暂定" not in page.split('id="due-on"')[1][:80]
    assert "已受理" in page
    for private in ("王登记", detail.number, "赵科长"):             # no staff names, no internal numbers
        assert private not in page


def test_correction_answered_online_then_accepted_by_the_clerk(site):
    # On PostgreSQL the dd_web functions stamp the answer with the server's clock (the web cannot choose
    # its time), so the desk acts on the real day here, on both databases.
    site.clock.now = datetime.now()
    _submitted(site)
    desk = Desk(site.db, lambda: site.clock.now.date())
    rid = desk.confirm_first().id
    desk.ask_correction(rid)
    page = site.client.get("/status").text
    assert CORRECTION_TEXT in page and 'action="/status/correction"' in page
    csrf = site.hidden(page)["csrf"]
    r = site.client.post("/status/correction", data={"csrf": csrf, "answer": "  "})
    assert r.status_code == 422 and "请填写补正内容" in r.text
    r = site.client.post("/status/correction", data={"csrf": csrf, "answer": "某某路，自A路口至B路口。"},
                         files=[("attachments", ("路段示意.png", PNG, "image/png"))])
    assert r.status_code == 303 and r.headers["location"] == "/status?done=1"
    page = site.client.get("/status?done=1").text
    assert "补正材料已提交" in page and "您已在线提交补正" in page
    r = site.client.post("/status/correction", data={"csrf": csrf, "answer": "再交一次"})
    assert r.status_code == 403 and "请勿重复提交" in r.text
    detail, answer = desk.accept_answer()
    assert answer.text == "某某路，自A路口至B路口。" and answer.attachments == ["路段示意.png"]
    assert detail.status != "待补正"
    assert 'action="/status/correction"' not in site.client.get("/status").text


def test_documents_download_and_the_first_download_is_the_service(site):
    _submitted(site)
    desk = Desk(site.db, lambda: site.clock.now.date())
    rid = desk.confirm_first().id
    desk.ask_correction(rid)
    page = site.client.get("/status").text
    assert "补正" in page and 'href="/status/documents/' in page
    doc_id = int(page.split('href="/status/documents/')[1].split('"')[0])
    assert [u.letter_id for u in desk.online.unfetched_documents()] == [doc_id]
    r = site.client.get(f"/status/documents/{doc_id}")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("attachment;") and "filename*=UTF-8''" in r.headers[
        "content-disposition"]
    assert desk.online.unfetched_documents() == []
    assert "已查收" in site.client.get("/status").text
    assert site.client.get(f"/status/documents/{doc_id + 1000}").status_code == 404
    nobody = site.browser("198.51.100.5")
    r = nobody.get(f"/status/documents/{doc_id}")
    assert r.status_code == 403 and 'name="query_code"' in r.text
