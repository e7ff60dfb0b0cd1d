"""Council sessions seen by the secretariat, the members and the chair; public postings.

No page here shows how a member voted on a secret item: the ballot shows a member their own
open votes and, for secret items, only that they have voted; results are the tallies
recorded when the chair closed the vote.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from awards.enums import CouncilRole, SessionStatus
from awards.models import AwardType, BallotReceipt, Feedback, Vote
from awards.selectors import nominee_search
from awards.selectors_council import (
    agenda_candidates,
    agenda_for,
    councils_for_user,
    notices_for_user,
    posting_candidates,
    posting_state,
    sessions_for_user,
)
from awards.services import council as service
from awards.services.posting import publish
from thiduakt.errors import DomainError
from thiduakt.forms import DATE_WIDGET
from thiduakt.models import AuditLog
from thiduakt.pagination import page_of
from thiduakt.text import normalize
from thiduakt.views.mixins import RulePermissionMixin

ROLE_ORDER = {CouncilRole.CHAIR: 0, CouncilRole.VICE_CHAIR: 1, CouncilRole.STANDING: 2, CouncilRole.MEMBER: 3}
AGREE, DISAGREE = "agree", "disagree"
# Rows per page of the long lists: a district's council may face tens of thousands of candidates.
AGENDA_PAGE, CANDIDATE_PAGE = 50, 50


def _award_type(request):
    value = request.GET.get("award_type", "")
    return AwardType.objects.filter(pk=value).first() if value.isdigit() else None


def _members(session):
    members = list(session.council.members.filter(is_active=True).select_related("user"))
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.get_full_name()))


def _with_posting(rows, today=None):
    today = today or timezone.localdate()
    for row in rows:
        nomination = getattr(row, "nomination", row)
        row.posting, row.posting_until = posting_state(nomination, row.posted_until, today)
        # As add_to_agenda decides: a posting is needed and its window has not ended yet.
        row.still_posted = nomination.award_type.public_posting and row.posting in ("not_posted", "open")
    return rows


def _same_page(request, name, session):
    """Back to the page of the agenda the form was sent from."""
    url, page = reverse(name, args=[session.pk]), request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


# --- Forms ------------------------------------------------------------------------------------


class SessionForm(forms.Form):
    council = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Council"))
    held_on = forms.DateField(label=gettext_lazy("Date of the session"), widget=DATE_WIDGET)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_for_user(user)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class NominationsForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset

    def clean_nominations(self):
        chosen = self.cleaned_data["nominations"]
        if not chosen:
            raise forms.ValidationError(_("Tick at least one nomination."))
        return chosen


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = session.council.members.filter(is_active=True)


def _passphrase_field(label, autocomplete):
    # Not stripped: the passphrase is used exactly as typed (only Unicode-normalised).
    widget = forms.PasswordInput(attrs={"class": "form-control", "autocomplete": autocomplete})
    return forms.CharField(label=label, strip=False, required=False, widget=widget)


class OpenVotingForm(forms.Form):
    passphrase = _passphrase_field(gettext_lazy("Vote-counting passphrase"), "new-password")
    passphrase_again = _passphrase_field(gettext_lazy("The passphrase again"), "new-password")

    def clean(self):
        data = super().clean()
        if data.get("passphrase") != data.get("passphrase_again"):
            raise forms.ValidationError(_("The two passphrases typed differ."))
        return data


class CloseVotingForm(forms.Form):
    passphrase = _passphrase_field(gettext_lazy("Vote-counting passphrase"), "off")


class BallotForm(forms.Form):
    """Agree / disagree per agenda item; an item left blank keeps the vote it has (or none)."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"vote_{item.pk}"] = forms.ChoiceField(
                choices=[(AGREE, _("Agree")), (DISAGREE, _("Disagree"))], required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}), label=str(item.nomination.nominee),
            )  # fmt: skip

    def choices(self):
        """(item, agree) for every item given a choice."""
        return [
            (item, self.cleaned_data[f"vote_{item.pk}"] == AGREE)
            for item in self.items
            if self.cleaned_data.get(f"vote_{item.pk}")
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.choices():
            raise forms.ValidationError(_("Choose agree or disagree for at least one nomination."))
        return data


class WrittenOpinionForm(BallotForm):
    member = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Absent member"))

    def __init__(self, *args, absent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = absent
        self.fields["member"].widget.attrs["class"] = "form-select"
        self.order_fields(["member"])


class NoticeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the notice"), max_length=500)
    start_date = forms.DateField(label=gettext_lazy("Posted from"), widget=DATE_WIDGET)
    working_days = forms.IntegerField(
        label=gettext_lazy("Working days for opinions"), min_value=1, max_value=60, required=False,
        help_text=gettext_lazy("Leave empty to use the longest period the chosen awards require."),
    )  # fmt: skip
    nominations = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset
        for name in ("title", "start_date", "working_days"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_title(self):
        return normalize(self.cleaned_data["title"])


# --- Mixins -----------------------------------------------------------------------------------


class SessionMixin(LoginRequiredMixin, RulePermissionMixin):
    """The session is found through the user's scope (404 outside it), then the permission decides (403)."""

    permission_required = "awards.view_council_session"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = get_object_or_404(sessions_for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.session

    def back(self):
        return redirect("council_session_detail", pk=self.session.pk)

    def seat(self):
        if not hasattr(self, "_seat"):
            self._seat = self.session.council.members.filter(user=self.request.user, is_active=True).first()
        return self._seat


class PostOnlyMixin:
    """A state change answers 405 to any other method, before looking anything up."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class SessionActionView(PostOnlyMixin, SessionMixin, View):
    """POST only: one service call, a message, back to the session."""

    success_message = ""

    def post(self, request, pk):
        try:
            self.act()
        except DomainError as error:
            messages.error(request, error.message)
            return self.back()
        messages.success(request, self.success_message)
        return self.done()

    def done(self):
        return self.back()


# --- Sessions ---------------------------------------------------------------------------------


class SessionListView(LoginRequiredMixin, RulePermissionMixin, ListView):
    permission_required = "awards.view_council_sessions"
    template_name = "awards/council/session_list.html"
    context_object_name = "sessions"
    paginate_by = 20

    def get_permission_object(self):
        return None

    def get_queryset(self):
        return sessions_for_user(self.request.user).annotate(item_count=Count("items")).order_by("-held_on", "-pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_add = user.has_perm("awards.add_council_session") and councils_for_user(user).exists()
        return super().get_context_data(can_add=can_add, **kwargs)


class SessionCreateView(LoginRequiredMixin, RulePermissionMixin, FormView):
    permission_required = "awards.add_council_session"
    template_name = "awards/council/session_form.html"
    form_class = SessionForm

    def get_permission_object(self):
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        councils = list(councils_for_user(self.request.user)[:2])
        return {"council": councils[0] if len(councils) == 1 else None}

    def form_valid(self, form):
        session = service.create_session(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The session was created. Put the verified nominations on its agenda."))
        return redirect("council_session_detail", pk=session.pk)


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "awards/council/session_detail.html"

    def get_context_data(self, **kwargs):
        session, user = self.session, self.request.user
        seat = self.seat()
        can_manage = user.has_perm("awards.manage_council_session", session)
        items = page_of(self.request, agenda_for(session), AGENDA_PAGE)
        _with_posting(items.object_list)
        members = _members(session)
        attendance = dict(session.attendance.values_list("member_id", "present"))
        for member in members:
            member.present = attendance.get(member.pk)
        quorum = session.items.aggregate(quorum=Max("quorum"))["quorum"]
        needed = service.quorum_needed(quorum, len(members)) if quorum is not None else None
        present_count = sum(1 for present in attendance.values() if present)
        context = {
            "session": session,
            "items": items,
            "quorum_needed": needed,
            "quorum_met": needed is not None and bool(attendance) and present_count >= needed,
            "members": members,
            "attendance_recorded": bool(attendance),
            "present_count": present_count,
            "can_manage": can_manage,
            "seat": seat,
            "is_chair": seat is not None and seat.role == CouncilRole.CHAIR,
            "secret_items": any(item.secret for item in items),
            "open_form": OpenVotingForm(),
            "close_form": CloseVotingForm(),
            "present": seat is not None and attendance.get(seat.pk) is True,
            "history": AuditLog.objects.for_object(session)
            .exclude(action__startswith="ballot.")
            .select_related("actor", "content_type")[:30],
        }
        if session.status == SessionStatus.VOTING:
            context["voters"] = BallotReceipt.objects.filter(item__session=session).values("member").distinct().count()
        if can_manage and session.status == SessionStatus.DRAFT:
            award_type, query = _award_type(self.request), self.request.GET.get("q", "")
            candidates = nominee_search(agenda_candidates(user, session, award_type), query)
            context["candidates"] = page_of(self.request, candidates, CANDIDATE_PAGE, "candidates_page")
            _with_posting(context["candidates"].object_list)
            context["award_types"] = AwardType.objects.filter(is_active=True)
            context["award_type"], context["query"] = award_type, query
        return super().get_context_data(**context, **kwargs)


class AgendaAddView(PostOnlyMixin, SessionMixin, View):
    permission_required = "awards.manage_council_session"

    def post(self, request, pk):
        form = NominationsForm(request.POST, queryset=agenda_candidates(request.user, self.session))
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return self.back()
        try:
            added = service.add_to_agenda(self.session, form.cleaned_data["nominations"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(count)d nominations were put on the agenda.") % {"count": len(added)})
        return self.back()


class AttendanceView(PostOnlyMixin, SessionMixin, View):
    permission_required = "awards.manage_council_session"

    def post(self, request, pk):
        form = AttendanceForm(request.POST, session=self.session)
        if not form.is_valid():
            messages.error(request, _("The attendance list does not match the council's members."))
            return self.back()
        try:
            service.record_attendance(self.session, form.cleaned_data["present"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The attendance was recorded."))
        return self.back()


class PassphraseActionView(SessionActionView):
    """Opening and closing a vote: the vote-counting passphrase goes to the service and nowhere else."""

    form_class = None

    def act(self):
        form = self.form_class(self.request.POST)
        if not form.is_valid():
            raise DomainError(" ".join(form.non_field_errors()))
        self.change(form.cleaned_data["passphrase"])


class OpenVotingView(PassphraseActionView):
    permission_required = "awards.manage_council_session"
    success_message = gettext_lazy("Voting is open: the members present can now vote on their ballots.")
    form_class = OpenVotingForm

    def change(self, passphrase):
        service.open_voting(self.session, actor=self.request.user, passphrase=passphrase)


class CloseVotingView(PassphraseActionView):
    permission_required = "awards.close_council_session"
    success_message = gettext_lazy("The vote is closed and the results are recorded.")
    form_class = CloseVotingForm

    def change(self, passphrase):
        service.close_voting(self.session, actor=self.request.user, passphrase=passphrase)

    def done(self):
        return redirect("council_session_results", pk=self.session.pk)


# --- Ballots ----------------------------------------------------------------------------------


class BallotView(SessionMixin, FormView):
    """A member's ballot: every agenda item, agree or disagree, saved together."""

    permission_required = "awards.vote_in_session"
    template_name = "awards/council/ballot.html"
    form_class = BallotForm

    def get(self, request, *args, **kwargs):
        if self.session.status == SessionStatus.CLOSED:
            return redirect("council_session_results", pk=self.session.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.session.status != SessionStatus.VOTING or not self.is_present():
            messages.error(request, _("Voting is not open for you in this session."))
            return redirect("council_session_ballot", pk=self.session.pk)
        return super().post(request, *args, **kwargs)

    def has_permission(self):
        # A seat, not a permission alone: a superuser passes every rule but holds no ballot.
        return super().has_permission() and self.seat() is not None

    def is_present(self):
        return self.session.attendance.filter(member=self.seat(), present=True).exists()

    def items(self):
        if not hasattr(self, "_items"):
            self._items = page_of(self.request, agenda_for(self.session), AGENDA_PAGE)
        return self._items

    def own_open_votes(self):
        """The member's own open (named) votes; a secret vote is sealed and cannot be read back."""
        return dict(Vote.objects.filter(item__session=self.session, member=self.seat()).values_list("item_id", "agree"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.items()}

    def get_initial(self):
        return {f"vote_{item_id}": AGREE if agree else DISAGREE for item_id, agree in self.own_open_votes().items()}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        voted = set(BallotReceipt.objects.filter(item__session=self.session, member=self.seat()).values_list(
            "item_id", flat=True
        ))  # fmt: skip
        for item in self.items():
            item.field = form[f"vote_{item.pk}"]
            item.voted = item.pk in voted
            item.results = item.nomination.eligibility.get("results", [])
        return super().get_context_data(
            session=self.session, items=self.items(), seat=self.seat(),
            voting=self.session.status == SessionStatus.VOTING, present=self.is_present(),
            unvoted=self.items().paginator.count - len(voted), **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        user, current = self.request.user, self.own_open_votes()
        try:
            with transaction.atomic():
                for item, agree in form.choices():
                    if not item.secret and current.get(item.pk) == agree:
                        continue  # an open vote left as it was
                    service.cast_vote(item, user=user, agree=agree)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your ballot was recorded. You may change it until the chair closes the vote.")
        )
        return _same_page(self.request, "council_session_ballot", self.session)


class WrittenOpinionView(SessionMixin, FormView):
    """The secretariat enters the written opinion an absent member sent in."""

    permission_required = "awards.manage_council_session"
    template_name = "awards/council/written.html"
    form_class = WrittenOpinionForm

    def absent(self):
        return self.session.council.members.filter(
            is_active=True, attendance__session=self.session, attendance__present=False
        ).select_related("user")

    def items(self):
        if not hasattr(self, "_items"):
            self._items = page_of(self.request, agenda_for(self.session), AGENDA_PAGE)
        return self._items

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.items(), "absent": self.absent()}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        for item in self.items():
            item.field = form[f"vote_{item.pk}"]
        received = dict(
            BallotReceipt.objects.filter(item__session=self.session, written=True)
            .values("member")
            .annotate(n=Count("pk"))
            .values_list("member", "n")
        )
        absent = list(self.absent())
        for member in absent:
            member.received = received.get(member.pk, 0)
        return super().get_context_data(
            session=self.session, items=self.items(), absent_members=absent,
            voting=self.session.status == SessionStatus.VOTING, **kwargs,
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        if self.session.status != SessionStatus.VOTING:
            messages.error(request, _("Voting is not open for this session."))
            return redirect("council_session_written", pk=self.session.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        member = form.cleaned_data["member"]
        try:
            with transaction.atomic():
                for item, agree in form.choices():
                    service.cast_vote(item, user=member.user, agree=agree, written_by=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The written opinion of %(member)s was recorded.") % {"member": member.user})
        return _same_page(self.request, "council_session_written", self.session)


class ResultsView(SessionMixin, TemplateView):
    """The tallies recorded at closing, by award type: never who voted how."""

    template_name = "awards/council/results.html"

    def get(self, request, *args, **kwargs):
        if self.session.status != SessionStatus.CLOSED:
            messages.info(request, _("The results are shown once the chair has closed the vote."))
            return self.back()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        session = self.session
        counts = session.attendance.aggregate(
            present_count=Count("pk", filter=Q(present=True)), absent_count=Count("pk", filter=Q(present=False))
        )
        items = page_of(self.request, agenda_for(session), AGENDA_PAGE)
        for item in items:
            item.percent = item.agree * 100 / item.counted_against if item.counted_against else None
        return super().get_context_data(
            session=session, items=items, members=session.council.members.filter(is_active=True).count(),
            present=counts["present_count"], absent=counts["absent_count"],
            passed=session.items.filter(passed=True).count(),
            can_draft=self.request.user.has_perm("awards.draft_decision", session.council.unit),
            **kwargs,
        )  # fmt: skip


# --- Public posting ---------------------------------------------------------------------------


class NoticePermissionMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "awards.publish_notice"

    def get_permission_object(self):
        return self.request.user.unit


class NoticeListView(NoticePermissionMixin, ListView):
    template_name = "awards/council/notice_list.html"
    context_object_name = "notices"
    paginate_by = 20

    def get_queryset(self):
        return (
            notices_for_user(self.request.user)
            .annotate(
                nomination_count=Count("nominations", distinct=True), feedback_count=Count("feedback", distinct=True)
            )
            .order_by("-start_date", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class NoticeCreateView(NoticePermissionMixin, FormView):
    template_name = "awards/council/notice_form.html"
    form_class = NoticeForm

    def candidates(self):
        candidates = posting_candidates(self.request.user, _award_type(self.request))
        page = page_of(self.request, nominee_search(candidates, self.request.GET.get("q", "")), CANDIDATE_PAGE)
        _with_posting(page.object_list)
        return page

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "queryset": posting_candidates(self.request.user)}

    def get_initial(self):
        return {"start_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            candidates=self.candidates(), award_types=AwardType.objects.filter(is_active=True),
            award_type=_award_type(self.request), query=self.request.GET.get("q", ""), **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        data = form.cleaned_data
        if not data["nominations"]:
            form.add_error(None, _("Choose the nominations to post."))
            return self.form_invalid(form)
        try:
            notice = publish(
                actor=self.request.user, unit=self.request.user.unit, title=data["title"],
                nominations=data["nominations"], start_date=data["start_date"], working_days=data["working_days"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(error.field, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The list is posted; opinions are received until %(date)s.") % {"date": f"{notice.end_date:%d/%m/%Y}"},
        )
        return redirect("notice_detail", pk=notice.pk)


class NoticeDetailView(NoticePermissionMixin, TemplateView):
    """The secretariat's view of a notice: its public address and the feedback per nomination."""

    template_name = "awards/council/notice_detail.html"

    def get_context_data(self, **kwargs):
        notice = get_object_or_404(notices_for_user(self.request.user), pk=self.kwargs["pk"])
        feedback = list(Feedback.objects.filter(notice=notice).order_by("created_at"))
        by_nomination = {}
        for entry in feedback:
            by_nomination.setdefault(entry.nomination_id, []).append(entry)
        nominations = list(
            notice.nominations.select_related(
                "person__unit", "unit", "award_type", "submission__proposing_unit"
            ).order_by("award_type__position", "award_type_id", "person__sort_key", "unit__name", "pk")
        )
        for nomination in nominations:
            nomination.notice_feedback = by_nomination.get(nomination.pk, [])
        today = timezone.localdate()
        return super().get_context_data(
            notice=notice, nominations=nominations, general_feedback=by_nomination.get(None, []),
            feedback_count=len(feedback), open=notice.start_date <= today <= notice.end_date,
            public_url=self.request.build_absolute_uri(reverse("public_notice", args=[notice.token])), **kwargs,
        )  # fmt: skip
