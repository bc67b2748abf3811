"""Alembic environment: async engine, URL from the caller (never from a file)."""

import asyncio

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import prepare_sqlite_path
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def do_run_migrations(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    url = config.attributes["database_url"]
    prepare_sqlite_path(url)
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.attributes["database_url"], target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_async_migrations())
