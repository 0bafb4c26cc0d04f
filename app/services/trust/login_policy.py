"""How log-in failures are slowed down and locked out (guessing a password must not pay)."""

from __future__ import annotations

from datetime import timedelta

MAX_FAILURES = 5                     # the fifth failure in a row locks the account
LOCKOUT = timedelta(minutes=15)
MAX_DELAY = 30.0


def failure_delay(failures: int) -> float:
    """Seconds before answering the ``failures``-th failure in a row: none for the first four,
    then 1, 2, 4, 8 … s (at most 30), so guessing slows down the more it is tried."""
    if failures < MAX_FAILURES:
        return 0.0
    return min(float(2 ** (failures - MAX_FAILURES)), MAX_DELAY)
