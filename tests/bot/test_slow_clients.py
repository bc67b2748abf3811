"""Slowloris at the HTTP door: half-open requests are dropped in time and capped; the bot keeps answering."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import UTC, date, datetime

import httpx
import pytest
from tornado.testing import bind_unused_port

from bot.app.http import Limits, make_server
from bot.app.services import Services
from bot.jobs.payments import signature
from tests.support.seed import nik_for, seed_participants

SECRET = "channel-shared-secret"


async def serve(services: Services, limits: Limits) -> tuple[str, object]:
    server = make_server(services.payments, SECRET, None, None, None, limits)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    return f"127.0.0.1:{port}", server


async def half_open(address: str, count: int) -> list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    """Open connections that send the start of a request and then nothing more."""
    host, port = address.split(":")
    opened = []
    for n in range(count):
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"POST /payments HTTP/1.1\r\nHost: x\r\nX-Slow-{n}: ".encode())
        await writer.drain()
        opened.append((reader, writer))
    return opened


async def close_all(connections: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]) -> None:
    for _, writer in connections:
        writer.close()
    for _, writer in connections:
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), within) == b""
    except (TimeoutError, ConnectionError):
        return False


def payment(reference: str) -> bytes:
    return json.dumps(
        {
            "reference": reference,
            "channel": "bri",
            "nik": nik_for(0),
            "amount": 8400,
            "months": 1,
            "paid_at": "2026-11-10T09:15:00+07:00",
        }
    ).encode()


@pytest.fixture
async def participant(services: Services, clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)
    await seed_participants(services.db, services.vault, 1, first_month=date(2026, 11, 1))


async def test_three_hundred_half_open_requests_do_not_stop_health_or_payments_and_are_dropped(
    services: Services, participant: None
) -> None:
    address, server = await serve(services, Limits(max_connections=1000, header_timeout=1.5))
    slow = await half_open(address, 300)
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            health = await client.get(f"http://{address}/healthz")
            body = payment("SLOW-1")
            paid = await client.post(
                f"http://{address}/payments", content=body, headers={"X-Signature": signature(SECRET, body)}
            )
        assert health.status_code == 200
        assert (paid.status_code, paid.json()["outcome"]) == (200, "applied")
        dropped = await asyncio.gather(*(closed_by_server(reader, 5) for reader, _ in slow))
        assert all(dropped), f"{dropped.count(False)} of 300 half-open requests still open"
        assert len(server._connections) == 0  # type: ignore[attr-defined]
    finally:
        await close_all(slow)
        server.stop()  # type: ignore[attr-defined]


async def test_connections_over_the_cap_are_closed_at_once_and_the_server_recovers(
    services: Services, participant: None
) -> None:
    # The half-open ones may hold their connection for 30 s: the extra ones closed well within that were
    # closed for the cap, not for a timeout.
    address, server = await serve(services, Limits(max_connections=50, header_timeout=30.0))
    slow = await half_open(address, 50)
    extra = await half_open(address, 10)
    try:
        assert all(await asyncio.gather(*(closed_by_server(reader, 10) for reader, _ in extra)))
        assert len(server._connections) == 50  # type: ignore[attr-defined]  # no more file descriptors held
        await close_all(slow)  # the slow clients go away
        for _ in range(200):  # probe: the server lets go of them
            if not server._connections:  # type: ignore[attr-defined]
                break
            await asyncio.sleep(0.01)
        async with httpx.AsyncClient(timeout=5) as client:
            assert (await client.get(f"http://{address}/healthz")).status_code == 200
    finally:
        await close_all(slow + extra)
        server.stop()  # type: ignore[attr-defined]
