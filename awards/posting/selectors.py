"""Scoped reads of the public postings and the posting state of nominations."""

from django.db.models import Count, IntegerField, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.nominations.selectors import nominations_for_user, undecided
from awards.posting.models import Feedback, PublicNotice
from thiduakt.rules import is_secretariat
from thiduakt.selectors import scope_filter


def with_posting(rows, today=None):
    today = today or timezone.localdate()
    for row in rows:
        nomination = getattr(row, "nomination", row)
        row.posting, row.posting_until = posting_state(nomination, row.posted_until, today)
        # As add_to_agenda decides: a posting is needed and its window has not ended yet.
        row.still_posted = nomination.award_type.public_posting and row.posting in ("not_posted", "open")
    return rows


def notices_for_user(user):
    if not is_secretariat(user):
        return PublicNotice.objects.none()
    return PublicNotice.objects.filter(scope_filter(user, "unit__path")).select_related("unit", "published_by")


def feedback_count_of(nomination_ref):
    """How many opinions the public sent about the nomination."""
    counted = (
        Feedback.objects.filter(nomination=OuterRef(nomination_ref))
        .order_by()
        .values("nomination")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def first_posting_end(nomination_ref):
    """The end of the first posting window: as for the vote, one ended posting is enough."""
    last = (
        PublicNotice.objects.filter(nominations=OuterRef(nomination_ref))
        .order_by()
        .values("nominations")
        .annotate(last=Min("end_date"))
        .values("last")
    )
    return Subquery(last)


def posting_candidates(user, award_type=None):
    """Verified nominations in scope, not decided yet, that the secretariat may post."""
    nominations = nominations_for_user(user)
    if award_type is not None:
        nominations = nominations.filter(award_type=award_type)
    return (
        undecided(nominations)
        .annotate(posted_until=first_posting_end("pk"))
        .order_by("-award_type__public_posting", "award_type__position", "person__sort_key", "unit__name", "pk")
    )


def posting_state(nomination, posted_until, today=None):
    """(state, date) of a nomination's public posting: not_required, not_posted, open or ended."""
    today = today or timezone.localdate()
    if posted_until is None:
        return ("not_posted" if nomination.award_type.public_posting else "not_required"), None
    return ("open" if posted_until >= today else "ended"), posted_until
