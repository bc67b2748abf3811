"""An attacker and a careless channel at the HTTP door: every bad request is refused plainly, never a 500.

Each row is something tried from outside (issue "Hard edges"): it gets its 4xx with the reason, nothing is
stored, and nothing is logged at ERROR (no traceback).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import func, select
from tornado.testing import bind_unused_port

from bot.app.http import make_server
from bot.app.services import Services
from bot.jobs.payments import signature
from storage.models import Participant, Payment, PaymentException, ProcessedUpdate
from tests.support.seed import nik_for, seed_participants
from tests.support.telegram import UpdateFactory

SECRET = "channel-shared-secret"
HOOK_SECRET = "webhook-secret"
NOW = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)  # 12:00 WIB
NIK = nik_for(0)


@pytest.fixture
async def door(application, services: Services, clock: list[datetime]):
    """`bpu-bot run --webhook`'s HTTP server: /payments and /telegram, the Application started."""
    clock[0] = NOW
    await seed_participants(services.db, services.vault, 10, first_month=date(2026, 11, 1))
    await application.start()
    server = make_server(services.payments, SECRET, application, HOOK_SECRET, services.inbox)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()
    await application.stop()


def notice(reference: str = "BRI-1", **fields: object) -> dict:
    return {
        "reference": reference,
        "channel": "bri",
        "nik": NIK,
        "amount": 8400,
        "months": 1,
        "paid_at": "2026-11-10T09:15:00+07:00",
    } | fields


async def pay(url: str, body: bytes | dict, *, sign: bytes | str | None = None) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    header = sign if sign is not None else signature(SECRET, raw)
    async with httpx.AsyncClient() as client:
        return await client.post(f"{url}/payments", content=raw, headers={"X-Signature": header})


async def post_update(door: str, body: bytes, token: bytes | str = HOOK_SECRET) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(
            f"{door}/telegram", content=body, headers={"X-Telegram-Bot-Api-Secret-Token": token}
        )


async def stored(services: Services) -> tuple[int, int, int]:
    async with services.db.transaction() as db:
        payments = (await db.execute(select(func.count()).select_from(Payment))).scalar_one()
        kept = (await db.execute(select(func.count()).select_from(PaymentException))).scalar_one()
        updates = (await db.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one()
    return payments, kept, updates


def no_error_logged(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


DEEP = b"[" * 30_000 + b"]" * 30_000  # under the 64 KB body limit, far over Python's recursion limit
NESTED_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000

# (what was tried, the body or fields, the status, a word of the reason)
HOSTILE_PAYMENTS = [
    ("deeply nested JSON", DEEP, 400, "JSON"),
    ("deeply nested object", NESTED_OBJECT, 400, "JSON"),
    ("amount ² (a superscript digit)", notice(amount="²"), 400, "amount"),
    ("amount 10^30", notice(amount=10**30), 400, "amount"),
    ("amount 2^63", notice(amount=2**63), 400, "amount"),
    ("amount 2^31", notice(amount=2**31), 400, "amount"),
    ("amount of 5,000 digits", b'{"amount": ' + b"9" * 5000 + b"}", 400, ""),
    ("amount as text of 5,000 digits", notice(amount="9" * 5000), 400, "amount"),
    ("amount as a float", notice(amount=8400.0), 400, "amount"),
    ("amount true", notice(amount=True), 400, "amount"),
    ("months 10^20", notice(months=10**20), 400, "months"),
    ("paid_at at the end of time, -14:00", notice(paid_at="9999-12-31T23:59:59-14:00"), 400, "paid_at"),
    ("paid_at in 2062", notice(paid_at="2062-01-10T09:00:00+07:00"), 400, "future"),
    ("paid_at in 1970", notice(paid_at="1970-01-01T00:00:00+00:00"), 400, "paid_at"),
    ("a lone surrogate in the reference", b'{"reference": "R\\ud800", "channel": "bri"}', 400, "reference"),
    ("a lone surrogate, the rest well formed", json.dumps(notice("R\ud800")).encode(), 400, "reference"),
    ("a NUL in the reference", notice("R-\x00-1"), 400, "reference"),
    ("an ESC sequence in the reference", notice("\x1b[2J\x1b[31mR"), 400, "reference"),
    ("NIK in Arabic-Indic digits", notice(nik="٣١٧١٠١١٧٠٨٨٥٠٠٠٠"), 400, "nik"),
    ("NIK in Devanagari digits", notice(nik="३१७१०११७०८८५००००"), 400, "nik"),
    ("NIK in fullwidth digits", notice(nik="３１７１０１１７０８８５００００"), 400, "nik"),
    ("body null", b"null", 400, "object"),
    ("body an array", b"[1]", 400, "object"),
    ("body a string", b'"hi"', 400, "object"),
    ("body a number", b"42", 400, "object"),
    ("body not UTF-8", b"\xff\xfe{", 400, "JSON"),
]


@pytest.mark.parametrize(
    ("tried", "body", "status", "reason"), HOSTILE_PAYMENTS, ids=[h[0] for h in HOSTILE_PAYMENTS]
)
async def test_a_hostile_payment_notice_gets_its_4xx_and_nothing_is_stored(
    door: str,
    services: Services,
    caplog: pytest.LogCaptureFixture,
    tried: str,
    body: bytes | dict,
    status: int,
    reason: str,
) -> None:
    answer = await pay(door, body)
    assert answer.status_code == status, answer.text
    assert reason in answer.json()["error"]
    assert NIK not in answer.text
    assert await stored(services) == (0, 0, 0)
    no_error_logged(caplog)


@pytest.mark.parametrize(
    "header",
    ["sha256=✓" + "0" * 63, "sha256=" + "é" * 64, "\udcff", "", "sha256=" + "0" * 10_000],
    ids=["check mark", "latin-1 letters", "undecodable byte", "empty", "very long"],
)
async def test_a_forged_signature_of_any_shape_gets_401(
    door: str, services: Services, caplog: pytest.LogCaptureFixture, header: str
) -> None:
    raw = json.dumps(notice()).encode()
    sent = header.encode("utf-8", "surrogateescape")
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{door}/payments", content=raw, headers={"X-Signature": sent})
    assert answer.status_code == 401
    assert await stored(services) == (0, 0, 0)
    no_error_logged(caplog)


HOSTILE_UPDATES = [
    ("null", b"null"),
    ("an array", b"[]"),
    ("a string", b'"hi"'),
    ("a number", b"42"),
    ("message is a string", b'{"update_id": 5, "message": "hi"}'),
    ("update_id a string", b'{"update_id": "5"}'),
    ("deeply nested", b'{"update_id": 5, "message": ' + DEEP + b"}"),
    ("not JSON", b"{"),
    ("not UTF-8", b"\xff\xfe"),
]


@pytest.mark.parametrize("body", [h[1] for h in HOSTILE_UPDATES], ids=[h[0] for h in HOSTILE_UPDATES])
async def test_a_telegram_webhook_body_that_is_no_update_gets_400(
    door: str, services: Services, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    answer = await post_update(door, body)
    assert answer.status_code == 400
    assert await stored(services) == (0, 0, 0)
    no_error_logged(caplog)


async def test_an_update_telegram_might_send_but_the_bot_does_not_handle_is_acknowledged_not_kept(
    door: str, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    answer = await post_update(door, b'{"update_id": 5, "message": {"message_id": 1, "date": 0}}')  # no chat
    assert answer.status_code == 200
    assert await stored(services) == (0, 0, 0)
    no_error_logged(caplog)


@pytest.mark.parametrize("token", ["rahasia✓".encode(), "é".encode("latin-1"), b"\xff\xfe", b""])
async def test_a_telegram_secret_token_of_any_shape_gets_403(
    door: str, services: Services, caplog: pytest.LogCaptureFixture, token: bytes
) -> None:
    update = json.dumps(UpdateFactory().text(42, "/start"))
    answer = await post_update(door, update.encode(), token)
    assert answer.status_code == 403
    assert await stored(services) == (0, 0, 0)
    no_error_logged(caplog)


async def test_unknown_paths_and_methods_get_4xx_without_a_traceback(
    door: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient() as client:
        answers = [
            await client.get(f"{door}/payments"),
            await client.put(f"{door}/telegram", content=b"x"),
            await client.get(f"{door}/../../etc/passwd"),
        ]
        assert all(400 <= a.status_code < 500 for a in answers), [a.status_code for a in answers]
        with pytest.raises(httpx.TransportError):  # over the 64 KB body limit: the connection is closed
            await client.post(f"{door}/payments", content=b"x" * 70_000)
    no_error_logged(caplog)


# --- payments racing and lying ---------------------------------------------------------------------


async def test_fifty_identical_notices_at_once_apply_once_and_the_rest_are_duplicates(
    door: str, services: Services
) -> None:
    answers = await asyncio.gather(*(pay(door, notice("RACE-1")) for _ in range(50)))
    outcomes = sorted(a.json()["outcome"] for a in answers)
    assert outcomes.count("applied") == 1
    assert outcomes.count("duplicate") == 49
    assert await stored(services) == (1, 0, 0)


async def test_fifty_notices_of_ten_references_at_once_apply_ten(door: str, services: Services) -> None:
    bodies = [notice(f"RACE-{n}", nik=nik_for(n)) for n in range(10)] * 5
    answers = await asyncio.gather(*(pay(door, body) for body in bodies))
    outcomes = [a.json()["outcome"] for a in answers]
    assert (outcomes.count("applied"), outcomes.count("duplicate")) == (10, 40), outcomes
    assert await stored(services) == (10, 0, 0)
    async with services.db.transaction() as db:
        paid = (await db.execute(select(Participant.paid_through).where(Participant.id <= 10))).scalars()
        assert {str(p) for p in paid} == {"2026-11-01"}


async def test_fifty_identical_notices_for_an_unknown_nik_keep_one_exception(
    door: str, services: Services
) -> None:
    answers = await asyncio.gather(*(pay(door, notice("LOST-1", nik="3171011708859999")) for _ in range(50)))
    outcomes = [a.json()["outcome"] for a in answers]
    assert (outcomes.count("exception"), outcomes.count("duplicate")) == (1, 49)
    assert await stored(services) == (0, 1, 0)


async def test_the_same_reference_with_another_body_gets_409_and_an_exception_saying_so(
    door: str, services: Services
) -> None:
    assert (await pay(door, notice("BRI-7"))).json()["outcome"] == "applied"
    assert (await pay(door, notice("BRI-7"))).json()["outcome"] == "duplicate"
    other = await pay(door, notice("BRI-7", amount=16800, months=1, nik=nik_for(1)))
    assert (other.status_code, other.json()["outcome"]) == (409, "conflict")
    again = await pay(door, notice("BRI-7", amount=16800, months=1, nik=nik_for(1)))
    assert again.status_code == 409
    async with services.db.transaction() as db:
        kept = (await db.execute(select(PaymentException))).scalars().all()
        paid = (await db.execute(select(Participant.paid_through).order_by(Participant.id))).scalars().all()
    assert [(k.reference, k.reason, k.amount) for k in kept] == [("BRI-7", "reference_conflict", 16800)]
    assert [str(p) for p in paid[:2]] == ["2026-11-01", "None"]  # the first payment stands, alone


async def test_a_notice_for_a_later_unknown_nik_conflicting_with_an_exception_gets_409(
    door: str, services: Services
) -> None:
    assert (await pay(door, notice("X-1", nik="3171011708859999"))).status_code == 202
    assert (await pay(door, notice("X-1", nik="3171011708859999"))).json()["outcome"] == "duplicate"
    assert (await pay(door, notice("X-1"))).status_code == 409
    assert await stored(services) == (0, 2, 0)


async def test_paid_at_before_registration_is_refused_and_months_follow_the_next_unpaid_one(
    door: str, services: Services
) -> None:
    # Registered 1 October 2026 (the seed): a payment stamped in September cannot be theirs.
    early = await pay(door, notice("E-1", paid_at="2026-09-20T09:00:00+07:00"))
    assert (early.status_code, early.json()["error"]) == (
        400,
        "paid_at: before the participant registered (2026-10-01)",
    )
    assert await stored(services) == (0, 0, 0)
    # Paid through January: a payment stamped early November still pays February 2027, not November.
    assert (await pay(door, notice("E-2", amount=8400 + 8400 + 16800, months=3))).json()[
        "outcome"
    ] == "applied"
    later = await pay(door, notice("E-3", amount=16800, paid_at="2026-11-01T08:00:00+07:00"))
    assert later.json()["outcome"] == "applied"
    async with services.db.transaction() as db:
        first = (await db.execute(select(Participant).where(Participant.id == 1))).scalar_one()
        months = (await db.execute(select(Payment.first_month).order_by(Payment.id))).scalars().all()
    assert str(first.paid_through) == "2027-02-01"
    assert [str(m) for m in months] == ["2026-11-01", "2027-02-01"]
    assert first.activated_at is not None
    assert first.activated_at.year == 2026
