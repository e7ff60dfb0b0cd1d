"""Sessions end after SESSION_COOKIE_AGE without a request, not SESSION_COOKIE_AGE after the login.

Django stores a session's expiry when it saves the session: touching a logged-in session at
most once a minute slides the expiry along with the user's activity, without writing the
session on every request as SESSION_SAVE_EVERY_REQUEST would (some pages poll for progress).
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

TOUCH_SECONDS = 60


def _touch(session):
    session["seen"] = int(time.time())


@receiver(user_logged_in)
def _seen_at_login(sender, request, user, **kwargs):
    # The login saves the session anyway: the first requests after it need not.
    _touch(request.session)


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and time.time() - request.session.get("seen", 0) >= TOUCH_SECONDS:
            _touch(request.session)
        return self.get_response(request)
