"""Builders for the online-service tests: a citizen's form, files, the services at a fixed day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from app.services.container import Services
from app.services.online.desk_service import OnlineDeskService
from app.services.online.dto import Client, OnlineApplication, Upload
from app.services.online.online_service import OnlineService

SECRET = bytes(range(32))
TODAY = date(2025, 3, 3)                 # a Monday; no holiday until 清明 (4 April)
NOW = datetime(2025, 3, 3, 9, 30)
HOME = Client("203.0.113.7")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def citizen(**overrides) -> OnlineApplication:
    values = dict(applicant_type="公民", name="张三", description="申请公开某路拓宽工程的规划许可证及附图",
                  phone="13812345678", id_type="居民身份证", id_number="11010519491231002X",
                  address="某某市某某路2号", postcode="100000", email="zs@example.com", form="电子",
                  delivery="在线获取")
    values.update(overrides)
    return OnlineApplication(**values)


class Clock:
    """A settable now for the services under test."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def services(db, clock: Clock | None = None):
    clock = clock or Clock()
    today = lambda: clock.now.date()      # noqa: E731
    return (OnlineService(db, SECRET, today=today, now=clock), OnlineDeskService(db, today=today, now=clock),
            Services.build(db, today=today), clock)


def png(name: str = "身份证.png") -> Upload:
    return Upload(name, PNG)


__all__ = ["replace"]
