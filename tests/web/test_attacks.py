"""The attacks tried against the web service, each with its count, on SQLite and PostgreSQL.

CSRF (missing / wrong / another browser's token), XSS in every field, SQL metacharacters in every
field, guessing 查询码 (throttled), floods (flagged, never dropped; per-address limit), and a spoofed
X-Forwarded-For. (Disguised and oversized uploads: test_apply_pages.py; the dd_web role test is
online-core's tests/services/online/test_web_role.py.)"""

from __future__ import annotations

from markupsafe import escape
from sqlalchemy import text

from app.services.online.codes import new_code
from app.services.online.rules import SUBMIT_PER_ADDRESS, WRONG_PER_ADDRESS, WRONG_PER_CODE
from tests.web.conftest import CITIZEN, code_of

TEXT_FIELDS = ("name", "phone", "id_number", "credit_code", "contact_person", "address", "postcode", "email",
               "description", "purpose", "id_type", "org_kind", "applicant_type", "form", "delivery")


def test_csrf_every_form_refuses_a_missing_or_wrong_token(site):
    """4 forms × 3 forged variants = 12 posts, all 403; nothing saved."""
    other = site.browser("198.51.100.1")
    foreign = site.hidden(other.get(f"/apply/{site.agency}").text)["csrf"]   # valid, but for another browser
    site.client.get(f"/apply/{site.agency}")                                  # our browser has its cookie
    forms = {f"/apply/{site.agency}": {**CITIZEN, "challenge": site.form()["challenge"]},
             "/status": {"query_code": "K7QF-3M9X-T2DP-HV8C-W4RA", "last4": "5678"},
             "/status/correction": {"answer": "补正"}, "/receipt": {"receipt": "x"}}
    refused = 0
    for path, data in forms.items():
        for token in (None, "1700000000.deadbeef", foreign):
            body = dict(data) if token is None else {**data, "csrf": token}
            r = site.client.post(path, data=body)
            assert r.status_code == 403, (path, token, r.status_code)
            refused += 1
    assert refused == 12
    assert site.desk.pending() == []
    # a form posted with a valid field but no cookie at all (a cross-site post in a fresh browser)
    stranger = site.browser("198.51.100.2")
    r = stranger.post(f"/apply/{site.agency}", data={**CITIZEN, "csrf": foreign})
    assert r.status_code == 403


XSS = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>'


def test_xss_in_every_field_is_echoed_escaped(site):
    """15 fields carrying the payload in a refused form, then the 4 free-text fields of an accepted one."""
    r = site.submit({name: XSS for name in TEXT_FIELDS})
    assert r.status_code == 422
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    # the 11 text inputs and textareas echo it escaped (selects and radios show only their own choices);
    # the service's messages that quote a wrong value are escaped too: no raw payload anywhere
    safe = str(escape(XSS))
    for name in ("name", "phone", "id_number", "credit_code", "contact_person", "address", "postcode", "email"):
        assert f'name="{name}" type="' in r.text and f'value="{safe}"' in r.text.split(f'name="{name}"')[1][:400]
    for name in ("description", "purpose"):
        assert r.text.split(f'name="{name}"')[1].split(">", 1)[1].startswith(safe + "</textarea>")
    assert r.text.count(safe) >= 10
    accepted = {**CITIZEN, "name": "张三" + XSS, "address": XSS, "description": "申请公开" + XSS,
                "purpose": XSS}
    r = site.submit(accepted)
    assert r.status_code == 200, r.text
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    assert str(escape("张三" + XSS)) in r.text
    status = site.client.get("/status")
    assert "<script>alert(1)" not in status.text
    [p] = site.desk.pending()
    assert p.applicant_name == "张三" + XSS                       # stored as typed: escaping is on output


SQL = "'; DROP TABLE requests; -- \" OR 1=1 /*"


def test_sql_metacharacters_in_every_field_are_plain_text(site):
    """Every free-text field at once: accepted and stored literally; the tables are still there."""
    values = {**CITIZEN, "name": "李四" + SQL, "address": SQL, "description": "申请公开" + SQL,
              "purpose": SQL}
    r = site.submit(values)
    assert r.status_code == 200, r.text
    [p] = site.desk.pending()
    assert p.applicant_name == "李四" + SQL and p.description == "申请公开" + SQL
    r = site.submit({name: SQL for name in TEXT_FIELDS})        # and in the coded fields: refused by validation
    assert r.status_code == 422
    lookup = site.hidden(site.client.get("/status").text)
    r = site.client.post("/status", data={**lookup, "query_code": "' OR '1'='1", "last4": "' --"})
    assert r.status_code == 404
    with site.db.read() as uow:
        assert uow.session.execute(text("SELECT count(*) FROM requests")).scalar() == 1


def test_guessing_codes_is_throttled_per_code_and_per_address(site):
    r = site.submit(CITIZEN)
    code = code_of(r.text)
    guesser = site.browser("198.51.100.9")
    csrf = site.hidden(guesser.get("/status").text)["csrf"]
    answers = []
    for digits in range(10):                                    # the last four digits of one known code
        r = guesser.post("/status", data={"csrf": csrf, "query_code": code, "last4": f"{digits:04d}"})
        answers.append(r.status_code)
    # WRONG_PER_CODE = 5 wrong per 15 min (rules.py): 5 plain refusals, then every further try is 429
    assert WRONG_PER_CODE.hits == 5
    assert answers == [404] * 5 + [429] * 5, answers
    assert "分钟后再试" in r.text and int(r.headers["retry-after"]) >= 60
    # even the right digits wait now: the case is locked for guessers and owner alike until the back-off ends
    r = guesser.post("/status", data={"csrf": csrf, "query_code": code, "last4": "5678"})
    assert r.status_code == 429


def test_guessing_many_codes_from_one_address_is_throttled(site):
    """WRONG_PER_ADDRESS = 20 wrong per 15 min: 25 random codes from one address → 20 × 404, then 429;
    another address is not held up."""
    guesser = site.browser("198.51.100.10")
    csrf = site.hidden(guesser.get("/status").text)["csrf"]
    answers = [guesser.post("/status", data={"csrf": csrf, "query_code": new_code(), "last4": "1234"}).status_code
               for _ in range(25)]
    assert WRONG_PER_ADDRESS.hits == 20
    assert answers == [404] * 20 + [429] * 5
    honest = site.browser("198.51.100.11")
    csrf = site.hidden(honest.get("/status").text)["csrf"]
    assert honest.post("/status", data={"csrf": csrf, "query_code": new_code(), "last4": "1234"}).status_code == 404


def test_floods_are_flagged_never_dropped_and_an_address_is_limited(site):
    """SUBMIT_PER_ADDRESS (20 an hour) from one address: all 20 accepted and flagged, the 21st is 429."""
    sent = [site.submit({**CITIZEN, "description": f"申请公开第{i}号文件"}).status_code
            for i in range(SUBMIT_PER_ADDRESS.hits + 1)]
    assert sent == [200] * SUBMIT_PER_ADDRESS.hits + [429]
    assert len(site.desk.pending()) == SUBMIT_PER_ADDRESS.hits
    floods = site.desk.floods()
    assert [(f.kind, f.count) for f in floods] == [("同一来源", SUBMIT_PER_ADDRESS.hits)]
    # another applicant (another address) is not affected
    assert site.submit(CITIZEN, client=site.browser("198.51.100.44")).status_code == 200


def test_forwarded_address_believed_only_from_the_trusted_proxy(site):
    """A client cannot escape the per-address limit by writing X-Forwarded-For itself; the proxy can."""
    spoofer = site.browser("198.51.100.50")
    codes_ = [site.submit({**CITIZEN, "description": f"申请公开第{i}号"}, client=spoofer,
                          headers={"x-forwarded-for": f"10.9.9.{i}"}).status_code
              for i in range(SUBMIT_PER_ADDRESS.hits + 1)]
    assert codes_[-1] == 429                                    # all counted against 198.51.100.50
    proxy = site.browser("127.0.0.1")                           # the configured proxy forwards two clients
    for who in ("192.0.2.1", "192.0.2.2"):
        r = site.submit(CITIZEN, client=proxy, headers={"x-forwarded-for": who, "x-forwarded-proto": "https"})
        assert r.status_code == 200
        assert "Secure" in r.headers["set-cookie"]               # https at the proxy: Secure cookies
        assert r.headers["strict-transport-security"] == "max-age=31536000"
