"""Webhook addresses that cannot be turned against the server's own network (SSRF).

A webhook goes only to https and to public addresses: never loopback, private,
link-local (cloud metadata at 169.254.169.254), shared, multicast or reserved ranges.
The address is checked when a host saves it and again at every send, on the very IP the
connection is made to (DNS can change between the two, or answer differently each time).
Redirects are not followed. `JUNTOS_WEBHOOKS_ALLOW_INSECURE=1` allows http and loopback for
tests and development only (never with JUNTOS_PRODUCTION).
"""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class RefusedAddress(OSError):
    """The address is not a public https one. Says nothing about what is there."""


def _insecure_allowed() -> bool:
    return bool(getattr(settings, "JUNTOS_WEBHOOKS_ALLOW_INSECURE", False))


def ip_allowed(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if _insecure_allowed() and address.is_loopback:
        return True
    return address.is_global and not address.is_multicast


def url_problem(url: str, *, resolve: bool = True) -> str:
    """Why a webhook address is refused, in the user's language, or "" when it is fine."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("This is not a web address.")
    allowed_schemes = ("https", "http") if _insecure_allowed() else ("https",)
    if parts.scheme not in allowed_schemes:
        return _("Webhook addresses must start with https://.")
    if not parts.hostname or parts.username or parts.password:
        return _("This is not a web address.")
    if not resolve:
        return ""
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ""  # not found now (DNS may be down); every send checks the address again
    if not infos or not all(ip_allowed(info[4][0]) for info in infos):
        return _(
            "This address points to a private or reserved network; webhooks go only to "
            "public internet addresses."
        )
    return ""


def _guarded_create_connection(address, timeout=None, source_address=None, **kwargs):
    """socket.create_connection that connects only to allowed IPs, checked on the IP
    actually used."""
    host, port = address
    last_error = None
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    if not infos or not all(ip_allowed(info[4][0]) for info in infos):
        raise RefusedAddress("refused: not a public address")
    for family, kind, proto, _canon, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            last_error = error
            sock.close()
    raise last_error or OSError("could not connect")


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_create_connection


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_create_connection


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        if not _insecure_allowed():
            raise RefusedAddress("refused: not https")
        return self.do_open(_GuardedHTTPConnection, req)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is an answer (3xx), not a new address to post to


def guarded_urlopen(request, timeout=10):
    """urllib's urlopen for webhooks: https and public addresses only, no redirects."""
    problem = url_problem(request.full_url, resolve=False)
    if problem:
        raise RefusedAddress("refused")
    opener = urllib.request.build_opener(_HTTPSHandler(), _HTTPHandler(), _NoRedirect())
    return opener.open(request, timeout=timeout)


REFUSED_LOG = "Refused: not a public https address. Nothing was sent."


def is_refusal(error: BaseException) -> bool:
    return isinstance(error, RefusedAddress) or isinstance(
        getattr(error, "reason", None), RefusedAddress
    )
