"""What the council adds to the dashboard: ballots waiting for a member, votes the chair may
close, and the secretariat's sessions in preparation.

Registered from AwardsConfig.ready():
    extensions.add_dashboard_panel(
        extensions.DashboardPanel("awards/council/dashboard_panel.html", council_panel_context, 25)
    )
"""

from django.db.models import Count

from awards.council.models import AgendaItem, Attendance, BallotReceipt, CouncilMember
from awards.council.selectors import sessions_for_user
from awards.enums import CouncilRole, SessionStatus
from thiduakt.enums import Role
from thiduakt.rules import is_secretariat


def council_panel_context(user):
    context = {}
    seats = list(CouncilMember.objects.filter(user=user, is_active=True).values_list("pk", "council_id", "role"))
    if seats:
        seat_ids = [pk for pk, _council, _role in seats]
        chaired = {council for _pk, council, role in seats if role == CouncilRole.CHAIR}
        voting = list(
            sessions_for_user(user)
            .filter(status=SessionStatus.VOTING, council__in={council for _pk, council, _role in seats})
            .annotate(item_count=Count("items"))
            .order_by("held_on", "pk")
        )
        if voting:
            present = set(
                Attendance.objects.filter(session__in=voting, member__in=seat_ids, present=True).values_list(
                    "session_id", flat=True
                )
            )
            mine = dict(
                BallotReceipt.objects.filter(item__session__in=voting, member__in=seat_ids)
                .values("item__session")
                .annotate(n=Count("pk"))
                .values_list("item__session", "n")
            )
            voters = dict(
                BallotReceipt.objects.filter(item__session__in=[s for s in voting if s.council_id in chaired])
                .values("item__session")
                .annotate(n=Count("member", distinct=True))
                .values_list("item__session", "n")
            )
            present_counts = dict(
                Attendance.objects.filter(session__in=voting, present=True)
                .values("session")
                .annotate(n=Count("pk"))
                .values_list("session", "n")
            )
            for session in voting:
                session.unvoted = session.item_count - mine.get(session.pk, 0)
                session.voters = voters.get(session.pk, 0)
                session.present_count = present_counts.get(session.pk, 0)
            context["to_vote"] = [s for s in voting if s.pk in present and s.unvoted > 0]
            context["to_close"] = [s for s in voting if s.council_id in chaired]
    if is_secretariat(user):
        context["preparing"] = list(
            sessions_for_user(user)
            .filter(status__in=[SessionStatus.DRAFT, SessionStatus.VOTING])
            .annotate(item_count=Count("items"))
            .order_by("held_on", "pk")[:10]
        )
    return context if any(context.values()) else None


def declined_panel_context(user):
    """The proposing unit's nominations the council did not approve (after the nominations panel)."""
    if user.role not in (Role.UNIT_STAFF, Role.SECRETARIAT) or not user.unit_id:
        return None
    declined = list(
        AgendaItem.objects.filter(
            nomination__submission__proposing_unit=user.unit, passed=False, session__status="closed"
        )
        .select_related("nomination__person", "nomination__unit", "nomination__award_type", "session")
        .order_by("-session__held_on")[:8]
    )
    return {"declined": declined} if declined else None
