"""Public posting: the window counted in working days, and feedback from the public."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import NominationStatus
from awards.nominations.models import Nomination
from awards.posting.models import Feedback, Holiday, PublicNotice
from thiduakt.errors import DomainError
from thiduakt.services import audit


def add_working_days(start, days, holidays=None):
    """The last day of a window of `days` working days starting on `start` (included).

    Saturdays, Sundays and the configured holidays do not count; a window that starts on a
    day off starts on the next working day.
    """
    if holidays is None:
        holidays = set(Holiday.objects.filter(date__gte=start).values_list("date", flat=True))
    day, counted = start, 0
    while True:
        if day.weekday() < 5 and day not in holidays:
            counted += 1
            if counted == days:
                return day
        day += datetime.timedelta(days=1)


def publish(*, actor, unit, title, nominations, start_date, working_days=None, today=None):
    """Post `nominations` for public comment from `start_date`, which is the day of publication
    or later: a back-dated start would count days the public never saw the list."""
    today = today or timezone.localdate()
    if start_date < today:
        raise DomainError(
            _(
                "A list is posted from the day it is published (%(today)s) or later, not from %(date)s: "
                "a back-dated window would end before the public could read it."
            )
            % {"today": f"{today:%d/%m/%Y}", "date": f"{start_date:%d/%m/%Y}"},
            field="start_date",
        )
    nominations = list(nominations)
    if not nominations:
        raise DomainError(_("Choose the nominations to post."))
    not_ready = [n for n in nominations if n.status != NominationStatus.VERIFIED]
    if not_ready:
        raise DomainError(
            _("Only verified nominations are posted: %(names)s.")
            % {"names": ", ".join(str(n.nominee) for n in not_ready)}
        )
    days = working_days or max(n.award_type.posting_working_days for n in nominations)
    with transaction.atomic():
        notice = PublicNotice.objects.create(
            unit=unit, title=title.strip(), start_date=start_date, working_days=days, published_by=actor,
            end_date=add_working_days(start_date, days),
        )  # fmt: skip
        notice.nominations.set(nominations)
        audit.record(
            actor=actor, action="notice.publish", obj=notice, unit=unit,
            data={"count": len(nominations), "until": notice.end_date.isoformat()},
        )  # fmt: skip
    return notice


def posting_open(nominations, today=None):
    """Ids of the nominations that cannot be voted on yet: their award needs a posting whose
    feedback window has not ended (or that has not happened)."""
    today = today or timezone.localdate()
    needing = [n for n in nominations if n.award_type.public_posting]
    ended = set(
        Nomination.objects.filter(pk__in=[n.pk for n in needing], notices__end_date__lt=today).values_list(
            "pk", flat=True
        )
    )
    return {n.pk for n in needing if n.pk not in ended}


def feedback_still_open(nominations, today=None):
    """{id: last day the public may comment, or None when not posted yet} of the nominations whose
    public feedback can still come in: on a notice whose window has not ended, or awaiting the
    posting their award requires."""
    today = today or timezone.localdate()
    nominations = list(nominations)
    open_until = dict(
        Nomination.objects.filter(pk__in=[n.pk for n in nominations], notices__end_date__gte=today)
        .values_list("pk")
        .annotate(until=Max("notices__end_date"))
    )
    for pk in posting_open(nominations, today=today):
        open_until.setdefault(pk, None)
    return open_until


def _sender(address):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def send_feedback(notice, *, address, name, contact, content, nomination=None, today=None):
    """Store one opinion from the public, within the sender's hourly and the notice's daily limit.

    The notice's row is locked while the limits are counted, so a burst of simultaneous
    requests cannot all pass the count before any of them is stored.
    """
    today = today or timezone.localdate()
    if not notice.start_date <= today <= notice.end_date:
        raise DomainError(_("Feedback on this list is no longer accepted."))
    if nomination is not None and not notice.nominations.filter(pk=nomination.pk).exists():
        raise DomainError(_("That nomination is not on this list."))
    sender = _sender(address)
    now = timezone.now()
    with transaction.atomic():
        PublicNotice.objects.select_for_update().get(pk=notice.pk)
        recent = Feedback.objects.filter(sender=sender, created_at__gte=now - datetime.timedelta(hours=1))
        if recent.count() >= settings.THIDUAKT_FEEDBACK_PER_HOUR:
            raise DomainError(_("You have sent several opinions in the last hour; please try again later."))
        today_on_notice = notice.feedback.filter(created_at__gte=now - datetime.timedelta(days=1))
        if today_on_notice.count() >= settings.THIDUAKT_FEEDBACK_PER_NOTICE_PER_DAY:
            raise DomainError(
                _("This list has received the most opinions it takes in a day; please send yours tomorrow.")
            )
        return Feedback.objects.create(
            notice=notice, nomination=nomination, name=name.strip(), contact=contact.strip(),
            content=content.strip(), sender=sender,
        )  # fmt: skip
