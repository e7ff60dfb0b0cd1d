"""Scoped reads for submissions and nominations."""

from django.db.models import Count, Q

from awards.enums import NominationStatus, SubmissionStatus
from awards.models import Award, Decision, Discipline, Initiative, Nomination, Submission, YearlyRating
from thiduakt.enums import Role
from thiduakt.selectors import people_for_user, scope_filter
from thiduakt.text import search_terms


def _visible(user, unit_field):
    """Unit staff see their units' files; others see submitted files, and drafts of their own unit."""
    prefix = user.scope_path() if user.is_authenticated else None
    if prefix is None:
        return Q(pk__in=[])
    in_scope = Q() if prefix == "/" else Q(**{f"{unit_field}__path__startswith": prefix})
    if user.role == Role.UNIT_STAFF:
        return in_scope
    submission = unit_field.rsplit("proposing_unit", 1)[0]
    return in_scope & (~Q(**{f"{submission}status": SubmissionStatus.DRAFT}) | Q(**{f"{unit_field}_id": user.unit_id}))


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
    return nominations_for_user(user).filter(status=NominationStatus.SUBMITTED)


def award_history(person=None, unit=None):
    """A nominee's awards, newest first, for the timeline."""
    queryset = Award.objects.select_related("award_type").order_by("-year", "award_type__position")
    return queryset.filter(person=person) if person else queryset.filter(unit=unit, person__isnull=True)


def _nominee_in_scope(user):
    """A person's row belongs to the person's unit, a collective's to the collective."""
    return scope_filter(user, "person__unit__path") | scope_filter(user, "unit__path")


def awards_for_user(user):
    return Award.objects.filter(_nominee_in_scope(user)).select_related("award_type", "person", "unit")


def ratings_for_user(user):
    return YearlyRating.objects.filter(_nominee_in_scope(user)).select_related("person", "unit")


def disciplines_for_user(user):
    return Discipline.objects.filter(scope_filter(user, "person__unit__path")).select_related("person")


def initiatives_for_user(user):
    """Initiatives all of whose authors are in scope: a joint work across districts is the city's to manage."""
    authorships = Initiative.authors.through.objects
    inside = authorships.filter(scope_filter(user, "person__unit__path"))
    outside = authorships.exclude(pk__in=inside.values("pk"))
    return Initiative.objects.filter(pk__in=inside.values("initiative")).exclude(pk__in=outside.values("initiative"))


def decisions_for_user(user):
    """Decisions issued within the user's scope."""
    prefix = user.scope_path() if user.is_authenticated else None
    if prefix is None:
        return Decision.objects.none()
    queryset = Decision.objects.select_related("issuer", "session__council")
    return queryset if prefix == "/" else queryset.filter(issuer__path__startswith=prefix)


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
