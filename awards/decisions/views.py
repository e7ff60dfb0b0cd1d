from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, UpdateView

from awards.council.models import CouncilSession
from awards.decisions.extensions import decision_page_parts
from awards.decisions.forms import DecisionForm
from awards.decisions.selectors import decisions_for_user
from awards.decisions.services import draft_from_session, sign, update_decision
from awards.enums import DecisionStatus
from awards.posting.services import feedback_still_open
from thiduakt.errors import DomainError
from thiduakt.selectors import history_for
from thiduakt.views.mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin


class DecisionListView(LoginRequiredMixin, ListView):
    template_name = "awards/decisions/list.html"
    context_object_name = "decisions"
    paginate_by = 20

    def get_queryset(self):
        return decisions_for_user(self.request.user).order_by("-date", "-created_at")


class DecisionDraftView(LoginRequiredMixin, RulePermissionMixin, FormView):
    """Draft the decision of a closed session's approved nominations."""

    permission_required = "awards.draft_decision"
    form_class = DecisionForm
    template_name = "awards/decisions/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            scope = request.user.scope_path() or "-"
            sessions = CouncilSession.objects.select_related("council__unit")
            if scope != "/":
                sessions = sessions.filter(council__unit__path__startswith=scope)
            self.session = get_object_or_404(sessions, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.session.council.unit

    def get_initial(self):
        chair = self.session.council.members.filter(role="chair", is_active=True).select_related("user").first()
        return {"signer_name": chair.user.full_name} if chair else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def form_valid(self, form):
        try:
            decision = draft_from_session(
                self.session, actor=self.request.user, data={**form.service_data(), "issuer": self.session.council.unit}
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        carried = self.session.items.filter(nomination__forwarded_to__isnull=False).count()
        if carried:
            messages.info(
                self.request,
                _("%(count)d approved nomination(s) are above this council's authority: they were forwarded to the "
                  "higher level in a new submission.") % {"count": carried},
            )  # fmt: skip
        if decision is None:
            return redirect("nominations:submission_list")
        messages.success(self.request, _("The draft decision was created."))
        return redirect("decisions:detail", pk=decision.pk)


class DecisionDetailView(ScopedObjectMixin, DetailView):
    selector = decisions_for_user
    template_name = "awards/decisions/detail.html"
    context_object_name = "decision"

    def get_context_data(self, **kwargs):
        decision, user = self.object, self.request.user
        lines = list(
            decision.lines.select_related(
                "nomination__person__unit", "nomination__unit", "nomination__award_type", "award"
            )
        )
        parts = {}
        for part in decision_page_parts:
            parts.update(part(user, decision, lines))
        feedback_until = None
        if decision.status == DecisionStatus.DRAFT:
            feedback_until = max(
                (d for d in feedback_still_open([line.nomination for line in lines]).values() if d), default=None
            )
        return super().get_context_data(
            lines=lines,
            feedback_until=feedback_until,
            can_edit=decision.status == "draft" and user.has_perm("awards.draft_decision", decision.issuer),
            can_sign=decision.status == "draft" and user.has_perm("awards.sign_decision", decision.issuer),
            history=history_for(decision),
            **parts,
            **kwargs,
        )


class DecisionUpdateView(ScopedObjectMixin, RulePermissionMixin, ServiceFormMixin, UpdateView):
    selector = decisions_for_user
    permission_required = "awards.draft_decision"
    form_class = DecisionForm
    template_name = "awards/decisions/form.html"
    success_message = gettext_lazy("The changes were saved.")

    def get_permission_object(self):
        return self.get_object().issuer

    def call_service(self, form):
        return update_decision(
            self.get_object(),
            actor=self.request.user,
            data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )

    def get_success_url(self):
        return reverse("decisions:detail", args=[self.object.pk])


class DecisionSignView(ScopedObjectMixin, RulePermissionMixin, View):
    selector = decisions_for_user
    permission_required = "awards.sign_decision"

    def get_permission_object(self):
        return self.get_object().issuer

    def post(self, request, pk):
        try:
            decision = sign(self.get_object(), actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Decision %(number)s is signed: %(count)d awards were recorded.")
                % {"number": decision.number, "count": decision.lines.count()},
            )
        return redirect("decisions:detail", pk=pk)
