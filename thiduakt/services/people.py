from django.core.exceptions import ValidationError
from django.db import transaction

from thiduakt.models import Person

from . import audit
from .records import create_record, update_record

AUDITED_FIELDS = (
    "full_name", "gender", "birth_date", "citizen_id", "position", "unit", "category",
    "ethnicity", "is_active",
)  # fmt: skip


def _person_unit(person):
    return person.unit


def create_person(*, actor, data, action="person.create"):
    return create_record(Person, actor=actor, data=data, action=action, audit_unit=_person_unit, fields=AUDITED_FIELDS)


class PersonRefused(ValidationError):
    """One of the people given to `create_people` is invalid: `index` says which."""

    def __init__(self, index, error):
        super().__init__(error.messages)
        self.index = index


def create_people(*, actor, data, action="person.create", note=None):
    """Many people at once, each as `create_person` makes one: normalised, validated, audited with
    the same entry (plus `note`), in a fixed number of queries. Raises PersonRefused."""
    people = [Person(**row).prepare() for row in data]
    ids = [p.citizen_id for p in people if p.citizen_id]
    taken = set(Person.objects.filter(citizen_id__in=ids).values_list("citizen_id", flat=True))
    seen = set()
    for index, person in enumerate(people):
        try:
            # The unit comes loaded and the database enforces the constraints: no query per person.
            person.full_clean(exclude=["unit"], validate_unique=False, validate_constraints=False)
            if person.citizen_id and (person.citizen_id in taken or person.citizen_id in seen):
                raise person.unique_error_message(Person, ("citizen_id",))
        except ValidationError as error:
            raise PersonRefused(index, error) from error
        seen.add(person.citizen_id)
    with transaction.atomic():
        created = Person.objects.bulk_create(people, batch_size=1000)
        audit.record_many(
            actor=actor, action=action, objects=created, unit_id=lambda p: p.unit_id,
            data=lambda p: {"after": audit.snapshot(p, AUDITED_FIELDS), **(note or {})},
        )  # fmt: skip
    return created


def update_person(person, *, actor, data, expected_version=None):
    return update_record(
        person, actor=actor, data=data, expected_version=expected_version,
        action="person.update", audit_unit=_person_unit, fields=AUDITED_FIELDS,
    )  # fmt: skip
