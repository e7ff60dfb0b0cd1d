"""Signed decisions made in one go, for the demo, the certificate tests and the benchmark.

The real way to a signed decision is the council (awards.council.services and decisions);
these build the same rows directly — a submitted list, verified nominations, a signed
decision with its lines and numbered awards — so that thousands can be made in seconds.
The registry counter is advanced as signing would, so later real signings continue the series.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from awards.decisions.models import Decision, DecisionLine, RegistryCounter
from awards.enums import DecisionStatus, NominationStatus, SubmissionStatus
from awards.history.models import Award
from awards.nominations.models import Nomination, Submission


def signed_decision(*, issuer, award_type, nominees, number, date, signer_title, signer_name, year, achievement,
                    proposing_unit=None):  # fmt: skip
    """A signed decision granting `award_type` to `nominees` (people or units); returns it.

    `achievement` is a string or a function of the nominee (for varied texts)."""
    with transaction.atomic():
        submission = Submission.objects.create(
            proposing_unit=proposing_unit or issuer, year=year, number=f"{number.split('/')[0]}/TTr",
            date=date - datetime.timedelta(days=20), status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now(),
        )  # fmt: skip
        texts = [achievement(n) if callable(achievement) else achievement for n in nominees]
        nominations = Nomination.objects.bulk_create(
            Nomination(
                submission=submission,
                person=n if _is_person(n) else None,
                unit=None if _is_person(n) else n,
                award_type=award_type,
                year=year,
                achievement=text,
                status=NominationStatus.VERIFIED,
                position=i,
            )
            for i, (n, text) in enumerate(zip(nominees, texts, strict=True), start=1)
        )
        decision = Decision.objects.create(
            issuer=issuer, number=number, date=date, signer_title=signer_title, signer_name=signer_name,
            status=DecisionStatus.SIGNED, signed_at=timezone.now(),
            legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        )  # fmt: skip
        RegistryCounter.objects.get_or_create(issuer=issuer, year=date.year)
        counter = RegistryCounter.objects.select_for_update().get(issuer=issuer, year=date.year)
        first = counter.last + 1
        RegistryCounter.objects.filter(pk=counter.pk).update(last=F("last") + len(nominations))
        issuer_text = f"{signer_title} {signer_name}"
        awards = Award.objects.bulk_create(
            Award(
                award_type=award_type,
                person=n.person,
                unit=n.unit,
                year=year,
                decision_number=number,
                decision_date=date,
                issuer=issuer_text,
                nomination=n,
                registry_number=first + i,
            )
            for i, n in enumerate(nominations)
        )
        DecisionLine.objects.bulk_create(
            DecisionLine(decision=decision, nomination=n, achievement=n.achievement, position=i, award=a)
            for i, (n, a) in enumerate(zip(nominations, awards, strict=True), start=1)
        )
    return decision


def _is_person(nominee):
    return hasattr(nominee, "full_name")
