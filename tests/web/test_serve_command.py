"""``python -m app serve`` refuses a bad proxy address or secret in Chinese before starting anything.
(It starting and answering is what the browser, proxy and load tests do with it.)"""

from __future__ import annotations

import pytest

from app.cli import main
from app.web.config import DB_ENV, PROXIES_ENV


@pytest.fixture(autouse=True)
def _scoped_env(monkeypatch):
    """``serve`` hands its settings to uvicorn's workers through the environment: undone after each test."""
    monkeypatch.setenv(DB_ENV, "")
    monkeypatch.setenv(PROXIES_ENV, "")


def test_a_bad_trusted_proxy_is_refused(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "x.sqlite3"), "--trusted-proxy", "proxy.local"]) == 2
    assert "可信代理地址“proxy.local”无法识别" in capsys.readouterr().err


def test_a_short_secret_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DD_ONLINE_SECRET", "abcd")
    assert main(["serve", "--db", str(tmp_path / "x.sqlite3")]) == 2
    assert "DD_ONLINE_SECRET 应为至少 64 位十六进制数字" in capsys.readouterr().err
