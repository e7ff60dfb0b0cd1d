"""Scoped reads of the award decisions."""

from awards.decisions.models import Decision


def decisions_for_user(user):
    """Decisions issued within the user's scope."""
    prefix = user.scope_path() if user.is_authenticated else None
    if prefix is None:
        return Decision.objects.none()
    queryset = Decision.objects.select_related("issuer", "session__council")
    return queryset if prefix == "/" else queryset.filter(issuer__path__startswith=prefix)
