"""Engine, sessions and the unit of work for SQLite (embedded) and PostgreSQL (scale)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")


def prepare_sqlite_path(url: str) -> None:
    """Create a SQLite database file (and its folder) readable by its owner only, like the key file.

    SQLite gives the -wal and -shm files the database file's mode, so they are 0600 too; an existing
    database made wider by hand is narrowed.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)


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
        self._sqlite_thread: ThreadPoolExecutor | None = None
        if self.is_sqlite:
            # `run` works on SQLite through the plain sqlite3 driver: a turn's transaction runs right here,
            # in no hop at all (a few milliseconds of WAL I/O); long work runs in one database thread. Not one
            # thread hop per statement, as through aiosqlite.
            sync_url = make_url(url).set(drivername="sqlite")
            self.sync_engine = create_engine(
                sync_url, hide_parameters=True, connect_args={"check_same_thread": False}
            )
            event.listen(self.sync_engine, "connect", _sqlite_autocommit_driver)
            event.listen(self.sync_engine, "begin", _sqlite_begin_immediate)
            self._sync_sessions = sessionmaker(self.sync_engine, expire_on_commit=False)
            self._sqlite_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")

    async def run(self, work: Callable[[Session], T], *, long: bool = False) -> T:
        """Run `work` (synchronous SQLAlchemy code) in one transaction: commit on success, else roll back.

        On PostgreSQL it runs on the async driver (`run_sync`). On SQLite a short transaction (a turn) runs
        at once on this thread; `long` work (planning, imports, batches) runs in the database thread.
        """
        if self._sqlite_thread is None:
            async with self.sessionmaker.begin() as session:
                return await session.run_sync(work)
        if not long:
            return self._run_in_thread(work)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._sqlite_thread, self._run_in_thread, work)

    def _run_in_thread(self, work: Callable[[Session], T]) -> T:
        with self._sync_sessions.begin() as session:
            return work(session)

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
        if self._sqlite_thread is not None:
            await asyncio.get_running_loop().run_in_executor(self._sqlite_thread, self.sync_engine.dispose)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL keeps readers off the writer's back; NORMAL sync in WAL survives a killed process."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_autocommit_driver(dbapi_connection: Any, record: Any) -> None:
    """Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see `begin`)."""
    _sqlite_pragmas(dbapi_connection, record)
    dbapi_connection.isolation_level = None


def _sqlite_begin_immediate(connection: Any) -> None:
    """Take the write lock when a transaction starts: a turn reads and writes as one unit."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")
