import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import awards, campaigns, core
from thiduakt.models import Unit

# One builder per app, each with `load(stdout)`. Dependencies point one way, so in this order
# every builder finds the data of the apps it builds on (exemplars has no demo data yet).
BUILDERS = (core, campaigns, awards)


class Command(BaseCommand):
    help = "Load the demo data (units, people, accounts, then each app's own). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has units (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Unit.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có đơn vị: không nạp dữ liệu mẫu.")
            return
        started = time.monotonic()
        # All or nothing: a half-loaded demo would make the next run's summary lie.
        with transaction.atomic():
            for builder in BUILDERS:
                builder.load(self.stdout)
        self.stdout.write(f"Xong dữ liệu mẫu sau {time.monotonic() - started:.1f} giây.")
