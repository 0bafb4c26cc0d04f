"""Salted slow password hashes (scrypt from the standard library); never stored in plain text."""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets

DEFAULT_N = 2**17          # ~128 MB and a few tenths of a second per check on an office PC
_R, _P = 8, 1
# Tests only: a cheaper cost so a suite that logs in thousands of times stays fast. Never set it on
# an office PC; hashes made with it are upgraded to the default at the next log-in without it.
COST_VARIABLE = "DISCLOSURE_DESK_SCRYPT_N"


def cost() -> int:
    """The scrypt N for new hashes: 2^17 unless the test-only variable names another power of two."""
    text = os.environ.get(COST_VARIABLE, "")
    if text.isdigit() and int(text) >= 2 and int(text) & (int(text) - 1) == 0:
        return int(text)
    return DEFAULT_N


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen,
                          maxmem=132 * r * n * p + 2**20)


def default_params() -> str:
    """The scrypt parameters new hashes get, without a salt (``scrypt$N$r$p``)."""
    return f"scrypt${cost()}${_R}${_P}"


def new_params() -> str:
    """Parameters and a fresh salt for a new hash (``scrypt$N$r$p$salt``)."""
    return f"{default_params()}${secrets.token_bytes(16).hex()}"


def prehash(password: str, params: str) -> str:
    """The scrypt digest (hex) of ``password`` under ``params``; on PostgreSQL the server checks it."""
    parts = _parts(params + "$")
    if parts is None:
        raise ValueError("not scrypt parameters")
    n, r, p, salt, _ = parts
    return _scrypt(password, salt, n, r, p, 32).hex()


def hash_password(password: str) -> str:
    params = new_params()
    return f"{params}${prehash(password, params)}"


def _parts(stored: str) -> tuple[int, int, int, bytes, str] | None:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return None
        return int(n), int(r), int(p), bytes.fromhex(salt), digest
    except ValueError:
        return None


def verify_password(password: str, stored: str) -> bool:
    parts = _parts(stored)
    if parts is None:
        return False
    n, r, p, salt, digest = parts
    test = _scrypt(password, salt, n, r, p, len(digest) // 2)
    return hmac.compare_digest(test.hex(), digest)


def needs_upgrade(stored: str) -> bool:
    """True when the hash (or its parameters alone, ``scrypt$N$r$p$salt``) has a lower cost than new
    hashes get now."""
    parts = _parts(stored if stored.count("$") == 5 else stored + "$")
    return parts is not None and parts[0] < cost()


@functools.lru_cache(maxsize=4)
def _dummy(n: int) -> str:
    return hash_password(secrets.token_hex(8))


def burn_time(password: str) -> None:
    """Spend what a wrong password costs, for a user name that does not exist."""
    verify_password(password, _dummy(cost()))
