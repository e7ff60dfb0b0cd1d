"""Wiring the login throttle (thiduakt.services.logins) into Django's authentication.

The backend stands first in AUTHENTICATION_BACKENDS, so a throttled account or address is
refused before any password is checked, on the app's login page and the admin's alike; the
forms then show how long to wait instead of "wrong password". Calls without a request
(the shell, management commands) are not throttled: they do not come from the network.
"""

import math

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.utils.translation import ngettext

from thiduakt.services.logins import forget_login_failures, login_wait, record_login_failure


class LoginThrottleBackend:
    def authenticate(self, request, username=None, **credentials):
        if request is None:
            return None
        wait = login_wait(request, username)
        if wait is not None:
            request.login_wait = wait
            raise PermissionDenied("login throttled")
        return None


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    # Refusals by the throttle count too: an address that keeps hammering one locked account
    # reaches the address limit and cannot move on to the next account.
    if request is not None:
        record_login_failure(request, credentials.get("username"))


@receiver(user_logged_in)
def _forget_failures(sender, request, user, **kwargs):
    forget_login_failures(user.get_username())


def wait_message(wait):
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    return ngettext(
        "Too many failed logins. Please wait %(minutes)d minute before trying again.",
        "Too many failed logins. Please wait %(minutes)d minutes before trying again.",
        minutes,
    ) % {"minutes": minutes}


class ThrottleMessageMixin:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            wait = getattr(self.request, "login_wait", None)
            if wait is None:
                raise
            raise ValidationError(wait_message(wait), code="throttled") from None


class LoginForm(ThrottleMessageMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottleMessageMixin, AdminAuthenticationForm):
    pass
