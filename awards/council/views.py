"""Council sessions seen by the secretariat, the members and the chair; public postings.

No page here shows how a member voted on a secret item: the ballot shows a member their own
open votes and, for secret items, only that they have voted; results are the tallies
recorded when the chair closed the vote.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from awards.catalogue.models import AwardType
from awards.catalogue.selectors import award_type_filter
from awards.council import services as service
from awards.council.forms import (
    AGREE,
    DISAGREE,
    ROLE_ORDER,
    AttendanceForm,
    BallotForm,
    CloseVotingForm,
    NominationsForm,
    OpenVotingForm,
    SessionForm,
    WrittenOpinionForm,
)
from awards.council.models import BallotReceipt, Vote
from awards.council.selectors import agenda_candidates, agenda_for, councils_for_user, sessions_for_user
from awards.enums import CouncilRole, SessionStatus
from awards.nominations.selectors import nominee_search
from awards.posting.selectors import with_posting
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog
from thiduakt.pagination import page_of
from thiduakt.views.mixins import RulePermissionMixin

# Rows per page of the long lists: a district's council may face tens of thousands of candidates.
AGENDA_PAGE, CANDIDATE_PAGE = 50, 50


def _members(session):
    members = list(session.council.members.filter(is_active=True).select_related("user"))
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.get_full_name()))


def _same_page(request, name, session):
    """Back to the page of the agenda the form was sent from."""
    url, page = reverse(name, args=[session.pk]), request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


# --- Forms ------------------------------------------------------------------------------------


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
        return redirect("council:session_detail", pk=self.session.pk)

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
        return redirect("council:session_detail", pk=session.pk)


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "awards/council/session_detail.html"

    def get_context_data(self, **kwargs):
        session, user = self.session, self.request.user
        seat = self.seat()
        can_manage = user.has_perm("awards.manage_council_session", session)
        items = page_of(self.request, agenda_for(session), AGENDA_PAGE)
        with_posting(items.object_list)
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
            award_type, query = award_type_filter(self.request), self.request.GET.get("q", "")
            candidates = nominee_search(agenda_candidates(user, session, award_type), query)
            context["candidates"] = page_of(self.request, candidates, CANDIDATE_PAGE, "candidates_page")
            with_posting(context["candidates"].object_list)
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
        return redirect("council:session_results", pk=self.session.pk)


# --- Ballots ----------------------------------------------------------------------------------


class BallotView(SessionMixin, FormView):
    """A member's ballot: every agenda item, agree or disagree, saved together."""

    permission_required = "awards.vote_in_session"
    template_name = "awards/council/ballot.html"
    form_class = BallotForm

    def get(self, request, *args, **kwargs):
        if self.session.status == SessionStatus.CLOSED:
            return redirect("council:session_results", pk=self.session.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.session.status != SessionStatus.VOTING or not self.is_present():
            messages.error(request, _("Voting is not open for you in this session."))
            return redirect("council:session_ballot", pk=self.session.pk)
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
        return _same_page(self.request, "council:session_ballot", self.session)


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
            return redirect("council:session_written", pk=self.session.pk)
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
        return _same_page(self.request, "council:session_written", self.session)


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
