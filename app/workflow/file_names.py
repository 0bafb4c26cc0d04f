"""File names any Windows PC can create: cleaned the same way on every system.

Attachments and materials are saved back to a clerk's Windows PC, so a name Windows refuses
(``CON``, ``PRN.pdf``, ``a<b>c|d?.pdf``, a trailing dot, a 765-byte name) is cleaned when it is stored,
even on Linux.
"""

from __future__ import annotations

import re
import unicodedata

# Windows device names, with or without an extension (CON, con.txt, COM1.pdf, LPT9 …; also ¹²³ forms).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
MAX_BYTES = 200           # UTF-8 bytes: under ext4's 255 and NTFS's 255 UTF-16 units, room for a prefix
FALLBACK = "附件"


def _fit(stem: str, suffix: str) -> str:
    while stem and len((stem + suffix).encode("utf-8")) > MAX_BYTES:
        stem = stem[:-1]
    return stem + suffix


def windows_safe(filename: str, fallback: str = FALLBACK) -> str:
    """The bare name, safe to create on Windows.

    No folder part; no control or bidi-override characters ("invoice\\u202efdp.exe" must not pass as a
    PDF); ``<>:"/\\|?*`` become "_"; no trailing dots or spaces; device names get a "_" prefix; at most
    200 UTF-8 bytes with the extension kept. An empty result becomes ``fallback``.
    """
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf"))
    base = _FORBIDDEN.sub("_", base).strip().rstrip(". ").lstrip(". ").strip()
    if not base:
        return fallback
    if _RESERVED.match(base):
        base = "_" + base
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or len(ext) > 16:
        stem, ext = base, ""
    suffix = "." + ext if ext else ""
    return _fit(stem, suffix).rstrip(". ") or fallback
