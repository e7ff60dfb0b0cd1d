from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from campaigns.forms import CopyCriteriaForm, CriterionForm
from campaigns.models import Criterion
from campaigns.selectors import campaigns_for_user
from campaigns.services.campaigns import copy_criteria, delete_criterion, save_criterion
from thiduakt.errors import DomainError
from thiduakt.views.mixins import RulePermissionMixin


class CampaignActionMixin(LoginRequiredMixin, RulePermissionMixin):
    """Find the campaign in the user's scope (else 404), then check the permission on it."""

    permission_required = "campaigns.change_campaign"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.campaign = get_object_or_404(campaigns_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.campaign

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)

    def back(self):
        return redirect("campaign_detail", pk=self.campaign.pk)


class CriterionFormView(CampaignActionMixin, FormView):
    form_class = CriterionForm
    template_name = "campaigns/criterion_form.html"

    def get_criterion(self):
        if "criterion" not in self.kwargs:
            return None
        return get_object_or_404(Criterion, campaign=self.campaign, pk=self.kwargs["criterion"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_criterion()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(criteria=self.campaign.criteria.all(), **kwargs)

    def form_valid(self, form):
        try:
            save_criterion(
                self.campaign, actor=self.request.user, data=dict(form.cleaned_data), criterion=self.get_criterion()
            )
        except DomainError as error:
            messages.error(self.request, error.message)
            return self.back()
        messages.success(self.request, _("The criterion was saved."))
        if "add_another" in self.request.POST:
            return redirect("criterion_add", pk=self.campaign.pk)
        return self.back()


class CriterionDeleteView(CampaignActionMixin, View):
    def post(self, request, pk, criterion):
        try:
            delete_criterion(get_object_or_404(Criterion, campaign=self.campaign, pk=criterion), actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The criterion was removed."))
        return self.back()


class CopyCriteriaView(CampaignActionMixin, View):
    def post(self, request, pk):
        form = CopyCriteriaForm(request.POST, campaigns=campaigns_for_user(request.user).exclude(pk=pk))
        if not form.is_valid():
            messages.error(request, _("Choose a campaign to copy from."))
            return self.back()
        try:
            copies = copy_criteria(self.campaign, form.cleaned_data["source"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Copied %(count)d criteria.") % {"count": len(copies)})
        return self.back()
