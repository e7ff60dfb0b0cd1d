from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from awards.enums import AttachmentKind, NominationStatus
from awards.nominations.filters import SubmissionFilter
from awards.nominations.forms import ReaddressForm, SubmissionForm
from awards.nominations.models import EDITABLE_STATUSES
from awards.nominations.quota import quota_checks
from awards.nominations.selectors import nominations_for_user, submissions_for_user
from awards.nominations.services import (
    create_submission,
    decide_many,
    missing_attachments,
    readdress,
    readdress_targets,
    refresh_checks,
    submit,
    update_submission,
)
from thiduakt.errors import DomainError
from thiduakt.pagination import page_of
from thiduakt.selectors import history_for
from thiduakt.views.mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin

# A district's list may hold thousands of lines: the page shows them a hundred at a time.
LINES_PAGE = 100


class SubmissionListView(LoginRequiredMixin, FilterView):
    filterset_class = SubmissionFilter
    template_name = "awards/nominations/submission_list.html"
    paginate_by = 20

    def get_queryset(self):
        return submissions_for_user(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


class SubmissionCreateView(LoginRequiredMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, CreateView):
    permission_required = "awards.add_submission"
    form_class = SubmissionForm
    template_name = "awards/nominations/submission_form.html"
    success_message = gettext_lazy("The submission was created. Add its nominations.")

    def get_initial(self):
        today = timezone.localdate()
        return {"proposing_unit": self.request.user.unit, "year": today.year if today.month >= 10 else today.year - 1}

    def call_service(self, form):
        return create_submission(
            actor=self.request.user, data=form.service_data(), token=form.cleaned_data.get("token")
        )

    def get_success_url(self):
        return reverse("nominations:submission_detail", args=[self.object.pk])


class SubmissionUpdateView(ScopedObjectMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, UpdateView):
    selector = submissions_for_user
    permission_required = "awards.change_submission"
    form_class = SubmissionForm
    template_name = "awards/nominations/submission_form.html"
    success_message = gettext_lazy("The changes were saved.")

    def call_service(self, form):
        return update_submission(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )  # fmt: skip

    def get_success_url(self):
        return reverse("nominations:submission_detail", args=[self.object.pk])


class SubmissionDetailView(ScopedObjectMixin, DetailView):
    selector = submissions_for_user
    template_name = "awards/nominations/submission_detail.html"
    context_object_name = "submission"

    def get_context_data(self, **kwargs):
        submission, user = self.object, self.request.user
        lines = nominations_for_user(user).filter(submission=submission)
        shown = lines.prefetch_related("attachments").order_by("position", "pk")
        nominations = page_of(self.request, shown, LINES_PAGE)
        for nomination in nominations:
            nomination.missing = [AttachmentKind(k).label for k in sorted(missing_attachments(nomination))]
        targets = readdress_targets(submission) if user.has_perm("awards.readdress_submission", submission) else []
        return super().get_context_data(
            readdress_form=ReaddressForm(targets=targets) if targets else None,
            nominations=nominations,
            can_edit=user.has_perm("awards.change_submission", submission),
            can_verify=user.has_perm("awards.verify", submission) and submission.proposing_unit_id != user.unit_id,
            sendable=lines.filter(status__in=EDITABLE_STATUSES).exists(),
            quotas=[q for q in quota_checks(submission) if q.exceeded],
            history=history_for(submission),
            **kwargs,
        )


class SubmissionActionMixin(LoginRequiredMixin, RulePermissionMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.submission = get_object_or_404(submissions_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.submission

    def back(self):
        return redirect("nominations:submission_detail", pk=self.submission.pk)


class SubmitView(SubmissionActionMixin, View):
    permission_required = "awards.change_submission"

    def post(self, request, pk):
        try:
            submit(self.submission, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The list was sent to the secretariat for verification."))
        return self.back()


class EvaluateView(SubmissionActionMixin, View):
    """Re-run every check of the submission against the latest history."""

    permission_required = "awards.change_submission"

    def has_permission(self):
        user = self.request.user
        return user.has_perm("awards.change_submission", self.submission) or user.has_perm(
            "awards.verify", self.submission
        )

    def post(self, request, pk):
        refresh_checks(self.submission)
        messages.success(request, _("The checks were run again against the latest records."))
        return self.back()


class ReaddressView(SubmissionActionMixin, View):
    """POST only: the secretariat sends a list pending at a body that has ended to its successor."""

    permission_required = "awards.readdress_submission"

    def post(self, request, pk):
        form = ReaddressForm(request.POST, targets=readdress_targets(self.submission))
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return self.back()
        try:
            readdress(self.submission, actor=request.user, to=form.target(), reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The list was re-addressed to %(unit)s.") % {"unit": form.target().name})
        return self.back()


class BulkDecisionView(SubmissionActionMixin, View):
    """The secretariat verifies, returns or rejects the ticked nominations of a submission at once."""

    permission_required = "awards.verify"
    ACTIONS = {
        "verify": NominationStatus.VERIFIED,
        "return": NominationStatus.RETURNED,
        "reject": NominationStatus.REJECTED,
    }

    def post(self, request, pk):
        state = self.ACTIONS.get(request.POST.get("action"))
        ids = request.POST.getlist("nomination")
        chosen = list(self.submission.nominations.filter(pk__in=ids, status=NominationStatus.SUBMITTED))
        if state is None or not chosen:
            messages.error(request, _("Tick at least one nomination waiting for verification."))
            return self.back()
        try:
            decide_many(chosen, state, actor=request.user, reason=request.POST.get("reason", ""))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(count)d nomination(s): %(state)s.") % {"count": len(chosen), "state": state.label}
            )
        return self.back()
