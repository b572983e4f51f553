"""``manage.py restore FILE [--yes | --check]``: replace the database and MEDIA_ROOT by a backup.

Stop the web and worker first (nothing may write meanwhile). The file is unpacked and checked (the key, every
checksum) before anything is touched, so a wrong key or a damaged file changes nothing. See docs/deploy.md.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from schools import backups


class Command(BaseCommand):
    help = "Restore the database and the uploaded files (MEDIA_ROOT) from a backup file, replacing what is there."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (peerpartners-….tar or .tar.enc).")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--check", action="store_true", help="Only decrypt and check the backup (every checksum); change nothing."
        )

    def handle(self, *args, file, yes=False, check=False, **options):
        key = settings.BACKUP_ENCRYPTION_KEY or None
        if check:
            try:
                with tempfile.TemporaryDirectory(prefix="pp-check-") as work:
                    manifest = backups.unpack_backup(file, key=key, into=Path(work))
            except backups.BackupError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{file.name} is complete (made {manifest['created_at']}): {_contents(manifest)}.")
            return
        if not yes and options.get("interactive", True):
            answer = input(f"This replaces the database and every uploaded file by {file.name}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = backups.restore_backup(file, key=key)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {file.name} (made {manifest['created_at']}): {_contents(manifest)}.")


def _contents(manifest: dict) -> str:
    media = sum(1 for name in manifest["sha256"] if name.startswith("media/"))
    return f"the database and {media} uploaded files"
