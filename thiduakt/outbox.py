"""Work for the background service is recorded before it is sent: a transactional outbox.

`send` writes an OutboxMessage row (in the caller's transaction, so the work and its message
commit together) and publishes it once that transaction has committed, with no retries and a
short connect timeout: a request never waits for a broker that is down. A message the broker
did not take stays in the table, and `drain` sends it later: the worker drains when it starts,
Celery beat every THIDUAKT_OUTBOX_DRAIN_SECONDS, and every publish that succeeds drains what an
earlier one left. The tasks are idempotent, so a message sent twice (a drain meeting the request
that wrote it) does no harm.

Mail goes the same way: `send_mail` writes an OutgoingMail and a message for the task that sends
it, which retries with a growing delay while the mail server refuses.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from thiduakt.models import OutboxMessage, OutgoingMail

logger = logging.getLogger(__name__)
ERROR_LENGTH = 2000
# A message younger than this is being published by the request that wrote it: a drain leaves it.
GRACE = timedelta(seconds=10)
# After the broker refused, this process only records for a while: the next requests do not wait.
PAUSE_SECONDS = 5
BATCH = 500
_paused_until = 0.0


def send(task, *args, queue=None, countdown=None):
    """Record one message for `task` (a task name); published once the transaction commits."""
    return send_many([(task, args)], queue=queue, countdown=countdown)


def send_many(messages, *, queue=None, countdown=None):
    """Record [(task name, args), …]; they are published once the current transaction commits."""
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(task=task, args=list(args), queue=queue or "", countdown=countdown or 0)
        for task, args in messages
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: publish(ids))
    return rows


def stalled():
    """Whether the broker refused a message that is still waiting: the background service is unreachable."""
    return OutboxMessage.objects.filter(attempts__gt=0).exists()


def due():
    return OutboxMessage.objects.filter(Q(attempts__gt=0) | Q(created_at__lt=timezone.now() - GRACE))


def drain():
    """Publish every message left waiting; returns how many the broker took."""
    published = 0
    while True:
        sent, complete = _publish(list(due()[:BATCH]))
        published += sent
        if not complete or sent < BATCH:
            return published


def publish(ids):
    """Publish the messages `ids` (unless the broker refused a moment ago); then, when it took them,
    whatever earlier publishes left waiting."""
    if time.monotonic() < _paused_until:
        _refused(OutboxMessage.objects.filter(pk__in=ids), "the broker refused a moment ago")
        return 0
    sent, complete = _publish(list(OutboxMessage.objects.filter(pk__in=ids)))
    if complete and sent and stalled():
        sent += drain()
    return sent


def _publish(rows):
    """Send rows to the broker in one connection; returns (how many it took, whether it took all)."""
    global _paused_until
    if not rows:
        return 0, True
    from thiduakt.celery import app

    sent = []
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0)
            producer = app.amqp.Producer(connection, auto_declare=True)
            for row in rows:
                options = {"queue": row.queue} if row.queue else {}
                if row.countdown:
                    options["countdown"] = row.countdown
                app.send_task(row.task, args=row.args, producer=producer, retry=False, ignore_result=True, **options)
                sent.append(row.pk)
    except Exception as error:  # the broker is down or refuses: the rows stay for the next drain
        _paused_until = time.monotonic() + PAUSE_SECONDS
        logger.warning("the broker did not take %d message(s): %s", len(rows) - len(sent), error)
        _refused(OutboxMessage.objects.filter(pk__in=[row.pk for row in rows[len(sent) :]]), error)
    else:
        _paused_until = 0.0
    if sent:
        OutboxMessage.objects.filter(pk__in=sent).delete()
    return len(sent), len(sent) == len(rows)


def _refused(rows, error):
    text = f"{type(error).__name__}: {error}" if isinstance(error, Exception) else error
    rows.update(attempts=F("attempts") + 1, last_error=text[:ERROR_LENGTH])


# --- mail -----------------------------------------------------------------------------------


def send_mail(subject, body, to, *, from_email=None):
    """Record an email and the message that has the worker send it; returns the OutgoingMail."""
    mail = OutgoingMail.objects.create(
        subject=subject[:500], body=body, to=list(to), from_email=from_email or settings.DEFAULT_FROM_EMAIL
    )
    send("thiduakt.send_mail", mail.pk, queue=getattr(settings, "THIDUAKT_MAIL_QUEUE", None))
    return mail


def deliver(mail_id):
    """Send one recorded email (the task calls it, and retries when this raises)."""
    mail = OutgoingMail.objects.filter(pk=mail_id, sent_at__isnull=True).first()
    if mail is None:
        return "skipped"
    try:
        EmailMessage(mail.subject, mail.body, mail.from_email, mail.to).send(fail_silently=False)
    except Exception as error:
        OutgoingMail.objects.filter(pk=mail_id).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        )
        raise
    OutgoingMail.objects.filter(pk=mail_id).update(sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    return "sent"
