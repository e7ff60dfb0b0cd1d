from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView

from campaigns.forms import ClusterForm, MembershipForm
from campaigns.models import ClusterMembership
from campaigns.selectors import clusters_for_user, members
from campaigns.services.clusters import copy_members, create_cluster, remove_membership, set_membership
from thiduakt.selectors import history_for
from thiduakt.views.mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin


class ClusterListView(LoginRequiredMixin, ListView):
    template_name = "campaigns/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return clusters_for_user(self.request.user).order_by("name")


class ClusterCreateView(LoginRequiredMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, CreateView):
    permission_required = "campaigns.add_cluster"
    form_class = ClusterForm
    template_name = "campaigns/cluster_form.html"
    success_message = gettext_lazy("The cluster was created. Add its members for the year.")

    def get_initial(self):
        return {"owner": self.request.user.unit}

    def call_service(self, form):
        return create_cluster(actor=self.request.user, data=form.cleaned_data)

    def get_success_url(self):
        return reverse("cluster_detail", args=[self.object.pk])


def _year(request, cluster=None):
    """The year asked for; else the cluster's latest year with members; else this year."""
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        latest = cluster.memberships.order_by("-year").values_list("year", flat=True).first() if cluster else None
        return latest or timezone.localdate().year


class ClusterDetailView(ScopedObjectMixin, DetailView):
    selector = clusters_for_user
    template_name = "campaigns/cluster_detail.html"
    context_object_name = "cluster"

    def get_context_data(self, **kwargs):
        cluster = self.object
        year = _year(self.request, cluster)
        years = sorted(set(cluster.memberships.values_list("year", flat=True)) | {year}, reverse=True)
        can_change = self.request.user.has_perm("campaigns.change_cluster", cluster)
        form = MembershipForm(user=self.request.user, initial={"year": year}) if can_change else None
        return super().get_context_data(
            year=year, years=years, members=members(cluster, year), form=form, can_change=can_change,
            campaigns=cluster.campaigns.all(), history=history_for(cluster), **kwargs,
        )  # fmt: skip


class ClusterActionMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "campaigns.change_cluster"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.cluster = get_object_or_404(clusters_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.cluster

    def back(self, year):
        return redirect(f"{reverse('cluster_detail', args=[self.cluster.pk])}?year={year}")


class MembershipAddView(ClusterActionMixin, View):
    def post(self, request, pk):
        form = MembershipForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("Choose a unit in your scope, a year and a role."))
            return self.back(_year(request))
        data = form.cleaned_data
        set_membership(self.cluster, data["unit"], data["year"], data["role"], actor=request.user)
        messages.success(
            request, _("%(unit)s is in the cluster for %(year)d.") % {"unit": data["unit"], "year": data["year"]}
        )
        return self.back(data["year"])


class MembershipRemoveView(ClusterActionMixin, View):
    def post(self, request, pk, membership):
        target = get_object_or_404(ClusterMembership, cluster=self.cluster, pk=membership)
        remove_membership(target, actor=request.user)
        messages.success(request, _("%(unit)s was removed from %(year)d.") % {"unit": target.unit, "year": target.year})
        return self.back(target.year)


class CopyMembersView(ClusterActionMixin, View):
    def post(self, request, pk):
        try:
            to_year = int(request.POST["to_year"])
        except (KeyError, ValueError):
            messages.error(request, _("Choose the year to copy into."))
            return self.back(_year(request))
        created = copy_members(self.cluster, to_year - 1, to_year, actor=request.user)
        messages.success(
            request, _("Copied %(count)d members from %(year)d.") % {"count": len(created), "year": to_year - 1}
        )
        return self.back(to_year)
