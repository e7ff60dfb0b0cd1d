"""Finding what a list row names — a person, a collective, an award — in a fixed number of queries.

Rows are read first; then everything they may match is loaded at once (people by citizen
ID, people by date of birth, units by code), so a list of thousands of rows costs the same
few queries as a short one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import NomineeType
from thiduakt.enums import Gender
from thiduakt.importing import excel
from thiduakt.models import Person, Unit
from thiduakt.text import fold
from thiduakt.validators import validate_citizen_id

_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}


def dmy(day):
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class Identity:
    """Who a row names, as written in the file."""

    name: str
    birth_date: datetime.date | None
    citizen_id: str
    unit_code: str
    gender: str | None
    unreadable_birth_date: bool = False  # already reported; the person cannot be looked up by it

    @property
    def names_a_person(self):
        """A collective has no date of birth, citizen ID or gender."""
        return bool(self.birth_date or self.citizen_id or self.gender or self.unreadable_birth_date)

    @property
    def who(self):
        if self.birth_date:
            return _("%(name)s born %(date)s") % {"name": self.name, "date": dmy(self.birth_date)}
        return _("%(name)s with citizen ID %(id)s") % {"name": self.name, "id": self.citizen_id}


def read_identity(raw, problems):
    name = excel.text(raw.get("name"))
    if not name:
        problems.append(_("the name is empty"))
    before = len(problems)
    birth_date = _birth_date(raw.get("birth_date"), problems)
    return Identity(
        name=name, birth_date=birth_date, citizen_id=_citizen_id(raw.get("citizen_id")),
        unit_code=excel.text(raw.get("unit_code")).upper(), gender=_gender(raw.get("gender"), problems),
        unreadable_birth_date=len(problems) > before,
    )  # fmt: skip


def _birth_date(value, problems):
    try:
        birth = excel.date(value)
    except ValueError as error:
        problems.append(str(error))
        return None
    if birth and not (1900 <= birth.year and birth <= timezone.localdate()):
        problems.append(_("the date of birth %(date)s is impossible") % {"date": dmy(birth)})
        return None
    return birth


def _citizen_id(value):
    citizen_id = excel.text(value)
    if citizen_id.isdigit() and len(citizen_id) < 12 and not isinstance(value, str):
        citizen_id = citizen_id.zfill(12)  # Excel stored the ID as a number and dropped its zeros
    return citizen_id


def _gender(value, problems):
    written = excel.text(value)
    if not written:
        return None
    gender = _GENDERS.get(fold(written))
    if gender is None:
        problems.append(_("the gender must be Nam or Nữ"))
    return gender


def check_accepts(award_type, nominee, problems):
    if not award_type.accepts(nominee):
        message = (
            _("%(award)s is not awarded to collectives")
            if nominee == NomineeType.COLLECTIVE
            else _("%(award)s is not awarded to individuals")
        )
        problems.append(message % {"award": award_type.name})


class NomineeFinder:
    """People and collectives under one unit path (`scope`), as the rows name them."""

    def __init__(self, identities, *, scope, where):
        self.scope, self.where = scope, where
        codes = {i.unit_code for i in identities if i.unit_code}
        self.units = {
            u.code: u for u in Unit.objects.filter(code__in=codes, path__startswith=scope).only("code", "name", "path")
        }
        # Citizen IDs are unique in the whole system: a match outside the scope is worth saying.
        ids = {i.citizen_id for i in identities if i.citizen_id}
        people = Person.objects.select_related("unit").only(
            "full_name", "birth_date", "citizen_id", "unit", "unit__path", "unit__name", "unit__code"
        )
        self.by_citizen_id = {p.citizen_id: p for p in people.filter(citizen_id__in=ids)}
        self.by_name = defaultdict(list)  # (folded name, birth date) -> [person]
        dates = {i.birth_date for i in identities if i.birth_date}
        for person in people.filter(birth_date__in=dates, unit__path__startswith=scope):
            self.by_name[(fold(person.full_name), person.birth_date)].append(person)

    def unit(self, identity, problems):
        if not identity.unit_code:
            problems.append(_("the unit code is empty"))
            return None
        unit = self.units.get(identity.unit_code)
        if unit is None:
            problems.append(
                _("unit code “%(code)s” does not exist or is not under %(where)s")
                % {"code": identity.unit_code, "where": self.where}
            )
        return unit

    def collective(self, identity, problems):
        unit = self.unit(identity, problems)
        if unit and identity.name and not _same_name(identity.name, unit.name):
            problems.append(
                _(
                    "“%(name)s” is not the name of unit %(code)s (%(unit)s); "
                    "for a person, give the date of birth or the citizen ID number"
                )
                % {"name": identity.name, "code": unit.code, "unit": unit.name}
            )
            return None
        return unit

    def person(self, identity, problems, *, allow_new=False):
        """(person on record, None), or (None, unit of the new person to create) when allowed."""
        if not identity.name or identity.unreadable_birth_date:
            return None, None
        if not (identity.citizen_id or identity.birth_date):
            problems.append(_("give the date of birth or the citizen ID number, so the person can be found"))
            return None, None
        if identity.citizen_id in self.by_citizen_id:
            return self._by_citizen_id(identity, problems), None
        namesakes = self._namesakes(identity)
        if len(namesakes) > 1:
            problems.append(
                _("%(count)d people named %(who)s under %(where)s: give the citizen ID number to tell them apart")
                % {"count": len(namesakes), "who": identity.who, "where": self.where}
            )
            return None, None
        if namesakes:
            found = namesakes[0]
            if identity.citizen_id and found.citizen_id:
                problems.append(
                    _("%(who)s is on record with another citizen ID number (%(id)s)")
                    % {"who": identity.who, "id": found.citizen_id}
                )
                return None, None
            return found, None
        if not allow_new:
            problems.append(
                _("no person %(who)s under %(where)s; import the people list first")
                % {"who": identity.who, "where": self.where}
            )
            return None, None
        return None, self._new_person_unit(identity, problems)

    def _by_citizen_id(self, identity, problems):
        found = self.by_citizen_id[identity.citizen_id]
        values = {"id": identity.citizen_id, "where": self.where, "other": found.full_name, "name": identity.name}
        if not found.unit.path.startswith(self.scope):
            problems.append(_("citizen ID %(id)s belongs to a person outside %(where)s") % values)
        elif fold(found.full_name) != fold(identity.name):
            problems.append(_("citizen ID %(id)s belongs to %(other)s, not to %(name)s") % values)
        elif identity.birth_date and found.birth_date and identity.birth_date != found.birth_date:
            problems.append(
                _("%(other)s (citizen ID %(id)s) was born on %(date)s") % {**values, "date": dmy(found.birth_date)}
            )
        else:
            return found
        return None

    def _namesakes(self, identity):
        if not identity.birth_date:
            return []
        found = self.by_name.get((fold(identity.name), identity.birth_date), [])
        unit = self.units.get(identity.unit_code)
        if len(found) > 1 and unit:  # the unit code tells namesakes apart
            found = [p for p in found if p.unit.path.startswith(unit.path)] or found
        return found

    def _new_person_unit(self, identity, problems):
        if not (identity.gender and identity.unit_code):
            problems.append(
                _("no person %(who)s under %(where)s; to add a new person, give the gender and the unit code")
                % {"who": identity.who, "where": self.where}
            )
            return None
        if len(identity.name) > 120:
            problems.append(_("the full name is longer than 120 characters"))
        try:
            validate_citizen_id(identity.citizen_id, gender=identity.gender, birth_date=identity.birth_date)
        except ValidationError as error:
            problems.extend(error.messages)
        return self.unit(identity, problems)


def _same_name(written, official):
    """'Phường Khương Trung' names 'UBND phường Khương Trung': one folded name holds the other."""
    written, official = fold(written), fold(official)
    return written in official or official in written


class AwardLookup:
    """Award types by code (any case, spaces or hyphens for underscores) or by name, accents ignored."""

    def __init__(self, award_types):
        self.by_code, self.by_name = {}, {}
        for award_type in award_types:
            self.by_code[award_type.code.upper()] = award_type
            self.by_name[fold(award_type.name)] = award_type

    def find(self, value, problems):
        written = excel.text(value)
        if not written:
            problems.append(_("the award is empty"))
            return None
        code = fold(written).upper().replace(" ", "_").replace("-", "_")
        found = self.by_code.get(code) or self.by_name.get(fold(written))
        if found is None:
            problems.append(
                _("unknown award “%(value)s”: write its code (e.g. CSTD_CS) or its full name") % {"value": written}
            )
        return found
