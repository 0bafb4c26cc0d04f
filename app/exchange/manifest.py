"""The SHA-256 manifest written beside each export: every file's name, length and digest."""

from __future__ import annotations

from datetime import datetime
from typing import Mapping, Sequence

from app.exchange.documents import AgencyId
from app.exchange.format import AGENCY, FORMAT, GENERATOR, MANIFEST, VERSION, ExchangeProblem, Period, sha256


def manifest_name(code: str, period: Period) -> str:
    return f"{code}_{MANIFEST}_{period.key}.json"


def is_manifest_name(name: str) -> bool:
    return f"_{MANIFEST}_" in name and name.endswith(".json")


def manifest_document(agency: AgencyId, period: Period, exported_at: datetime,
                      files: Sequence[tuple[str, bytes]]) -> dict:
    return {"format": FORMAT, "version": VERSION, "kind": MANIFEST, "scope": AGENCY, "agency": agency.to_json(),
            "period": period.to_json(), "exported_at": exported_at.replace(microsecond=0).isoformat(),
            "generator": GENERATOR,
            "files": [{"name": name, "sha256": sha256(data), "bytes": len(data)} for name, data in files]}


def check_listed(file: str, data: bytes, entry: Mapping) -> None:
    """Refuse ``data`` unless it is exactly what the manifest entry lists."""
    if len(data) < entry["bytes"]:
        raise ExchangeProblem(file, f"长度为{len(data)}字节，清单记载为{entry['bytes']}字节：文件不完整（可能在传输中被截断），"
                                    "请来源机关重新发送。")
    if len(data) != entry["bytes"] or sha256(data) != entry["sha256"]:
        raise ExchangeProblem(file, "的SHA-256校验值与清单不符：文件在导出后被改动过（可能被篡改），请向来源机关核实并重新发送。")
