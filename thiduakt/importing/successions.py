"""The import of a succession table (issue 12): the official mapping of the reorganisation of
1/7/2025, from an .xlsx or a CSV file, one line (new unit, what passed, old unit) a row.

Units are named by their code, their statistical code, or their exact name (ignoring case and
diacritics) when no other unit the user sees bears it. A new ward often keeps the name of
an old ward it was formed from: a name borne by several units is taken for the one that fits
its column (an old unit that has ended, a new unit that has not) when only one does.
Each confirmed row is recorded by `record_succession`, so each is audited as on the unit page.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thiduakt.errors import DomainError
from thiduakt.models import ImportBatch, SuccessionRelation, Unit
from thiduakt.models.units import STATISTICAL_CODE
from thiduakt.selectors import units_for_user
from thiduakt.services.audit import record
from thiduakt.services.successions import record_succession
from thiduakt.services.units import update_unit
from thiduakt.text import fold

from . import background, excel, limits

KIND = ImportBatch.Kind.SUCCESSIONS
NOTE_LENGTH = 500

# How a table says what passed, folded: the words begin the cell ("Toàn bộ diện tích tự nhiên…").
_RELATION_WORDS = (
    ("toan bo", SuccessionRelation.WHOLE),
    ("nguyen trang", SuccessionRelation.WHOLE),
    ("mot phan", SuccessionRelation.PART),
    ("phan con lai", SuccessionRelation.REMAINDER),
)


def columns():
    return [
        excel.Column("successor", gettext_noop("New unit"), required=True, width=30,
                     note=_("The unit formed or taking over: its code, its statistical code or its exact name.")),
        excel.Column("relation", gettext_noop("Relation"), required=True, width=18,
                     note=_("Toàn bộ, Một phần or Phần còn lại (or whole, part, remainder).")),
        excel.Column("predecessor", gettext_noop("Old unit"), required=True, width=30,
                     note=_("The unit that ended: its code, its statistical code or its exact name. "
                            "Its end date must be set in thiduakt.")),
        excel.Column("note", gettext_noop("Note"), width=40),
        excel.Column("statistical_code", gettext_noop("Statistical code of the new unit"), width=16,
                     note=_("Optional: 2 to 5 digits, filled in for a new unit that has none yet.")),
    ]  # fmt: skip


def template_bytes():
    return excel.template_workbook(
        columns(),
        _("Successions"),
        example_rows=[
            ("Phường Thanh Xuân", "Một phần", "Phường Nhân Chính", "", "00367"),
            ("Phường Thanh Xuân", "Một phần", "Phường Trung Hòa", "", "00367"),
            ("Phường Khương Đình", "Phần còn lại", "Phường Thượng Đình", "", "00364"),
        ],
        notes=[
            _("Delete the example rows before importing. Columns marked * are required."),
            _("One row for each old unit and each new unit it passed to; the file may also be saved as CSV UTF-8."),
        ],
    )


def relation(raw):
    wanted = fold(raw)
    for choice in SuccessionRelation:
        if wanted in (choice.value, fold(choice.label)):
            return choice
    for words, choice in _RELATION_WORDS:
        if wanted == words or wanted.startswith(words + " "):
            return choice
    raise ValueError(
        _("“%(value)s” is not a relation; write Toàn bộ, Một phần or Phần còn lại") % {"value": raw}
        if raw
        else _("the relation is empty")
    )


def statistical_code(value):
    """The code of a new unit as text. A number Excel stored (or wrote to a CSV) has lost its leading
    zeros: since 1/7/2025 a unit formed is a province (2 digits) or a ward or commune (5 digits)."""
    code = excel.text(value)
    if code.isdigit() and len(code) < 5:
        code = code.zfill(2 if len(code) <= 2 else 5)
    return code


def _codes_meant(value):
    """The statistical codes a cell may mean: as written first, then as a number that lost its zeros."""
    code = excel.text(value)
    if not code.isdigit():
        return [code]
    return [code, *(code.zfill(width) for width in (5, 3, 2) if len(code) < width)]


class _RowChecker:
    """Finds the units of each row among those the user sees, remembering the pairs already read."""

    def __init__(self, user):
        self.units = list(units_for_user(user).select_related(None))
        self.by_code = {u.code: u for u in self.units}
        self.by_statistical_code = {u.statistical_code: u for u in self.units if u.statistical_code}
        self.by_name = {}
        for unit in self.units:
            self.by_name.setdefault(fold(unit.name), []).append(unit)
        self.taken_codes = dict(Unit.objects.exclude(statistical_code="").values_list("statistical_code", "name"))
        self.pairs = {}
        self.codes_claimed = {}  # statistical code -> the new unit a row gave it to

    def check(self, number, raw):
        problems = []
        successor = self._unit(raw.get("successor"), problems, old=False)
        predecessor = self._unit(raw.get("predecessor"), problems, old=True)
        row = {
            "successor_id": successor.pk if successor else None,
            "predecessor_id": predecessor.pk if predecessor else None,
            "relation": self._relation(raw, problems),
            "note": excel.text(raw.get("note")),
            "statistical_code": "",
        }
        if len(row["note"]) > NOTE_LENGTH:
            problems.append(_("the note is longer than %(max)d characters") % {"max": NOTE_LENGTH})
        if predecessor and successor:
            self._pair(number, predecessor, successor, problems)
        if successor:
            row["statistical_code"] = self._statistical_code(raw, successor, problems)
        return row, problems

    def _unit(self, value, problems, *, old):
        raw = excel.text(value)
        if not raw:
            problems.append(_("the old unit is empty") if old else _("the new unit is empty"))
            return None
        # A statistical code names a unit that has it, or the new unit an earlier row gives it to.
        found = self.by_code.get(raw.upper()) or next(
            (u for c in _codes_meant(value) if (u := self.by_statistical_code.get(c) or self.codes_claimed.get(c))),
            None,
        )
        if found:
            return found
        candidates = self.by_name.get(fold(raw), [])
        fitting = [u for u in candidates if (u.valid_to is not None) == old]
        if len(candidates) == 1 or len(fitting) == 1:
            return candidates[0] if len(candidates) == 1 else fitting[0]
        if candidates:
            named = ", ".join(f"{u.label} ({u.code})" for u in (fitting or candidates))
            problems.append(
                _("“%(name)s” names several units: %(units)s; write the unit's code instead")
                % {"name": raw, "units": named}
            )
        else:
            problems.append(
                _("unit “%(name)s” does not exist or is outside your units: no unit has this code, statistical "
                  "code or name") % {"name": raw}
            )  # fmt: skip
        return None

    def _relation(self, raw, problems):
        try:
            return relation(excel.text(raw.get("relation")))
        except ValueError as error:
            problems.append(str(error))
            return None

    def _pair(self, number, predecessor, successor, problems):
        if predecessor.pk == successor.pk:
            problems.append(_("a unit cannot succeed itself"))
        elif predecessor.valid_to is None:
            problems.append(
                _("the old unit %(unit)s has no end date: set the date it ended (valid until) on its page first")
                % {"unit": predecessor.name}
            )
        elif successor.valid_to is not None and successor.valid_to <= predecessor.valid_to:
            problems.append(_("%(unit)s had itself ended by then and cannot take over") % {"unit": successor.name})
        pair = (predecessor.pk, successor.pk)
        if pair in self.pairs:
            problems.append(_("the same pair of units as row %(row)d") % {"row": self.pairs[pair]})
        self.pairs.setdefault(pair, number)

    def _statistical_code(self, raw, successor, problems):
        code = statistical_code(raw.get("statistical_code"))
        if not code or code == successor.statistical_code:
            return ""
        try:
            STATISTICAL_CODE(code)
        except ValidationError as error:
            problems.extend(error.messages)
            return ""
        if successor.statistical_code:
            problems.append(
                _("%(unit)s already has the statistical code %(code)s")
                % {"unit": successor.name, "code": successor.statistical_code}
            )
            return ""
        claimant = self.codes_claimed.get(code, successor)
        holder = self.taken_codes.get(code) or (claimant.name if claimant.pk != successor.pk else None)
        if holder:
            problems.append(_("the statistical code %(code)s belongs to %(unit)s") % {"code": code, "unit": holder})
            return ""
        self.codes_claimed[code] = successor
        return code


def check_file(uploaded, *, user):
    """Check the table as a batch waiting for confirmation (checked by the worker when large)."""
    return background.check(KIND, uploaded, user=user)


def check_rows(uploaded, *, user, target, progress):
    """Read and check every row: {total_rows, valid_rows, errors}."""
    checker = _RowChecker(user)
    valid, errors = [], []
    for number, raw in excel.read_table(uploaded, columns()):
        row, problems = checker.check(number, raw)
        if problems:
            name = f"{excel.text(raw.get('predecessor')) or '—'} → {excel.text(raw.get('successor')) or '—'}"
            errors.append({"row": number, "name": name, "problems": problems})
        else:
            valid.append({"row": number, **row})
        progress(len(valid) + len(errors), 0)
    if not valid and not errors:
        raise DomainError(_("The file has no rows to import below the header row."))
    return {"total_rows": len(valid) + len(errors), "valid_rows": valid, "errors": errors}


def confirm(batch_id, *, user, accept_partial):
    """Record the batch's valid rows once, all or none. A second click finds the batch already done."""
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
        _record(batch, user)
        batch.status = ImportBatch.Status.IMPORTED
        batch.imported_count = len(batch.valid_rows)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "imported_count", "finished_at"])
        record(actor=user, action="import.successions", obj=batch, unit=user.unit,
               data={"imported": batch.imported_count, "skipped_rows": [e["row"] for e in batch.errors]})  # fmt: skip
    return batch


def _record(batch, user):
    """Each row through the service, in the caller's transaction: a refused row refuses the whole file."""
    rows = batch.valid_rows
    units = Unit.objects.in_bulk({r["predecessor_id"] for r in rows} | {r["successor_id"] for r in rows})
    for row in rows:
        try:
            predecessor, successor = units.get(row["predecessor_id"]), units.get(row["successor_id"])
            if predecessor is None or successor is None:
                raise DomainError(_("one of its units was deleted meanwhile."))
            if row["statistical_code"] and not successor.statistical_code:
                successor = units[successor.pk] = update_unit(
                    successor, actor=user, data={"statistical_code": row["statistical_code"]}
                )
            record_succession(
                actor=user, predecessor=predecessor, successor=successor, relation=row["relation"], note=row["note"]
            )
        except DomainError as error:
            raise _row_refused(row, error.message) from error
        except ValidationError as error:
            raise _row_refused(row, " ".join(error.messages)) from error
        except IntegrityError as error:
            raise _row_refused(row, _("someone changed these units meanwhile.")) from error


def _row_refused(row, problem):
    return DomainError(
        _("Row %(row)d: %(problem)s Nothing was imported; upload the file again to check it anew.")
        % {"row": row["row"], "problem": problem}
    )


def cancel(batch_id, *, user):
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user, kind=KIND)
        if batch.status == ImportBatch.Status.PENDING:
            batch.status = ImportBatch.Status.CANCELLED
            batch.finished_at = timezone.now()
            batch.save(update_fields=["status", "finished_at"])
    return batch


background.register(KIND, check=check_rows, confirm=confirm, screen=limits.read_table_upload)
