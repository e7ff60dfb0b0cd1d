from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from campaigns.enums import RankingStatus
from campaigns.forms import ScoreForm
from campaigns.models import Cluster, ClusterRanking, ScoreSheet
from campaigns.selectors import clusters_for_user, manages_campaign, members, ranking
from campaigns.services.clusters import finalize_ranking, reopen_ranking, save_scores
from thiduakt.errors import DomainError
from thiduakt.models import Unit

from .criteria import CampaignActionMixin


class ClusterScopedMixin(CampaignActionMixin):
    """Campaign in scope, and a cluster the user can see (or whose campaign they manage)."""

    permission_required = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.cluster = get_object_or_404(Cluster, pk=kwargs["cluster"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        visible = clusters_for_user(self.request.user).filter(pk=self.cluster.pk).exists()
        if not (visible or manages_campaign(self.request.user, self.campaign)):
            raise Http404
        return super().has_permission()

    def get_context_data(self, **kwargs):
        kwargs["cluster"] = self.cluster  # replaces the cluster id TemplateView passes from the URL
        return super().get_context_data(**kwargs)

    def to_ranking(self):
        return redirect("cluster_ranking", pk=self.campaign.pk, cluster=self.cluster.pk)


class RankingView(ClusterScopedMixin, TemplateView):
    template_name = "campaigns/ranking.html"

    def get_context_data(self, **kwargs):
        user, target = self.request.user, (self.campaign, self.cluster)
        return super().get_context_data(
            rows=ranking(self.campaign, self.cluster),
            final=ClusterRanking.objects.filter(
                campaign=self.campaign, cluster=self.cluster, status=RankingStatus.FINAL
            ).exists(),
            criteria=self.campaign.criteria.all(),
            can_cluster_score=user.has_perm("campaigns.cluster_score", target),
            year=self.campaign.scoring_year,
            **kwargs,
        )


class ScoreView(ClusterScopedMixin, FormView):
    """A member scores itself (by=self) or the cluster scores a member (by=cluster)."""

    template_name = "campaigns/score_form.html"
    form_class = ScoreForm

    @property
    def by_cluster(self):
        return self.kwargs["by"] == "cluster"

    def get_unit(self):
        member_ids = members(self.cluster, self.campaign.scoring_year).values("unit_id")
        return get_object_or_404(Unit.objects.filter(pk__in=member_ids), pk=self.kwargs["unit"])

    def get_permission_required(self):
        return ("campaigns.cluster_score",) if self.by_cluster else ("campaigns.self_score",)

    def get_permission_object(self):
        return (self.campaign, self.cluster) if self.by_cluster else self.get_unit()

    def get_sheet(self):
        return ScoreSheet.objects.filter(campaign=self.campaign, cluster=self.cluster, unit=self.get_unit()).first()

    def get_form_kwargs(self):
        sheet = self.get_sheet()
        lines = {line.criterion_id: line for line in sheet.lines.all()} if sheet else {}
        kwargs = super().get_form_kwargs()
        kwargs.update(criteria=list(self.campaign.criteria.all()), lines=lines, by_cluster=self.by_cluster)
        kwargs.setdefault("initial", {})["version"] = sheet.version if sheet else None
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_unit(), by_cluster=self.by_cluster, **kwargs)

    def form_valid(self, form):
        try:
            save_scores(
                self.campaign, self.cluster, self.get_unit(), actor=self.request.user, scores=form.scores(),
                by_cluster=self.by_cluster, expected_version=form.cleaned_data.get("version"),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The scores of %(unit)s were saved.") % {"unit": self.get_unit()})
        return self.to_ranking()


class FinalizeRankingView(ClusterScopedMixin, View):
    permission_required = ("campaigns.cluster_score",)

    def get_permission_object(self):
        return (self.campaign, self.cluster)

    def post(self, request, pk, cluster):
        try:
            top = finalize_ranking(self.campaign, self.cluster, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The ranking was recorded; %(unit)s is proposed for the emulation flag.") % {"unit": top.unit},
            )
        return self.to_ranking()


class ReopenRankingView(ClusterScopedMixin, View):
    permission_required = ("campaigns.cluster_score",)

    def get_permission_object(self):
        return (self.campaign, self.cluster)

    def post(self, request, pk, cluster):
        try:
            reopen_ranking(self.campaign, self.cluster, actor=request.user, reason=request.POST.get("reason", ""))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The ranking was reopened: scores can change, then record it again."))
        return self.to_ranking()
