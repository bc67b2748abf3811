"""`bpu-bot keys …`: the data key's fingerprint, a new key, and rotation."""

from __future__ import annotations

import argparse
import sys

from bot.app.services import system_clock
from bot.app.settings import Settings
from bot.domain.safe_text import printable
from bot.jobs.keys import read_key_file, rotate, write_key_file
from storage.crypto import generate_key
from storage.db import Database
from storage.keyring import fingerprint, key_state


async def keys_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot keys …`."""
    if args.keys_command == "generate":
        try:
            write_key_file(str(args.file), generate_key())
        except FileExistsError:
            print(f"bpu-bot: {printable(str(args.file))} exists; not overwritten", file=sys.stderr)
            return 2
        written = fingerprint(read_key_file(str(args.file)) or "")
        print(f"new key written to {printable(str(args.file))} (fingerprint {written})")
        return 0
    db = Database(settings.database_url)
    try:
        if args.keys_command == "fingerprint":
            state = await db.run(key_state)
            configured = settings.data_key or read_key_file(settings.data_key_file)
            print(f"database key: {state.current or 'not recorded yet'}")
            if state.next:
                print(f"rotation to: {state.next} (unfinished)")
            print(f"configured key: {fingerprint(configured) if configured else 'none'}")
            return 0
        new_key = read_key_file(str(args.new_key_file))
        if not new_key:
            print(
                f"bpu-bot: --new-key-file {printable(str(args.new_key_file))}: no key there", file=sys.stderr
            )
            return 2

        def progress(table: str, count: int) -> None:
            print(f"{table}: {count} rows re-sealed", flush=True)

        total = await rotate(settings, db, new_key, system_clock, progress, batch=args.batch)
        print(
            f"rotation done: {total} rows re-sealed; the database is sealed with key {fingerprint(new_key)}."
        )
        print("Set DATA_KEY (or DATA_KEY_FILE) to the new key; the old key is no longer needed.")
        return 0
    finally:
        await db.dispose()
