"""The web service's settings, read once at start-up (environment or the ``serve`` command)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

PROXIES_ENV = "DISCLOSURE_DESK_TRUSTED_PROXIES"
DB_ENV = "DISCLOSURE_DESK_WEB_DB"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """'127.0.0.1, 10.0.0.0/8' -> networks; an empty text trusts no proxy."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class WebConfig:
    """Limits and secrets of one running service; every worker and host behind the proxy shares them."""

    secret: bytes
    trusted_proxies: tuple[Network, ...] = ()
    max_body: int = 12 * 1024 * 1024          # whole request: the form plus its attachments
    max_files: int = 5
    max_fields: int = 40
    max_part: int = 64 * 1024                 # one text field (the description is the longest)
    request_seconds: float = 30.0             # a request taking longer gets 503, its work abandoned
    token_seconds: int = 4 * 3600             # a form older than this asks to be reloaded
    case_cookie_seconds: int = 20 * 60        # how long a status look-up stays open in the browser

    @classmethod
    def from_env(cls, secret: bytes) -> "WebConfig":
        """``secret`` is the service's (DD_ONLINE_SECRET), the same in every worker and host, so a form
        or cookie signed by one worker is good at any other; the trusted proxies come from ``serve``."""
        return cls(secret=secret, trusted_proxies=parse_networks(os.environ.get(PROXIES_ENV, "")))
