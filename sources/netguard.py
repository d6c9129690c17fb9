"""Refuse URLs that are not http(s) or whose host resolves to loopback, private, link-local or metadata addresses.

The resolver is a plain callable so tests (respx with made-up hostnames) can inject one and never touch DNS.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

Resolver = Callable[[str], list[str]]


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for `host` (blocking: call it in a thread)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})


def is_public(address: str) -> bool:
    """Globally routable unicast only; IPv4-mapped IPv6 is judged by its IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def refusal(url: str, allow_private: bool, resolver: Resolver) -> str | None:
    """Why `url` must not be requested, or None when it may be."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a malformed port)
    except ValueError:
        return "invalid url"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not http(s)"
    if allow_private:
        return None
    host = parts.hostname
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = await asyncio.to_thread(resolver, host)
        except OSError:
            return None  # unresolvable: the request itself will fail with a connection error and be recorded
    if any(not is_public(address) for address in addresses):
        return "private address"
    return None
