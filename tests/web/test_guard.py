"""The Guard in front of every route: trusted-proxy addresses, body and time limits, headers, the log.

Driven through a tiny ASGI app behind the real Guard, so each limit is seen from the outside."""

from __future__ import annotations

import asyncio
import logging

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.web.addresses import client_of, truncated
from app.web.config import WebConfig, parse_networks
from app.web.guard import Guard

PROXY = parse_networks("127.0.0.1, 10.0.0.0/8")


@pytest.mark.parametrize("peer, xff, proto, expected", [
    # worked out by hand from the rule "read X-Forwarded-For from the right, skip our proxies"
    ("198.51.100.7", "203.0.113.9", "https", ("198.51.100.7", False)),   # not a proxy: headers ignored
    ("127.0.0.1", "203.0.113.9", "https", ("203.0.113.9", True)),
    ("127.0.0.1", "1.2.3.4, 203.0.113.9", "http", ("203.0.113.9", False)),  # 1.2.3.4 written by the client
    ("127.0.0.1", "203.0.113.9, 10.1.2.3", "https", ("203.0.113.9", True)),  # two proxies of ours
    ("127.0.0.1", "", "", ("127.0.0.1", False)),                          # the proxy itself
    ("127.0.0.1", "not-an-ip", "https", ("127.0.0.1", True)),             # garbage: stop at the proxy
    ("127.0.0.1", "2001:db8::5", "https", ("2001:db8::5", True)),
])
def test_client_address_only_from_trusted_proxy(peer, xff, proto, expected):
    headers = {"x-forwarded-for": xff, "x-forwarded-proto": proto}
    assert client_of(peer, headers, PROXY) == expected


def test_truncated_addresses_for_the_log():
    assert truncated("203.0.113.9") == "203.0.113.x"
    assert truncated("2001:db8:abcd:12::5") == "2001:db8:abcd::/48"
    assert truncated("nonsense") == "unknown"


def _site(config: WebConfig) -> TestClient:
    async def echo(request: Request):
        body = await request.body()
        return PlainTextResponse(f"{request.state.client_address}|{request.state.https}|{len(body)}")

    async def slow(request: Request):
        await asyncio.sleep(5)
        return PlainTextResponse("late")

    app = Starlette(routes=[Route("/echo", echo, methods=["GET", "POST"]), Route("/slow", slow)])
    return TestClient(Guard(app, config), client=("127.0.0.1", 5000))


def test_headers_on_every_answer_and_hsts_only_over_https():
    c = _site(WebConfig(secret=b"k" * 32, trusted_proxies=PROXY))
    plain = c.get("/echo")
    assert plain.text == "127.0.0.1|False|0"
    csp = plain.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert plain.headers["x-frame-options"] == "DENY"
    assert plain.headers["x-content-type-options"] == "nosniff"
    assert plain.headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in plain.headers
    secure = c.get("/echo", headers={"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"})
    assert secure.text == "203.0.113.9|True|0"
    assert secure.headers["strict-transport-security"] == "max-age=31536000"
    assert c.get("/missing").headers["x-frame-options"] == "DENY"      # 404s too


def test_oversized_body_refused_from_its_declared_length_before_reading():
    c = _site(WebConfig(secret=b"k" * 32, max_body=1000))
    assert c.post("/echo", content=b"x" * 1000).text.endswith("|1000")   # exactly the limit passes
    r = c.post("/echo", content=b"x" * 1001)
    assert r.status_code == 413 and "过大" in r.text


def test_oversized_chunked_body_cut_off_while_streaming():
    c = _site(WebConfig(secret=b"k" * 32, max_body=1000))
    sent = []

    def chunks():                 # no Content-Length: the Guard counts what arrives
        for _ in range(50):
            sent.append(1)
            yield b"y" * 100

    r = c.post("/echo", content=chunks())
    assert r.status_code == 413
    assert r.headers["content-security-policy"]


def test_time_limit_answers_503():
    c = _site(WebConfig(secret=b"k" * 32, request_seconds=0.2))
    r = c.get("/slow")
    assert r.status_code == 503 and "繁忙" in r.text


def test_log_line_has_route_and_truncated_address_only(caplog):
    c = _site(WebConfig(secret=b"k" * 32, trusted_proxies=PROXY))
    with caplog.at_level(logging.INFO, logger="app.web.access"):
        c.post("/echo?query_code=K7QF-3M9X", content=b"name=%E5%BC%A0%E4%B8%89",
               headers={"x-forwarded-for": "203.0.113.9"})
    (line,) = [r.getMessage() for r in caplog.records if r.name == "app.web.access"]
    assert line.startswith("203.0.113.x POST /echo 200 ")
    assert "K7QF" not in line and "203.0.113.9" not in line and "name" not in line


def test_a_crash_is_logged_without_its_message(caplog):
    async def boom(request: Request):
        raise RuntimeError("INSERT ... parameters: ('张三', '110101199003071234')")

    app = Starlette(routes=[Route("/boom", boom)])
    c = TestClient(Guard(app, WebConfig(secret=b"k" * 32)), raise_server_exceptions=False)
    with caplog.at_level(logging.INFO, logger="app.web.access"):
        r = c.get("/boom")
    assert r.status_code == 500
    text = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "unhandled RuntimeError" in text and "boom" in text          # where: the frame of the route
    assert "张三" not in text and "110101199003071234" not in text
