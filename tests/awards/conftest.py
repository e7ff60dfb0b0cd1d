"""Shared ground for the eligibility and quota tests.

    Thành phố Hà Nội (city)
    └── Quận Thanh Xuân (district) — proposes the submissions
        ├── Phường Khương Trung (ward)
        └── Phường Nhân Chính (ward2)

The city's secretariat acts for every submission (its scope covers every unit above).
`desk` writes history straight to the tables (ratings, awards, initiatives, disciplines)
and nominates through the submissions service, so the rows look like the real ones.
The award catalogue and its rules come from the seed migration.
"""

import datetime
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps

from awards.catalogue.models import AwardType, EligibilityRule
from awards.eligibility import evaluate
from awards.enums import Method, NominationStatus
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.nominations.services import add_nomination, create_submission, set_nomination_state
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Role

YEAR = 2023


def numbers(text):
    """The numbers a message states: what survives translation besides the marks."""
    return {int(n) for n in re.findall(r"\d+", text)}


@pytest.fixture
def org(db):
    units = city_tree("TX", "TX-KT", "TX-NC")
    city, district, ward, ward2 = (units[code] for code in ("HN", "TX", "TX-KT", "TX-NC"))
    secretariat = UserFactory(username="sec_hn", full_name="Nguyễn Thị Thư Ký", role=Role.SECRETARIAT, unit=city)
    return SimpleNamespace(city=city, district=district, ward=ward, ward2=ward2, secretariat=secretariat)


class Desk:
    """Builds histories and nominations, and reads back one rule's result."""

    def __init__(self, org):
        self.org = org
        self._submissions = {}

    # --- nominees ---------------------------------------------------------------------

    def person(self, unit=None, **fields):
        return PersonFactory(unit=unit or self.org.ward, **fields)

    def collective(self, members=0, parent=None):
        """A unit under the district with `members` active people; returns (unit, [people])."""
        unit = UnitFactory(parent=parent or self.org.district, level=self.org.ward.level)
        return unit, [PersonFactory(unit=unit) for _ in range(members)]

    # --- history ----------------------------------------------------------------------

    @staticmethod
    def _who(nominee):
        return {"unit": nominee} if nominee._meta.model_name == "unit" else {"person": nominee}

    def rate(self, nominee, ratings):
        """`ratings`: {year: "HTXSNV" | "HTTNV" | "HTNV" | "KHT"}."""
        for year, rating in ratings.items():
            YearlyRating.objects.create(year=year, rating=rating, **self._who(nominee))

    def award(self, nominee, code, *years, revoked=False):
        award_type = AwardType.objects.get(code=code)
        for year in years:
            Award.objects.create(award_type=award_type, year=year, revoked=revoked, **self._who(nominee))

    def initiative(self, person, level, year, title=None, month=6):
        item = Initiative.objects.create(
            title=title or f"Sáng kiến {level} {year}", level=level, recognised_on=datetime.date(year, month, 15)
        )
        item.authors.add(*(person if isinstance(person, list | tuple) else [person]))
        return item

    def discipline(self, person, year, level):
        return Discipline.objects.create(person=person, year=year, level=level)

    # --- nominations ------------------------------------------------------------------

    def submission(self, year=YEAR, method=Method.REGULAR, unit=None, campaign=None, fresh=False):
        """One submission per (year, method, unit) unless `fresh`."""
        unit = unit or self.org.district
        key = (year, method, unit.pk, campaign and campaign.pk)
        if fresh or key not in self._submissions:
            self._submissions[key] = create_submission(
                actor=self.org.secretariat,
                data={"proposing_unit": unit, "year": year, "method": method, "campaign": campaign},
            )
        return self._submissions[key]

    def nominate(self, nominee, code, year=YEAR, method=Method.REGULAR, submission=None):
        submission = submission or self.submission(year=year, method=method)
        data = {**self._who(nominee), "award_type": AwardType.objects.get(code=code), "achievement": "Thành tích"}
        return add_nomination(submission, actor=self.org.secretariat, data=data, evaluate=False)

    def reject(self, nomination):
        """Through the workflow: submitted, then rejected at verification."""
        actor = self.org.secretariat
        set_nomination_state(nomination, NominationStatus.SUBMITTED, actor=actor)
        return set_nomination_state(nomination, NominationStatus.REJECTED, actor=actor, reason="Không đủ điều kiện")

    # --- results ----------------------------------------------------------------------

    def evaluate(self, nomination):
        return evaluate([nomination])[nomination.pk]

    def kinds(self, evaluation):
        rules = EligibilityRule.objects.in_bulk([r.rule_id for r in evaluation.results])
        return [rules[r.rule_id].kind for r in evaluation.results]

    def result(self, evaluation, kind):
        """The one result of a rule of this kind (the rules that applied, that is)."""
        found = [r for r, k in zip(evaluation.results, self.kinds(evaluation), strict=True) if k == kind]
        assert len(found) == 1, (kind, evaluation.results)
        return found[0]

    def check(self, nominee, code, kind, **nominate):
        """Nominate and return (result of the rule `kind`, evaluation)."""
        evaluation = self.evaluate(self.nominate(nominee, code, **nominate))
        return self.result(evaluation, kind), evaluation

    @staticmethod
    def rule(code, kind, applies_to=None):
        """A seeded rule (those added by `add_rule` sit at position 50)."""
        rules = EligibilityRule.objects.filter(award_type__code=code, kind=kind, position__lt=50)
        if applies_to:
            rules = rules.filter(params__applies_to=applies_to)
        return rules.get()

    @staticmethod
    def add_rule(code, kind, params, label="", position=50):
        return EligibilityRule.objects.create(
            award_type=AwardType.objects.get(code=code), kind=kind, params=params, label=label, position=position
        )


@pytest.fixture
def desk(org):
    return Desk(org)


@pytest.fixture
def catalogue(transactional_db):
    """The seeded award catalogue, even after a transactional test (a browser journey) flushed it."""
    importlib.import_module("awards.migrations.0002_seed_catalogue").seed(django_apps, None)
