"""The 查询码 and the keyed hashes: what the database keeps instead of codes, last-4 digits and addresses.

The code is 20 characters of Crockford base32 drawn from ``secrets`` (100 random bits), shown in groups
of four for reading aloud. Stored: HMAC-SHA256(server secret, code). A slow hash (scrypt, argon2) is
for low-entropy passwords; 2^100 codes cannot be enumerated even with a fast hash, and the key means a
stolen copy of the tables alone does not even allow testing a guess. The last-4 digits (10^4 values) are
hashed with the same key and the code's hash, so they are bound to their case and not a lookup table;
the client address is kept as a truncated keyed hash (enough to count and group, not to recover it).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"          # Crockford: no I, L, O, U
_CODE_CHARS = 20                                       # 20 × 5 = 100 random bits
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    """A fresh 查询码, grouped: ``K7QF-3M9X-T2DP-HV8C-W4RA``."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_CHARS))
    return "-".join(raw[i:i + 4] for i in range(0, _CODE_CHARS, 4))


def normalise_code(text: str) -> str | None:
    """The code as typed (spaces, dashes, lower case, O for 0 …) → its 20 characters; None if it cannot be one."""
    s = re.sub(r"[\s\-]", "", text or "").upper().translate(_READ_AS)
    if len(s) != _CODE_CHARS or any(c not in _ALPHABET for c in s):
        return None
    return s


def _mac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


def code_hash(secret: bytes, code: str) -> str:
    return _mac(secret, "code", code)


def last4_hash(secret: bytes, code_h: str, digits: str) -> str:
    return _mac(secret, "last4", code_h, digits)


def client_hash(secret: bytes, address: str) -> str:
    return _mac(secret, "client", (address or "").strip())[:32]


def text_hash(description: str) -> str:
    """Same description, same hash (spaces and punctuation ignored), for flood grouping only."""
    norm = re.sub(r"[\s\W_]+", "", description or "").lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def last4(value: str) -> str:
    """The last four digits or letters of a phone or ID number (X of an ID kept), upper case."""
    s = re.sub(r"[^0-9A-Za-z]", "", value or "").upper()
    return s[-4:] if len(s) >= 4 else ""


def sign(secret: bytes, message: str) -> str:
    return _mac(secret, "form", message)[:32]


def load_secret(env: dict | None = None, folder: Path | None = None) -> bytes:
    """The server secret: ``DD_ONLINE_SECRET`` (hex, ≥ 64 digits) for a real deployment (every worker the
    same); otherwise a 0600 file in the user data folder, made on first use (one PC, demo)."""
    env = os.environ if env is None else env
    value = env.get("DD_ONLINE_SECRET", "").strip()
    if value:
        key = bytes.fromhex(value)
        if len(key) < 32:
            raise ValueError("DD_ONLINE_SECRET must hold at least 32 bytes (64 hex digits)")
        return key
    if folder is None:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("disclosure-desk", appauthor=False))
    path = folder / "online-secret"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())
