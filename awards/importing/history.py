"""The history kept before thiduakt — ratings, awards received, disciplinary measures — from one workbook.

Three sheets, each optional. Rows name people (citizen ID, or name and date of birth) and
collectives (unit code) in the user's units. A row already on record is skipped and shown
as already present, so importing a file twice records nothing twice; a row that
contradicts the record is an error, never a silent overwrite.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from awards.catalogue.models import AwardType
from awards.enums import DisciplineLevel, NomineeType, Rating
from awards.history.models import Award, Discipline, YearlyRating
from awards.importing import batches, matching, workbook
from thiduakt.errors import DomainError
from thiduakt.importing import background, excel
from thiduakt.models import ImportBatch
from thiduakt.services.audit import record, record_many
from thiduakt.text import fold

KIND = ImportBatch.Kind.HISTORY
SHEETS = {
    "ratings": gettext_noop("Ratings"),
    "awards": gettext_noop("Awards"),
    "disciplines": gettext_noop("Disciplinary measures"),
}
FIRST_YEAR = 1945  # the first emulation movements; nothing on record is older


def _nominee_columns(*, people_only=False):
    name = gettext_noop("Full name of the individual, or name of the collective")
    if people_only:
        name = gettext_noop("Full name")
    return [
        excel.Column("name", name, required=True, width=32),
        excel.Column("birth_date", gettext_noop("Date of birth"), width=14, note=_("dd/mm/yyyy, or an Excel date.")),
        excel.Column("citizen_id", gettext_noop("Citizen ID number"), width=16,
                     note=_("12 digits; format the column as Text so leading zeros stay.")),
        excel.Column("unit_code", gettext_noop("Unit code"), width=14,
                     note=_("Needed for a collective; for a person it tells namesakes apart.")),
        excel.Column("year", gettext_noop("Year"), required=True, width=8),
    ]  # fmt: skip


def columns(sheet):
    if sheet == "ratings":
        return _nominee_columns() + [
            excel.Column("rating", gettext_noop("Rating"), required=True, width=34,
                         note=_("HTXSNV, HTTNV, HTNV or KHT, or the rating in words.")),
        ]  # fmt: skip
    if sheet == "awards":
        return _nominee_columns() + [
            excel.Column("award", gettext_noop("Award or title"), required=True, width=32,
                         note=_("The code or the name of the award, e.g. CSTD_CS or Chiến sĩ thi đua cơ sở.")),
            excel.Column("decision_number", gettext_noop("Decision number"), width=18, note=_("E.g. 123/QĐ-UBND.")),
            excel.Column("decision_date", gettext_noop("Decision date"), width=14),
            excel.Column("issuer", gettext_noop("Issued by"), width=30),
        ]  # fmt: skip
    return _nominee_columns(people_only=True) + [
        excel.Column("level", gettext_noop("Disciplinary measure"), required=True, width=22,
                     note=", ".join(str(label) for label in DisciplineLevel.labels)),
        excel.Column("decision", gettext_noop("Decision"), width=34,
                     note=_("Number and date of the disciplinary decision.")),
    ]  # fmt: skip


def sheets():
    return [workbook.Sheet(key, label, columns(key)) for key, label in SHEETS.items()]


# --- The template ----------------------------------------------------------------------


def template_bytes(unit_code="MA-DON-VI", unit_name=""):
    examples = {
        "ratings": [
            ("Nguyễn Thị Hà", "12/03/1985", "001185012345", unit_code, 2023, "HTXSNV"),
            (unit_name or unit_code, "", "", unit_code, 2023, "HTTNV"),
        ],
        "awards": [
            (
                "Nguyễn Thị Hà",
                "12/03/1985",
                "001185012345",
                unit_code,
                2023,
                "CSTD_CS",
                "125/QĐ-UBND",
                "20/12/2023",
                "Chủ tịch UBND quận",
            )
        ],
        "disciplines": [("Trần Văn Nam", "02/01/1979", "", unit_code, 2021, "Khiển trách", "15/QĐ-UBND 10/05/2021")],
    }
    guide = [
        _("One sheet per kind of record; leave a sheet out, or empty, when there is nothing of that kind."),
        _("A person must already be in thiduakt (import the people list first); a collective is named by its unit."),
        _("Rows already on record are skipped, so the same file can be imported again safely."),
        _("Delete the example rows before importing. Columns marked * are required."),
    ]
    return workbook.template_workbook(sheets(), examples, guide)


# --- Values ------------------------------------------------------------------------------


def _year(value, problems):
    written = excel.text(value)
    if not written.isdigit() or not FIRST_YEAR <= int(written) <= timezone.localdate().year:
        problems.append(_("“%(value)s” is not a year") % {"value": written} if written else _("the year is empty"))
        return None
    return int(written)


_RATING_WORDS = {  # how the ratings are written in full in the offices' own lists
    "hoan thanh xuat sac nhiem vu": Rating.EXCELLENT,
    "hoan thanh tot nhiem vu": Rating.GOOD,
    "hoan thanh nhiem vu": Rating.COMPLETED,
    "khong hoan thanh nhiem vu": Rating.FAILED,
}


def _rating(value, problems):
    written = excel.text(value)
    folded = fold(written)
    for choice in Rating:
        label = fold(choice.label)
        if folded in (choice.value.lower(), label, label.split(" (")[0]):
            return choice.value
    if folded in _RATING_WORDS:
        return _RATING_WORDS[folded].value
    problems.append(
        _("unknown rating “%(value)s”: write HTXSNV, HTTNV, HTNV or KHT") % {"value": written}
        if written
        else _("the rating is empty")
    )
    return None


def _level(value, problems):
    written = excel.text(value)
    folded = fold(written)
    for choice in DisciplineLevel:
        # The code spelled out ("khien trach") is the Vietnamese name without its accents.
        if folded in (choice.value.replace("_", " "), fold(choice.label)):
            return choice.value
    problems.append(
        _("unknown disciplinary measure “%(value)s”") % {"value": written}
        if written
        else _("the disciplinary measure is empty")
    )
    return None


def _date(value, problems):
    try:
        return excel.date(value)
    except ValueError as error:
        problems.append(str(error))
        return None


def _limited(value, limit, label, problems):
    written = excel.text(value)
    if len(written) > limit:
        problems.append(_("%(field)s is longer than %(max)d characters") % {"field": label, "max": limit})
    return written[:limit]


# --- Checking ----------------------------------------------------------------------------


class _RowChecker:
    def __init__(self, identities, *, scope, where):
        self.finder = matching.NomineeFinder(identities, scope=scope, where=where)
        self.awards = matching.AwardLookup(AwardType.objects.all())  # history may name retired awards

    def check(self, sheet, number, raw, identity, problems):
        if sheet == "disciplines" or identity.names_a_person:
            person, unit = self.finder.person(identity, problems)[0], None
        else:
            person, unit = None, self.finder.collective(identity, problems)
        row = {
            "sheet": sheet, "row": number, "year": _year(raw.get("year"), problems),
            "person_id": person.pk if person else None, "unit_id": unit.pk if unit else None,
            "name": person.full_name if person else unit.name if unit else identity.name,
            "audit_unit_id": person.unit_id if person else unit.pk if unit else None,
        }  # fmt: skip
        row.update(getattr(self, f"_{sheet}")(raw, problems, unit))
        return row

    def _ratings(self, raw, problems, unit):
        rating = _rating(raw.get("rating"), problems)
        return {"rating": rating, "record": rating}

    def _awards(self, raw, problems, unit):
        award = self.awards.find(raw.get("award"), problems)
        if award:
            matching.check_accepts(award, NomineeType.COLLECTIVE if unit else NomineeType.INDIVIDUAL, problems)
        decision_date = _date(raw.get("decision_date"), problems)
        return {
            "award_type_id": award.pk if award else None, "record": award.name if award else "",
            "decision_number": _limited(raw.get("decision_number"), 64, _("the decision number"), problems),
            "decision_date": decision_date.isoformat() if decision_date else None,
            "issuer": _limited(raw.get("issuer"), 255, _("the issuer"), problems),
        }  # fmt: skip

    def _disciplines(self, raw, problems, unit):
        level = _level(raw.get("level"), problems)
        return {
            "level": level, "record": str(DisciplineLevel(level).label) if level else "",
            "decision": _limited(raw.get("decision"), 255, _("the decision"), problems),
        }  # fmt: skip


def _identity(row):
    """What makes two rows the same record: one rating a year, one award of a kind a year (Điều 5)."""
    detail = {"ratings": (), "awards": (row.get("award_type_id"),), "disciplines": (row.get("level"),)}[row["sheet"]]
    return (row["sheet"], _key(row["person_id"], row["unit_id"]), row["year"], *detail)


def _same_decision(a, b):
    return "".join(fold(a).split()) == "".join(fold(b).split())


class _OnRecord:
    """The records the rows could repeat, in one query per sheet."""

    def __init__(self, rows):
        sheets = {r["sheet"] for r in rows}
        people = {r["person_id"] for r in rows if r["person_id"]}
        units = {r["unit_id"] for r in rows if r["unit_id"]}
        who = Q(person_id__in=people) | Q(unit_id__in=units, person__isnull=True)
        self.known = {}  # identity -> what the record says (rating, or decision)
        if "ratings" in sheets:
            for person_id, unit_id, year, rating in YearlyRating.objects.filter(who).values_list(
                "person_id", "unit_id", "year", "rating"
            ):
                self.known[("ratings", _key(person_id, unit_id), year)] = rating
        if "awards" in sheets:
            for person_id, unit_id, year, type_id, number in Award.objects.filter(who, revoked=False).values_list(
                "person_id", "unit_id", "year", "award_type_id", "decision_number"
            ):
                self.known[("awards", _key(person_id, unit_id), year, type_id)] = number
        if "disciplines" in sheets:
            for person_id, year, level, decision in Discipline.objects.filter(person_id__in=people).values_list(
                "person_id", "year", "level", "decision"
            ):
                self.known[("disciplines", _key(person_id, None), year, level)] = decision

    def conflict(self, row):
        """None when the row is new or repeats the record; else why it contradicts it."""
        identity = _identity(row)
        if identity not in self.known:
            return None
        said = self.known[identity]
        values = {"year": row["year"], "record": row["record"], "said": said}
        if row["sheet"] == "ratings" and said != row["rating"]:
            return _("rated %(said)s for %(year)d on record; correct the record rather than importing it") % values
        written = row.get("decision_number", row.get("decision"))
        if row["sheet"] != "ratings" and said and written and not _same_decision(said, written):
            return _("%(record)s %(year)d is on record with decision “%(said)s”") % values
        return None

    def holds(self, row):
        return _identity(row) in self.known


def _key(person_id, unit_id):
    return f"p{person_id}" if person_id else f"u{unit_id}"


def check_file(uploaded, *, user):
    """Check the file as a batch waiting for confirmation (checked by the worker when large)."""
    if user.scope_path() is None:
        raise DomainError(_("Your account has no unit; ask the administrator."))
    return background.check(KIND, uploaded, user=user)


def check_rows(uploaded, *, user, target, progress):
    """Read and check every row of every sheet: {total_rows, valid_rows, errors}."""
    scope = user.scope_path()
    parsed = []
    for sheet, rows in workbook.read_sheets(uploaded, sheets()).items():
        for number, raw in rows:
            problems = []
            parsed.append((sheet, number, raw, matching.read_identity(raw, problems), problems))
    if not parsed:
        raise DomainError(_("The file has no rows to import below the header row."))
    where = user.unit.name if user.unit_id else _("any unit")
    checker = _RowChecker([p[3] for p in parsed], scope=scope, where=where)
    checked = []
    for done, row in enumerate(parsed, start=1):
        checked.append((checker.check(*row), row[4]))
        progress(done, len(parsed))
    on_record = _OnRecord([row for row, problems in checked if not problems])
    first_rows, valid, errors = {}, [], []
    for row, problems in checked:
        if not problems:
            first = first_rows.setdefault(_identity(row), row["row"])
            if first != row["row"]:
                problems.append(_("repeats row %(row)d of this sheet") % {"row": first})
            elif conflict := on_record.conflict(row):
                problems.append(conflict)
        if problems:
            label = gettext(SHEETS[row["sheet"]])
            errors.append({"sheet": row["sheet"], "sheet_label": label, "row": row["row"], "name": row["name"],
                           "problems": problems})  # fmt: skip
        else:
            valid.append({**row, "sheet_label": gettext(SHEETS[row["sheet"]]), "present": on_record.holds(row)})
    return {"total_rows": len(parsed), "valid_rows": valid, "errors": errors}


# --- Confirming --------------------------------------------------------------------------


def new_rows(batch):
    return [r for r in batch.valid_rows if not r["present"]]


def confirm(batch_id, *, user, accept_partial):
    """Record the batch's new rows once; rows already on record stay as they are."""
    with transaction.atomic():
        batch = batches.lock_pending(batch_id, user=user, kind=KIND, accept_partial=accept_partial)
        rows = new_rows(batch)
        if not rows:
            raise DomainError(
                _("Every valid row is already on record; there is nothing to import.")
                if batch.valid_rows
                else _("No row of this file can be imported. Correct the file and upload it again.")
            )
        raced = DomainError(_("Some of these records were entered while you were checking the file. Upload it again."))
        on_record = _OnRecord(rows)
        if any(on_record.holds(r) for r in rows):
            raise raced
        try:
            with transaction.atomic():
                created = _write(rows)
        except IntegrityError as error:
            raise raced from error
        _audit(created, batch, user)
        batches.finish(batch, len(created))
        counts = defaultdict(int)
        for row in rows:
            counts[row["sheet"]] += 1
        record(
            actor=user, action="import.history", obj=batch, unit=user.unit,
            data={"file": batch.file_name, **counts, "already_present": len(batch.valid_rows) - len(rows),
                  "skipped_rows": [[e["sheet"], e["row"]] for e in batch.errors]},
        )  # fmt: skip
    return batch


def _write(rows):
    """[(row, created object)] — bulk inserts, one per sheet."""
    made = []
    for row in rows:
        who = {"person_id": row["person_id"], "unit_id": row["unit_id"], "year": row["year"]}
        if row["sheet"] == "ratings":
            made.append((row, YearlyRating(rating=row["rating"], **who)))
        elif row["sheet"] == "awards":
            decided = datetime.date.fromisoformat(row["decision_date"]) if row["decision_date"] else None
            made.append((row, Award(
                award_type_id=row["award_type_id"], decision_number=row["decision_number"], decision_date=decided,
                issuer=row["issuer"], from_records=True, **who,
            )))  # fmt: skip
        else:
            made.append((row, Discipline(person_id=row["person_id"], year=row["year"], level=row["level"],
                                         decision=row["decision"])))  # fmt: skip
    for model in (YearlyRating, Award, Discipline):
        model.objects.bulk_create([obj for _row, obj in made if isinstance(obj, model)], batch_size=1000)
    return made


def _audit(created, batch, user):
    row_of = {obj: row for row, obj in created}  # saved records hash by their model and id
    record_many(
        actor=user, action="history.import", objects=list(row_of),
        unit_id=lambda obj: row_of[obj]["audit_unit_id"],
        describe=lambda obj: "{name} {year}: {record}".format(**row_of[obj]),
        data=lambda obj: {"file": batch.file_name, "sheet": row_of[obj]["sheet"], "row": row_of[obj]["row"]},
    )  # fmt: skip


def cancel(batch_id, *, user):
    return batches.cancel(batch_id, user=user, kind=KIND)


background.register(KIND, check=check_rows, confirm=confirm)
