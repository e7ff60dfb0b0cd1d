from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from awards.catalogue.models import EligibilityRule
from awards.enums import AttachmentKind, NominationStatus, Outcome
from awards.history.selectors import award_history
from awards.nominations.filters import InboxFilter
from awards.nominations.forms import AttachmentForm, NominationForm, person_label
from awards.nominations.models import Attachment
from awards.nominations.selectors import inbox_for_user, nominable_people, nominations_for_user
from awards.nominations.services import (
    add_nomination,
    attach,
    missing_attachments,
    remove_nomination,
    set_nomination_state,
    tick_manual_check,
    update_nomination,
)
from awards.nominations.views.submissions import SubmissionActionMixin
from thiduakt.downloads import file_download
from thiduakt.errors import DomainError
from thiduakt.selectors import history_for, search
from thiduakt.services.people import create_person
from thiduakt.views.mixins import RulePermissionMixin

PICKER_MATCHES = 20


class NominationFormView(SubmissionActionMixin, FormView):
    """Add a nomination to a submission, or edit one (person, new person, or collective)."""

    permission_required = "awards.change_submission"
    form_class = NominationForm
    template_name = "awards/nominations/nomination_form.html"

    def get_nomination(self):
        if "nomination" not in self.kwargs:
            return None
        return get_object_or_404(self.submission.nominations, pk=self.kwargs["nomination"])

    @property
    def collective(self):
        nomination = self.get_nomination()
        if nomination is not None:
            return nomination.is_collective
        return self.request.GET.get("nominee") == "collective" or self.request.POST.get("nominee") == "collective"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(), "instance": self.get_nomination(), "submission": self.submission,
            "user": self.request.user, "collective": self.collective,
        }  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submission=self.submission, nomination=self.get_nomination(), collective=self.collective, **kwargs
        )

    def form_valid(self, form):
        user, nomination = self.request.user, self.get_nomination()
        try:
            with transaction.atomic():
                data = form.nomination_data()
                new_person = form.new_person_data()
                if new_person:
                    data["person"] = create_person(actor=user, data=new_person)
                if nomination is None:
                    nomination = add_nomination(self.submission, actor=user, data=data)
                else:
                    nomination = update_nomination(
                        nomination, actor=user, data=data, expected_version=form.expected_version()
                    )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The nomination of %(nominee)s was saved.") % {"nominee": nomination.nominee})
        if "add_another" in self.request.POST:
            add = reverse("nominations:add", args=[self.submission.pk])
            return redirect(f"{add}?nominee={self.request.POST.get('nominee', '')}")
        return redirect("nominations:detail", pk=nomination.pk)


class PersonSearchView(SubmissionActionMixin, View):
    """The person picker's options as the user types: at most PICKER_MATCHES, accents ignored."""

    permission_required = "awards.change_submission"

    def get(self, request, pk):
        people = search(nominable_people(request.user, self.submission), request.GET.get("q", ""))
        matches = [(person.pk, person_label(person)) for person in people.order_by("sort_key", "pk")[:PICKER_MATCHES]]
        return render(request, "awards/nominations/_person_options.html", {"matches": matches})


class NominationDetailView(LoginRequiredMixin, DetailView):
    template_name = "awards/nominations/nomination_detail.html"
    context_object_name = "nomination"

    def get_object(self, queryset=None):
        return get_object_or_404(nominations_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        nomination, user = self.object, self.request.user
        submission = nomination.submission
        can_verify = user.has_perm("awards.verify", submission) and submission.proposing_unit_id != user.unit_id
        manual_kinds = {
            r.pk
            for r in EligibilityRule.objects.filter(award_type=nomination.award_type, kind__in=("manual", "any_of"))
        }
        return super().get_context_data(
            submission=submission,
            results=nomination.eligibility.get("results", []),
            manual_rule_ids=manual_kinds,
            can_edit=nomination.editable and user.has_perm("awards.change_submission", submission),
            can_verify=can_verify and nomination.status == NominationStatus.SUBMITTED,
            can_tick=can_verify,
            missing=[AttachmentKind(k).label for k in sorted(missing_attachments(nomination))],
            attachment_form=AttachmentForm(),
            awards=award_history(person=nomination.person, unit=None if nomination.person else nomination.unit),
            history=history_for(nomination),
            Outcome=Outcome,
            **kwargs,
        )


class NominationActionMixin(LoginRequiredMixin, RulePermissionMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.nomination = get_object_or_404(nominations_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.nomination.submission

    def back(self):
        return redirect("nominations:detail", pk=self.nomination.pk)


STATE_PERMISSIONS = {
    NominationStatus.SUBMITTED: "awards.change_submission",
    NominationStatus.RETURNED: "awards.verify",
    NominationStatus.VERIFIED: "awards.verify",
    NominationStatus.REJECTED: "awards.verify",
}


class NominationStateView(NominationActionMixin, View):
    """POST only: submit (the unit), return / verify / reject (the secretariat)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request)
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        state = self.request.POST.get("state")
        if state not in STATE_PERMISSIONS:
            raise Http404
        return (STATE_PERMISSIONS[state],)

    def post(self, request, pk):
        state = NominationStatus(request.POST["state"])
        version = request.POST.get("version")
        try:
            set_nomination_state(
                self.nomination, state, actor=request.user, reason=request.POST.get("reason", ""),
                expected_version=int(version) if version and version.isdigit() else None,
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(nominee)s: %(state)s.") % {"nominee": self.nomination.nominee, "state": state.label}
            )
        return self.back()


class NominationRemoveView(NominationActionMixin, View):
    permission_required = "awards.change_submission"

    def post(self, request, pk):
        submission = self.nomination.submission
        try:
            remove_nomination(self.nomination, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return self.back()
        messages.success(request, _("The nomination was removed."))
        return redirect("nominations:submission_detail", pk=submission.pk)


class AttachmentUploadView(NominationActionMixin, View):
    permission_required = "awards.change_submission"

    def post(self, request, pk):
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose the kind of document and a file."))
            return self.back()
        try:
            attach(
                self.nomination, actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        except ValidationError as error:  # the file's content is not what its name says
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file was attached."))
        return self.back()


class AttachmentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        visible = nominations_for_user(request.user).values("pk")
        attachment = get_object_or_404(Attachment, pk=pk, nomination__in=visible)
        return file_download(attachment.file, attachment.original_name)


class ManualCheckView(NominationActionMixin, View):
    """The secretariat ticks a rule the data cannot decide; who and when are recorded."""

    permission_required = "awards.verify"

    def post(self, request, pk, rule):
        rule = get_object_or_404(EligibilityRule, pk=rule, award_type=self.nomination.award_type)
        try:
            tick_manual_check(
                self.nomination, rule, actor=request.user, passed=request.POST.get("passed") == "1",
                note=request.POST.get("note", ""),
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The manual check was recorded."))
        return self.back()


class InboxView(LoginRequiredMixin, RulePermissionMixin, FilterView):
    """The secretariat's inbox: nominations waiting for verification, with their checks."""

    permission_required = "awards.verify"
    filterset_class = InboxFilter
    template_name = "awards/nominations/inbox.html"
    paginate_by = 50

    def get_permission_object(self):
        return self.request.user.unit

    def get_queryset(self):
        return (
            inbox_for_user(self.request.user)
            .exclude(submission__proposing_unit=self.request.user.unit)
            .order_by("submission__submitted_at", "submission", "position")
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}
