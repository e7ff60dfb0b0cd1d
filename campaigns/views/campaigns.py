from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from campaigns.enums import CampaignStatus
from campaigns.filters import CampaignFilter
from campaigns.forms import CampaignForm
from campaigns.selectors import (
    campaigns_for_user,
    clusters_for_user,
    coverage,
    manages_campaign,
    participant_units,
    registrations_for_user,
)
from campaigns.services.campaigns import create_campaign, set_campaign_state, update_campaign
from thiduakt.downloads import file_download
from thiduakt.errors import DomainError
from thiduakt.models import Unit
from thiduakt.selectors import history_for
from thiduakt.views.mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin

# The states a button moves to; review stages come from recording the review.
STATE_BUTTONS = {CampaignStatus.DRAFT: CampaignStatus.LAUNCHED, CampaignStatus.FINAL_REVIEW: CampaignStatus.CLOSED}


class CampaignListView(LoginRequiredMixin, FilterView):
    filterset_class = CampaignFilter
    template_name = "campaigns/campaign_list.html"
    paginate_by = 20

    def get_queryset(self):
        return campaigns_for_user(self.request.user).prefetch_related("criteria")

    def get_filterset_kwargs(self, filterset_class):
        launchers = Unit.objects.filter(pk__in=campaigns_for_user(self.request.user).values("launcher"))
        return {**super().get_filterset_kwargs(filterset_class), "launchers": launchers}


class CampaignDetailView(ScopedObjectMixin, DetailView):
    selector = campaigns_for_user
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_context_data(self, **kwargs):
        campaign, user = self.object, self.request.user
        manages = manages_campaign(user, campaign)
        own_registration = campaign.registrations.filter(unit_id=user.unit_id).first()
        can_register = user.has_perm("campaigns.register", user.unit) and (
            own_registration is not None
            or (campaign.accepts_registrations and participant_units(campaign).filter(pk=user.unit_id).exists())
        )
        return super().get_context_data(
            can_register=can_register,
            manages=manages,
            criteria=campaign.criteria.all(),
            registrations=registrations_for_user(user, campaign),
            own_registration=own_registration,
            coverage=coverage(campaign) if manages else None,
            clusters=self._clusters(campaign, user),
            reviews=campaign.reviews.prefetch_related("attachments"),
            next_state=STATE_BUTTONS.get(campaign.status),
            copy_sources=self._copy_sources(campaign, user) if manages else [],
            history=history_for(campaign),
            **kwargs,
        )

    @staticmethod
    def _copy_sources(campaign, user):
        if campaign.status != CampaignStatus.DRAFT:
            return []
        return campaigns_for_user(user).exclude(pk=campaign.pk).filter(criteria__isnull=False).distinct()

    @staticmethod
    def _clusters(campaign, user):
        if campaign.cluster_id:
            return [campaign.cluster]
        return list(clusters_for_user(user).filter(memberships__year=campaign.scoring_year).distinct())


class CampaignCreateView(LoginRequiredMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, CreateView):
    permission_required = "campaigns.add_campaign"
    form_class = CampaignForm
    template_name = "campaigns/campaign_form.html"
    success_message = gettext_lazy("The campaign was saved as a draft. Add its criteria, then launch it.")

    def get_initial(self):
        return {"launcher": self.request.user.unit}

    def call_service(self, form):
        return create_campaign(
            actor=self.request.user, data=form.service_data(), chosen_units=form.cleaned_data["chosen_units"]
        )

    def get_success_url(self):
        return reverse("campaign_detail", args=[self.object.pk])


class CampaignUpdateView(ScopedObjectMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, UpdateView):
    selector = campaigns_for_user
    permission_required = "campaigns.change_campaign"
    form_class = CampaignForm
    template_name = "campaigns/campaign_form.html"
    success_message = gettext_lazy("The changes were saved.")

    def call_service(self, form):
        return update_campaign(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"), chosen_units=form.cleaned_data["chosen_units"],
        )  # fmt: skip

    def get_success_url(self):
        return reverse("campaign_detail", args=[self.object.pk])


class CampaignStateView(ScopedObjectMixin, RulePermissionMixin, View):
    """POST only: launch or close a campaign."""

    selector = campaigns_for_user
    permission_required = "campaigns.change_campaign"

    def get_permission_object(self):
        return self.get_object()

    def post(self, request, pk):
        campaign = self.get_object()
        state = request.POST.get("state", "")
        if state not in CampaignStatus.values:
            raise Http404
        try:
            set_campaign_state(campaign, state, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The campaign is now “%(state)s”.") % {"state": CampaignStatus(state).label})
        return redirect("campaign_detail", pk=pk)


class CampaignFileView(ScopedObjectMixin, View):
    """The plan document, to people who can see the campaign only."""

    selector = campaigns_for_user

    def get(self, request, pk):
        campaign = self.get_object()
        return file_download(campaign.plan_file, _download_name(campaign))


def _download_name(campaign):
    extension = campaign.plan_file.name.rsplit(".", 1)[-1]
    number = (campaign.plan_number or "ke-hoach").replace("/", "-")
    return f"{number}.{extension}"


def campaign_or_404(user, pk):
    return get_object_or_404(campaigns_for_user(user), pk=pk)
