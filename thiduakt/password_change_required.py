from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect


class PasswordChangeRequiredMiddleware:
    """An account flagged to change its password (a demo account outside demo mode) opens
    nothing else until it has."""

    ALLOWED = ("password_change", "password_change_done", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            target = reverse("password_change")
            if request.path_info not in {reverse(name) for name in self.ALLOWED}:
                messages.warning(request, _("Choose a new password of your own before you continue."))
                return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
        return self.get_response(request)
