"""``manage.py backup [--dir PATH] [--keep N] [--new-key]``: back up the database and MEDIA_ROOT now.

Writes one file into BACKUP_DIR (encrypted with BACKUP_ENCRYPTION_KEY when it is set), deletes the backups beyond
BACKUP_KEEP, and prints the new file's path. ``--new-key`` only prints a new encryption key. See schools.backups.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from schools import backups


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) into one file."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Where to write the backup (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="How many backups to keep there (default: BACKUP_KEEP).")
        parser.add_argument("--new-key", action="store_true", help="Print a new BACKUP_ENCRYPTION_KEY and stop.")

    def handle(self, *args, dir=None, keep=None, new_key=False, **options):
        if new_key:
            self.stdout.write(backups.new_key())
            return
        try:
            path = backups.create_backup(directory=dir, key=settings.BACKUP_ENCRYPTION_KEY or None)
            deleted = backups.prune_backups(directory=dir, keep=keep)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if not settings.BACKUP_ENCRYPTION_KEY:
            self.stderr.write("BACKUP_ENCRYPTION_KEY is not set: this backup is not encrypted.")
        for old in deleted:
            self.stdout.write(f"Deleted the old backup {old}")
        self.stdout.write(str(path))
