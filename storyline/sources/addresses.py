"""Which network addresses a source may point at, checked after DNS resolution.

A source added through the web app is fetched by the server, from inside its
network: without a check, a user could make it read an internal service
(``http://10.0.0.5/admin``, a cloud metadata address). So, unless the server was
started with ``--allow-private-sources``, every address a host name resolves to
must be a public unicast one: not loopback, private, link-local, shared (CGNAT),
multicast, reserved or unspecified, in IPv4 or IPv6, an IPv4-mapped IPv6 address
judged by its IPv4 address. The fetcher connects to the address it checked (and
verifies the peer it reached), on every redirect hop, so a name that resolves
differently the second time (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from storyline.errors import StorylineError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = ("http", "https")


class AddressError(StorylineError):
    """A URL that may not be fetched: scheme, or an address that is not public."""


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise AddressError(
            f"{url!r}: scheme {scheme or '(none)'!r} is not allowed; use http or https"
        )


def why_not_public(address: str) -> str | None:
    """Why ``address`` is not a public unicast address, or None when it is."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    for flag in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{flag}"):
            return f"{ip} is a {flag.replace('_', '-')} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressError(f"cannot resolve host {host!r}: {exc}") from exc
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def public_address(host: str, port: int) -> str:
    """The address to connect to for ``host``: all it resolves to must be public."""
    addresses = resolve(host, port)
    for address in addresses:
        reason = why_not_public(address)
        if reason is not None:
            raise AddressError(
                f"host {host!r} resolves to {address}: {reason}; sources added through the "
                "web app must be public (start the server with --allow-private-sources to "
                "allow it)"
            )
    if not addresses:
        raise AddressError(f"host {host!r} resolves to no address")
    return addresses[0]
