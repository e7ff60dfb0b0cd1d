"""Who may prepare council sessions, vote, close the vote and read the results.

Seats decide for council members: a user votes in the sessions of a council where they hold
an active seat (`CouncilMember`), whatever their role; the chair is the seat whose role is
chair. The secretariat prepares the sessions of the councils of units in its scope.
Imported from `AwardsConfig.ready()`.
"""

import rules

from awards.enums import CouncilRole, SessionStatus
from thiduakt.rules import in_scope, is_council, is_secretariat


def _session(obj):
    """The session a permission is asked about (a session or one of its agenda items)."""
    return getattr(obj, "session", obj)


@rules.predicate
def holds_any_seat(user):
    from awards.council.models import CouncilMember

    return user.is_authenticated and CouncilMember.objects.filter(user=user, is_active=True).exists()


@rules.predicate
def holds_seat(user, session):
    """An active member of the council holding this session."""
    if session is None or not user.is_authenticated:
        return False
    return _session(session).council.members.filter(user=user, is_active=True).exists()


@rules.predicate
def chairs(user, session):
    if session is None or not user.is_authenticated:
        return False
    return _session(session).council.members.filter(user=user, is_active=True, role=CouncilRole.CHAIR).exists()


@rules.predicate
def is_closed(user, session):
    return session is not None and _session(session).status == SessionStatus.CLOSED


can_prepare = is_secretariat & in_scope

# Lists: the secretariat, and whoever sits on a council (the list shows them their councils only).
rules.add_perm("awards.view_council_sessions", is_secretariat | is_council | holds_any_seat)
rules.add_perm("awards.add_council_session", is_secretariat)
rules.add_perm("awards.manage_council_session", can_prepare)
rules.add_perm("awards.view_council_session", can_prepare | holds_seat)
rules.add_perm("awards.vote_in_session", holds_seat)
rules.add_perm("awards.close_council_session", chairs)
rules.add_perm("awards.view_session_results", is_closed & (can_prepare | holds_seat))
rules.add_perm("awards.publish_notice", is_secretariat & in_scope)
