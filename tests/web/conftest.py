"""The web app around the real OnlineService on the ``any_db`` database (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import time

import pytest
from starlette.testclient import TestClient

from app.services.online import codes
from app.web.app import create_app
from app.web.config import WebConfig, parse_networks
from tests.services.online.support import SECRET, services

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')
GROUP = re.compile(r'<span class="group">([0-9A-Z]{4})</span>')


def aged_challenge(seconds: int = 10) -> str:
    """The service's form token as a person who spent ``seconds`` filling in the form would send it."""
    stamp = str(int(time.time()) - seconds)
    return f"{stamp}.{codes.sign(SECRET, stamp)}"


class Site:
    """One browser (its own cookie jar) on the app, plus the services the clerk uses."""

    def __init__(self, db, config: WebConfig, peer: str = "203.0.113.7"):
        self.db = db
        self.online, self.desk, self.services, self.clock = services(db)
        self.config = config
        self.app = create_app(self.online, config)
        self.client = self.browser(peer)
        self.agency = self.online.agencies()[0].code

    def browser(self, peer: str = "203.0.113.7") -> TestClient:
        return TestClient(self.app, base_url="http://testserver", client=(peer, 40000), follow_redirects=False)

    @staticmethod
    def hidden(html: str) -> dict[str, str]:
        return dict(HIDDEN.findall(html))

    def form(self, path: str | None = None, client: TestClient | None = None) -> dict[str, str]:
        """Open the application form; its hidden fields with the form clock set as a person's would be."""
        r = (client or self.client).get(path or f"/apply/{self.agency}")
        assert r.status_code == 200, r.text
        fields = self.hidden(r.text)
        fields["challenge"] = aged_challenge()
        return fields

    def submit(self, values: dict, files=None, client: TestClient | None = None, headers=None):
        client = client or self.client
        data = {**self.form(client=client), **values}
        return client.post(f"/apply/{self.agency}", data=data, files=files, headers=headers)


CITIZEN = dict(applicant_type="公民", name="张三", description="申请公开某路拓宽工程的规划许可证及附图",
               phone="13812345678", id_type="居民身份证", id_number="11010519491231002X",
               address="某某市某某路2号", postcode="100000", email="zs@example.com", form="电子",
               delivery="在线获取")


def code_of(html: str) -> str:
    return "-".join(GROUP.findall(html))


@pytest.fixture
def site(any_db) -> Site:
    return Site(any_db, WebConfig(secret=SECRET, trusted_proxies=parse_networks("127.0.0.1"),
                                  max_body=2 * 1024 * 1024))
