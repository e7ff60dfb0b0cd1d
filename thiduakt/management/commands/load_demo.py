import importlib
import importlib.util
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from thiduakt.models import Unit

# Each app may add demo data in `<app>.demo.load(stdout)`. Dependencies point one way,
# so in this order every app finds the data of the apps it builds on.
DEMO_APPS = ("thiduakt", "campaigns", "awards", "exemplars")


def demo_modules():
    for app in DEMO_APPS:
        name = f"{app}.demo"
        if importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)


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
            for module in demo_modules():
                module.load(self.stdout)
        self.stdout.write(f"Xong dữ liệu mẫu sau {time.monotonic() - started:.1f} giây.")
