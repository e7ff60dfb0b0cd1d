"""The login throttle: failed logins counted per account and per client address.

A login is refused while the account, or the address it comes from, has as many failures as
its limit within the window; it is allowed again when the oldest of those failures leaves
the window. The address limit is higher than the account one, since a whole office may
reach the app through one address.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thiduakt.client_ip import client_ip
from thiduakt.models import LoginFailure, User
from thiduakt.services import audit


def _window():
    return datetime.timedelta(minutes=settings.THIDUAKT_LOGIN_WINDOW_MINUTES)


def _account(username):
    return (username or "").strip().lower()[:150]


def _limits(username, address):
    return (
        ("account", {"username": _account(username)}, settings.THIDUAKT_LOGIN_FAILURES_PER_ACCOUNT),
        ("address", {"client_ip": address}, settings.THIDUAKT_LOGIN_FAILURES_PER_ADDRESS),
    )


def login_wait(request, username):
    """How long this login must wait (a timedelta), or None if it may be tried now."""
    now = timezone.now()
    recent = LoginFailure.objects.filter(created_at__gt=now - _window())
    waits = []
    for _scope, match, limit in _limits(username, client_ip(request)):
        # The limit-th most recent failure: while it is in the window, the limit is reached.
        oldest_counted = recent.filter(**match).order_by("-created_at").values_list("created_at", flat=True)
        oldest_counted = list(oldest_counted[limit - 1 : limit])
        if oldest_counted:
            waits.append(oldest_counted[0] + _window() - now)
    return max(waits, default=None)


def record_login_failure(request, username):
    """Count one failed login; the failure that reaches a limit is written to the audit log."""
    now = timezone.now()
    address = client_ip(request)
    with transaction.atomic():
        LoginFailure.objects.filter(created_at__lte=now - _window()).delete()
        failure = LoginFailure.objects.create(created_at=now, username=_account(username), client_ip=address)
        for scope, match, limit in _limits(username, address):
            if LoginFailure.objects.filter(**match).count() == limit:
                # Filed under the targeted account's unit, so that unit's administrator sees it.
                target = User.objects.filter(username__iexact=failure.username).first()
                audit.record(
                    actor=None, action="login.throttle", obj=failure, unit=target.unit if target else None,
                    data={
                        "scope": scope, "username": failure.username, "client_ip": address,
                        "failures": limit, "until": (now + _window()).isoformat(),
                    },
                )  # fmt: skip
    return failure


def forget_login_failures(username):
    """After a successful login the account starts afresh (the address count keeps the others)."""
    LoginFailure.objects.filter(username=_account(username)).delete()
