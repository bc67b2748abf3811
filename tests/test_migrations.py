"""Alembic migrations build the schema the models describe, and go down and up again."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from storage.migrate import downgrade, upgrade
from storage.models import Base


async def table_names(url: str) -> set[str]:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names


async def test_migrations_create_every_model_table_and_downgrade_cleanly(database_url: str) -> None:
    assert set(Base.metadata.tables) <= await table_names(database_url)
    await __import__("asyncio").to_thread(downgrade, database_url, "base")
    assert await table_names(database_url) <= {"alembic_version"}
    await __import__("asyncio").to_thread(upgrade, database_url)
    assert set(Base.metadata.tables) <= await table_names(database_url)
