from django.core.management import call_command
from django.core.management.base import BaseCommand

# Only the project's own code: vendored assets and the virtualenv have their own catalogues.
IGNORED = [".venv", "data", "static", "tests", "locale_vendor", "node_modules"]


class Command(BaseCommand):
    help = "Refresh locale/vi/LC_MESSAGES/django.po from the project's sources."

    def handle(self, *args, **options):
        call_command(
            "makemessages", locale=["vi"], ignore_patterns=IGNORED, no_location=True,
            no_obsolete=True, verbosity=options["verbosity"],
        )  # fmt: skip
