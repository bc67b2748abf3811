"""An operator's Prometheus scrapes `/metrics` after a day of the bot's life and sees what happened.

The day: two workers register, one pays (and the channel sends the notice twice), a payment for a NIK
nobody registered becomes an exception, Telegram answers one reply with 429 and one chat has blocked the
bot (403), an heir reports a death, a worker asks something the knowledge base cannot answer, and an
update arrives twice. Each counter moves by exactly that; no label carries a NIK, a name or a phone.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from tornado.testing import bind_unused_port

from bot.app.http import make_server
from bot.app.services import Services
from bot.flows.registry import FLOWS
from bot.jobs.payment_notices import signature
from tests.bot.test_claims import report_death
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient, RecordingRequest

SECRET = "payments-secret"
TOKEN = "scrape-token"
OTHER_NIK = "3171015508900002"

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
async def http(services: Services):
    server = make_server(services.payments, SECRET, None, None, metrics_token=TOKEN)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


async def scrape(url: str, token: str | None = TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient() as client:
        return await client.get(f"{url}/metrics", headers=headers)


async def samples(url: str) -> tuple[Samples, str]:
    response = await scrape(url)
    assert response.status_code == 200
    found: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found, response.text


def moved(before: Samples, after: Samples, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


def total(found: Samples, name: str) -> float:
    return sum(value for (sample, _), value in found.items() if sample == name)


async def pay(url: str, reference: str, nik: str) -> int:
    body = json.dumps(
        {
            "reference": reference,
            "channel": "bri",
            "nik": nik,
            "amount": 8400,
            "months": 1,
            "paid_at": "2026-11-10T09:15:00+07:00",
        }
    ).encode()
    headers = {"Content-Type": "application/json", "X-Signature": signature(SECRET, body)}
    async with httpx.AsyncClient() as client:
        return (await client.post(f"{url}/payments", content=body, headers=headers)).status_code


async def test_a_scripted_day_moves_each_counter_by_what_happened(
    http: str,
    services: Services,
    application,
    telegram: RecordingRequest,
    worker: BotClient,
    husband: BotClient,
    clock: list[datetime],
) -> None:
    clock[0] = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)
    before, _ = await samples(http)
    outbox = application.bot_data.outbox

    # Two registrations: Siti (chat 4242) and a second worker, who will block the bot.
    await register(worker)
    neighbour = BotClient(application, telegram, chat_id=6161)
    await register(neighbour, nik=OTHER_NIK)
    registered, _ = await samples(http)
    turns_of_registering = total(registered, "bpu_turns_total") - total(before, "bpu_turns_total")
    assert turns_of_registering == 2 * 17  # the happy path's 16 answers and "Konfirmasi", each one turn
    latencies = total(registered, "bpu_turn_seconds_count") - total(before, "bpu_turn_seconds_count")
    assert latencies == turns_of_registering
    flows = {dict(labels)["flow"] for name, labels in registered if name == "bpu_turns_total"}
    assert flows <= set(FLOWS)  # the flow a turn ended in (enrolment's questions are its sub-dialogues)

    # Payments: Siti's notice arrives twice; a payment for a NIK nobody registered.
    clock[0] = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)
    assert await pay(http, "BRI-1", NIK) == 200
    assert await pay(http, "BRI-1", NIK) == 200
    assert await pay(http, "BRI-2", "3273014101900003") == 202

    # Telegram throttles Siti's next reply once (429); the neighbour has blocked the bot (403).
    worker.new_texts()
    telegram.throttled[worker.chat_id] = 1
    assert await worker.says("/iuran") == []  # Telegram said 429: the reply waits in the outbox
    clock[0] += timedelta(seconds=5)
    await outbox.drain()
    print(worker.new_texts())
    telegram.blocked.add(neighbour.chat_id)
    await neighbour.says("/iuran")

    # Siti's first payment is announced with her card (a notice, sent like a reminder).
    clock[0] = datetime(2026, 11, 10, 5, 30, tzinfo=UTC)
    reminders = application.bot_data.reminders
    while (await reminders.dispatch()).claimed:
        pass

    # An heir reports a death; Siti asks what the knowledge base does not know; one update comes twice.
    await report_death(husband, died="kemarin", identify=("Nomor KPJ (kartu peserta)", "26 050 123 456"))
    await husband.taps("Kirim laporan")
    await worker.says("/manfaat")
    await worker.says("resep rendang padang yang enak gimana")
    again = worker.updates.text(worker.chat_id, "/menu")
    await worker.deliver(again)
    await worker.deliver(again)
    await outbox.drain()

    after, exposed = await samples(http)
    assert moved(before, after, "bpu_payments_total", outcome="applied") == 1
    assert moved(before, after, "bpu_payments_total", outcome="duplicate") == 1
    assert moved(before, after, "bpu_payments_total", outcome="exception") == 1
    assert moved(before, after, "bpu_sends_total", outcome="429") == 1
    assert moved(before, after, "bpu_sends_total", outcome="403") == 1
    assert moved(before, after, "bpu_reminders_sent_total") == 1  # the activation notice with the card
    assert moved(before, after, "bpu_benefit_questions_total", outcome="fallback") == 1
    assert moved(before, after, "bpu_benefit_questions_total", outcome="answered") == 0
    assert moved(before, after, "bpu_updates_deduplicated_total") == 1
    assert total(after, "bpu_claims") - total(before, "bpu_claims") == 1  # the heir's report
    assert moved(before, after, "bpu_claims", status="diterima") == 1
    assert after[("bpu_outbox_depth", (("priority", "reply"),))] == 0
    sent = len([c for c in telegram.calls if c.endpoint in ("sendMessage", "sendPhoto")])
    assert moved(before, after, "bpu_sends_total", outcome="sent") == sent

    # What is exposed names no person: no name anywhere; no NIK, phone or chat id in any metric or label
    # (sample values are counts and timestamps, whose digits may be anything).
    for name in ("Siti", "Aminah", "Budi"):
        assert name not in exposed
    words = {name for name, _ in after} | {text for _, labels in after for pair in labels for text in pair}
    for number in (NIK, OTHER_NIK, "0812", "3456 7890", "81234567890", "4242", "6161"):
        assert not [word for word in words if number in word]
    label_values = {value for _, labels in after for _, value in labels}
    assert not [value for value in label_values if re.search(r"\d{5,}", value)]


async def test_metrics_need_the_bearer_token_when_one_is_set(http: str) -> None:
    assert (await scrape(http, token=None)).status_code == 401
    assert (await scrape(http, token="wrong")).status_code == 401
    response = await scrape(http)
    assert response.status_code == 200
    assert "bpu_outbox_depth" in response.text


def test_the_grafana_dashboard_queries_only_metrics_the_bot_exposes() -> None:
    dashboard = json.loads(
        (Path(__file__).resolve().parents[2] / "deploy" / "grafana-dashboard.json").read_text()
    )
    queried = {
        re.sub(r"_(bucket|count|sum)$", "", name)
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\bbpu_[a-z_]+", target["expr"])
    }
    exposed = set(re.findall(r"^# TYPE (bpu_[a-z_]+)", generate_latest(REGISTRY).decode(), re.M)) | {
        "bpu_outbox_depth",
        "bpu_outbox_oldest_seconds",
        "bpu_claims",
    }
    exposed |= {name.removesuffix("_total") + "_total" for name in exposed}  # counters' family names
    assert queried
    assert queried <= exposed, queried - exposed
