"""The address of the person behind a request, as the trusted reverse proxy saw it.

Behind N trusted proxies, each appends the address it received the request from to the
forwarding header, so the client is the N-th entry from the right: anything further left was
written by the client and can be forged. With no trusted proxy (the default) the header is
ignored and the socket's address is used.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.THIDUAKT_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    header = "HTTP_" + settings.THIDUAKT_CLIENT_IP_HEADER.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(header, "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        # The proxy did not set the header: nothing better than the socket is known.
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
