from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login as login_redirect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from rules.contrib.views import PermissionRequiredMixin

from thiduakt.errors import DomainError


class ScopedObjectMixin(LoginRequiredMixin):
    """Find the object through the user's scoped selector: outside the scope it is a 404."""

    selector = None

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        try:
            return queryset.get(pk=self.kwargs["pk"])
        except queryset.model.DoesNotExist as error:
            raise Http404 from error


class RulePermissionMixin(PermissionRequiredMixin):
    """In scope but not allowed (e.g. a council member editing) answers 403."""

    raise_exception = True

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request)
        raise PermissionDenied


def redirect_to_login(request):
    return login_redirect(request.get_full_path())


class ServiceFormMixin:
    """Call one service with the form's data; show a domain refusal on the form."""

    success_message = ""

    def form_valid(self, form):
        try:
            self.object = self.call_service(form)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        except ValidationError as error:  # a rule the model checks after normalising input
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class UserFormMixin:
    """Forms whose choices are limited to the user's scope receive the user."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}
