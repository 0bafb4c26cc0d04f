"""What an exchange file is: its format name and version, kinds, periods, file names and content digests."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

FORMAT = "disclosure-desk-exchange"
VERSION = 1
GENERATOR = "依申请公开办理系统 0.1.0"

ANNUAL, MONTHLY, CASES, MANIFEST = "annual-report", "monthly-statistics", "typical-cases", "manifest"
KIND_LABELS = {ANNUAL: "年度报告数据", MONTHLY: "月度统计", CASES: "典型案例", MANIFEST: "清单"}
AGENCY, AGGREGATE = "agency", "aggregate"

MAX_FILE_BYTES = 50 * 1024 * 1024      # a genuine file stays far below (a year's cases are a few MB)


class ExchangeProblem(ValueError):
    """A file that is refused; ``str()`` is the Chinese sentence, naming the file and what is wrong."""

    def __init__(self, file: str, message: str):
        super().__init__(f"文件“{file}”{message}")
        self.file = file
        self.reason = message


@dataclass(frozen=True, order=True)
class Period:
    """A year, or a month of it."""

    year: int
    month: int | None = None

    @property
    def key(self) -> str:
        """Storage and file-name form: ``2025`` or ``2025-03``."""
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.month is None else f"{self.year}年{self.month}月"

    def to_json(self) -> dict:
        return {"year": self.year} if self.month is None else {"year": self.year, "month": self.month}

    @classmethod
    def from_json(cls, d: dict) -> "Period":
        return cls(int(d["year"]), int(d["month"]) if "month" in d else None)


def file_name(code: str, kind: str, period: Period) -> str:
    """``<code>_<kind>_<period>.json``: one agency's files never collide with another's in one folder."""
    return f"{code}_{kind}_{period.key}.json"


_NUMBER_LIST = re.compile(r"\[\s*(-?[0-9.]+(?:,\s*-?[0-9.]+)*)\s*\]")


def encode(document: dict) -> bytes:
    """The bytes written to disk: UTF-8, Chinese kept readable, keys in the order built (table 三's rows
    as printed), a row of figures on one line, newline at the end. (A raw line break only ever stands
    between JSON tokens, so joining a list of numbers cannot touch text.)"""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return (_NUMBER_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
            + "\n").encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(document: dict) -> str:
    """The digest of what a file says, without when it was exported: a re-export of unchanged data has
    the same digest (importing it changes nothing); any changed figure or text gives another."""
    body = {k: v for k, v in document.items() if k not in ("exported_at", "generator")}
    return sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
