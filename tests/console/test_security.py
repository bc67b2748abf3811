"""The console keeps strangers out and officers honest: lockout, sessions, cookies, CSRF, audit, documents.

Over HTTP against the bot's own server (tornado), on SQLite and PostgreSQL; the browser tests are in
`test_browser.py`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from bot.app.services import Services
from bot.console.accounts import Accounts, Role
from bot.domain.payments import PaymentNotice
from storage.models import AuditEntry, ClaimDocument
from tests.bot.test_claim_documents import JPEG, photo, submitted_claim
from tests.bot.test_claims import HUSBAND
from tests.console.support import NEW_PASSWORD, Browser, account, console_server
from tests.support.cli import bpu_bot
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient, RecordingRequest


def set_cookie_of(response, name: str) -> str:
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert headers, response.headers
    return headers[-1]


async def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(
    services: Services, clock: list[datetime]
) -> None:
    async with console_server(services) as base:
        await account(services, "ani", Role.OFFICER, base)
        browser = Browser(base)
        for attempt in range(1, 5):
            wrong = await browser.login("ani", f"salah-{attempt}")
            assert wrong.status_code == 401
            assert "Nama pengguna atau kata sandi salah." in wrong.text
        locked = await browser.login("ani", "salah-5")
        assert locked.status_code == 429
        assert "Akun dikunci 15 menit" in locked.text
        still = await browser.login("ani", NEW_PASSWORD)  # even the right password, while locked
        assert still.status_code == 429
        clock[0] += timedelta(minutes=15, seconds=1)
        again = await browser.login("ani", NEW_PASSWORD)
        assert again.status_code == 302
        assert again.headers["location"] == "/konsol/"
        unknown = await browser.login("nobody", "whatever")  # an unknown name reads like a wrong password
        assert unknown.status_code == 401
        await browser.close()


async def test_the_session_id_changes_at_login_and_its_cookie_is_locked_down(services: Services) -> None:
    async with console_server(services, secure=True) as base:
        once = await Accounts(services.db, services.clock).add("budi", Role.VIEWER)
        browser = Browser(base)
        browser.client.cookies.set("konsol", "planted-by-someone-else", domain="127.0.0.1", path="/konsol")
        form = await browser.get("/konsol/login")
        csrf = set_cookie_of(form, "_xsrf")
        for flag in ("HttpOnly", "SameSite=Strict", "Secure"):
            assert flag in csrf
        # This test speaks plain HTTP: hand the Secure CSRF cookie back as a browser would over TLS.
        browser.client.cookies.set(
            "_xsrf", csrf.split(";")[0].split("=", 1)[1], domain="127.0.0.1", path="/konsol"
        )
        response = await browser.post("/konsol/login", {"nama": "budi", "sandi": once})
        assert response.status_code == 302
        cookie = set_cookie_of(response, "konsol")
        assert "planted-by-someone-else" not in cookie
        for flag in ("HttpOnly", "SameSite=Strict", "Secure", "Path=/konsol"):
            assert flag in cookie
        planted = Browser(base)
        planted.client.cookies.set("konsol", "planted-by-someone-else", domain="127.0.0.1", path="/konsol")
        refused = await planted.get("/konsol/")
        assert refused.status_code == 302
        assert refused.headers["location"] == "/konsol/login"
        await browser.close()
        await planted.close()


async def test_a_session_ends_after_eight_idle_hours(services: Services, clock: list[datetime]) -> None:
    async with console_server(services) as base:
        browser = await account(services, "ani", Role.OFFICER, base)
        clock[0] += timedelta(hours=7, minutes=59)
        assert (await browser.get("/konsol/")).status_code == 200  # seen: the idle time starts again
        clock[0] += timedelta(hours=8, minutes=1)
        gone = await browser.get("/konsol/")
        assert gone.status_code == 302
        assert gone.headers["location"] == "/konsol/login"
        await browser.close()


async def test_a_form_without_its_csrf_token_is_refused(services: Services, worker: BotClient) -> None:
    await register(worker)
    async with console_server(services) as base:
        browser = await account(services, "ani", Role.OFFICER, base)
        await browser.get("/konsol/peserta")
        refused = await browser.post("/konsol/peserta", {"cari": NIK}, token=False)
        assert refused.status_code == 403
        assert "Formulir ini kedaluwarsa" in refused.text
        forged = await browser.post("/konsol/keluar", {"_xsrf": "2|00000000|forged|1"}, token=False)
        assert forged.status_code == 403
        assert (await browser.get("/konsol/")).status_code == 200  # still logged in: nothing happened
        await browser.close()


async def test_a_viewer_sees_but_cannot_change(
    services: Services, worker: BotClient, clock: list[datetime]
) -> None:
    await services.payments.apply(PaymentNotice("BRI-X", "bri", "3273014101900003", 8400, 1, clock[0]))
    async with console_server(services) as base:
        viewer = await account(services, "budi", Role.VIEWER, base)
        page = await viewer.get("/konsol/pembayaran")
        assert "BRI-X" in page.text
        assert "/selesai" not in page.text  # no form to resolve
        refused = await viewer.post("/konsol/pembayaran/1/selesai", {"catatan": "dikembalikan"})
        assert refused.status_code == 403
        assert "hanya bisa melihat" in refused.text
        assert (await viewer.post("/konsol/ekspor", {"format": "csv"})).status_code == 403
        still = await viewer.get("/konsol/pembayaran")
        assert "BRI-X" in still.text  # still open
        await viewer.close()


async def test_audit_rows_cannot_be_edited_or_removed(services: Services) -> None:
    async with console_server(services) as base:
        officer = await account(services, "ani", Role.OFFICER, base)
        assert (await officer.post("/konsol/audit", {"x": "1"})).status_code == 405  # no way to post to it
        await officer.close()
    async with services.db.transaction() as db:
        actions = [a for (a,) in (await db.execute(select(AuditEntry.action))).all()]
    assert actions == ["operator.add", "login", "password.change"]
    for statement in (update(AuditEntry).values(actor="mallory"), delete(AuditEntry)):
        with pytest.raises(DBAPIError, match="audit rows are never changed or removed"):
            async with services.db.transaction() as db:
                await db.execute(statement)
    async with services.db.transaction() as db:
        assert [a for (a,) in (await db.execute(select(AuditEntry.actor))).all()] == [
            "bpu-bot operators",
            "ani",
            "ani",
        ]
        await db.execute(text("SELECT 1"))


async def test_no_personal_data_in_access_logs(
    services: Services, worker: BotClient, caplog: pytest.LogCaptureFixture
) -> None:
    await register(worker)
    async with console_server(services) as base:
        officer = await account(services, "ani", Role.OFFICER, base)
        with caplog.at_level(logging.DEBUG):
            await officer.get("/konsol/peserta")
            found = await officer.post("/konsol/peserta", {"cari": NIK})
            assert "••••••••••••0001" in found.text  # the list shows the NIK masked
            assert NIK not in found.text
            opened = await officer.get("/konsol/peserta/1")
            assert NIK in opened.text  # the record, opened (and audited), shows it whole
            assert "Siti Aminah" in opened.text
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "POST /konsol/peserta 200" in logged
        assert "GET /konsol/peserta/1 200" in logged
        for personal in (NIK, "Siti", "Aminah", "0812", "81234567890", "Sudirman"):
            assert personal not in logged
        async with services.db.transaction() as db:
            audited = (
                await db.execute(select(AuditEntry).where(AuditEntry.action == "participant.open"))
            ).scalar_one()
        assert audited.actor == "ani"
        await officer.close()


async def test_a_document_opens_only_in_a_session_and_only_under_its_own_claim(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    number = await submitted_claim(worker, husband, services, clock)
    telegram.files["kpj-1"] = JPEG
    await husband.taps("Kartu peserta (KPJ)")
    await husband.sends(photo=photo("kpj-1"))
    assert (await application.bot_data.documents.fetch_pending()).stored == 1
    async with services.db.transaction() as db:
        document_id = (await db.execute(select(ClaimDocument.id))).scalar_one()
    url = f"/konsol/klaim/{number}/dokumen/{document_id}"
    async with console_server(services) as base:
        stranger = Browser(base)
        outside = await stranger.get(url)
        assert outside.status_code == 302
        assert outside.headers["location"] == "/konsol/login"
        officer = await account(services, "ani", Role.VIEWER, base)
        shown = await officer.get(url)
        assert shown.status_code == 200
        assert shown.content == JPEG  # decrypted in memory
        assert shown.headers["content-type"] == "image/jpeg"
        other = await officer.get(f"/konsol/klaim/K{'9' * 10}/dokumen/{document_id}")
        assert other.status_code == 404
        await stranger.close()
        await officer.close()


@pytest.mark.slow
async def test_operators_are_added_and_disabled_from_the_command_line(
    services: Services, database_url: str, data_key: str, tmp_path
) -> None:
    added = await bpu_bot(
        database_url, tmp_path, "operators", "add", "ani", "--role", "officer", DATA_KEY=data_key
    )
    assert added.returncode == 0, added.stderr
    password = next(line for line in added.stdout.splitlines() if line.startswith("one-time password: "))
    password = password.removeprefix("one-time password: ")
    again = await bpu_bot(
        database_url, tmp_path, "operators", "add", "ani", "--role", "viewer", DATA_KEY=data_key
    )
    assert again.returncode == 2
    assert "exists" in again.stderr
    async with console_server(services) as base:
        browser = Browser(base)
        first = await browser.login("ani", password)
        assert first.headers["location"] == "/konsol/sandi"  # the one-time password is changed first
        english = await browser.get("/konsol/sandi?bahasa=en")
        assert "Change password" in english.text
        assert "A one-time password must be changed before you start working." in english.text
        assert (await browser.get("/konsol/")).headers["location"] == "/konsol/sandi"
        disabled = await bpu_bot(database_url, tmp_path, "operators", "disable", "ani", DATA_KEY=data_key)
        assert disabled.returncode == 0, disabled.stderr
        assert (await browser.get("/konsol/sandi")).headers[
            "location"
        ] == "/konsol/login"  # its session ended
        assert (await browser.login("ani", password)).status_code == 401


async def test_a_file_that_is_no_bank_csv_is_explained_and_the_form_shown_again(
    services: Services, tmp_path
) -> None:
    async with console_server(services) as base:
        officer = await account(services, "ani", Role.OFFICER, base)
        await officer.get("/konsol/pembayaran")
        refused = await officer.client.post(
            f"/konsol/pembayaran/impor?_xsrf={officer.token}",
            files={"berkas": ("foto.csv", b"\x89PNG\r\n\x1a\n not a csv at all", "text/csv")},
        )
        assert refused.status_code == 400
        assert "Berkas itu tidak bisa dibaca sebagai CSV rekonsiliasi bank" in refused.text
        assert 'name="berkas"' in refused.text  # the form again
