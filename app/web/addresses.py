"""The applicant's address: taken from X-Forwarded-For only when the peer is a trusted proxy."""

from __future__ import annotations

import ipaddress

from app.web.config import Network


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(ip, proxies: tuple[Network, ...]) -> bool:
    return ip is not None and any(ip in net for net in proxies)


def client_of(peer: str | None, headers: dict[str, str], proxies: tuple[Network, ...]) -> tuple[str, bool]:
    """(address, https) of the request.

    Behind a trusted proxy, X-Forwarded-For is read from the right: the first address that is not one
    of our proxies is the client (anything further left was written by the client and can be forged).
    X-Forwarded-Proto is believed only from a trusted proxy too. A direct peer is taken as it is.
    """
    peer_ip = _ip(peer or "")
    if not _trusted(peer_ip, proxies):
        return (str(peer_ip) if peer_ip else "unknown"), False
    hops = [h for h in headers.get("x-forwarded-for", "").split(",") if h.strip()]
    client = str(peer_ip)
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:                        # garbage in the chain: stop at the last address we trust
            break
        client = str(ip)
        if not _trusted(ip, proxies):
            break
    https = headers.get("x-forwarded-proto", "").strip().lower() == "https"
    return client, https


def truncated(address: str) -> str:
    """For logs: an IPv4 address to its /24, an IPv6 one to its /48 — enough to see a flood, not a person."""
    ip = _ip(address)
    if ip is None:
        return "unknown"
    if ip.version == 4:
        return str(ipaddress.ip_network(f"{ip}/24", strict=False).network_address).rsplit(".", 1)[0] + ".x"
    return str(ipaddress.ip_network(f"{ip}/48", strict=False).network_address) + "/48"
