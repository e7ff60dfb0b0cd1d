"""Council sessions: agenda, attendance, (secret) ballots and the result of closing the vote."""

from decimal import Decimal

import nacl.exceptions
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.council import ballot_box
from awards.council.models import AgendaItem, Attendance, BallotReceipt, CouncilSession, Vote
from awards.enums import NominationStatus, SessionStatus, VoteDenominator
from awards.posting.services import posting_open
from thiduakt.errors import DomainError
from thiduakt.services import audit
from thiduakt.text import normalize
from thiduakt.workflow import change_state

TRANSITIONS = {
    SessionStatus.DRAFT: {SessionStatus.VOTING},
    SessionStatus.VOTING: {SessionStatus.CLOSED},
    SessionStatus.CLOSED: set(),
}


def create_session(*, actor, council, held_on, place):
    """A new session, being prepared."""
    with transaction.atomic():
        session = CouncilSession.objects.create(council=council, held_on=held_on, place=normalize(place))
        audit.record(
            actor=actor, action="session.create", obj=session, unit=council.unit,
            data={"after": audit.snapshot(session, ("council", "held_on", "place"))},
        )  # fmt: skip
    return session


def add_to_agenda(session, nominations, *, actor, today=None):
    """Put verified nominations on a draft session's agenda, each with its award's vote rule.

    A nomination whose award needs public posting cannot be put to the vote before its
    feedback window has ended.
    """
    if session.status != SessionStatus.DRAFT:
        raise DomainError(_("The agenda can only change while the session is being prepared."))
    nominations = list(nominations)
    still_posted = posting_open(nominations, today=today)
    items = []
    with transaction.atomic():
        for nomination in nominations:
            if nomination.status != NominationStatus.VERIFIED:
                raise DomainError(_("%(nominee)s has not passed verification.") % {"nominee": nomination.nominee})
            if nomination.pk in still_posted:
                raise DomainError(
                    _("%(nominee)s is still in its public posting period.") % {"nominee": nomination.nominee}
                )
            rule = nomination.award_type
            items.append(
                AgendaItem(
                    session=session,
                    nomination=nomination,
                    secret=rule.vote_secret,
                    threshold=rule.vote_threshold,
                    denominator=rule.vote_denominator,
                    quorum=rule.quorum,
                    written_opinions_count=rule.written_opinions_count,
                )
            )
        try:
            AgendaItem.objects.bulk_create(items)
        except IntegrityError as error:
            raise DomainError(_("A nomination is already on this session's agenda.")) from error
        audit.record(
            actor=actor, action="session.agenda", obj=session, unit=session.council.unit,
            data={"added": [str(i.nomination) for i in items]},
        )  # fmt: skip
    return items


def record_attendance(session, present_members, *, actor):
    if session.status == SessionStatus.CLOSED:
        raise DomainError(_("The session is closed."))
    present = {m.pk for m in present_members}
    with transaction.atomic():
        for member in session.council.members.filter(is_active=True):
            Attendance.objects.update_or_create(
                session=session, member=member, defaults={"present": member.pk in present}
            )
        audit.record(
            actor=actor, action="session.attendance", obj=session, unit=session.council.unit,
            data={"present": len(present)},
        )  # fmt: skip


def has_secret_items(session):
    return session.items.filter(secret=True).exists()


def open_voting(session, *, actor, passphrase=""):
    """Open the vote; secret items need the vote-counting passphrase, which is kept nowhere."""

    def check(locked):
        if not locked.items.exists():
            raise DomainError(_("Put at least one nomination on the agenda."))
        if not locked.attendance.exists():
            raise DomainError(_("Record the attendance before opening the vote."))
        if has_secret_items(locked):
            locked.ballot_key, locked.ballot_kdf = ballot_box.new_box(passphrase)

    return change_state(
        session, SessionStatus.VOTING, actor=actor, transitions=TRANSITIONS, action="session.open", check=check
    )


def member_of(session, user):
    member = session.council.members.filter(user=user, is_active=True).first()
    if member is None:
        raise DomainError(_("You are not a member of this council."))
    return member


def cast_vote(item, *, user, agree, written_by=None):
    """A member's vote on one item, changeable until the vote closes.

    `written_by` is the secretariat entering an absent member's written opinion.
    """
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=item.session_id)
        if session.status != SessionStatus.VOTING:
            raise DomainError(_("Voting is not open for this session."))
        member = member_of(session, user)
        present = Attendance.objects.filter(session=session, member=member, present=True).exists()
        written = written_by is not None
        if written == present:
            message = (
                _("A written opinion is only for members absent from the session.")
                if written
                else _("Only members present at the session vote here; absent members send a written opinion.")
            )
            raise DomainError(message)
        sealed = None
        if item.secret:  # only ever written sealed: nothing the server keeps can open it
            sealed = ballot_box.seal(session.ballot_key, item_id=item.pk, member_id=member.pk, agree=agree,
                                     written=written)  # fmt: skip
        else:
            Vote.objects.update_or_create(item=item, member=member, defaults={"agree": agree, "written": written})
        BallotReceipt.objects.update_or_create(item=item, member=member, defaults={"written": written,
                                                                                   "sealed": sealed})  # fmt: skip
        data = {"item": item.pk, "member": str(member.user)}
        if not item.secret:
            data["agree"] = agree
        audit.record(
            actor=written_by or user, action="ballot.written" if written else "ballot.cast", obj=session,
            unit=session.council.unit, data=data,
        )  # fmt: skip


def close_voting(session, *, actor, passphrase=""):
    """Open the ballot box with the passphrase, count every item by its own rule, keep only the
    tallies and erase the sealed ballots. A wrong passphrase changes nothing."""
    key = None

    def check(locked):
        nonlocal key
        if not locked.council.members.filter(user=actor, role="chair").exists() and not actor.is_superuser:
            raise DomainError(_("Only the chair closes the vote."))
        if has_secret_items(locked):
            key = ballot_box.open_box(passphrase, public_key=locked.ballot_key, kdf=locked.ballot_kdf)

    def apply(locked):
        members = locked.council.members.filter(is_active=True).count()
        present = locked.attendance.filter(present=True).count()
        for item in locked.items.all():
            _count(item, _ballots(item, key), members, present)
        BallotReceipt.objects.filter(item__session=locked).update(sealed=None)
        locked.ballot_key, locked.ballot_kdf = None, ""
        locked.closed_at = timezone.now()

    closed = change_state(
        session, SessionStatus.CLOSED, actor=actor, transitions=TRANSITIONS, action="session.close",
        check=check, apply=apply,
    )  # fmt: skip
    audit.record(
        actor=actor, action="session.results", obj=closed, unit=closed.council.unit,
        data={"results": [[str(i.nomination), i.agree, i.counted_against, i.passed] for i in closed.items.all()]},
    )  # fmt: skip
    return closed


def _ballots(item, key):
    """(agree, written) of every vote on `item`; secret ones opened in memory, never kept."""
    if not item.secret:
        return list(item.votes.values_list("agree", "written"))
    ballots = []
    for member_id, sealed in item.receipts.values_list("member_id", "sealed"):
        try:
            ballot = ballot_box.unseal(key, sealed)
        except (nacl.exceptions.CryptoError, TypeError) as error:
            raise _tampered() from error
        if (ballot.item_id, ballot.member_id) != (item.pk, member_id):
            raise _tampered()
        ballots.append((ballot.agree, ballot.written))
    return ballots


def _tampered():
    return DomainError(
        _("A sealed ballot does not belong where it is stored: the ballot box was tampered with, nothing was counted.")
    )


def _share(part, whole):
    """A share at the precision the rules store (0.667 for two thirds: 2 of 3 and 10 of 15 meet it)."""
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"))


def quorum_needed(quorum, members):
    """The fewest members present that meet `quorum`, counted the way closing counts them."""
    return next((n for n in range(members + 1) if members and _share(n, members) >= quorum), None)


def _count(item, ballots, members, present):
    counted = [(agree, written) for agree, written in ballots if item.written_opinions_count or not written]
    item.written = sum(1 for _agree, written in counted if written)
    item.agree = sum(1 for agree, _written in counted if agree)
    item.disagree = len(counted) - item.agree
    item.counted_against = members if item.denominator == VoteDenominator.ALL else present + item.written
    item.quorum_met = members > 0 and _share(present, members) >= item.quorum
    item.passed = bool(
        item.quorum_met and item.counted_against and _share(item.agree, item.counted_against) >= item.threshold
    )
    item.save(update_fields=["agree", "disagree", "written", "counted_against", "quorum_met", "passed"])
