"""Quotas such as "Chiến sĩ thi đua cơ sở at most 15% of Lao động tiên tiến in a unit"."""

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from awards.enums import NominationStatus
from awards.history.models import Award
from awards.nominations.models import Nomination


@dataclass
class QuotaCheck:
    scope: str  # "submission" or "year"
    award: str
    base: str
    count: int
    base_count: int
    allowed: int

    @property
    def exceeded(self):
        return self.count > self.allowed

    @property
    def message(self):
        values = {
            "award": self.award, "count": self.count, "base": self.base, "base_count": self.base_count,
            "allowed": self.allowed,
        }  # fmt: skip
        if self.scope == "submission":
            text = _("In this submission: %(count)d × %(award)s for %(base_count)d × %(base)s (at most %(allowed)d).")
        else:
            text = _(
                "In the unit this year: %(count)d × %(award)s for %(base_count)d × %(base)s (at most %(allowed)d)."
            )
        return text % values


def _live(queryset):
    return queryset.exclude(status=NominationStatus.REJECTED)


def quota_checks(submission):
    """Each quota-bound award type in the submission, checked in the submission and in the unit's year."""
    nominations = list(_live(submission.nominations.select_related("award_type__quota_of")))
    bound = {n.award_type for n in nominations if n.award_type.quota_share is not None and n.award_type.quota_of_id}
    checks = []
    in_submission = Counter(n.award_type_id for n in nominations)
    unit_path = submission.proposing_unit.path
    for award_type in sorted(bound, key=lambda a: a.position):
        base = award_type.quota_of
        share = award_type.quota_share
        if in_submission[base.pk]:  # base titles granted earlier count in the unit's year only
            checks.append(
                _check("submission", award_type, base, in_submission[award_type.pk], in_submission[base.pk], share)
            )
        year_counts = _unit_year_counts(unit_path, submission.year, [award_type.pk, base.pk])
        checks.append(_check("year", award_type, base, year_counts[award_type.pk], year_counts[base.pk], share))
    return checks


def _check(scope, award_type, base, count, base_count, share):
    allowed = math.floor(base_count * share)  # Decimal: 15% of 20 is exactly 3
    return QuotaCheck(scope, award_type.name, base.name, count, base_count, allowed)


def _unit_year_counts(unit_path, year, type_ids):
    """Nominations in play and awards already granted, for people and collectives of the unit."""
    within = Q(person__unit__path__startswith=unit_path) | Q(unit__path__startswith=unit_path)
    counts = Counter()
    for type_id, person_id, unit_id in _live(
        Nomination.objects.filter(within, year=year, award_type_id__in=type_ids)
    ).values_list("award_type_id", "person_id", "unit_id"):
        counts[(type_id, person_id, unit_id)] += 1
    for type_id, person_id, unit_id in Award.objects.filter(
        within, year=year, award_type_id__in=type_ids, revoked=False
    ).values_list("award_type_id", "person_id", "unit_id"):
        counts[(type_id, person_id, unit_id)] += 1
    # One nominee counts once per award, whether nominated, granted, or both.
    return Counter(type_id for type_id, _p, _u in counts)
