"""Who is asking, and which request this is: the client address and a request id.

Runs first. Behind a reverse proxy REMOTE_ADDR is the proxy's; the real client address comes
from `CLIENT_IP_HEADER`, trusted only when the request arrives from one of `TRUSTED_PROXIES`
(anyone else could have written the header). The result replaces REMOTE_ADDR, so allauth's
per-address rate limits and everything else see the client, not the proxy.

Every request gets an id (the proxy's `X-Request-ID` when a trusted proxy sent a sane one, else
a new one), echoed in the response and put on every log line written while it is served.
"""

import contextvars
import ipaddress
import re
import uuid
from functools import cache

from django.conf import settings
from django.core.signals import request_finished

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@cache
def _trusted_networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse_ip(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    ip = _parse_ip(address or "")
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return ip is not None and any(ip in network for network in networks)


def client_ip(meta) -> str:
    """The client's address: from the configured header when a trusted proxy sent it."""
    remote = meta.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not header or not is_trusted_proxy(remote):
        return remote
    value = meta.get("HTTP_" + header.upper().replace("-", "_"), "")
    # X-Forwarded-For is "client, proxy1, proxy2": walk from the right past our own proxies;
    # the first address we did not add ourselves is the client. X-Real-IP is one address.
    hops = [hop.strip() for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _parse_ip(hop) is None:
            return remote  # a malformed header: trust nothing in it
        if not is_trusted_proxy(hop):
            return str(_parse_ip(hop))
    return str(_parse_ip(hops[0])) if hops else remote


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        from_proxy = is_trusted_proxy(meta.get("REMOTE_ADDR", ""))
        meta["REMOTE_ADDR"] = client_ip(meta)
        offered = meta.get("HTTP_X_REQUEST_ID", "")
        if from_proxy and _SANE_REQUEST_ID.match(offered):
            request.id = offered
        else:
            request.id = uuid.uuid4().hex
        # Not reset on the way out: Django logs the response's status after the middleware
        # chain; `request_finished` clears it once the response is closed.
        request_id_var.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


def _forget_request_id(**kwargs):
    request_id_var.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="clinicalcontext-request-id")
