"""Fairness: do 50 workers still get quick answers while one chat floods and 10,000 reminders go out?

Through the real Application (its update queue and per-chat queues), SQLite, PTB's AIORateLimiter at
30 msg/s and a fake Bot API answering in 50 ms. 50 chats each run a 5-step exchange with 5-9 s between
steps, as people tap. Run twice: quiet, and while one chat sends 1,000 messages in 2 s and 10,000 owed
reminders are dispatched. Prints each run's reply latency (update in, whole reply out) and the reminders'
share of the send rate while the exchanges ran, beside the configured share.

    python -m benchmarks.fairness [--chats 50] [--reminders 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app.services import Services
from bot.app.settings import Settings
from bot.delivery.messages import Rendered
from bot.domain.priority import Priority
from bot.handlers.telegram import build_application
from storage.crypto import Vault, generate_key
from storage.migrate import upgrade
from tests.support.telegram import RecordingRequest, UpdateFactory, buttons

STEPS = (
    ("/start", 2),
    ("tap:Bahasa / Language", 1),
    ("tap:English", 2),
    ("/bahasa", 1),
    ("tap:Bahasa Indonesia", 2),
)
RATE = 30.0
SHARE = 0.5
FLOODER = 999_999
BULK_BASE = 5_000_000


class Watched(RecordingRequest):
    """The recording fake Bot API, waking whoever waits for a chat's messages."""

    def __init__(self, latency: float) -> None:
        super().__init__(latency=latency)
        self.changed = asyncio.Condition()
        self.sent_at: list[tuple[float, int]] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> Any:
        answer = await super().do_request(url, method, request_data, **kwargs)
        if url.endswith(("/sendMessage", "/sendPhoto")) and request_data is not None:
            self.sent_at.append((time.perf_counter(), int(request_data.parameters["chat_id"])))
            async with self.changed:
                self.changed.notify_all()
        return answer

    async def wait_for(self, chat: int, count: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: len(self.sent_to(chat)) >= count)


async def exchange(app: Any, request: Watched, chat: int, chance: random.Random) -> list[float]:
    factory = UpdateFactory()
    latencies = []
    for step, replies in STEPS:
        await asyncio.sleep(chance.uniform(5.0, 9.0))
        seen = len(request.sent_to(chat))
        if step.startswith("tap:"):
            keyboard = next(
                dict(found) for call in reversed(request.sent_to(chat)) if (found := buttons(call))
            )
            raw = factory.callback(chat, keyboard[step[4:]])
        else:
            raw = factory.text(chat, step)
        started = time.perf_counter()
        await app.update_queue.put(Update.de_json(raw, app.bot))
        await request.wait_for(chat, seen + replies)
        latencies.append(time.perf_counter() - started)
    return latencies


async def flood(app: Any) -> None:
    factory = UpdateFactory()
    for _ in range(1000):
        await app.update_queue.put(Update.de_json(factory.text(FLOODER, "/bantuan"), app.bot))
        await asyncio.sleep(0.002)


async def one_run(chats: int, reminders: int, *, loaded: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'fair.sqlite3'}"
        await asyncio.to_thread(upgrade, url)
        settings = Settings(
            telegram_bot_token="1:FAIR", database_url=url, send_rate_per_second=RATE, bulk_share=SHARE
        )
        services = Services.build(settings, vault=Vault(generate_key()))
        request = Watched(latency=0.05)
        app = build_application(services, request=request)
        await app.initialize()
        await app.start()
        outbox = app.bot_data.outbox
        stop = asyncio.Event()
        sending = asyncio.create_task(outbox.run(stop, poll=0.2))
        if loaded:
            now = services.clock()
            reminder = Rendered("Pengingat iuran BPJS Ketenagakerjaan: iuran Desember 2026 sebesar Rp8.400.")
            for start in range(0, reminders, 1000):
                await services.db.run(
                    lambda db, start=start: [
                        outbox.owe(db, BULK_BASE + n, [reminder], Priority.BULK, now)
                        for n in range(start, min(start + 1000, reminders))
                    ],
                    long=True,
                )
            outbox.wake()
        chance = random.Random(7)
        started = time.perf_counter()
        tasks = [exchange(app, request, 10_000 + n, random.Random(chance.random())) for n in range(chats)]
        if loaded:
            tasks.append(flood(app))  # type: ignore[arg-type]
        results = await asyncio.gather(*tasks)
        ended = time.perf_counter()
        latencies = [value for result in results[:chats] for value in result]
        bulk = [at for at, chat in request.sent_at if chat >= BULK_BASE and started <= at <= ended]
        stop.set()
        await sending
        await app.stop()
        await app.shutdown()
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "turns": len(latencies),
        "p50": quantiles[49],
        "p99": quantiles[98],
        "max": max(latencies),
        "bulk_rate": len(bulk) / (ended - started),
        "flood_answers": len(request.sent_to(FLOODER)),
    }


async def main_async(chats: int, reminders: int) -> None:
    print(
        f"{chats} chats x {len(STEPS)} steps, 5-9 s apart; "
        f"send rate {RATE:.0f} msg/s, reminders' share {SHARE}"
    )
    print(f"{'run':<44} {'turns':>6} {'p50 s':>7} {'p99 s':>7} {'max s':>7} {'bulk msg/s':>11}")
    for loaded in (False, True):
        name = "quiet" if not loaded else f"1 chat x 1,000 msgs + {reminders:,} reminders"
        found = await one_run(chats, reminders, loaded=loaded)
        print(
            f"{name:<44} {found['turns']:>6} {found['p50']:>7.2f} {found['p99']:>7.2f} {found['max']:>7.2f}"
            f" {found['bulk_rate']:>11.1f}"
        )
        if loaded:
            print(
                f"reminders took {found['bulk_rate'] / RATE:.0%} of the rate while the exchanges ran "
                f"(configured share {SHARE:.0%}); the flooding chat got {found['flood_answers']} messages"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--reminders", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(main_async(args.chats, args.reminders))


if __name__ == "__main__":
    main()
