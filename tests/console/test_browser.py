"""An officer works through the console in a real headless Chromium (Debian's, driven by Playwright).

Siti registered and paid; a payment for an unknown NIK waits as an exception; her husband reported her death
and sent the KPJ card as a photo and the heirs' letter as a PDF. Ani, an officer, logs in with her one-time
password, changes it, sees the day's chart and the enrolment funnel, finds Siti by NIK, resolves the
exception, imports a bank file, exports the new registrations, opens the claim's photo and PDF and asks for a
missing document: the husband gets that message once. Budi, a viewer, can change nothing; a form posted
without its CSRF token is refused. Every page is photographed into `docs/console/` for the README.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.async_api import Browser, Page, async_playwright

from bot.app.services import Services
from bot.console.accounts import Accounts, Role
from bot.domain.payments import PaymentNotice
from tests.bot.test_claim_documents import PDF, claim_with_documents
from tests.bot.test_claims import HUSBAND
from tests.console.support import NEW_PASSWORD, console_server
from tests.support.journeys import NIK, reach, register
from tests.support.telegram import BotClient, RecordingRequest

CHROMIUM = "/usr/bin/chromium"
JOKO = "3171011708850002"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "console"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow


async def chromium() -> tuple[object, Browser]:
    if not await asyncio.to_thread(Path(CHROMIUM).exists):
        pytest.fail("Debian's chromium is not installed (scripts/test installs it)")
    playwright = await async_playwright().start()
    return playwright, await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


async def shot(page: Page, name: str, database_url: str) -> None:
    if database_url.startswith("sqlite"):  # one set of pictures is enough
        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def go(page: Page, selector: str) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    async with page.expect_navigation():
        await page.click(selector)


async def log_in(page: Page, base: str, name: str, password: str) -> None:
    await page.goto(f"{base}/konsol/login")
    await page.fill("#nama", name)
    await page.fill("#sandi", password)
    await go(page, "button[type=submit] >> text=Masuk")


async def test_an_officer_works_a_day_in_the_console(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    tmp_path: Path,
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    number = await claim_with_documents(worker, husband, services, application, telegram, clock)
    unknown = PaymentNotice("BRI-404", "bri", "3273014101900003", 8400, 1, clock[0])
    assert (await services.payments.apply(unknown)).outcome == "exception"
    accounts = Accounts(services.db, services.clock)
    once = await accounts.add("ani", Role.OFFICER)
    viewer_once = await accounts.add("budi", Role.VIEWER)
    heard_before = len(telegram.sent_to(HUSBAND))
    # The same day, Joko registers and Rina stops at the question about her phone number.
    await register(BotClient(application, telegram, chat_id=7001), nik=JOKO)
    await reach(BotClient(application, telegram, chat_id=7002), "ask_phone", nik="3171015508900002")

    async with console_server(services) as base:
        playwright, browser = await chromium()
        try:
            page = await (await browser.new_context(viewport={"width": 1024, "height": 768})).new_page()
            await page.goto(f"{base}/konsol/login")
            await shot(page, "masuk", database_url)
            await log_in(page, base, "ani", once)
            assert page.url.endswith("/konsol/sandi")  # a one-time password is changed first
            await page.fill("#lama", once)
            await page.fill("#baru", NEW_PASSWORD)
            await go(page, "text=Simpan")
            assert page.url.endswith("/konsol/")

            # Hari ini: the chart of 30 days and the funnel.
            assert await page.locator("#grafik-1 rect.batang").count() == 30
            assert await page.locator("#grafik-1 rect.batang").last.get_attribute("height") != "0.0"
            funnel = await page.locator("#corong").inner_text()
            assert "mulai 2 · selesai 1" in funnel  # this week: Joko finished, Rina did not
            assert "Nomor HP\t" in funnel
            assert "berhenti 1" in await page.locator("#corong tr", has_text="Nomor HP").inner_text()
            await shot(page, "hari-ini", database_url)

            # Peserta: found by NIK (masked in the list), opened whole.
            await go(page, "nav >> text=Peserta")
            await page.fill("#cari", NIK)
            await go(page, "button >> text=Cari")
            assert "••••••••••••0001" in await page.content()
            await shot(page, "peserta", database_url)
            await go(page, "text=Buka data")
            assert "Siti Aminah" in await page.inner_text("h1")
            assert NIK in await page.content()
            await shot(page, "peserta-data", database_url)

            # Export the new registrations: progress, then the file.
            await go(page, "nav >> text=Peserta")
            await page.select_option("select[name=format]", "xlsx")
            await go(page, "text=Buat berkas ekspor")
            await page.wait_for_selector("#unduh", timeout=20_000)
            await shot(page, "ekspor", database_url)
            async with page.expect_download() as waiting:
                await page.click("#unduh")
            saved = tmp_path / "export.xlsx"
            await (await waiting.value).save_as(saved)
            sheet = load_workbook(saved, read_only=True).active
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0][:3] == ("registration_number", "nik", "name")
            assert [r[1] for r in rows[1:]] == [NIK, JOKO]  # both registrations, none exported before
            await go(page, "nav >> text=Peserta")
            assert await page.inner_text("#belum-ekspor") == "0"

            # Pembayaran: resolve the exception; import a bank file.
            await go(page, "nav >> text=Pembayaran")
            assert "BRI-404" in await page.content()
            await page.fill("#catatan-1", "dikembalikan ke pembayar")
            await go(page, "#pengecualian-1 >> text=Selesai")
            assert "Pengecualian 1 selesai." in await page.content()
            assert "BRI-404" not in await page.content()
            bank = tmp_path / "bank.csv"
            bank.write_text(
                "reference,channel,nik,amount,months,paid_at\n"
                f"BANK-1,bank,{NIK},16800,1,2027-03-14T10:00:00+07:00\n"
                "BANK-2,bank,123,abc,1,2027-03-14T10:00:00+07:00\n"
            )
            await page.set_input_files("input[name=berkas]", str(bank))
            await go(page, "button >> text=Impor")
            report = await page.inner_text("#laporan-impor")
            assert "Ditolak (format salah)\t1" in report or "Ditolak (format salah) 1" in report
            await shot(page, "pembayaran", database_url)

            # Klaim: the queue, the photo and the PDF inline, then "dokumen kurang" with a checklist.
            await go(page, "nav >> text=Klaim")
            await shot(page, "klaim", database_url)
            await go(page, f"text={number}")
            image = page.locator("figure img")
            assert await image.evaluate("img => img.complete && img.naturalWidth > 0")
            pdf_url = await page.locator("figure object").get_attribute("data")
            fetched = await page.request.get(f"{base}{pdf_url}")
            assert await fetched.body() == PDF
            await page.select_option("#status", "dokumen_kurang")
            for box in await page.locator("input[name=kurang]").all():
                await box.uncheck()
            await page.check("input[name=kurang][value=kk]")
            await page.fill("#catatan", "Mohon kirim foto Kartu Keluarga yang jelas.")
            await go(page, "text=Simpan dan beri tahu pelapor")
            assert await page.inner_text("#status-klaim") == "dokumen_kurang"
            await shot(page, "klaim-data", database_url)
            await page.reload()  # a reload sends nothing again
            for _ in range(2):
                await application.bot_data.outbox.drain()
            told = [c.params.get("text", "") for c in telegram.sent_to(HUSBAND)[heard_before:]]
            assert len(told) == 1
            assert number in told[0]
            assert "Kartu Keluarga" in told[0]

            await go(page, "nav >> text=Pesan")
            await shot(page, "pesan", database_url)
            await go(page, "nav >> text=Audit")
            audit = await page.content()
            for action in (
                "participant.open",
                "payment.resolve",
                "payments.import",
                "participants.export",
                "claim.status",
            ):
                assert action in audit
            await shot(page, "audit", database_url)

            # A viewer sees the claim but no form to change it.
            viewer = await (await browser.new_context(viewport={"width": 390, "height": 844})).new_page()
            await log_in(viewer, base, "budi", viewer_once)
            await viewer.fill("#lama", viewer_once)
            await viewer.fill("#baru", NEW_PASSWORD + "-budi")
            await go(viewer, "text=Simpan")
            await viewer.goto(f"{base}/konsol/klaim/{number}")
            assert await viewer.locator("form[action$='/status']").count() == 0
            await shot(viewer, "klaim-di-ponsel", database_url)

            # A form posted without its CSRF token is refused, and nothing changes.
            forger = await (await browser.new_context(bypass_csp=True)).new_page()
            await log_in(forger, base, "ani", NEW_PASSWORD)
            await forger.goto(f"{base}/konsol/klaim/{number}")
            await forger.evaluate("document.querySelectorAll('input[name=_xsrf]').forEach(e => e.remove())")
            await forger.select_option("#status", "ditolak")
            await forger.fill("#catatan", "tanpa token")
            await go(forger, "text=Simpan dan beri tahu pelapor")
            assert "Formulir ini kedaluwarsa" in await forger.content()
            await forger.goto(f"{base}/konsol/klaim/{number}")
            assert await forger.inner_text("#status-klaim") == "dokumen_kurang"
        finally:
            await browser.close()
            await playwright.stop()  # type: ignore[attr-defined]
