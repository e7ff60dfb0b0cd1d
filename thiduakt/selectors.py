"""Scoped reads: every list, export and page starts from one of these querysets."""

from django.db.models import Q

from thiduakt.models import AuditLog, Person, Unit, User
from thiduakt.text import search_terms


def scope_filter(user, path_field):
    """The rows whose `path_field` lies in the user's subtree: the one scope rule."""
    prefix = user.scope_path() if user.is_authenticated else None
    if prefix is None:
        return Q(pk__in=[])
    if prefix == "/":
        return Q()
    return Q(**{f"{path_field}__startswith": prefix})


def units_for_user(user):
    return Unit.objects.filter(scope_filter(user, "path")).select_related("level", "parent")


def people_for_user(user):
    return Person.objects.filter(scope_filter(user, "unit__path")).select_related("unit")


def users_for_user(user):
    return User.objects.filter(scope_filter(user, "unit__path")).select_related("unit")


def audit_for_user(user):
    return AuditLog.objects.filter(scope_filter(user, "unit__path"))


def search(queryset, query, field="search_text"):
    """Accent-insensitive search: every folded word must appear in the folded text."""
    for term in search_terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


def history_for(obj, limit=50):
    """The audit entries of one object, newest first, for its page."""
    return AuditLog.objects.for_object(obj).select_related("actor", "content_type")[:limit]
