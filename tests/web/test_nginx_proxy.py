"""docs/nginx-disclosure-desk.conf, started for real on loopback with a self-signed certificate in front
of ``python -m app serve --trusted-proxy 127.0.0.1``: HTTPS only, HSTS once, the service's headers
through, Secure cookies, the client's own X-Forwarded-For replaced, oversized bodies stopped at the edge."""

from __future__ import annotations

import os
import re
import shutil
import signal
import ssl
import subprocess
import time
from pathlib import Path

import httpx2
import pytest

from app.services.uow import Database
from tests.conftest import configure_test_office
from tests.services.online.support import SECRET
from tests.web.servers import ROOT, Uvicorn, free_port, wait_for

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists() and not os.environ.get("CI"),
                                reason="nginx not installed (apt-get install nginx)")


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=disclosure.example.gov.cn", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _site_conf(upstream_port: int, http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """The shipped example with only the ports and the certificate paths changed."""
    text = (ROOT / "docs" / "nginx-disclosure-desk.conf").read_text(encoding="utf-8")
    swaps = {"server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
             "listen 80;": f"listen 127.0.0.1:{http_port};",
             "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
             "/etc/ssl/disclosure-desk/fullchain.pem": str(cert),
             "/etc/ssl/disclosure-desk/privkey.pem": str(key)}
    for old, new in swaps.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def proxied(tmp_path):
    tmp_path.chmod(0o755)
    db_path = str(tmp_path / "web.sqlite3")
    configure_test_office(Database.open(db_path)).dispose()
    app = Uvicorn(db_path, {"DD_ONLINE_SECRET": SECRET.hex()}, trusted_proxy="127.0.0.1",
                  log_path=tmp_path / "server.log")
    cert, key = _certificate(tmp_path)
    http_port, https_port = free_port(), free_port()
    (tmp_path / "site.conf").write_text(_site_conf(app.port, http_port, https_port, cert, key), encoding="utf-8")
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    temp.chmod(0o777)                          # nginx's workers run as nobody when started as root
    main = tmp_path / "nginx.conf"
    main.write_text(f"""daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {tmp_path}/site.conf;
}}
""", encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(main), "-e", str(tmp_path / "error.log")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-c", str(main), "-e", str(tmp_path / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False             # the certificate names the public host, we dial 127.0.0.1
    try:
        wait_for(f"https://127.0.0.1:{https_port}/healthz", proc, context=context)
        yield app, f"http://127.0.0.1:{http_port}", f"https://127.0.0.1:{https_port}", context
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGQUIT)  # graceful stop of the master we started (and its workers)
            proc.wait(timeout=15)
        app.stop()


def test_the_nginx_example_in_front_of_the_service(proxied):
    app, http_url, https_url, context = proxied
    with httpx2.Client(verify=context, follow_redirects=False, timeout=20) as c:
        r = c.get(http_url + "/status")
        assert (r.status_code, r.headers["location"]) == (301, "https://127.0.0.1/status")   # $host, port 443
        r = c.get(https_url + "/apply/local", headers={"X-Forwarded-For": "203.0.113.99"})
        assert r.status_code == 200
        assert r.headers.get_list("strict-transport-security") == ["max-age=31536000"]
        assert "script-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["server"] == "nginx"                               # no version
        cookie = r.headers["set-cookie"].lower()
        assert cookie.count("secure") == 1 and cookie.count("httponly") == 1 and "samesite=strict" in cookie
        # the error page of nginx itself carries HSTS too, and a body over 12 MB never reaches the service
        big = c.post(https_url + "/apply/local", content=b"x" * (13 * 1024 * 1024),
                     headers={"content-type": "application/x-www-form-urlencoded"})
        assert big.status_code == 413
        assert big.headers["strict-transport-security"] == "max-age=31536000"
    deadline = time.monotonic() + 10         # the line is written once the answer has gone out: wait for it
    while "GET /apply/{code}" not in app.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = app.log()
    lines = [line for line in log.splitlines() if "GET /apply/{code}" in line]
    # the address the service used is nginx's view of the client (127.0.0.1 here), never the header the
    # client wrote itself (203.0.113.99)
    assert lines and all(re.search(r" 127\.0\.0\.x GET /apply/\{code\} 200 ", line) for line in lines), log
    assert "203.0.113" not in log
    assert "POST /apply/{code} 413" not in log and "POST - 413" not in log       # stopped at the edge
