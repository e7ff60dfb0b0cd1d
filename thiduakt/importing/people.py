"""The people list import: template, row checks, and the confirmed write."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thiduakt.enums import Gender, PersonCategory
from thiduakt.errors import DomainError
from thiduakt.models import ImportBatch, Person, Unit
from thiduakt.selectors import units_for_user
from thiduakt.services.audit import record
from thiduakt.services.people import PersonRefused, create_people
from thiduakt.text import fold
from thiduakt.validators import validate_citizen_id

from . import background, excel

KIND = ImportBatch.Kind.PEOPLE


def columns():
    return [
        excel.Column("full_name", gettext_noop("Full name"), required=True, width=28,
                     note=_("Full name with diacritics, e.g. Nguyễn Thị Hà.")),
        excel.Column("gender", gettext_noop("Gender"), required=True, width=10, note=_("Nam or Nữ.")),
        excel.Column("birth_date", gettext_noop("Date of birth"), width=14, note=_("dd/mm/yyyy, or an Excel date.")),
        excel.Column("citizen_id", gettext_noop("Citizen ID number"), width=16,
                     note=_("12 digits; format the column as Text so leading zeros stay.")),
        excel.Column("position", gettext_noop("Position"), width=28),
        excel.Column("unit_code", gettext_noop("Unit code"), required=True, width=14,
                     note=_("The unit's code as shown in the unit list of thiduakt.")),
        excel.Column("category", gettext_noop("Category"), width=30,
                     note=_("One of: %(values)s.") % {"values": "; ".join(str(c.label) for c in PersonCategory)}),
        excel.Column("ethnicity", gettext_noop("Ethnicity"), width=12),
    ]  # fmt: skip


def template_bytes(example_unit_code="TX-KT"):
    return excel.template_workbook(
        columns(),
        _("People"),
        example_rows=[
            (
                "Nguyễn Thị Hà",
                "Nữ",
                "12/03/1985",
                "001185012345",
                "Chuyên viên",
                example_unit_code,
                str(PersonCategory.OTHER.label),
                "Kinh",
            ),
        ],
        notes=[_("Delete the example row before importing. Columns marked * are required.")],
    )


_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}


def _category(raw):
    if not raw:
        return PersonCategory.OTHER
    wanted = fold(raw)
    for choice in PersonCategory:
        if wanted in (fold(choice.label), choice.value):
            return choice
    raise ValueError(_("unknown category “%(value)s”") % {"value": raw})


class _RowChecker:
    """Checks one row at a time, remembering what earlier rows already claimed."""

    def __init__(self, user):
        scoped = units_for_user(user).select_related(None).only("pk", "code", "path", "name")
        self.units = {u.code: u for u in scoped}
        self.ids_in_file = {}
        self.people_in_file = {}

    def check(self, number, raw):
        problems = []
        row = {
            "full_name": self._name(raw, problems),
            "gender": self._gender(raw, problems),
            "birth_date": self._birth_date(raw, problems),
            "position": excel.text(raw.get("position"))[:200],
            "unit_id": self._unit(raw, problems),
            "category": self._category(raw, problems),
            "ethnicity": excel.text(raw.get("ethnicity"))[:50],
        }
        row["citizen_id"] = self._citizen_id(number, raw, row, problems)
        identity = (fold(row["full_name"]), row["birth_date"], row["unit_id"])
        if row["full_name"] and identity in self.people_in_file:
            problems.append(_("the same person as row %(row)d") % {"row": self.people_in_file[identity]})
        self.people_in_file.setdefault(identity, number)
        return row, problems

    def _name(self, raw, problems):
        name = excel.text(raw.get("full_name"))
        if not name:
            problems.append(_("the full name is empty"))
        elif len(name) > 120:
            problems.append(_("the full name is longer than 120 characters"))
        return name

    def _gender(self, raw, problems):
        gender = _GENDERS.get(fold(excel.text(raw.get("gender"))))
        if gender is None:
            problems.append(_("the gender must be Nam or Nữ"))
        return gender

    def _birth_date(self, raw, problems):
        try:
            birth = excel.date(raw.get("birth_date"))
        except ValueError as error:
            problems.append(str(error))
            return None
        if birth and not (1900 <= birth.year and birth <= timezone.localdate()):
            problems.append(_("the date of birth %(date)s is impossible") % {"date": birth.strftime("%d/%m/%Y")})
            return None
        return birth.isoformat() if birth else None

    def _unit(self, raw, problems):
        code = excel.text(raw.get("unit_code")).upper()
        unit = self.units.get(code)
        if unit is None:
            problems.append(
                _("unit code “%(code)s” does not exist or is outside your units") % {"code": code}
                if code
                else _("the unit code is empty")
            )
        return unit.pk if unit else None

    def _category(self, raw, problems):
        try:
            return _category(excel.text(raw.get("category")))
        except ValueError as error:
            problems.append(str(error))
            return PersonCategory.OTHER

    def _citizen_id(self, number, raw, row, problems):
        value = raw.get("citizen_id")
        citizen_id = excel.text(value)
        if citizen_id.isdigit() and len(citizen_id) < 12 and not isinstance(value, str):
            citizen_id = citizen_id.zfill(12)  # Excel stored the ID as a number and dropped its zeros
        if not citizen_id:
            return None
        birth = datetime.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
        try:
            validate_citizen_id(citizen_id, gender=row["gender"], birth_date=birth)
        except ValidationError as error:
            problems.extend(error.messages)
        if citizen_id in self.ids_in_file:
            problems.append(
                _("citizen ID %(id)s is repeated from row %(row)d")
                % {"id": citizen_id, "row": self.ids_in_file[citizen_id]}
            )
        self.ids_in_file.setdefault(citizen_id, number)
        return citizen_id


def _existing_conflicts(rows):
    """Rows that clash with people already stored: same citizen ID, or same name, birth date and unit."""
    ids = [r["citizen_id"] for _, r in rows if r["citizen_id"]]
    taken_ids = set(Person.objects.filter(citizen_id__in=ids).values_list("citizen_id", flat=True))
    unit_ids = {r["unit_id"] for _, r in rows}
    known = {}
    for person in Person.objects.filter(unit_id__in=unit_ids).only("pk", "full_name", "birth_date", "unit_id"):
        key = (fold(person.full_name), person.birth_date.isoformat() if person.birth_date else None, person.unit_id)
        known[key] = person
    conflicts = {}
    for number, row in rows:
        if row["citizen_id"] in taken_ids:
            conflicts.setdefault(number, []).append(
                _("citizen ID %(id)s already belongs to a person in thiduakt") % {"id": row["citizen_id"]}
            )
        if (fold(row["full_name"]), row["birth_date"], row["unit_id"]) in known:
            conflicts.setdefault(number, []).append(_("this person is already in the unit's list"))
    return conflicts


def check_file(uploaded, *, user):
    """Check the file as a batch waiting for confirmation (checked by the worker when large)."""
    return background.check(KIND, uploaded, user=user)


def check_rows(uploaded, *, user, target, progress):
    """Read and check every row: {total_rows, valid_rows, errors}."""
    checker = _RowChecker(user)
    good, errors = [], []
    for number, raw in excel.read_rows(uploaded, columns()):
        row, problems = checker.check(number, raw)
        if problems:
            errors.append({"row": number, "name": row["full_name"], "problems": problems})
        else:
            good.append((number, row))
        progress(len(good) + len(errors), 0)  # read as they stream: the total is known at the end
    conflicts = _existing_conflicts(good)
    valid = []
    for number, row in good:
        if number in conflicts:
            errors.append({"row": number, "name": row["full_name"], "problems": conflicts[number]})
        else:
            valid.append({"row": number, **row})
    errors.sort(key=lambda e: e["row"])
    if not valid and not errors:
        raise DomainError(_("The file has no rows to import below the header row."))
    return {"total_rows": len(valid) + len(errors), "valid_rows": valid, "errors": errors}


def confirm(batch_id, *, user, accept_partial):
    """Import the batch's valid rows once. A second click finds the batch already done."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user, kind=KIND)
        if batch.status != ImportBatch.Status.PENDING:
            raise DomainError(_("This file was already imported or cancelled; nothing was imported again."))
        if not batch.valid_rows:
            raise DomainError(_("No row of this file can be imported. Correct the file and upload it again."))
        if batch.errors and not accept_partial:
            raise DomainError(
                _("The file has rows with errors. Tick the box to import only the valid rows, or correct the file.")
            )
        created = _create(batch, user)
        batch.status = ImportBatch.Status.IMPORTED
        batch.imported_count = len(created)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "imported_count", "finished_at"])
        record(actor=user, action="import.people", obj=batch, unit=user.unit,
               data={"imported": len(created), "skipped_rows": [e["row"] for e in batch.errors]})  # fmt: skip
    return batch


def _create(batch, user):
    """The batch's people, made and audited as the people service makes them, in bulk."""
    rows = batch.valid_rows
    units = Unit.objects.in_bulk({row["unit_id"] for row in rows})
    data = [
        {**{k: v for k, v in row.items() if k not in ("row", "unit_id")}, "unit": units.get(row["unit_id"])}
        for row in rows
    ]
    try:
        return create_people(actor=user, action="person.import", data=data, note={"file": batch.file_name})
    except PersonRefused as error:
        raise DomainError(
            _("Row %(row)d: %(problem)s Nothing was imported; upload the file again to check it anew.")
            % {"row": rows[error.index]["row"], "problem": " ".join(error.messages)}
        ) from error
    except IntegrityError as error:
        raise DomainError(
            _("Someone added some of these people while you were checking the file. Upload it again to recheck.")
        ) from error


def cancel(batch_id, *, user):
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user)
        if batch.status == ImportBatch.Status.PENDING:
            batch.status = ImportBatch.Status.CANCELLED
            batch.finished_at = timezone.now()
            batch.save(update_fields=["status", "finished_at"])
    return batch


background.register(KIND, check=check_rows, confirm=confirm)
