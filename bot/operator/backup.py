"""`bpu-bot backup DIR` and `bpu-bot restore FILE`: one file holding the database and the claim documents.

A backup is a tar file (mode 0600) with `manifest.json`, the database (SQLite's online backup API, so turns
may go on meanwhile; `pg_dump` custom format for PostgreSQL) and `documents/`, the claim documents exactly
as kept (sealed). Personal data in it stays sealed under the data key, which is *not* in the backup: the
key's fingerprint is written in the manifest and beside the file, and restoring refuses any other key.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from bot.app.settings import Settings
from bot.domain.safe_text import printable
from bot.jobs.keys import read_key_file
from storage.db import Database
from storage.keyring import fingerprint, key_state
from storage.migrate import upgrade

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
DOCUMENTS = "documents"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds and which key opens it."""

    format: int
    created_at: str
    database: str  # sqlite or postgresql
    key_fingerprint: str
    documents: int

    @classmethod
    def read(cls, raw: bytes) -> Manifest:
        """Parse a manifest; refuse a file that is not a bpu-bot backup."""
        try:
            values = json.loads(raw)
            manifest = cls(**{name: values[name] for name in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError) as err:
            raise BackupError("not a bpu-bot backup (no readable manifest)") from err
        if manifest.format != FORMAT:
            raise BackupError(f"backup format {manifest.format} is not known to this version")
        return manifest


def _postgres_arguments(url: URL) -> tuple[list[str], dict[str, str]]:
    """Return libpq connection options and environment for pg_dump / pg_restore (no password in argv)."""
    options = ["--dbname", url.database or ""]
    if url.host:
        options += ["--host", url.host]
    if url.port:
        options += ["--port", str(url.port)]
    if url.username:
        options += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return options, env


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database).expanduser()


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


async def backup(settings: Settings, folder: Path) -> tuple[Path, Manifest]:
    """Write a backup of the database and the documents into `folder`; return its path and manifest."""
    db = Database(settings.database_url)
    try:
        state = await db.run(key_state)
    finally:
        await db.dispose()
    if state.current is None:
        raise BackupError("the database has no data key recorded yet: nothing to back up")
    if state.next is not None:
        raise BackupError("a key rotation is unfinished: finish it (bpu-bot keys rotate) before a backup")
    return await asyncio.to_thread(_write_backup, settings, folder, state.current)


def _write_backup(settings: Settings, folder: Path, key_fingerprint: str) -> tuple[Path, Manifest]:
    """Snapshot the database, then pack it with the documents into a new file in `folder`."""
    url = make_url(settings.database_url)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"bpu-bot-{stamp}.tar"
    documents = Path(settings.documents_dir)
    files = sorted(p for p in documents.rglob("*") if p.is_file() and not p.name.endswith(".part"))
    with tempfile.TemporaryDirectory(prefix="bpu-backup-") as scratch:
        if url.get_backend_name() == "sqlite":
            member, dump = SQLITE_MEMBER, Path(scratch) / SQLITE_MEMBER
            source = sqlite3.connect(_sqlite_path(url))
            copy = sqlite3.connect(dump)
            try:
                source.backup(copy)  # a consistent snapshot, while other connections keep writing
            finally:
                copy.close()
                source.close()
        else:
            member, dump = POSTGRES_MEMBER, Path(scratch) / POSTGRES_MEMBER
            options, env = _postgres_arguments(url)
            done = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                    *options,
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {printable(done.stderr.strip())}")
        manifest = Manifest(
            FORMAT,
            datetime.now(UTC).isoformat(timespec="seconds"),
            "sqlite" if member == SQLITE_MEMBER else "postgresql",
            key_fingerprint,
            len(files),
        )
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest.__dict__, indent=2).encode())
            archive.add(dump, arcname=member)
            for file in files:
                archive.add(file, arcname=f"{DOCUMENTS}/{file.relative_to(documents).as_posix()}")
            handle.flush()
            os.fsync(handle.fileno())
    beside = target.with_name(target.name + ".key-fingerprint")
    beside.write_text(f"{manifest.key_fingerprint}\n")
    return target, manifest


def _sqlite_empty(url: URL) -> bool:
    """Tell whether the target SQLite database has no tables at all."""
    path = _sqlite_path(url)
    if not path.exists() or path.stat().st_size == 0:
        return True
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] == 0
    finally:
        connection.close()


async def _postgres_empty(url: URL) -> bool:
    db = Database(url.render_as_string(hide_password=False))
    try:
        async with db.engine.connect() as connection:
            names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        return not names
    finally:
        await db.dispose()


async def restore(settings: Settings, file: Path) -> Manifest:
    """Restore a backup into the configured, empty database and documents folder."""
    url = make_url(settings.database_url)
    kind = "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"
    manifest = await asyncio.to_thread(_checked_manifest, settings, file, kind)
    empty = _sqlite_empty(url) if kind == "sqlite" else await _postgres_empty(url)
    if not empty:
        raise BackupError("the target database is not empty: restore only into a new, empty database")
    await asyncio.to_thread(_unpack, settings, file, kind)
    return manifest


def _checked_manifest(settings: Settings, file: Path, kind: str) -> Manifest:
    """Read the backup's manifest; refuse another key, another kind of database, a non-empty folder."""
    try:
        with tarfile.open(file, mode="r:") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise BackupError("not a bpu-bot backup (no manifest)")
            manifest = Manifest.read(member.read())
    except KeyError as err:
        raise BackupError("not a bpu-bot backup (no manifest)") from err
    except (OSError, tarfile.TarError) as err:
        raise BackupError(f"{printable(str(file))}: not a readable backup ({type(err).__name__})") from err
    configured = settings.data_key or read_key_file(settings.data_key_file)
    if not configured:
        raise BackupError(
            f"no data key configured: set DATA_KEY or DATA_KEY_FILE to the key with fingerprint "
            f"{manifest.key_fingerprint}, kept apart from the backup"
        )
    if fingerprint(configured) != manifest.key_fingerprint:
        raise BackupError(
            f"the configured data key ({fingerprint(configured)}) is not the backup's "
            f"({manifest.key_fingerprint}): nothing was restored"
        )
    if manifest.database != kind:
        raise BackupError(f"a {manifest.database} backup cannot be restored into {kind}")
    documents = Path(settings.documents_dir)
    if documents.exists() and any(documents.iterdir()):
        raise BackupError(f"DOCUMENTS_DIR {printable(str(documents))} is not empty")
    return manifest


def _unpack(settings: Settings, file: Path, kind: str) -> None:
    """Put the database and the documents in place, then bring the schema up to this version."""
    url = make_url(settings.database_url)
    documents = Path(settings.documents_dir)
    with (
        tempfile.TemporaryDirectory(prefix="bpu-restore-") as scratch,
        tarfile.open(file, mode="r:") as archive,
    ):
        archive.extractall(scratch, filter="data")  # no absolute paths, no "..", no links out
        unpacked = Path(scratch)
        if kind == "sqlite":
            path = _sqlite_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(path.name + ".restoring")
            shutil.copyfile(unpacked / SQLITE_MEMBER, part)
            part.chmod(0o600)
            os.replace(part, path)
        else:
            options, env = _postgres_arguments(url)
            command = [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ]
            done = subprocess.run(
                [*command, *options, str(unpacked / POSTGRES_MEMBER)], env=env, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise BackupError(f"pg_restore failed: {printable(done.stderr.strip())}")
        if (unpacked / DOCUMENTS).is_dir():
            documents.mkdir(parents=True, exist_ok=True, mode=0o700)
            for source in sorted((unpacked / DOCUMENTS).rglob("*")):
                target = documents / source.relative_to(unpacked / DOCUMENTS)
                if source.is_dir():
                    target.mkdir(exist_ok=True, mode=0o700)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    shutil.copyfile(source, target)
                    target.chmod(0o600)
    upgrade(settings.database_url)  # a backup made by an older version gets this version's schema


async def backup_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot backup DIR` or `bpu-bot restore FILE`."""
    try:
        if args.command == "backup":
            path, manifest = await backup(settings, args.folder)
            print(f"backup written: {printable(str(path))}")
            print(f"{manifest.database} database, {manifest.documents} claim documents")
            print(
                f"data key fingerprint: {manifest.key_fingerprint} "
                f"(also in {printable(path.name)}.key-fingerprint)"
            )
            print(
                "The data key is not in the backup. Keep a copy of it apart from the backups: without it the "
                "personal data and documents cannot be opened; with both, anyone can."
            )
            return 0
        manifest = await restore(settings, args.file)
    except BackupError as err:
        print(f"bpu-bot: {err}", file=sys.stderr)
        return 2
    print(
        f"restored {printable(str(args.file))}: {manifest.database} database of {manifest.created_at}, "
        f"{manifest.documents} claim documents; data key {manifest.key_fingerprint}"
    )
    return 0
