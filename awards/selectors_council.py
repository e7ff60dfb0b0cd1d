"""Scoped reads for councils, their sessions and the public postings before them.

None of these reads a secret vote: tallies come from the results recorded when the vote
closed, and ballots are only ever counted (receipts), never shown by member.
"""

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.enums import NominationStatus, SessionStatus
from awards.models import AgendaItem, Council, CouncilSession, DecisionLine, Feedback, PublicNotice
from awards.selectors import nominations_for_user
from thiduakt.rules import is_secretariat


def _scope(user, path_field):
    prefix = user.scope_path() if user.is_authenticated else None
    if prefix is None:
        return Q(pk__in=[])
    return Q() if prefix == "/" else Q(**{f"{path_field}__startswith": prefix})


def councils_for_user(user):
    """The councils whose sessions this user prepares: those of units in the secretariat's scope."""
    if not is_secretariat(user):
        return Council.objects.none()
    return Council.objects.filter(_scope(user, "unit__path")).select_related("unit").order_by("unit__path", "name")


def seated_councils(user):
    if not user.is_authenticated:
        return Council.objects.none()
    return Council.objects.filter(members__user=user, members__is_active=True)


def sessions_for_user(user):
    """The secretariat's sessions within its scope, and a member's sessions of their own council."""
    if not user.is_authenticated:
        return CouncilSession.objects.none()
    sessions = CouncilSession.objects.select_related("council__unit")
    visible = Q(council__in=seated_councils(user).values("pk"))
    if is_secretariat(user):
        prefix = user.scope_path()
        if prefix == "/":
            return sessions.all()  # (`Q(...) | Q()` would not widen the filter)
        if prefix is not None:
            visible |= Q(council__unit__path__startswith=prefix)
    return sessions.filter(visible)


def notices_for_user(user):
    if not is_secretariat(user):
        return PublicNotice.objects.none()
    return PublicNotice.objects.filter(_scope(user, "unit__path")).select_related("unit", "published_by")


def _feedback_count(nomination_ref):
    """How many opinions the public sent about the nomination."""
    counted = (
        Feedback.objects.filter(nomination=OuterRef(nomination_ref))
        .order_by()
        .values("nomination")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _posted_until(nomination_ref):
    """The end of the first posting window: as for the vote, one ended posting is enough."""
    last = (
        PublicNotice.objects.filter(nominations=OuterRef(nomination_ref))
        .order_by()
        .values("nominations")
        .annotate(last=Min("end_date"))
        .values("last")
    )
    return Subquery(last)


def agenda_for(session):
    """A session's agenda in the order it is shown: by award type, then as added."""
    return (
        AgendaItem.objects.filter(session=session)
        .select_related(
            "nomination__person__unit",
            "nomination__unit",
            "nomination__award_type",
            "nomination__submission__proposing_unit",
        )  # fmt: skip
        .annotate(
            feedback_count=_feedback_count("nomination"),
            posted_until=_posted_until("nomination"),
            receipt_count=Count("receipts"),
        )
        .order_by("nomination__award_type__position", "nomination__award_type_id", "pk")
    )


def undecided(queryset):
    """Verified nominations no council has decided and no session is about to.

    A nomination stays available when its only session closed without a quorum.
    """
    scheduled_or_decided = AgendaItem.objects.exclude(session__status=SessionStatus.CLOSED, quorum_met=False)
    return (
        queryset.filter(status=NominationStatus.VERIFIED)
        .exclude(pk__in=scheduled_or_decided.values("nomination"))
        .exclude(pk__in=DecisionLine.objects.values("nomination"))
    )


def agenda_candidates(user, session, award_type=None):
    """What the secretariat may put on this session's agenda: in its scope and the council's."""
    nominations = nominations_for_user(user).filter(
        submission__proposing_unit__path__startswith=session.council.unit.path
    )
    if award_type is not None:
        nominations = nominations.filter(award_type=award_type)
    return (
        undecided(nominations)
        .annotate(posted_until=_posted_until("pk"))
        .order_by("award_type__position", "award_type_id", "person__sort_key", "unit__name", "pk")
    )


def posting_candidates(user, award_type=None):
    """Verified nominations in scope, not decided yet, that the secretariat may post."""
    nominations = nominations_for_user(user)
    if award_type is not None:
        nominations = nominations.filter(award_type=award_type)
    return (
        undecided(nominations)
        .annotate(posted_until=_posted_until("pk"))
        .order_by("-award_type__public_posting", "award_type__position", "person__sort_key", "unit__name", "pk")
    )


def posting_state(nomination, posted_until, today=None):
    """(state, date) of a nomination's public posting: not_required, not_posted, open or ended."""
    today = today or timezone.localdate()
    if posted_until is None:
        return ("not_posted" if nomination.award_type.public_posting else "not_required"), None
    return ("open" if posted_until >= today else "ended"), posted_until
