"""Engine, sessions and the unit of work for SQLite (embedded) and PostgreSQL (scale)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


def prepare_sqlite_path(url: str) -> None:
    """Create the folder of a SQLite database file, so the default `./var/…` works on a fresh clone."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


class Database:
    """One engine and the transaction every turn runs in."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        prepare_sqlite_path(url)
        options: dict[str, Any] = {}
        if not self.is_sqlite:
            options = {"pool_size": pool_size, "max_overflow": pool_size}
        # hide_parameters: a failing statement's error never carries its values (personal data) into logs.
        self.engine = create_async_engine(url, hide_parameters=True, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time; queueing writers here avoids "database is locked" churn.
        self._sqlite_writer = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """Yield a session inside one transaction; commit on success, roll back on error."""
        if self._sqlite_writer is None:
            async with self.sessionmaker.begin() as session:
                yield session
            return
        async with self._sqlite_writer, self.sessionmaker.begin() as session:
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL keeps readers off the writer's back; NORMAL sync in WAL survives a killed process."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
