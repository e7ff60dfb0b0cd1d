import uuid

from celery.exceptions import TimeoutError as CeleryTimeout
from django.core.management.base import BaseCommand, CommandError

from thiduakt.tasks import ping


class Command(BaseCommand):
    help = "Send a ping through the configured broker and wait for a worker to answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=15)

    def handle(self, *args, timeout, **options):
        token = uuid.uuid4().hex
        try:
            answer = ping.delay(token).get(timeout=timeout)
        except CeleryTimeout as error:
            raise CommandError(f"No worker answered within {timeout:g} s.") from error
        if answer["token"] != token:
            raise CommandError("A worker answered with the wrong token.")
        self.stdout.write(f"Worker pid {answer['pid']} on {answer['host']} answered.")
