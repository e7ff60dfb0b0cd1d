"""Scoped reads for submissions and nominations."""

from django.db.models import Count, Q

from awards.enums import NominationStatus, SessionStatus, SubmissionStatus
from awards.nominations.models import Nomination, Submission
from thiduakt.enums import Role
from thiduakt.selectors import people_for_user, scope_filter
from thiduakt.text import search_terms


def _visible(user, unit_field):
    """Unit staff see their units' files; others see submitted files, and drafts of their own unit.

    A submission re-addressed to a body in the secretariat's scope is seen there too; the body
    that held it before keeps reading it.
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    in_scope = scope_filter(user, f"{unit_field}__path")
    if user.role == Role.UNIT_STAFF:
        return in_scope
    submission = unit_field.rsplit("proposing_unit", 1)[0]
    sent = ~Q(**{f"{submission}status": SubmissionStatus.DRAFT})
    received = scope_filter(user, f"{submission}addressed_to__path")
    return (in_scope & (sent | Q(**{f"{unit_field}_id": user.unit_id}))) | (received & sent)


def _received(user, submission=""):
    """The files this user's secretariat receives: not re-addressed, or re-addressed into its scope."""
    received = scope_filter(user, f"{submission}addressed_to__path")
    if not received:  # the whole tree (`Q(...) | Q()` would not widen the filter)
        return Q()
    return Q(**{f"{submission}addressed_to__isnull": True}) | received


def submissions_for_user(user):
    return (
        Submission.objects.filter(_visible(user, "proposing_unit"))
        .select_related("proposing_unit", "campaign")
        .annotate(
            nomination_count=Count("nominations", distinct=True),
            waiting_count=Count("nominations", filter=Q(nominations__status=NominationStatus.SUBMITTED), distinct=True),
        )
        .order_by("-year", "-created_at")
    )


def nominations_for_user(user):
    return Nomination.objects.filter(_visible(user, "submission__proposing_unit")).select_related(
        "submission__proposing_unit", "person__unit", "unit", "award_type"
    )


def inbox_for_user(user):
    """Nominations submitted and waiting for the secretariat's verification."""
    return nominations_for_user(user).filter(_received(user, "submission__"), status=NominationStatus.SUBMITTED)


def nominee_search(queryset, query):
    """Nominations whose nominee or proposing unit matches every word of `query`, accents ignored."""
    for term in search_terms(query):
        queryset = queryset.filter(
            Q(person__search_text__contains=term) | Q(unit__search_text__contains=term)
            | Q(submission__proposing_unit__search_text__contains=term)
        )  # fmt: skip
    return queryset


def nominable_people(user, submission):
    """The people a submission may propose: serving in its proposing unit's subtree, in the user's scope."""
    return people_for_user(user).filter(unit__path__startswith=submission.proposing_unit.path, is_active=True)


def undecided(queryset):
    """Verified nominations no council has decided and no session is about to.

    A nomination stays available when its only session closed without a quorum.

    The council's agenda items and the decisions' lines are read through their reverse relations
    (``agenda_items``, ``decision_line``): those features come later and this one imports neither.
    """
    open_statuses = [status for status in SessionStatus if status != SessionStatus.CLOSED]
    # In one filter() call the conditions hold for the same agenda item: one whose session is not
    # closed, or that closed with a quorum (or not yet counted), keeps the nomination scheduled.
    scheduled = Nomination.objects.filter(
        Q(agenda_items__session__status__in=open_statuses)
        | Q(agenda_items__quorum_met=True)
        | Q(agenda_items__quorum_met__isnull=True, agenda_items__isnull=False)
    )
    return (
        queryset.filter(status=NominationStatus.VERIFIED)
        .exclude(pk__in=scheduled.values("pk"))
        .exclude(pk__in=Nomination.objects.filter(decision_line__isnull=False).values("pk"))
    )
