"""Registration (đăng ký thi đua): a unit registers itself and its people for titles."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import EmulationTitle, RegistrationStatus
from campaigns.models import Campaign, Registration, RegistrationEntry
from campaigns.selectors import participant_units
from thiduakt.errors import DomainError
from thiduakt.services import audit
from thiduakt.workflow import change_state

TRANSITIONS = {
    RegistrationStatus.DRAFT: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.SUBMITTED: {RegistrationStatus.APPROVED, RegistrationStatus.RETURNED},
    RegistrationStatus.RETURNED: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.APPROVED: set(),
}


def save_registration(campaign, unit, *, actor, pledge, entries):
    """Create or replace a unit's registration. `entries` is [(person or None, title)]."""
    _check_entries(unit, entries)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # the state it has now
        if not campaign.accepts_registrations:
            raise DomainError(_("This campaign does not accept registrations now."))
        if not participant_units(campaign).filter(pk=unit.pk).exists():
            raise DomainError(_("%(unit)s does not take part in this campaign.") % {"unit": unit})
        registration, created = Registration.objects.select_for_update().get_or_create(campaign=campaign, unit=unit)
        if not registration.editable:
            raise DomainError(_("This registration was already submitted and can no longer be changed."))
        before = sorted(_describe(e.person, e.title) for e in registration.entries.select_related("person"))
        registration.pledge = pledge.strip()
        registration.save()
        registration.entries.all().delete()
        RegistrationEntry.objects.bulk_create(
            RegistrationEntry(registration=registration, person=person, title=title) for person, title in entries
        )
        after = sorted(_describe(person, title) for person, title in entries)
        audit.record(
            actor=actor, action="registration.save", obj=registration, unit=unit,
            data={"before": before, "after": after} if not created else {"after": after},
        )  # fmt: skip
    return registration


def _describe(person, title):
    return f"{person.full_name if person else '—'}: {EmulationTitle(title).label}"


def _check_entries(unit, entries):
    if not entries:
        raise DomainError(_("Register at least one title, for the unit or for a person."))
    seen = set()
    for person, title in entries:
        if person is None and title not in EmulationTitle.for_collectives():
            raise DomainError(
                _("“%(title)s” is a title for individuals: choose the person.") % {"title": EmulationTitle(title).label}
            )
        if person is not None and title not in EmulationTitle.for_individuals():
            raise DomainError(
                _("“%(title)s” is a title for collectives, not for %(person)s.")
                % {"title": EmulationTitle(title).label, "person": person}
            )
        if person is not None and not person.unit.path.startswith(unit.path):
            raise DomainError(_("%(person)s does not work in %(unit)s.") % {"person": person, "unit": unit})
        key = (person.pk if person else None, title)
        if key in seen:
            raise DomainError(_("%(entry)s is listed twice.") % {"entry": _describe(person, title)})
        seen.add(key)


def _not_empty(registration):
    if not registration.entries.exists():
        raise DomainError(_("Register at least one title, for the unit or for a person."))


def _stamp(field):
    def apply(registration):
        setattr(registration, field, timezone.now())

    return apply


def submit_registration(registration, *, actor):
    return change_state(
        registration, RegistrationStatus.SUBMITTED, actor=actor, transitions=TRANSITIONS,
        action="registration.submit", check=_not_empty, apply=_stamp("submitted_at"),
    )  # fmt: skip


def approve_registration(registration, *, actor):
    def apply(locked):
        locked.decided_at, locked.decided_by, locked.return_reason = timezone.now(), actor, ""

    return change_state(
        registration, RegistrationStatus.APPROVED, actor=actor, transitions=TRANSITIONS,
        action="registration.approve", apply=apply,
    )  # fmt: skip


def return_registration(registration, *, actor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the registration is returned."), field="reason")

    def apply(locked):
        locked.decided_at, locked.decided_by, locked.return_reason = timezone.now(), actor, reason

    return change_state(
        registration, RegistrationStatus.RETURNED, actor=actor, transitions=TRANSITIONS,
        action="registration.return", apply=apply, reason=reason,
    )  # fmt: skip
