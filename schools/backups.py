"""Backups of the whole installation (the database and the uploaded files), and restoring one on a new server.

Our own, around the database's own tools, rather than django-dbbackup: we need one file that holds both the database
and MEDIA_ROOT (restored together, so documents and rows match), streamed encryption with a key from the environment
(django-dbbackup encrypts through GPG keyrings), and the embedded SQLite default of ``make run`` too.

A backup is one tar file, ``peerpartners-<UTC time>.tar`` (``.tar.enc`` when encrypted) in ``BACKUP_DIR``:

- ``manifest.json``: when, which database engine, and the SHA-256 of every file, checked on restore;
- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's backup API);
- ``media/…``: every file of MEDIA_ROOT.

With ``BACKUP_ENCRYPTION_KEY`` set (a Fernet key: ``manage.py backup --new-key`` prints one) the tar is encrypted as
it is written, in chunks (the whole backup never sits in memory): each chunk is a Fernet token (AES-128-CBC and
HMAC-SHA256) over its number, a last-chunk flag and the data, so a reordered, cut or altered file is refused.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import struct
import subprocess  # nosec B404
import tarfile
import tempfile
from contextlib import ExitStack
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)

PREFIX = "peerpartners-"
MAGIC = b"PEERPARTNERS-BACKUP-1\n"
CHUNK = 1024 * 1024
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why in plain words."""


# --- Encryption ---------------------------------------------------------------------------------------------------


def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError) as error:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not a valid key: it must be 44 letters, digits, '-' and '_' ending in '='. "
            "Make one with `manage.py backup --new-key`."
        ) from error


class _EncryptingWriter(io.RawIOBase):
    """Encrypts what is written to it, a chunk at a time: [4-byte length][token] after the MAGIC line."""

    def __init__(self, out, key: str):
        self._out, self._fernet, self._buffer, self._index = out, _fernet(key), bytearray(), 0
        out.write(MAGIC)

    def writable(self):
        return True

    def write(self, data):
        self._buffer.extend(data)
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, data: bytes, *, last: bool) -> None:
        token = self._fernet.encrypt(struct.pack(">Q?", self._index, last) + data)
        self._out.write(struct.pack(">I", len(token)) + token)
        self._index += 1

    def finish(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()


class _DecryptingReader(io.RawIOBase):
    """Reads back what :class:`_EncryptingWriter` wrote; refuses a wrong key, a cut or an altered file."""

    def __init__(self, source, key: str):
        self._source, self._fernet, self._index, self._done = source, _fernet(key), 0, False
        self._pending = b""

    def readable(self):
        return True

    def _next_chunk(self) -> bytes:
        head = self._source.read(4)
        if len(head) < 4:
            raise BackupError("The backup file is cut short (its last part is missing): use another backup.")
        length = struct.unpack(">I", head)[0]
        if length > 2 * CHUNK:  # no chunk is that long: a damaged length, not a reason to read gigabytes
            raise BackupError("The backup file is damaged (a part has an impossible length): use another backup.")
        token = self._source.read(length)
        if len(token) < length:
            raise BackupError("The backup file is cut short (its last part is missing): use another backup.")
        try:
            plain = self._fernet.decrypt(token)
        except InvalidToken as error:
            raise BackupError(
                "The backup cannot be decrypted: BACKUP_ENCRYPTION_KEY is not the key it was made with, or the file "
                "is damaged."
            ) from error
        index, last = struct.unpack(">Q?", plain[:9])
        if index != self._index:
            raise BackupError("The backup file is damaged (its parts are out of order): use another backup.")
        self._index += 1
        self._done = last
        return plain[9:]

    def readinto(self, buffer):
        while not self._pending and not self._done:
            self._pending = self._next_chunk()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def new_key() -> str:
    return Fernet.generate_key().decode()


# --- Backing up ---------------------------------------------------------------------------------------------------


def _database() -> dict:
    return connections["default"].settings_dict


def _pg_env(database: dict) -> dict:
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    for option, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(option):
            env[variable] = str(database[option])
    return env


def _run(command: list[str], database: dict, what: str) -> None:
    """Run pg_dump or pg_restore: an argument list (never a shell), the password in the environment (never argv)."""
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed on this server (Debian: apt-get install postgresql-client).")
    arguments = [tool, *command[1:]]
    result = subprocess.run(arguments, env=_pg_env(database), capture_output=True, text=True)  # noqa: S603 # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.returncode}")


def _dump_database(target: Path) -> str:
    database = _database()
    vendor = connections["default"].vendor
    if vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", database["NAME"]],
            database,
            "pg_dump",
        )
        return "database.dump"
    if vendor == "sqlite":
        # SQLite's backup API copies a consistent snapshot even while the app writes.
        connection = connections["default"]
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return "database.sqlite3"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> dict[str, Path]:
    """Every file under MEDIA_ROOT by its path relative to it (``a/b.pdf``)."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


class _Hashing(io.RawIOBase):
    """Reads a file and hashes what was read: the checksum of exactly the bytes that went into the backup."""

    def __init__(self, file):
        self._file, self.digest = file, hashlib.sha256()

    def readable(self):
        return True

    def readinto(self, buffer):
        size = self._file.readinto(buffer)
        self.digest.update(memoryview(buffer)[:size])
        return size


def _add_file(archive: tarfile.TarFile, path: Path, name: str, checksums: dict[str, str]) -> None:
    try:
        with path.open("rb") as file:
            info = archive.gettarinfo(arcname=name, fileobj=file)
            hashing = _Hashing(file)
            archive.addfile(info, hashing)
    except FileNotFoundError:
        logger.info("Backup: %s was deleted while the backup ran; it is left out", path)
        return
    checksums[name] = hashing.digest.hexdigest()


def create_backup(*, directory: Path | None = None, key: str | None = None, now=None) -> Path:
    """Write one backup file into ``directory`` (BACKUP_DIR) and return its path; encrypted when ``key`` is set."""
    directory = Path(directory or settings.BACKUP_DIR)
    if directory.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        # Each backup would hold all the earlier ones, and a restore (which replaces MEDIA_ROOT) would delete them.
        raise BackupError(f"The backup folder {directory} is inside MEDIA_ROOT: choose a BACKUP_DIR outside it.")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    final = directory / f"{PREFIX}{stamp}.tar{'.enc' if key else ''}"
    partial = final.with_name(final.name + ".partial")  # never taken for a backup, nor pruned as one, if cut short
    with tempfile.TemporaryDirectory(prefix="pp-backup-") as work:
        dump = Path(work) / "database"
        database_name = _dump_database(dump)
        checksums: dict[str, str] = {}
        try:
            # Created readable by its owner only: the backup holds every student's record.
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                stream = _EncryptingWriter(out, key) if key else out
                with tarfile.open(fileobj=stream, mode="w|") as archive:
                    _add_file(archive, dump, database_name, checksums)
                    for name, path in media_files().items():
                        _add_file(archive, path, f"media/{name}", checksums)
                    # Last, so it holds the checksum of exactly what was written (files may change meanwhile).
                    manifest = {
                        "format": FORMAT_VERSION,
                        "created_at": timezone.now().isoformat(),
                        "database": database_name,
                        "sha256": checksums,
                    }
                    data = json.dumps(manifest, indent=2).encode()
                    info = tarfile.TarInfo("manifest.json")
                    info.size = len(data)
                    archive.addfile(info, io.BytesIO(data))
                if key:
                    stream.finish()
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
    media = len(checksums) - 1
    logger.info("Backup written: %s (%s media files)", final, media)
    return final


def prune_backups(*, directory: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the ``keep`` (BACKUP_KEEP) newest backups in ``directory``; return the deleted paths."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise BackupError("BACKUP_KEEP must be at least 1: the newest backup is never deleted.")
    # The UTC time in the name sorts like the time itself.
    found = sorted(path for path in directory.glob(f"{PREFIX}*.tar*") if path.name.endswith((".tar", ".tar.enc")))
    deleted = found[:-keep]
    for path in deleted:
        path.unlink()
        logger.info("Old backup deleted (BACKUP_KEEP=%s): %s", keep, path)
    return deleted


def scheduled_backup() -> Path:
    """The nightly backup (Celery beat): a new file, then the old ones beyond BACKUP_KEEP deleted."""
    path = create_backup(key=settings.BACKUP_ENCRYPTION_KEY or None)
    prune_backups()
    return path


# --- Restoring ----------------------------------------------------------------------------------------------------


def _open_backup(path: Path, key: str | None, stack):
    source = stack.enter_context(path.open("rb"))
    encrypted = source.read(len(MAGIC)) == MAGIC
    if not encrypted:
        source.seek(0)
        return source
    if not key:
        raise BackupError("This backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with.")
    return _DecryptingReader(source, key)


def unpack_backup(path: Path, *, key: str | None, into: Path) -> dict:
    """Decrypt and unpack the backup at ``path`` into the folder ``into`` and check every file against the
    manifest's checksums; return the manifest. Touches neither the database nor MEDIA_ROOT."""
    work = Path(into)
    with ExitStack() as stack:
        stream = _open_backup(path, key, stack)
        try:
            with tarfile.open(fileobj=stream, mode="r|") as archive:
                # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
                archive.extractall(work, filter="data")
        except tarfile.TarError as error:
            raise BackupError(f"{path.name} is not a backup this program wrote ({error}).") from error
    manifest_path = work / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{path.name} is not a backup this program wrote (it has no manifest.json).")
    manifest = json.loads(manifest_path.read_text())
    for name, digest in manifest["sha256"].items():
        if not (work / name).is_file() or _sha256(work / name) != digest:
            raise BackupError(f"The backup is damaged: {name} is missing or does not match its checksum.")
    return manifest


def _restore_database(dump: Path, name: str) -> None:
    database = _database()
    vendor = connections["default"].vendor
    for connection in connections.all():
        connection.close()  # our own connections must not hold locks on the tables pg_restore drops
    if vendor == "postgresql" and name == "database.dump":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={database['NAME']}",
                str(dump),
            ],
            database,
            "pg_restore",
        )
    elif vendor == "sqlite" and name == "database.sqlite3":
        connection = connections["default"]
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise BackupError(f"This backup holds a {name} and this server runs {vendor}: restore it on the same kind.")


def _restore_media(extracted: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():  # the backup's files replace what is there, nothing else is kept
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    if extracted.exists():
        shutil.copytree(extracted, root, dirs_exist_ok=True)


def restore_backup(path: Path, *, key: str | None = None) -> dict:
    """Replace the database and MEDIA_ROOT by the backup at ``path``. Everything is unpacked and checked first, so a
    damaged file or a wrong key changes nothing. Returns the backup's manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    with tempfile.TemporaryDirectory(prefix="pp-restore-") as work:
        work = Path(work)
        manifest = unpack_backup(path, key=key, into=work)
        _restore_database(work / manifest["database"], manifest["database"])
        _restore_media(work / "media")
    logger.info("Backup restored: %s", path)
    return manifest
