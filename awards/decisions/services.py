"""Decisions: drafted from a closed session's approved results, signed by the chair.

Signing grants an Award per line in each nominee's history and gives it the issuer's next
registry number for the year.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.decisions import notifications
from awards.decisions.models import Decision, DecisionLine, RegistryCounter
from awards.enums import AwardLevel, DecisionStatus, SessionStatus
from awards.history.models import Award
from awards.nominations.models import Nomination
from awards.nominations.services import add_nominations, create_submission, refresh_checks
from awards.posting.services import feedback_still_open
from thiduakt.errors import DomainError
from thiduakt.services import audit
from thiduakt.services.records import create_record, update_record
from thiduakt.services.successions import ensure_open
from thiduakt.text import normalize
from thiduakt.workflow import change_state

TRANSITIONS = {DecisionStatus.DRAFT: {DecisionStatus.SIGNED}, DecisionStatus.SIGNED: set()}
FIELDS = ("issuer", "number", "date", "signer_title", "signer_name", "legal_bases")


LEVEL_RANK = {AwardLevel.GRASSROOTS: 0, AwardLevel.DISTRICT: 1, AwardLevel.CITY: 2, AwardLevel.STATE: 3}


def authority_of(council):
    """What a council decides: a city council up to city awards, a district's up to district
    awards, below that grassroots ones. Higher awards are proposed up, not decided here."""
    depth = council.unit.depth
    return AwardLevel.CITY if depth == 0 else AwardLevel.DISTRICT if depth == 1 else AwardLevel.GRASSROOTS


def within_authority(council, award_type):
    return LEVEL_RANK[award_type.level] <= LEVEL_RANK[authority_of(council)]


def forward(session, *, actor):
    """Carry the approved nominations beyond the council's authority up, in a new draft
    submission of the council's unit to the level above; each original points at its copy."""
    council = session.council
    pending = [
        item.nomination
        for item in session.items.select_related("nomination__award_type", "nomination__submission").filter(
            passed=True, nomination__forwarded_to__isnull=True
        )
        if not within_authority(council, item.nomination.award_type)
    ]
    if not pending:
        return None
    first = pending[0].submission
    with transaction.atomic():
        carrier = create_submission(
            actor=actor,
            data={"proposing_unit": council.unit, "year": first.year, "method": first.method,
                  "campaign": first.campaign, "signer": ""},
        )  # fmt: skip
        copies = add_nominations(
            carrier, actor=actor,
            rows=[{"person": n.person, "unit": n.unit, "award_type": n.award_type, "achievement": n.achievement}
                  for n in pending],
        )  # fmt: skip
        for original, copy in zip(pending, copies, strict=True):
            Nomination.objects.filter(pk=original.pk).update(forwarded_to=copy)
        audit.record(
            actor=actor, action="session.forward", obj=session, unit=council.unit,
            data={"submission": carrier.pk, "count": len(copies)},
        )  # fmt: skip
    refresh_checks(carrier)
    return carrier


def draft_from_session(session, *, actor, data):
    """A draft decision listing every approved nomination within the council's authority.

    The approved ones above it are forwarded up in a new submission (see `forward`). Returns
    the decision, or None when everything approved was forwarded.
    """
    if session.status != SessionStatus.CLOSED:
        raise DomainError(_("Close the vote before drafting the decision."))
    ensure_open(data.get("issuer"), data.get("date"), field="issuer")
    approved = [
        item.nomination
        for item in session.items.select_related("nomination__award_type").filter(passed=True)
        if within_authority(session.council, item.nomination.award_type)
        and not DecisionLine.objects.filter(nomination=item.nomination).exists()
    ]
    forwarded = forward(session, actor=actor)
    if not approved:
        if forwarded:
            return None
        raise DomainError(_("No approved nomination of this session is waiting for a decision."))
    with transaction.atomic():
        decision = create_record(
            Decision, actor=actor, data={**data, "session": session}, action="decision.create",
            audit_unit=lambda d: d.issuer, fields=FIELDS,
        )  # fmt: skip
        DecisionLine.objects.bulk_create(
            DecisionLine(decision=decision, nomination=n, achievement=n.achievement, position=i)
            for i, n in enumerate(approved, start=1)
        )
    return decision


def update_decision(decision, *, actor, data, expected_version=None):
    if decision.status != DecisionStatus.DRAFT:
        raise DomainError(_("A signed decision cannot be changed."))
    ensure_open(data.get("issuer", decision.issuer), data.get("date", decision.date), field="issuer")
    return update_record(
        decision, actor=actor, data=data, expected_version=expected_version, action="decision.update",
        audit_unit=lambda d: d.issuer, fields=FIELDS,
    )  # fmt: skip


def _counter(issuer_id, year):
    """The locked counter row, created on first use even when two signings race for it."""
    try:
        with transaction.atomic():
            RegistryCounter.objects.get_or_create(issuer_id=issuer_id, year=year)
    except IntegrityError:
        pass  # the other signing created it first
    return RegistryCounter.objects.select_for_update().get(issuer_id=issuer_id, year=year)


def _ready_for(actor, today):
    def check(decision):
        council = decision.session.council if decision.session_id else None
        if council is not None and not council.members.filter(user=actor, role="chair", is_active=True).exists():
            raise DomainError(_("Only the council's chair signs the decision."))
        _ready(decision)
        _check_signer(decision, actor)
        _check_feedback_closed(decision, today)

    return check


def _ready(decision):
    if not decision.number or not decision.date:
        raise DomainError(_("Fill in the decision's number and date before signing."))
    ensure_open(decision.issuer, decision.date, field="issuer")
    if not decision.lines.exists():
        raise DomainError(_("The decision lists nobody."))


def _same_name(a, b):
    return normalize(a).casefold() == normalize(b).casefold()


def _check_signer(decision, actor):
    """The name printed under the signature is the signing account's: nobody signs in another's name."""
    if not normalize(actor.full_name):
        raise DomainError(_("Your account has no full name to print under the signature; ask the administrator."))
    if decision.signer_name and not _same_name(decision.signer_name, actor.full_name):
        raise DomainError(
            _(
                "The decision names %(named)s as its signer, but this account is %(account)s's: only the named "
                "signer signs it. If the signer has changed, correct the draft first."
            )
            % {"named": decision.signer_name, "account": actor.full_name}
        )


def _check_feedback_closed(decision, today):
    """The public feedback window exists so that opinions can change the outcome: a decision
    signed while it is open would decide before they are heard."""
    lines = decision.lines.select_related("nomination__award_type", "nomination__person", "nomination__unit")
    nominations = [line.nomination for line in lines]
    still_open = feedback_still_open(nominations, today=today)
    if not still_open:
        return
    names = ", ".join(dict.fromkeys(str(n.nominee) for n in nominations if n.pk in still_open))
    dates = [d for d in still_open.values() if d]
    if dates:
        raise DomainError(
            _(
                "Cannot sign yet: the public may comment on %(names)s until %(date)s. Their opinions may still "
                "change the outcome; sign once that day has passed."
            )
            % {"names": names, "date": f"{max(dates):%d/%m/%Y}"}
        )
    raise DomainError(_("Cannot sign yet: %(names)s must first be posted for public comment.") % {"names": names})


def sign(decision, *, actor, today=None):
    """Sign: grant the awards and number them consecutively for the issuer and year.

    The signing account is recorded, and the name printed under the signature is its full name.
    """
    today = today or timezone.localdate()

    def apply(locked):
        locked.signer_name = normalize(actor.full_name)
        lines = list(locked.lines.select_related("nomination__award_type").order_by("position", "pk"))
        counter = _counter(locked.issuer_id, locked.date.year)
        issuer_text = f"{locked.signer_title} {locked.signer_name}".strip()
        for line in lines:
            counter.last += 1
            nomination = line.nomination
            line.award = Award.objects.create(
                award_type=nomination.award_type, person_id=nomination.person_id, unit_id=nomination.unit_id,
                year=nomination.year, decision_number=locked.number, decision_date=locked.date, issuer=issuer_text,
                campaign_id=nomination.submission.campaign_id, nomination=nomination, registry_number=counter.last,
            )  # fmt: skip
            line.save(update_fields=["award"])
        counter.save(update_fields=["last"])
        locked.signed_at, locked.signed_by = timezone.now(), actor
        notifications.decision_signed(locked)  # recorded with the signature, sent by the worker

    signed = change_state(
        decision, DecisionStatus.SIGNED, actor=actor, transitions=TRANSITIONS, action="decision.sign",
        check=_ready_for(actor, today), apply=apply,
        details=lambda locked: {"signer_name": locked.signer_name, "account": actor.get_username()},
    )  # fmt: skip
    audit.record(
        actor=actor, action="decision.awards", obj=signed, unit=signed.issuer,
        data={"awards": signed.lines.count()},
    )  # fmt: skip
    return signed
