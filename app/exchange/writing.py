"""Writing an export: the documents as files in a folder, then the manifest that lists their SHA-256."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Sequence

from app.exchange.documents import AgencyId
from app.exchange.format import Period, encode, file_name
from app.exchange.manifest import manifest_document, manifest_name
from app.exports.atomic import write_bytes


def write_export(folder: str | Path, agency: AgencyId, period: Period, documents: Sequence[dict],
                 exported_at: datetime) -> list[Path]:
    """Each document as ``<code>_<kind>_<period>.json`` and, last, ``<code>_manifest_<period>.json``.

    The manifest is written after the files it lists, so a folder with a manifest holds them all; each
    file is written whole or not at all (temporary file, then rename)."""
    folder = Path(folder)
    written: list[tuple[str, bytes]] = []
    paths = []
    for doc in documents:
        name = file_name(agency.code, doc["kind"], Period.from_json(doc["period"]))
        data = encode(doc)
        paths.append(write_bytes(folder / name, data))
        written.append((name, data))
    manifest = encode(manifest_document(agency, period, exported_at, written))
    paths.append(write_bytes(folder / manifest_name(agency.code, period), manifest))
    return paths
