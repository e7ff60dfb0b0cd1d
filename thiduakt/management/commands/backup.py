from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thiduakt.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the media files into one dated archive (see thiduakt/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.DATA_DIR / "backups"), help="folder of the archives")

    def handle(self, *args, output, **options):
        try:
            archive = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
