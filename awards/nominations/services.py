"""Submissions and nominations: entry by the unit, then the workflow to verification."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from awards.eligibility import evaluate
from awards.eligibility.models import ManualCheck
from awards.enums import Method, NominationStatus, SubmissionStatus
from awards.nominations.models import Attachment, Nomination, Submission
from thiduakt.errors import DomainError, EditConflict
from thiduakt.models import Unit
from thiduakt.once import earlier, once
from thiduakt.services import audit
from thiduakt.services.records import create_record, update_record
from thiduakt.services.successions import ensure_open, successor_names
from thiduakt.uploads import validate_document
from thiduakt.workflow import change_state

SUBMISSION_FIELDS = ("number", "date", "signer", "proposing_unit", "year", "method", "campaign")
NOMINATION_FIELDS = ("person", "unit", "award_type", "achievement")

TRANSITIONS = {
    NominationStatus.DRAFT: {NominationStatus.SUBMITTED},
    NominationStatus.SUBMITTED: {NominationStatus.RETURNED, NominationStatus.VERIFIED, NominationStatus.REJECTED},
    NominationStatus.RETURNED: {NominationStatus.SUBMITTED},
    NominationStatus.VERIFIED: set(),
    NominationStatus.REJECTED: set(),
}


def _check_submission(data, actor):
    unit = data.get("proposing_unit")
    if unit is None or not unit.path.startswith(actor.scope_path() or "-"):
        raise DomainError(_("The proposing unit must be in your scope."), field="proposing_unit")
    ensure_open(unit, field="proposing_unit")
    if data.get("method") == Method.CAMPAIGN and not data.get("campaign"):
        raise DomainError(_("Choose the campaign these nominations come from."), field="campaign")


@once(Submission)
def create_submission(*, actor, data, token=None):
    """A new draft list; the same form (`token`) sent twice creates it once."""
    _check_submission(data, actor)
    with transaction.atomic():
        submission = earlier(Submission, token, actor)
        if submission is not None:
            return submission
        return create_record(
            Submission, actor=actor, data={**data, "created_by": actor, "request_token": token},
            action="submission.create", audit_unit=lambda s: s.proposing_unit, fields=SUBMISSION_FIELDS,
        )  # fmt: skip


def update_submission(submission, *, actor, data, expected_version=None):
    _check_submission({**{f: getattr(submission, f) for f in SUBMISSION_FIELDS}, **data}, actor)
    if submission.status != SubmissionStatus.DRAFT and any(k in data for k in ("year", "proposing_unit", "method")):
        raise DomainError(_("A submitted list keeps its unit, year and ground."))
    return update_record(
        submission, actor=actor, data=data, expected_version=expected_version, action="submission.update",
        audit_unit=lambda s: s.proposing_unit, fields=SUBMISSION_FIELDS,
    )  # fmt: skip


# --- Nominations ------------------------------------------------------------------------------


def check_nominee(submission, data):
    person, unit, award_type = data.get("person"), data.get("unit"), data["award_type"]
    if bool(person) == bool(unit):
        raise DomainError(_("Choose either a person or a collective."), field="person")
    scope = submission.proposing_unit.path
    if person and not person.unit.path.startswith(scope):
        raise DomainError(_("%(person)s does not belong to %(unit)s.") % {"person": person, "unit": submission.unit})
    if unit and not unit.path.startswith(scope):
        raise DomainError(_("%(nominee)s is not under %(unit)s.") % {"nominee": unit, "unit": submission.unit})
    nominee_type = "collective" if unit else "individual"
    if not award_type.accepts(nominee_type):
        message = (
            _("%(award)s is not awarded to collectives.") if unit else _("%(award)s is not awarded to individuals.")
        )
        raise DomainError(message % {"award": award_type}, field="award_type")


def _same_line(submission, data):
    """The line of the list that already proposes this nominee for this award, if any."""
    nominee = {"person": data["person"]} if data.get("person") else {"unit": data.get("unit")}
    lines = submission.nominations.filter(award_type=data["award_type"], **nominee)
    return lines.exclude(status=NominationStatus.REJECTED)


def _check_not_listed(submission, data, *, exclude=None):
    """Additions call it under the submission's lock, so two at once cannot both pass; the
    database constraint backs it."""
    lines = _same_line(submission, data)
    if exclude is not None:
        lines = lines.exclude(pk=exclude.pk)
    if lines.exists():
        raise _already_listed(data)


def _check_none_listed(submission, rows):
    """_check_not_listed for a whole imported list, in one query."""
    listed = set(
        submission.nominations.exclude(status=NominationStatus.REJECTED).values_list(
            "person_id", "unit_id", "award_type_id"
        )
    )
    for data in rows:
        person, unit = data.get("person"), data.get("unit")
        if (person and person.pk, unit and unit.pk, data["award_type"].pk) in listed:
            raise _already_listed(data)


def _already_listed(data):
    return DomainError(
        _("%(nominee)s is already proposed for %(award)s in this list.")
        % {"nominee": data.get("person") or data.get("unit"), "award": data["award_type"]},
        field="person" if data.get("person") else "unit",
    )


def _check_no_repeats(rows):
    seen = set()
    for number, data in enumerate(rows, start=1):
        key = (data.get("person") or data.get("unit"), data["award_type"])
        if key in seen:
            raise DomainError(
                _("Line %(line)d proposes %(nominee)s for %(award)s a second time.")
                % {"line": number, "nominee": key[0], "award": key[1]}
            )
        seen.add(key)


def add_nomination(submission, *, actor, data, evaluate=True):
    check_nominee(submission, data)
    with transaction.atomic():
        if Submission.objects.select_for_update().get(pk=submission.pk).status != SubmissionStatus.DRAFT:
            raise DomainError(_("This list was already submitted; start a new submission for more nominations."))
        _check_not_listed(submission, data)
        last = submission.nominations.order_by("-position").values_list("position", flat=True).first() or 0
        nomination = create_record(
            Nomination, actor=actor,
            data={**data, "submission": submission, "year": submission.year, "position": last + 1},
            action="nomination.create", audit_unit=lambda n: submission.proposing_unit, fields=NOMINATION_FIELDS,
        )  # fmt: skip
    if evaluate:
        refresh_checks(submission)
    return nomination


def add_nominations(submission, *, actor, rows):
    """Add many nominations at once (an imported list): the same checks as add_nomination,
    one lock, one insert and one audit insert for the whole list. All or nothing."""
    for data in rows:
        check_nominee(submission, data)
    _check_no_repeats(rows)
    with transaction.atomic():
        if Submission.objects.select_for_update().get(pk=submission.pk).status != SubmissionStatus.DRAFT:
            raise DomainError(_("This list was already submitted; start a new submission for more nominations."))
        _check_none_listed(submission, rows)
        last = submission.nominations.order_by("-position").values_list("position", flat=True).first() or 0
        created = Nomination.objects.bulk_create(
            Nomination(submission=submission, year=submission.year, position=last + i, **data).prepare()
            for i, data in enumerate(rows, start=1)
        )
        audit.record_many(
            actor=actor, action="nomination.create", objects=created, unit_id=lambda n: submission.proposing_unit_id,
            data=lambda n: {"after": audit.snapshot(n, NOMINATION_FIELDS)},
        )  # fmt: skip
    return created


def evaluate_and_store(nominations):
    """Evaluate and keep the result on each nomination, for lists and the inbox.

    The messages are stored as text, so they are written in the UI's language whatever
    language the caller runs in (a management command, a Celery task).
    """
    with translation.override(settings.LANGUAGE_CODE):
        evaluations = evaluate(nominations)
    stored = [Nomination(pk=pk, eligibility=evaluation.as_json()) for pk, evaluation in evaluations.items()]
    Nomination.objects.bulk_update(stored, ["eligibility"], batch_size=500)
    return evaluations


def refresh_checks(submission):
    """Re-run the checks of the whole list: a line's result can depend on its neighbours
    (CSTĐ cơ sở needs the LĐTT proposed beside it; a collective needs its members' titles)."""
    return evaluate_and_store(Nomination.objects.filter(submission_id=submission.pk))


def _still_editable(nomination):
    if not nomination.editable:
        raise DomainError(_("Only a draft or returned nomination can be changed."))


def update_nomination(nomination, *, actor, data, expected_version=None):
    merged = {**{f: getattr(nomination, f) for f in NOMINATION_FIELDS}, **data}
    check_nominee(nomination.submission, merged)

    def check(locked):
        _still_editable(locked)
        _check_not_listed(locked.submission, merged, exclude=locked)  # the constraint catches a race

    updated = update_record(
        nomination, actor=actor, data=data, expected_version=expected_version, action="nomination.update",
        audit_unit=lambda n: n.submission.proposing_unit, fields=NOMINATION_FIELDS, check=check,
    )  # fmt: skip
    refresh_checks(updated.submission)
    return updated


def remove_nomination(nomination, *, actor):
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().select_related("submission").get(pk=nomination.pk)
        if nomination.status != NominationStatus.DRAFT:
            raise DomainError(_("Only a draft nomination can be removed."))
        audit.record(
            actor=actor, action="nomination.remove", obj=nomination.submission, unit=nomination.submission.unit,
            data={"nominee": str(nomination.nominee), "award": str(nomination.award_type)},
        )  # fmt: skip
        nomination.delete()


def attach(nomination, *, actor, kind, upload):
    file_type = validate_document(upload)
    with transaction.atomic():
        if not Nomination.objects.select_for_update().get(pk=nomination.pk).editable:
            raise DomainError(_("Files can be added while the nomination is a draft or returned."))
        attachment = Attachment.objects.create(
            nomination=nomination, kind=kind, file=upload, original_name=upload.name[:255], file_type=file_type,
            size=upload.size, uploaded_by=actor,
        )  # fmt: skip
        audit.record(
            actor=actor, action="nomination.attach", obj=nomination, unit=nomination.submission.unit,
            data={"file": attachment.original_name, "kind": kind},
        )  # fmt: skip
    return attachment


# --- Workflow ---------------------------------------------------------------------------------


def missing_attachments(nomination):
    """Attachment kinds the award type requires that the nomination lacks."""
    if nomination.submission.method in Method.simplified() and nomination.award_type.simplified_procedure:
        needed = set()  # Điều 85: no full achievement report for these grounds
    else:
        needed = set(nomination.award_type.required_attachments)
    return needed - {a.kind for a in nomination.attachments.all()}  # uses a prefetch when there is one


def _ready_to_submit(nomination):
    if not nomination.achievement.strip():
        raise DomainError(_("%(nominee)s: write the summary of achievements.") % {"nominee": nomination.nominee})


def set_nomination_state(nomination, new_state, *, actor, reason="", expected_version=None, refresh=True):
    """The one way a nomination changes state (locked, checked, audited).

    `refresh=False` leaves re-running the list's checks to a caller that changes many at once.
    """
    reason = (reason or "").strip()
    if new_state in (NominationStatus.RETURNED, NominationStatus.REJECTED) and not reason:
        raise DomainError(_("Give the reason, so the unit knows what to fix."), field="reason")

    def check(locked):
        if expected_version is not None and locked.version != expected_version:
            raise EditConflict(_("This nomination changed meanwhile; reload the page and try again."))
        if new_state == NominationStatus.SUBMITTED:
            _ready_to_submit(locked)

    def apply(locked):
        if new_state in (NominationStatus.RETURNED, NominationStatus.REJECTED, NominationStatus.VERIFIED):
            locked.reason, locked.decided_at, locked.decided_by = reason, timezone.now(), actor

    changed = change_state(
        nomination, new_state, actor=actor, transitions=TRANSITIONS, action=f"nomination.{new_state}",
        check=check, apply=apply, reason=reason,
    )  # fmt: skip
    if refresh:
        refresh_checks(changed.submission)
    return changed


def submit(submission, *, actor):
    """Send the list: every draft or returned nomination goes to the secretariat at once."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        pending = list(
            locked.nominations.filter(status__in=(NominationStatus.DRAFT, NominationStatus.RETURNED)).select_related(
                "person", "unit"
            )
        )
        if not pending:
            raise DomainError(_("There is nothing to send: add nominations, or wait for returned ones."))
        ensure_open(locked.proposing_unit)
        for nomination in pending:
            _ready_to_submit(nomination)
        for nomination in pending:
            set_nomination_state(nomination, NominationStatus.SUBMITTED, actor=actor, refresh=False)
        if locked.status == SubmissionStatus.DRAFT:
            locked.status, locked.submitted_at = SubmissionStatus.SUBMITTED, timezone.now()
            locked.version += 1
            locked.save(update_fields=["status", "submitted_at", "version"])
        audit.record(
            actor=actor, action="submission.submit", obj=locked, unit=locked.proposing_unit,
            data={"count": len(pending)},
        )  # fmt: skip
    refresh_checks(locked)
    return locked


def decide_many(nominations, new_state, *, actor, reason=""):
    """Bulk verification: every nomination or none (one refusal stops the batch)."""
    with transaction.atomic():
        done = [set_nomination_state(n, new_state, actor=actor, reason=reason, refresh=False) for n in nominations]
    for submission in {n.submission for n in done}:
        refresh_checks(submission)
    return done


def tick_manual_check(nomination, rule, *, actor, passed, note=""):
    """Record the secretariat's verdict on a rule the data cannot decide, then re-check."""
    if rule.award_type_id != nomination.award_type_id or rule.kind not in ("manual", "any_of", "all_of"):
        raise DomainError(_("This rule is decided from the records, not by hand."))
    with transaction.atomic():
        ManualCheck.objects.update_or_create(
            nomination=nomination, rule=rule, defaults={"passed": passed, "note": note[:500], "checked_by": actor}
        )
        audit.record(
            actor=actor, action="nomination.manual_check", obj=nomination, unit=nomination.submission.unit,
            data={"rule": str(rule), "passed": passed, "note": note},
        )  # fmt: skip
    return refresh_checks(nomination.submission)[nomination.pk]


# --- Re-addressing after a reorganisation -----------------------------------------------------


def _pending(submission):
    """Lines nobody has finished with: waiting, returned, or verified and not yet decided."""
    return submission.nominations.filter(
        Q(status__in=(NominationStatus.SUBMITTED, NominationStatus.RETURNED))
        | Q(status=NominationStatus.VERIFIED, decision_line__isnull=True)
    )


def _closed_bodies(submission, day=None):
    """The ended bodies whose work the list followed: the one above the proposing unit that
    received it, and the proposing unit itself."""
    units = [submission.proposing_unit.parent, submission.proposing_unit]
    return [u for u in units if u is not None and u.is_closed_on(day)]


def _successors(units, day=None):
    """The open units that took over `units`, following successors that have themselves ended."""
    found, seen, todo = [], set(), list(units)
    while todo:
        for successor in todo.pop().successor_units():
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_closed_on(day):
                todo.append(successor)
            else:
                found.append(successor)
    return found


def readdress_targets(submission, day=None):
    """Where a list pending at an ended body may go: a successor of that body (or of the
    proposing unit), or an open body above it (the city, for awards above a ward's authority)."""
    closed = _closed_bodies(submission, day)
    if not closed:
        return []
    holder = submission.proposing_unit.parent or submission.proposing_unit
    above = [u for u in holder.ancestors().order_by("-depth") if not u.is_closed_on(day)]
    targets, seen = [], {submission.addressed_to_id}
    for unit in _successors(closed, day) + above:
        if unit.pk not in seen:
            seen.add(unit.pk)
            targets.append(unit)
    return targets


def readdress(submission, *, actor, to, reason):
    """Send a list pending at a body that has ended to the body that took over its work.

    Nothing is copied or deleted: the same nominations, manual checks and attachments are now
    received by `to`; the body that held it keeps reading its history.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for re-addressing this list."), field="reason")
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",)).select_related("proposing_unit").get(pk=submission.pk)
        )
        if locked.status != SubmissionStatus.SUBMITTED or not _pending(locked).exists():
            raise DomainError(_("Only a sent list with nominations still pending can be re-addressed."))
        if not _closed_bodies(locked):
            raise DomainError(
                _("%(unit)s still receives this list; it is re-addressed only once that body has ended.")
                % {"unit": locked.receiver.name}
            )
        target = Unit.objects.get(pk=to.pk)
        ensure_open(target, field="to")
        if target.pk not in {u.pk for u in readdress_targets(locked)}:
            closed = _closed_bodies(locked)
            raise DomainError(
                _("%(unit)s is neither a successor of %(closed)s nor a body above it; its successors: %(names)s.")
                % {
                    "unit": target.name,
                    "closed": ", ".join(u.name for u in closed),
                    "names": ", ".join(filter(None, (successor_names(u) for u in closed))) or "—",
                },
                field="to",
            )
        before = locked.receiver
        locked.addressed_to, locked.readdress_reason = target, reason
        locked.version += 1
        locked.save(update_fields=["addressed_to", "readdress_reason", "version"])
        audit.record(
            actor=actor, action="submission.readdress", obj=locked, unit=locked.proposing_unit,
            data={"reason": reason, "from": {"id": before.pk, "label": before.name},
                  "to": {"id": target.pk, "label": target.name}},
        )  # fmt: skip
    return locked
