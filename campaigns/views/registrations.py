from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from campaigns.forms import RegistrationForm, ReturnForm
from campaigns.models import Registration
from campaigns.selectors import participant_units, registrations_for_user
from campaigns.services.registrations import (
    approve_registration,
    return_registration,
    save_registration,
    submit_registration,
)
from thiduakt.errors import DomainError

from .criteria import CampaignActionMixin


class RegisterView(CampaignActionMixin, FormView):
    """The user's home unit registers itself and its people for this campaign."""

    permission_required = "campaigns.register"
    form_class = RegistrationForm
    template_name = "campaigns/registration_form.html"

    def get_permission_object(self):
        return self.request.user.unit

    def get(self, request, *args, **kwargs):
        return self.refuse_outsiders() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_outsiders() or super().post(request, *args, **kwargs)

    def refuse_outsiders(self):
        unit = self.request.user.unit
        if participant_units(self.campaign).filter(pk=unit.pk).exists() or self.get_registration():
            return None
        messages.error(self.request, _("%(unit)s does not take part in this campaign.") % {"unit": unit})
        return self.back()

    def get_registration(self):
        return Registration.objects.filter(campaign=self.campaign, unit=self.request.user.unit).first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.request.user.unit, "user": self.request.user}

    def get_initial(self):
        registration = self.get_registration()
        if registration is None:
            return {}
        entries = list(registration.entries.all())
        initial = {"pledge": registration.pledge, "unit_titles": [e.title for e in entries if e.person_id is None]}
        initial.update({f"person_{e.person_id}": e.title for e in entries if e.person_id})
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.get_registration(), unit=self.request.user.unit, **kwargs)

    def form_valid(self, form):
        try:
            registration = save_registration(
                self.campaign, self.request.user.unit, actor=self.request.user,
                pledge=form.cleaned_data["pledge"], entries=form.entries(),
            )  # fmt: skip
            if "submit" in self.request.POST:
                submit_registration(registration, actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "submit" in self.request.POST:
            messages.success(self.request, _("The registration was sent to the launching unit for approval."))
        else:
            messages.success(self.request, _("The registration was saved as a draft."))
        return self.back()


class RegistrationActionView(CampaignActionMixin, View):
    """POST only: submit (the unit), approve or return (the launching side)."""

    def get_registration(self):
        return get_object_or_404(
            registrations_for_user(self.request.user, self.campaign), pk=self.kwargs["registration"]
        )

    def get_permission_required(self):
        action = self.kwargs["action"]
        return ("campaigns.register",) if action == "submit" else ("campaigns.decide_registration",)

    def get_permission_object(self):
        if self.kwargs["action"] == "submit":
            return self.get_registration().unit
        return self.campaign

    def post(self, request, pk, registration, action):
        target = self.get_registration()
        try:
            if action == "submit":
                submit_registration(target, actor=request.user)
                messages.success(request, _("The registration was sent to the launching unit for approval."))
            elif action == "approve":
                approve_registration(target, actor=request.user)
                messages.success(request, _("The registration of %(unit)s was approved.") % {"unit": target.unit})
            else:
                form = ReturnForm(request.POST)
                return_registration(target, actor=request.user, reason=form.data.get("reason", ""))
                messages.success(request, _("The registration of %(unit)s was returned.") % {"unit": target.unit})
        except DomainError as error:
            messages.error(request, error.message)
        return self.back()
