"""Scoped reads for councils, their sessions and the public postings before them.

None of these reads a secret vote: tallies come from the results recorded when the vote
closed, and ballots are only ever counted (receipts), never shown by member.
"""

from django.db.models import Count, Q

from awards.council.models import AgendaItem, Council, CouncilSession
from awards.nominations.selectors import nominations_for_user, undecided
from awards.posting.selectors import feedback_count_of, first_posting_end
from thiduakt.rules import is_secretariat
from thiduakt.selectors import scope_filter


def councils_for_user(user):
    """The councils whose sessions this user prepares: those of units in the secretariat's scope."""
    if not is_secretariat(user):
        return Council.objects.none()
    councils = Council.objects.filter(scope_filter(user, "unit__path"))
    return councils.select_related("unit").order_by("unit__path", "name")


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
        in_scope = scope_filter(user, "council__unit__path")
        if not in_scope:  # the whole tree: `visible | Q()` would not widen the filter
            return sessions.all()
        visible |= in_scope
    return sessions.filter(visible)


def agenda_for(session):
    """A session's agenda in the order it is shown: by award type, then as added."""
    return (
        AgendaItem.objects.filter(session=session)
        .select_related(
            "nomination__person__unit",
            "nomination__unit",
            "nomination__award_type",
            "nomination__submission__proposing_unit",
        )
        .annotate(
            feedback_count=feedback_count_of("nomination"),
            posted_until=first_posting_end("nomination"),
            receipt_count=Count("receipts"),
        )
        .order_by("nomination__award_type__position", "nomination__award_type_id", "pk")
    )


def agenda_candidates(user, session, award_type=None):
    """What the secretariat may put on this session's agenda: in its scope and received by the
    council's unit (below it, or re-addressed to a body within it)."""
    path = session.council.unit.path
    nominations = nominations_for_user(user).filter(
        Q(submission__addressed_to__isnull=True, submission__proposing_unit__path__startswith=path)
        | Q(submission__addressed_to__path__startswith=path)
    )
    if award_type is not None:
        nominations = nominations.filter(award_type=award_type)
    return (
        undecided(nominations)
        .annotate(posted_until=first_posting_end("pk"))
        .order_by("award_type__position", "award_type_id", "person__sort_key", "unit__name", "pk")
    )
