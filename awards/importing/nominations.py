"""A nomination list from Excel into a draft submission: template, row checks, and the confirmed write.

The check reads every row and matches it in a fixed number of queries; nothing is written
but the ImportBatch. The confirmation creates the people the file adds in bulk (normalised,
validated and audited as one added by hand), adds the rows through the submissions service
(so every nomination is checked and audited like one typed in), then evaluates all of them
in one batch.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from awards.catalogue.models import AwardType
from awards.enums import NomineeType, SubmissionStatus
from awards.importing import batches, matching
from awards.nominations.models import Submission
from awards.nominations.services import add_nominations, check_nominee, evaluate_and_store
from thiduakt.errors import DomainError
from thiduakt.importing import background, excel
from thiduakt.models import ImportBatch, Person, Unit
from thiduakt.services.audit import record
from thiduakt.services.people import PersonRefused, create_people
from thiduakt.text import fold, normalize_multiline

KIND = ImportBatch.Kind.NOMINATIONS


def columns():
    return [
        excel.Column("number", gettext_noop("No."), width=6, note=_("Optional; rows are imported in their order.")),
        excel.Column("name", gettext_noop("Full name of the individual, or name of the collective"), required=True,
                     width=32, note=_("A person in thiduakt is found by citizen ID number, or by name and date of "
                                      "birth. A collective is written with its unit code and no date of birth.")),
        excel.Column("birth_date", gettext_noop("Date of birth"), width=14, note=_("dd/mm/yyyy, or an Excel date.")),
        excel.Column("citizen_id", gettext_noop("Citizen ID number"), width=16,
                     note=_("12 digits; format the column as Text so leading zeros stay.")),
        excel.Column("gender", gettext_noop("Gender"), width=10,
                     note=_("Nam or Nữ; needed only to add a person who is not in thiduakt yet.")),
        excel.Column("unit_code", gettext_noop("Unit code"), width=14,
                     note=_("The person's unit, or the collective itself; needed for collectives and new people.")),
        excel.Column("award", gettext_noop("Proposed award or title"), required=True, width=30,
                     note=_("The code or the name of the award, e.g. CSTD_CS or Chiến sĩ thi đua cơ sở (list below).")),
        excel.Column("achievement", gettext_noop("Summary of achievements"), width=60),
    ]  # fmt: skip


def template_bytes(submission):
    unit = submission.proposing_unit
    catalogue = [
        f"{t.code} — {t.name} ({', '.join(str(label) for value, label in NomineeType.choices if t.accepts(value))})"
        for t in AwardType.objects.filter(is_active=True)
    ]
    return excel.template_workbook(
        columns(),
        _("Nominations"),
        example_rows=[
            (
                1,
                "Nguyễn Thị Hà",
                "12/03/1985",
                "001185012345",
                "Nữ",
                unit.code,
                "LDTT",
                _("Completed every task of the year well; led the digitisation of the ward's records."),
            ),
            (2, unit.name, "", "", "", unit.code, "TTLDTT", _("Completed the year's plan ahead of time.")),
        ],
        notes=[
            _("Delete the example rows before importing. Columns marked * are required."),
            _("Awards that can be proposed:"),
            *catalogue,
        ],
    )


def check_open(submission, user):
    """The list must be a draft in the user's units, both when checking and when importing."""
    scope = user.scope_path()
    if scope is None or not submission.proposing_unit.path.startswith(scope):
        raise DomainError(_("This submission is outside your units."))
    if submission.status != SubmissionStatus.DRAFT:
        raise DomainError(_("This list was already submitted; start a new submission for more nominations."))


def _only_numbered(raw):
    """Templates often come with the No. column pre-filled on empty rows."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for k, v in raw.items() if k != "number")


def check_file(uploaded, *, user, submission):
    """Check the file as a batch waiting for confirmation (checked by the worker when large)."""
    check_open(submission, user)
    return background.check(KIND, uploaded, user=user, target={"submission": submission.pk})


def check_rows(uploaded, *, user, target, progress):
    """Read and check every row: {total_rows, valid_rows, errors}."""
    submission = Submission.objects.select_related("proposing_unit").get(pk=target["submission"])
    check_open(submission, user)
    parsed = []
    for number, raw in excel.read_rows(uploaded, columns()):
        if _only_numbered(raw):
            continue
        problems = []
        parsed.append((number, raw, matching.read_identity(raw, problems), problems))
        progress(len(parsed), 0)
    if not parsed:
        raise DomainError(_("The file has no rows to import below the header row."))
    checker = _RowChecker(submission, [identity for _number, _raw, identity, _problems in parsed])
    valid, errors = [], []
    for done, (number, raw, identity, problems) in enumerate(parsed, start=1):
        row = checker.check(number, raw, identity, problems)
        if problems:
            errors.append({"row": number, "name": identity.name, "problems": problems})
        else:
            valid.append(row)
        progress(done, len(parsed))
    return {"total_rows": len(parsed), "valid_rows": valid, "errors": errors}


def _new_keys(identity):
    """The keys under which a person the file adds can be named again by a later row."""
    keys = []
    if identity.citizen_id:
        keys.append(f"id:{identity.citizen_id}")
    if identity.birth_date:
        keys.append(f"name:{fold(identity.name)}|{identity.birth_date.isoformat()}")
    return keys


class _RowChecker:
    """Checks one row at a time, remembering what earlier rows already claimed."""

    def __init__(self, submission, identities):
        unit = submission.proposing_unit
        self.finder = matching.NomineeFinder(identities, scope=unit.path, where=unit.name)
        self.awards = matching.AwardLookup(AwardType.objects.filter(is_active=True))
        proposed = submission.nominations.values_list("person_id", "unit_id", "award_type_id")
        self.in_submission = {(f"p{p}" if p else f"u{u}", type_id) for p, u, type_id in proposed}
        self.in_file = {}  # (nominee key, award type id) -> first row
        self.new_people = {}  # any key of a person the file adds -> {"key", "data"}

    def check(self, number, raw, identity, problems):
        award = self.awards.find(raw.get("award"), problems)
        # Without a date of birth, citizen ID or gender, a row for an award only people get is still a person.
        individual = identity.names_a_person or (award is not None and not award.for_collectives)
        person = unit = new = None
        if individual:
            person, new = self._individual(identity, problems)
        else:
            unit = self.finder.collective(identity, problems)
        if award:
            matching.check_accepts(award, NomineeType.INDIVIDUAL if individual else NomineeType.COLLECTIVE, problems)
        key = f"p{person.pk}" if person else f"u{unit.pk}" if unit else new and new["key"]
        if key and award:
            self._check_duplicate(number, key, award, identity, problems)
        if problems:
            return None
        return {
            "row": number, "nominee": NomineeType.INDIVIDUAL if individual else NomineeType.COLLECTIVE,
            "person_id": person.pk if person else None, "unit_id": unit.pk if unit else None,
            "new_key": new and new["key"], "new_person": new and new["data"],
            **_shown(person, unit, new),
            "award_type_id": award.pk, "award": award.name,
            "achievement": normalize_multiline(str(raw.get("achievement") or "")),
        }  # fmt: skip

    def _individual(self, identity, problems):
        """(person on record, None) or (None, the person this file adds)."""
        for key in _new_keys(identity):
            if key in self.new_people:  # named again by a later row: the same new person
                return None, self.new_people[key]
        before = len(problems)
        person, new_unit = self.finder.person(identity, problems, allow_new=True)
        if new_unit is None or len(problems) > before:
            return person, None
        keys = _new_keys(identity)
        new = {
            "key": keys[0], "unit_name": new_unit.name,
            "data": {
                "full_name": identity.name, "gender": identity.gender, "unit_id": new_unit.pk,
                "birth_date": identity.birth_date.isoformat() if identity.birth_date else None,
                "citizen_id": identity.citizen_id,
            },
        }  # fmt: skip
        self.new_people.update(dict.fromkeys(keys, new))
        return None, new

    def _check_duplicate(self, number, key, award, identity, problems):
        first = self.in_file.setdefault((key, award.pk), number)
        if first != number:
            problems.append(_("the same nominee and award as row %(row)d") % {"row": first})
        elif (key, award.pk) in self.in_submission:
            problems.append(
                _("%(nominee)s is already proposed for %(award)s in this submission")
                % {"nominee": identity.name, "award": award.name}
            )


def _shown(person, unit, new):
    """What the review page lists for the nominee: the record's own spelling where there is one."""
    if person:
        birth = person.birth_date.isoformat() if person.birth_date else None
        return {"name": person.full_name, "birth_date": birth, "citizen_id": person.citizen_id or "",
                "unit_name": person.unit.name}  # fmt: skip
    if unit:
        return {"name": unit.name, "birth_date": None, "citizen_id": "", "unit_name": unit.name}
    data = new["data"]
    return {"name": data["full_name"], "birth_date": data["birth_date"], "citizen_id": data["citizen_id"],
            "unit_name": new["unit_name"]}  # fmt: skip


def confirm(batch_id, *, user, accept_partial):
    """Add the batch's valid rows to the submission once, then evaluate them all in one batch."""
    with transaction.atomic():
        batch = batches.lock_pending(batch_id, user=user, kind=KIND, accept_partial=accept_partial)
        if not batch.valid_rows:
            raise DomainError(_("No row of this file can be imported. Correct the file and upload it again."))
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("proposing_unit")
            .get(pk=batch.target["submission"])
        )
        check_open(submission, user)
        created, new_people = _Writer(submission, user, batch.valid_rows).write()
        evaluate_and_store(created)
        batches.finish(batch, len(created))
        record(
            actor=user, action="import.nominations", obj=submission, unit=submission.proposing_unit,
            data={"file": batch.file_name, "imported": len(created), "new_people": new_people,
                  "skipped_rows": [e["row"] for e in batch.errors]},
        )  # fmt: skip
    return batch


class _Writer:
    """Adds the checked rows through the submissions service; any refusal undoes the whole import.

    The people the file adds are created first, in bulk and audited one by one, once each
    however many rows name them."""

    def __init__(self, submission, user, rows):
        self.submission, self.user, self.rows = submission, user, rows
        self.people = Person.objects.select_related("unit").in_bulk({r["person_id"] for r in rows if r["person_id"]})
        collectives = {r["unit_id"] for r in rows if r["unit_id"]}
        self.units = Unit.objects.in_bulk(collectives | {r["new_person"]["unit_id"] for r in rows if r["new_key"]})
        self.award_types = AwardType.objects.in_bulk({r["award_type_id"] for r in rows})
        self.new_people = {}  # new key -> Person created by this import

    def write(self):
        self._create_new_people()
        data = []
        for row in self.rows:
            try:
                data.append(self._data(row))
                check_nominee(self.submission, data[-1])
            except DomainError as error:
                raise self._refusal(row, error.message) from error
        try:
            created = add_nominations(self.submission, actor=self.user, rows=data)
        except IntegrityError as error:
            raise DomainError(_("Someone changed these records meanwhile. Upload the file again.")) from error
        return created, len(self.new_people)

    def _create_new_people(self):
        first_rows = {}  # new key -> the first row naming that person
        for row in self.rows:
            if row["new_key"] and row["new_person"]["unit_id"] in self.units:
                first_rows.setdefault(row["new_key"], row)
        rows = list(first_rows.values())
        try:
            created = create_people(
                actor=self.user, action="person.import", data=[self._person_data(row["new_person"]) for row in rows]
            )
        except PersonRefused as error:
            raise self._refusal(rows[error.index], " ".join(error.messages)) from error
        except IntegrityError as error:
            raise DomainError(_("Someone changed these records meanwhile. Upload the file again.")) from error
        self.new_people = {row["new_key"]: person for row, person in zip(rows, created, strict=True)}

    def _person_data(self, data):
        return {
            "full_name": data["full_name"], "gender": data["gender"], "unit": self.units[data["unit_id"]],
            "citizen_id": data["citizen_id"] or None,
            "birth_date": datetime.date.fromisoformat(data["birth_date"]) if data["birth_date"] else None,
        }  # fmt: skip

    def _data(self, row):
        award_type = self.award_types.get(row["award_type_id"])
        unit = self.units.get(row["unit_id"]) if row["unit_id"] else None
        person = self.people.get(row["person_id"]) if row["person_id"] else self.new_people.get(row["new_key"])
        if award_type is None or (unit or person) is None:
            raise DomainError(_("a record this row names was deleted meanwhile."))
        return {"person": person, "unit": unit, "award_type": award_type, "achievement": row["achievement"]}

    @staticmethod
    def _refusal(row, problem):
        return DomainError(
            _("Row %(row)d: %(problem)s Nothing was imported; upload the file again to check it anew.")
            % {"row": row["row"], "problem": problem}
        )


def cancel(batch_id, *, user):
    return batches.cancel(batch_id, user=user, kind=KIND)


background.register(KIND, check=check_rows, confirm=confirm)
