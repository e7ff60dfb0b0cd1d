from django.core.management.base import BaseCommand, CommandError

from thiduakt.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive of `backup` into the configured database and media folder, both empty."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']}: {len(manifest['media'])} media files.")
