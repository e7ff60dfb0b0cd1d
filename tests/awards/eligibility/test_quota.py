"""Quotas: Chiến sĩ thi đua cơ sở at most 15% of Lao động tiên tiến (seeded, editable data).

Checked in the submission, and in the proposing unit's year: every live nomination and
every award of that year under the unit, each nominee counted once.
"""

from decimal import Decimal

import pytest

from awards.catalogue.models import AwardType
from awards.nominations.models import Nomination
from awards.nominations.quota import quota_checks
from tests.awards.conftest import YEAR, numbers

pytestmark = pytest.mark.django_db


def nominate_many(desk, submission, code, count, unit=None):
    people = [desk.person(unit=unit) for _ in range(count)]
    return [desk.nominate(p, code, submission=submission) for p in people]


def scoped(checks):
    assert [c.scope for c in checks] == ["submission", "year"]
    return checks[0], checks[1]


@pytest.fixture
def main(desk):
    return desk.submission()


def test_three_cstd_cs_for_twenty_ldtt_is_within(desk, main):
    nominate_many(desk, main, "LDTT", 20)
    nominate_many(desk, main, "CSTD_CS", 3)
    in_submission, in_year = scoped(quota_checks(main))
    for check in (in_submission, in_year):
        assert (check.count, check.base_count, check.allowed) == (3, 20, 3)
        assert not check.exceeded
        assert numbers(check.message) == {3, 20}
        assert "Chiến sĩ thi đua cơ sở" in check.message and "Lao động tiên tiến" in check.message
    assert in_submission.message != in_year.message


def test_four_cstd_cs_for_twenty_ldtt_exceeds(desk, main):
    nominate_many(desk, main, "LDTT", 20)
    nominate_many(desk, main, "CSTD_CS", 4)
    in_submission, in_year = scoped(quota_checks(main))
    assert (in_submission.count, in_submission.allowed, in_submission.exceeded) == (4, 3, True)
    assert in_year.exceeded
    assert numbers(in_submission.message) == {4, 20, 3}


def test_the_allowance_is_rounded_down(desk, main):
    nominate_many(desk, main, "LDTT", 19)  # 15% of 19 = 2.85
    nominate_many(desk, main, "CSTD_CS", 3)
    in_submission, _in_year = scoped(quota_checks(main))
    assert (in_submission.allowed, in_submission.exceeded) == (2, True)


def test_the_share_is_data(desk, main):
    AwardType.objects.filter(code="CSTD_CS").update(quota_share=Decimal("0.1"))
    nominate_many(desk, main, "LDTT", 20)
    nominate_many(desk, main, "CSTD_CS", 3)
    in_submission, _in_year = scoped(quota_checks(main))
    assert (in_submission.allowed, in_submission.exceeded) == (2, True)


def test_rejected_nominations_do_not_count(desk, main):
    nominate_many(desk, main, "LDTT", 20)
    extra = nominate_many(desk, main, "CSTD_CS", 4)
    desk.reject(extra[0])
    in_submission, in_year = scoped(quota_checks(main))
    assert (in_submission.count, in_submission.exceeded) == (3, False)
    assert (in_year.count, in_year.exceeded) == (3, False)


def test_rejected_base_nominations_do_not_count_either(desk, main):
    ldtt = nominate_many(desk, main, "LDTT", 20)
    nominate_many(desk, main, "CSTD_CS", 3)
    desk.reject(ldtt[0])
    in_submission, in_year = scoped(quota_checks(main))
    assert (in_submission.base_count, in_submission.allowed, in_submission.exceeded) == (19, 2, True)
    assert (in_year.base_count, in_year.exceeded) == (19, True)


def test_a_submission_without_quota_bound_awards_has_no_checks(desk, main):
    nominate_many(desk, main, "LDTT", 3)
    nominate_many(desk, main, "TTLDTT", 0)
    assert quota_checks(main) == []


def test_unit_year_counts_other_submissions_and_awards_each_nominee_once(desk, org, main):
    ldtt = nominate_many(desk, main, "LDTT", 20)
    cstd = nominate_many(desk, main, "CSTD_CS", 3)
    # Another submission of the same year from a unit below: 1 CSTĐ, 5 LĐTT, and a rejected CSTĐ.
    ward_submission = desk.submission(unit=org.ward, fresh=True)
    nominate_many(desk, ward_submission, "LDTT", 5)
    nominate_many(desk, ward_submission, "CSTD_CS", 1)
    desk.reject(nominate_many(desk, ward_submission, "CSTD_CS", 1)[0])
    # Awards already granted this year: 5 more LĐTT; a CSTĐ for someone also nominated (counted once).
    for _ in range(5):
        desk.award(desk.person(), "LDTT", YEAR)
    desk.award(cstd[0].person, "CSTD_CS", YEAR)
    desk.award(ldtt[0].person, "LDTT", YEAR)
    # Not counted: revoked, another year, another district.
    desk.award(desk.person(), "CSTD_CS", YEAR, revoked=True)
    desk.award(desk.person(), "CSTD_CS", YEAR - 1)
    elsewhere = desk.collective(0, parent=org.city)[0]
    desk.award(desk.person(unit=elsewhere), "CSTD_CS", YEAR)
    desk.nominate(desk.person(unit=elsewhere), "CSTD_CS", submission=desk.submission(unit=elsewhere, fresh=True))

    in_submission, in_year = scoped(quota_checks(main))
    assert (in_submission.count, in_submission.base_count, in_submission.allowed) == (3, 20, 3)
    assert (in_year.count, in_year.base_count, in_year.allowed) == (4, 30, 4)  # 15% of 30 = 4.5
    assert not in_year.exceeded
    assert numbers(in_year.message) == {4, 30}

    desk.award(desk.person(unit=org.ward2), "CSTD_CS", YEAR)
    _in_submission, in_year = scoped(quota_checks(main))
    assert (in_year.count, in_year.exceeded) == (5, True)
    assert numbers(in_year.message) == {5, 30, 4}


def test_unit_year_scope_is_the_proposing_units_subtree(desk, org):
    """The ward's own submission sees the ward's year, not the district's."""
    ward_submission = desk.submission(unit=org.ward, fresh=True)
    nominate_many(desk, ward_submission, "LDTT", 7)
    nominate_many(desk, ward_submission, "CSTD_CS", 1)
    district_people = nominate_many(desk, desk.submission(), "CSTD_CS", 2, unit=org.ward2)
    assert all(n.person.unit == org.ward2 for n in district_people)
    _in_submission, in_year = scoped(quota_checks(ward_submission))
    assert (in_year.count, in_year.base_count, in_year.allowed) == (1, 7, 1)
    assert Nomination.objects.filter(award_type__code="CSTD_CS").count() == 3
