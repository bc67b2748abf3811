"""The data key at start-up, and `bpu-bot keys …`: never a new key beside sealed data, rotation resumable.

A lost `var/data.key` used to be replaced silently by a new key: personal data became unreadable, NIKs
could be registered twice and payments stopped finding their participant. Now the database records the
key's fingerprint and a process without that key refuses to start, naming the variable to fix.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.app.settings import Settings, SettingsError
from storage.crypto import Vault, VaultError, generate_key
from storage.db import Database
from storage.keyring import CURRENT, NEXT, KeyState, Rotation, fingerprint, key_state, opens, record
from storage.models import DataKey


class KeyProblem(SettingsError):
    """The configured data key cannot be used with this database; the message names the variable."""


def read_key_file(path: str) -> str | None:
    """Return the key in `path`, or None when there is no such file."""
    try:
        return Path(path).read_text().strip()
    except FileNotFoundError:
        return None


def write_key_file(path: str, key: str) -> None:
    """Write a key file readable by its owner only; never overwrite one."""
    key_file = Path(path)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")


def _variable(settings: Settings) -> str:
    return "DATA_KEY" if settings.data_key else f"DATA_KEY_FILE ({settings.data_key_file})"


def _vault(key: str, variable: str) -> Vault:
    try:
        return Vault(key)
    except VaultError as err:
        raise KeyProblem(f"{variable}: {err}") from None


async def open_vault(settings: Settings, db: Database, now: datetime) -> Vault:
    """Return the vault for this database, or raise `KeyProblem` when the key is missing or another one.

    The first start on an empty database creates the key file (when `DATA_KEY` is not set) and records
    its fingerprint; every later start must bring the same key.
    """
    state: KeyState = await db.run(key_state)
    if state.next is not None:
        raise KeyProblem(
            f"DATA_KEY: a key rotation to key {state.next} is unfinished; "
            "run `bpu-bot keys rotate` again with the same new key, then start the bot"
        )
    key = settings.data_key or read_key_file(settings.data_key_file)
    if key is None:
        if state.current is not None or state.has_sealed_data:
            sealed_with = f"key {state.current}" if state.current else "a key"
            raise KeyProblem(
                f"DATA_KEY: not set, and the key file {settings.data_key_file} does not exist, but this "
                f"database holds data sealed with {sealed_with}; restore that key (README: Keys and "
                "backups). No new key was created."
            )
        with contextlib.suppress(FileExistsError):  # another process created it a moment ago: use theirs
            write_key_file(settings.data_key_file, generate_key())
        key = read_key_file(settings.data_key_file) or ""
    variable = _variable(settings)
    vault = _vault(key, variable)
    mine = fingerprint(key)
    if state.current is None:
        if state.sample is not None and not opens(vault, state.sample):
            raise KeyProblem(
                f"{variable}: this key does not open the data in this database; set the key it uses"
            )
        try:
            await db.run(lambda session: record(session, CURRENT, key, now))
        except IntegrityError:  # another process recorded its key first: it must be this one
            state = await db.run(key_state)
    if state.current is not None and state.current != mine:
        raise KeyProblem(
            f"{variable}: key {mine} is not the key this database is sealed with ({state.current}); "
            "set the right key, or re-seal with `bpu-bot keys rotate`"
        )
    return vault


async def rotate(
    settings: Settings,
    db: Database,
    new_key: str,
    now: Callable[[], datetime],
    progress: Callable[[str, int], None],
    batch: int = 500,
) -> int:
    """Re-seal everything under `new_key` (the configured key is the old one); resumable after a kill.

    Returns how many rows were re-sealed. Afterwards only the new key opens the data.
    """
    new = _vault(new_key, "new key")
    state: KeyState = await db.run(key_state)
    new_fingerprint = fingerprint(new_key)
    if state.current == new_fingerprint and state.next is None:
        return 0  # done before
    if state.next is not None and state.next != new_fingerprint:
        raise KeyProblem(
            f"new key: a rotation to another key ({state.next}) is unfinished; finish it with that key first"
        )
    old = await open_vault_for_rotation(settings, db, state, now())
    rotation = Rotation(old, new, batch, Path(settings.documents_dir))
    await db.run(lambda session: record(session, NEXT, new_key, now()))
    total = 0
    for table in rotation.tables():
        after: Any = None
        while True:
            count, after = await db.run(
                lambda session, t=table, a=after: rotation.step(session, t, a), long=True
            )
            total += count
            if count:
                progress(table, count)
            if after is None:
                break

    await db.run(lambda session: _finish(session, new_key, now()))
    return total


def _finish(session: Session, new_key: str, now: datetime) -> None:
    """Make the new key current; the rotation is over."""
    record(session, CURRENT, new_key, now)
    session.execute(delete(DataKey).where(DataKey.role == NEXT))


async def open_vault_for_rotation(settings: Settings, db: Database, state: KeyState, now: datetime) -> Vault:
    """Return the old key's vault: the configured key, which must be the database's current one."""
    key = settings.data_key or read_key_file(settings.data_key_file)
    if key is None:
        raise KeyProblem(f"DATA_KEY: the old key is needed to rotate; {_variable(settings)} is not there")
    vault = _vault(key, _variable(settings))
    if state.current is not None and state.current != fingerprint(key):
        raise KeyProblem(
            f"{_variable(settings)}: key {fingerprint(key)} is not this database's key ({state.current})"
        )
    if state.current is None:
        if state.sample is not None and not opens(vault, state.sample):
            raise KeyProblem(f"{_variable(settings)}: this key does not open the data in this database")
        await db.run(lambda session: record(session, CURRENT, key, now))
    return vault
