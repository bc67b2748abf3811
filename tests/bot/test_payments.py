"""Payments from channels (signed webhook) and banks (CSV): each applies once or becomes an exception."""

from __future__ import annotations

import asyncio
import csv
import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from tornado.testing import bind_unused_port

from bot.app.http import make_server
from bot.domain.rules import DEFAULT_RULES
from bot.jobs.payments import PaymentService, signature
from bot.turn.runner import Runner
from storage.models import Participant, Payment, PaymentException, Reminder
from tests.support.journeys import NIK, register
from tests.support.seed import seed_participants
from tests.support.telegram import BotClient

SECRET = "channel-shared-secret"


@pytest.fixture(autouse=True)
def november(clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)


PAY_DAY = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)  # 12:00 WIB, after the notices' paid_at


async def registered_then_paying(worker: BotClient, clock: list[datetime]) -> None:
    """The worker registers on 5 November; the channel's notices arrive on 10 November."""
    await register(worker)
    clock[0] = PAY_DAY


@pytest.fixture
async def payments_url(runner: Runner, clock: list[datetime]):
    service = PaymentService(runner.db, runner.vault, DEFAULT_RULES, lambda: clock[0])
    server = make_server(service, SECRET, None, None)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


def notice(reference: str = "BRI-0001", *, nik: str = NIK, amount: int = 8400, months: int = 1) -> dict:
    return {
        "reference": reference,
        "channel": "bri",
        "nik": nik,
        "amount": amount,
        "months": months,
        "paid_at": "2026-11-10T09:15:00+07:00",
    }


async def post(url: str, body: bytes, sign: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if sign is not False:
        headers["X-Signature"] = sign or signature(SECRET, body)
    async with httpx.AsyncClient() as client:
        return await client.post(f"{url}/payments", content=body, headers=headers)


async def counts(runner: Runner) -> tuple[int, int]:
    async with runner.db.transaction() as db:
        payments = (await db.execute(select(func.count()).select_from(Payment))).scalar_one()
        exceptions = (await db.execute(select(func.count()).select_from(PaymentException))).scalar_one()
    return payments, exceptions


async def test_health(payments_url: str) -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.get(f"{payments_url}/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})


async def test_a_signed_payment_posted_three_times_is_applied_once(
    worker: BotClient, runner: Runner, payments_url: str, clock: list[datetime]
) -> None:
    await registered_then_paying(worker, clock)
    body = json.dumps(notice()).encode()
    answers = [await post(payments_url, body) for _ in range(3)]
    assert [a.json()["outcome"] for a in answers] == ["applied", "duplicate", "duplicate"]
    assert await counts(runner) == (1, 0)
    async with runner.db.transaction() as db:
        found = (await db.execute(select(Participant))).scalar_one()
        assert (found.status, str(found.paid_through)) == ("aktif", "2026-11-01")


async def test_bad_signature_gets_401_and_stores_nothing(
    worker: BotClient, runner: Runner, payments_url: str, clock: list[datetime]
) -> None:
    await registered_then_paying(worker, clock)
    body = json.dumps(notice()).encode()
    assert (await post(payments_url, body, sign="sha256=" + "0" * 64)).status_code == 401
    assert (await post(payments_url, body, sign=False)).status_code == 401
    assert (await post(payments_url, body, sign=signature("other", body))).status_code == 401
    assert await counts(runner) == (0, 0)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        json.dumps({**notice(), "amount": "lots"}).encode(),
        json.dumps({**notice(), "nik": "123"}).encode(),
        json.dumps({**notice(), "paid_at": "kemarin"}).encode(),
        json.dumps({k: v for k, v in notice().items() if k != "reference"}).encode(),
    ],
)
async def test_malformed_json_gets_400(runner: Runner, payments_url: str, body: bytes) -> None:
    answer = await post(payments_url, body)
    assert answer.status_code == 400
    assert NIK not in answer.text
    assert await counts(runner) == (0, 0)


async def test_unknown_nik_and_wrong_amount_become_exceptions(
    worker: BotClient, runner: Runner, payments_url: str, clock: list[datetime]
) -> None:
    await registered_then_paying(worker, clock)
    unknown = await post(payments_url, json.dumps(notice("R-1", nik="3171011708850009")).encode())
    wrong = await post(payments_url, json.dumps(notice("R-2", amount=16800)).encode())
    assert (unknown.status_code, unknown.json()["reason"]) == (202, "unknown_nik")
    assert (wrong.status_code, wrong.json()["reason"]) == (202, "wrong_amount")
    assert await counts(runner) == (0, 2)
    async with runner.db.transaction() as db:
        found = (await db.execute(select(PaymentException).order_by(PaymentException.id))).scalars().all()
    assert [(e.reference, e.reason, e.nik_last4) for e in found] == [
        ("R-1", "unknown_nik", "0009"),
        ("R-2", "wrong_amount", "0001"),
    ]
    assert found[1].detail == "paid 16800, expected 8400 for 2026-11..2026-11"


async def test_three_months_ahead_pay_the_discounted_rate_of_each_month(
    worker: BotClient, runner: Runner, payments_url: str, clock: list[datetime]
) -> None:
    await registered_then_paying(
        worker, clock
    )  # pedagang pasar, Rp1 juta: Nov and Dec discounted (8.400), Jan 2027 full (16.800)
    wrong = await post(payments_url, json.dumps(notice("R-3", amount=3 * 8400, months=3)).encode())
    assert wrong.json()["reason"] == "wrong_amount"
    right = await post(payments_url, json.dumps(notice("R-4", amount=8400 + 8400 + 16800, months=3)).encode())
    assert right.json()["outcome"] == "applied"
    async with runner.db.transaction() as db:
        assert str((await db.execute(select(Participant.paid_through))).scalar_one()) == "2027-01-01"


async def test_the_first_payment_tells_the_worker_protection_started_and_sends_the_card(
    worker: BotClient,
    runner: Runner,
    payments_url: str,
    application,
    clock: list[datetime],
) -> None:
    await registered_then_paying(worker, clock)
    worker.new_texts()
    await post(payments_url, json.dumps(notice()).encode())
    reminders = application.bot_data.reminders
    stats = await reminders.dispatch()
    assert stats.sent == 2  # the message and the card
    said = worker.new_texts()
    assert said[0] == (
        "Pembayaran iuran Anda sudah tercatat. Perlindungan BPJS Ketenagakerjaan Anda aktif "
        "mulai 10 November 2026; iuran terbayar sampai November 2026. Ini kartu peserta Anda."
    )
    assert worker.request.sent_to(worker.chat_id)[-1].endpoint == "sendPhoto"
    async with runner.db.transaction() as db:
        kinds = (await db.execute(select(Reminder.kind, Reminder.outcome))).all()
    assert kinds == [("activated", "sent")]


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["reference", "channel", "nik", "amount", "months", "paid_at"]
        )
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
async def test_csv_import_applies_good_rows_reports_bad_ones_and_is_idempotent(
    runner: Runner, database_url: str, tmp_path: Path, data_key: str
) -> None:
    niks = await seed_participants(runner.db, runner.vault, 10_000, first_month=date(2026, 11, 1))
    rows = [notice(f"BANK-{n:05d}", nik=nik) | {"channel": "bank"} for n, nik in enumerate(niks)]
    bad = {
        13: ("amount", "abc"),
        27: ("nik", "12345"),
        101: ("paid_at", "2026-13-01"),
        202: ("months", "2"),
        303: ("amount", "16800"),
        404: ("nik", "3171011708109999"),
        505: ("reference", ""),
        606: ("months", "0"),
        707: ("amount", "-8400"),
        808: ("paid_at", "2026-11-10"),
    }
    for index, (column, value) in bad.items():
        rows[index][column] = value
    for index in range(1000, 1010):  # ten rows that pay for three months with one month's money
        rows[index]["months"] = "3"
    path = tmp_path / "rekon.csv"
    write_csv(path, rows)
    env = {"DATABASE_URL": database_url, "DATA_KEY": data_key, "PATH": ""}
    first = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "payments", "import", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    assert "applied: 9980\n" in first.stdout
    assert first.stdout.count("  line ") == 20
    assert NIK not in first.stdout
    with (tmp_path / "rekon.rejects.csv").open() as handle:
        rejects = list(csv.DictReader(handle))
    assert len(rejects) == 20
    assert all(r["reason"] for r in rejects)
    assert {r["line"] for r in rejects} == {str(i + 2) for i in [*bad, *range(1000, 1010)]}
    before = await counts(runner)
    second = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "payments", "import", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert "applied: 0\n" in second.stdout
    assert "already imported: 9993\n" in second.stdout  # the 13 exceptions are known too
    assert await counts(runner) == before == (9980, 13)


async def test_a_deceased_participants_payment_is_kept_as_an_exception(
    worker: BotClient, runner: Runner, payments_url: str, clock: list[datetime]
) -> None:
    await registered_then_paying(worker, clock)
    async with runner.db.transaction() as db:
        (await db.execute(select(Participant))).scalar_one().deceased = True
    answer = await post(payments_url, json.dumps(notice("R-9")).encode())
    assert (answer.status_code, answer.json()["reason"]) == (202, "deceased")
    assert await counts(runner) == (0, 1)


async def test_the_operator_lists_and_resolves_exceptions(
    worker: BotClient,
    runner: Runner,
    payments_url: str,
    database_url: str,
    data_key: str,
    tmp_path: Path,
    clock: list[datetime],
) -> None:
    await registered_then_paying(worker, clock)
    await post(payments_url, json.dumps(notice("BRI-7", nik="3171011708850009")).encode())
    env = {"DATABASE_URL": database_url, "DATA_KEY": data_key, "PATH": ""}

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", "payments", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    listed = await asyncio.to_thread(cli, "exceptions")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["id", "reference", "channel", "NIK", "amount", "months", "reason:", "detail"]
    assert lines[1].split()[:6] == ["1", "BRI-7", "bri", "************0009", "8400", "1"]
    assert "unknown_nik: no participant has this NIK" in lines[1]
    assert "3171011708850009" not in listed.stdout
    resolved = await asyncio.to_thread(cli, "resolve", "1", "--note", "dana dikembalikan ke pembayar")
    assert (resolved.returncode, resolved.stdout.strip()) == (0, "exception 1 resolved")
    assert (await asyncio.to_thread(cli, "exceptions")).stdout.strip() == "no open payment exceptions"
    everything = await asyncio.to_thread(cli, "exceptions", "--all")
    assert "[resolved: dana dikembalikan ke pembayar]" in everything.stdout
    again = await asyncio.to_thread(cli, "resolve", "1", "--note", "x")
    assert (again.returncode, again.stderr.strip()) == (1, "bpu-bot: no open payment exception 1")
