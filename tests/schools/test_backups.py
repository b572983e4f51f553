"""Backups (``schools.backups``, ``manage.py backup`` / ``restore``): the restore drill on the real PostgreSQL (every
table's rows and every uploaded file come back), encryption at rest, retention and the nightly schedule."""

import hashlib
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from peerpartners.celery import app
from schools import backups
from schools.models import School
from tests.conftest import service_missing
from tests.schools.factories import SchoolFactory

KEY = "mJ7f3Q0tA2X8c5yqfJ9dZqkq6W1yB0m0S8kq9QeX2lE="
OTHER_KEY = "3n4Yx2Qm8c0pL6tV1sZr5wKj7hB9dF2gA4eC6iU8oM0="


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the database itself
            counts[table] = cursor.fetchone()[0]
        return counts


def media_hashes() -> dict[str, str]:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in backups.media_files().items()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.MEDIA_ROOT


# --- The drill: seed, back up, lose everything, restore ------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_brings_back_every_row_and_every_file(settings, media):
    if connection.vendor != "postgresql":
        service_missing("the backup drill needs PostgreSQL (set DATABASE_URL)")
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        service_missing("pg_dump and pg_restore are not installed (apt-get install postgresql-client)")
    settings.BACKUP_ENCRYPTION_KEY = KEY
    call_command("seed_demo")
    (media / "nested" / "deeper").mkdir(parents=True)
    (media / "nested" / "deeper" / "notes.bin").write_bytes(bytes(range(256)) * 64)
    rows, files = row_counts(), media_hashes()
    assert rows["schools_student"] > 0 and len(files) >= 2  # the demo's approval documents and ours

    call_command("backup")
    (backup,) = Path(settings.BACKUP_DIR).iterdir()
    assert backup.name.endswith(".tar.enc")

    # The server is lost: every table dropped, every uploaded file gone.
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    shutil.rmtree(media)
    assert row_counts() == {} and media_hashes() == {}

    call_command("restore", str(backup), yes=True)
    assert row_counts() == rows
    assert media_hashes() == files
    assert School.objects.filter(name__icontains="East").exists()  # Django reads the restored tables

    # Over a database that is not empty (a new server where `migrate` already ran, or a bad day to go back from):
    # the backup's rows replace what is there, and files that were not in the backup are gone.
    call_command("flush", interactive=False)
    (media / "added-later.txt").write_text("not in the backup")
    call_command("restore", str(backup), yes=True)
    assert row_counts() == rows
    assert media_hashes() == files


# --- Encryption ------------------------------------------------------------------------------------------------------

SECRET = "Zebulon-Quackenbush-7731"


@pytest.fixture
def secret_backup_data(media):
    """A school and an uploaded file that both hold SECRET, committed (pg_dump sees only committed rows)."""
    SchoolFactory(name=SECRET, slug="zq")
    media.mkdir(parents=True, exist_ok=True)
    (media / "note.txt").write_text(f"About {SECRET}\n" * 100)


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_holds_no_plain_text_and_checks_out_with_its_key(secret_backup_data, tmp_path):
    plain = backups.create_backup(directory=tmp_path / "plain", key=None)
    assert SECRET.encode() in plain.read_bytes()  # the string is there to find when nothing is encrypted

    encrypted = backups.create_backup(directory=tmp_path / "encrypted", key=KEY)
    assert SECRET.encode() not in encrypted.read_bytes()
    assert oct(encrypted.stat().st_mode & 0o777) == "0o600"
    manifest = backups.unpack_backup(encrypted, key=KEY, into=tmp_path / "out")
    assert (tmp_path / "out" / "media" / "note.txt").read_text().startswith(f"About {SECRET}")
    assert set(manifest["sha256"]) == {manifest["database"], "media/note.txt"}


@pytest.mark.django_db(transaction=True)
def test_a_wrong_or_missing_key_is_a_clear_error_and_changes_nothing(secret_backup_data, tmp_path, media, settings):
    encrypted = backups.create_backup(directory=tmp_path / "encrypted", key=KEY)
    before = media_hashes()
    settings.BACKUP_ENCRYPTION_KEY = OTHER_KEY
    with pytest.raises(CommandError, match="not the key it was made with"):
        call_command("restore", str(encrypted), yes=True)
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="This backup is encrypted: set BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(encrypted), yes=True)
    settings.BACKUP_ENCRYPTION_KEY = "not a key"
    with pytest.raises(CommandError, match="not a valid key"):
        call_command("restore", str(encrypted), yes=True)
    assert media_hashes() == before and School.objects.filter(name=SECRET).exists()


@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_cut_backup_is_refused(secret_backup_data, tmp_path):
    encrypted = backups.create_backup(directory=tmp_path / "encrypted", key=KEY)
    data = bytearray(encrypted.read_bytes())
    damaged = tmp_path / "damaged.tar.enc"
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(backups.BackupError, match="not the key it was made with, or the file is damaged"):
        backups.unpack_backup(damaged, key=KEY, into=tmp_path / "a")
    cut = tmp_path / "cut.tar.enc"
    cut.write_bytes(encrypted.read_bytes()[: len(data) // 3])
    with pytest.raises(backups.BackupError, match="cut short"):
        backups.unpack_backup(cut, key=KEY, into=tmp_path / "b")


def test_restore_check_reports_a_file_that_is_not_a_backup(tmp_path, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    stray = tmp_path / "photo.tar"
    stray.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 2000)
    with pytest.raises(CommandError, match="is not a backup this program wrote"):
        call_command("restore", str(stray), check=True)
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "missing.tar"), yes=True)


def test_a_backup_folder_inside_media_root_is_refused(media, settings):
    settings.BACKUP_DIR = media / "backups"
    with pytest.raises(CommandError, match="is inside MEDIA_ROOT: choose a BACKUP_DIR outside it"):
        call_command("backup")
    assert not (media / "backups").exists()


def test_new_key_prints_a_key_that_encrypts(capsys):
    call_command("backup", new_key=True)
    key = capsys.readouterr().out.strip()
    assert backups._fernet(key).decrypt(backups._fernet(key).encrypt(b"x")) == b"x"


# --- Retention and the schedule ------------------------------------------------------------------------------------


def test_retention_keeps_the_newest_backups_and_nothing_else_is_touched(tmp_path):
    names = [
        "peerpartners-20261101T070000Z.tar",
        "peerpartners-20261102T070000Z.tar.enc",
        "peerpartners-20261103T070000Z.tar.enc",
        "peerpartners-20261104T070000Z.tar.enc",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "peerpartners-20261105T070000Z.tar.enc.partial").write_bytes(b"x")  # a backup cut short
    (tmp_path / "notes.txt").write_text("mine")

    deleted = backups.prune_backups(directory=tmp_path, keep=2)
    assert sorted(path.name for path in deleted) == names[:2]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "notes.txt",
        *names[2:],
        "peerpartners-20261105T070000Z.tar.enc.partial",
    ]
    with pytest.raises(backups.BackupError, match="at least 1"):
        backups.prune_backups(directory=tmp_path, keep=0)


def test_the_nightly_backup_is_scheduled_and_registered():
    entry = django_settings.CELERY_BEAT_SCHEDULE["schools-backup"]
    assert entry["task"] == "schools.tasks.backup"
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_backs_up_and_deletes_beyond_backup_keep(media, settings):
    settings.BACKUP_KEEP = 1
    settings.BACKUP_ENCRYPTION_KEY = KEY
    old = Path(settings.BACKUP_DIR) / "peerpartners-20200101T000000Z.tar.enc"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    from schools.tasks import backup

    path = Path(backup.delay().get())
    assert [p.name for p in Path(settings.BACKUP_DIR).iterdir()] == [path.name]
    assert path.name.endswith(".tar.enc")
