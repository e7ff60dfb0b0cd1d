"""Scoped reads of the award history: awards, yearly ratings, disciplines, initiatives."""

from awards.history.models import Award, Discipline, Initiative, YearlyRating
from thiduakt.selectors import scope_filter


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
