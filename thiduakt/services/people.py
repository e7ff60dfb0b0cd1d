from thiduakt.models import Person

from .records import create_record, update_record

AUDITED_FIELDS = (
    "full_name", "gender", "birth_date", "citizen_id", "position", "unit", "category",
    "ethnicity", "is_active",
)  # fmt: skip


def _person_unit(person):
    return person.unit


def create_person(*, actor, data, action="person.create"):
    return create_record(Person, actor=actor, data=data, action=action, audit_unit=_person_unit, fields=AUDITED_FIELDS)


def update_person(person, *, actor, data, expected_version=None):
    return update_record(
        person, actor=actor, data=data, expected_version=expected_version,
        action="person.update", audit_unit=_person_unit, fields=AUDITED_FIELDS,
    )  # fmt: skip
