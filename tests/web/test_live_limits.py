"""Against the real server (uvicorn in a subprocess): a body announced too large is refused at once,
before a byte of it is sent; the answer carries the security headers."""

from __future__ import annotations

import socket
import time

import pytest

from app.services.uow import Database
from tests.conftest import configure_test_office
from tests.services.online.support import SECRET
from tests.web.servers import Uvicorn


@pytest.fixture
def server(tmp_path):
    path = str(tmp_path / "web.sqlite3")
    configure_test_office(Database.open(path)).dispose()
    s = Uvicorn(path, {"DD_ONLINE_SECRET": SECRET.hex()})
    yield s
    s.stop()


def test_an_announced_50_mb_body_is_refused_before_it_is_sent(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(b"POST /apply/local HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     b"Content-Length: 50000000\r\n\r\n")          # headers only: the body never comes
        started = time.monotonic()
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n")[0].decode("latin-1").lower()
    assert head.startswith("http/1.1 413")
    assert time.monotonic() - started < 3                           # not after a read timeout
    assert "content-security-policy:" in head and "x-frame-options: deny" in head
