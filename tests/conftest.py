"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, and the real Application."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest

from bot.app.services import Services
from bot.app.settings import Settings
from bot.handlers.telegram import build_application
from bot.turn.runner import Runner
from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from tests.support.telegram import BotClient, RecordingRequest

CONFIGURED_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
# Under pytest-xdist each worker has its own databases beside the configured one (test_gw0, test_gw1...).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
POSTGRES_URL = f"{CONFIGURED_URL}_{WORKER}" if WORKER else CONFIGURED_URL
NOW = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)  # 10:00 WIB, Saturday 21 November 2026


async def _reset_postgres() -> None:
    """Give every test an empty `public` schema; fail loudly when PostgreSQL is unreachable."""
    dsn = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    try:
        connection = await asyncpg.connect(dsn, timeout=5)
    except (OSError, asyncpg.PostgresError) as err:
        pytest.fail(
            f"PostgreSQL at {dsn} is unreachable ({type(err).__name__}); start it, do not skip", pytrace=False
        )
    try:
        await connection.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    finally:
        await connection.close()


def make_database_url(kind: str, tmp_path) -> str:
    """An empty database of `kind`, not migrated (for tests that migrate or start the bot themselves)."""
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'bpu.sqlite3'}"
    asyncio.run(_reset_postgres())
    return POSTGRES_URL


# Migrated once per session, copied for each test: every test still gets a fresh database that Alembic
# built, without running the migrations hundreds of times.
BASE_DB = POSTGRES_URL.rsplit("/", 1)[1]
TEMPLATE_DB = f"{BASE_DB}_template"  # beside the configured database, named after it
COPY_DB = f"{BASE_DB}_copy"


def _admin_dsn() -> str:
    dsn = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    return dsn.rsplit("/", 1)[0] + "/postgres"


def _url_of(database: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + database


async def _recreate(database: str, template: str | None = None) -> None:
    try:
        connection = await asyncpg.connect(_admin_dsn(), timeout=5)
    except (OSError, asyncpg.PostgresError) as err:
        pytest.fail(f"PostgreSQL is unreachable ({type(err).__name__}); start it, do not skip", pytrace=False)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(
            f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if template else "")
        )
    finally:
        await connection.close()


@pytest.fixture(scope="session", autouse=True)
def worker_database() -> None:
    """Create this worker's own database (under pytest-xdist); the configured one is used as it is."""
    if WORKER:
        asyncio.run(_recreate(BASE_DB))


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A SQLite file and a PostgreSQL database at the newest migration, made once per session."""
    sqlite_file = tmp_path_factory.mktemp("template") / "bpu.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{sqlite_file}")
    asyncio.run(_recreate(TEMPLATE_DB))
    upgrade(_url_of(TEMPLATE_DB))
    return {"sqlite": str(sqlite_file), "postgresql": TEMPLATE_DB}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path, migrated_templates: dict[str, str]) -> str:
    """A migrated, empty database of each kind (a copy of the session's migrated template)."""
    if request.param == "sqlite":
        path = tmp_path / "bpu.sqlite3"
        shutil.copy2(migrated_templates["sqlite"], path)
        return f"sqlite+aiosqlite:///{path}"
    asyncio.run(_recreate(COPY_DB, migrated_templates["postgresql"]))
    return _url_of(COPY_DB)


@pytest.fixture
async def services(
    database_url: str, clock: list[datetime], data_key: str, tmp_path
) -> AsyncIterator[Services]:
    """The services of one bot process, opened as `bpu-bot run` opens them (the key recorded), on a settable
    clock."""
    settings = Settings(
        telegram_bot_token="123:TEST",
        send_rate_per_second=0,
        database_url=database_url,
        data_key=data_key,
        documents_dir=str(tmp_path / "documents"),
    )
    built = await Services.open(settings, clock=lambda: clock[0])
    yield built
    await built.close()


@pytest.fixture
def database(services: Services) -> Database:
    return services.db


@pytest.fixture
def clock() -> list[datetime]:
    """A settable clock: tests move `clock[0]`."""
    return [NOW]


@pytest.fixture(scope="session")
def data_key() -> str:
    return generate_key()


@pytest.fixture(scope="session")
def vault(data_key: str) -> Vault:
    return Vault(data_key)


@pytest.fixture
def runner(services: Services) -> Runner:
    return services.runner


@pytest.fixture
def telegram() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def application(services: Services, telegram: RecordingRequest):
    app = build_application(services, request=telegram)
    await app.initialize()
    await app.post_init(app)
    yield app
    await app.bot_data.outbox.close()  # what PTB's post_shutdown does when the bot stops
    await app.shutdown()


@pytest.fixture
def worker(application, telegram: RecordingRequest) -> BotClient:
    """A worker chatting with the bot through the real Application."""
    return BotClient(application, telegram)


@pytest.fixture
def husband(application, telegram: RecordingRequest) -> BotClient:
    """A worker's husband, on his own phone: he reports her death."""
    return BotClient(application, telegram, chat_id=5151)


# --- Scheduling on several workers ----------------------------------------------------------------------
# pytest-xdist's work stealing hands each worker one contiguous share of the collected tests. The long
# tests (marked `slow`: they start the bot or the CLI as processes) go at the head of the shares, spread by
# their rough cost, so that none of them starts last and holds up the end of the run.
ROUGH_SECONDS = {"test_kill_9_at_twenty_moments": 80, "test_two_processes": 30, "test_rotation_killed": 25}


def _cost(item: pytest.Item) -> int:
    return next((cost for name, cost in ROUGH_SECONDS.items() if item.name.startswith(name)), 15)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = int(getattr(config, "workerinput", {}).get("workercount", 0))
    if workers < 2:
        return
    slow = sorted((i for i in items if i.get_closest_marker("slow")), key=lambda i: (-_cost(i), i.nodeid))
    rest = [i for i in items if not i.get_closest_marker("slow")]
    sizes, left = [], len(items)
    for remaining in range(workers, 0, -1):  # as the work-stealing scheduler splits them
        sizes.append(left // remaining)
        left -= sizes[-1]
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    load = [0] * workers
    for item in slow:  # the costliest first, each to the share with the least so far
        share = min((s for s in range(workers) if len(shares[s]) < sizes[s]), key=lambda s: load[s])
        shares[share].append(item)
        load[share] += _cost(item)
    for share, size in zip(shares, sizes, strict=True):
        while len(share) < size:
            share.append(rest.pop(0))
    items[:] = [item for share in shares for item in share]
