"""An officer runs a sponsor programme from the console, in a real headless Chromium.

Ani adds Pemko Pekanbaru's programme, opens its poster, and a trader enrols through the link. Ani downloads
December's list and records it paid with the transfer's reference: the page counts the trader protected,
the trader hears it once with her card, and the same reference again changes nothing. Ani registers a kader
desa as an agent, whose one-time link binds the kader's chat. Budi, a viewer, sees the numbers but no form.
Pages are photographed into `docs/console/` for the README.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app.services import Services
from bot.console.accounts import Accounts, Role
from tests.bot.test_sponsors import delivered, enrols_through_link
from tests.console.support import NEW_PASSWORD, console_server
from tests.console.test_browser import chromium, go, log_in, shot
from tests.support.telegram import BotClient, RecordingRequest

pytestmark = pytest.mark.slow


async def test_an_officer_adds_a_programme_bills_it_and_records_it_paid(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    tmp_path: Path,
) -> None:
    clock[0] = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB; December is the first month
    accounts = Accounts(services.db, services.clock)
    once = await accounts.add("ani", Role.OFFICER)
    viewer_once = await accounts.add("budi", Role.VIEWER)
    async with console_server(services) as base:
        playwright, browser = await chromium()
        try:
            page = await (await browser.new_context(viewport={"width": 1024, "height": 900})).new_page()
            await log_in(page, base, "ani", once)
            await page.fill("#lama", once)
            await page.fill("#baru", NEW_PASSWORD)
            await go(page, "text=Simpan")

            await go(page, "nav >> text=Sponsor")
            await page.fill("#nama", "Pemko Pekanbaru")
            await page.fill("#kode", "pku26")
            await page.fill("#kuota", "100")
            await page.fill("#bulan", "6")
            await page.fill("#mulai", "2026-12")
            await page.fill("#wilayah", "99.99")
            await page.fill("#pekerjaan", "pedagang,petani")
            await go(page, "text=Tambah program")
            assert "Periksa isian: wilayah: kode Kemendagri" in await page.inner_text(".pesan")
            assert await page.input_value("#nama") == "Pemko Pekanbaru"  # what was typed is kept
            await page.fill("#wilayah", "14.71")
            await go(page, "text=Tambah program")
            assert "Program PKU26 ditambahkan." in await page.content()
            card = page.locator("#program-PKU26")
            assert "?start=sp-pku26" in await card.inner_text()
            poster = await page.request.get(f"{base}/konsol/sponsor/PKU26/poster.png")
            assert (await poster.body()).startswith(b"\x89PNG")

            await enrols_through_link(worker)  # a trader scans the poster
            await go(page, "nav >> text=Sponsor")
            assert await card.locator("[data-angka=terdaftar]").inner_text() == "1 / 100"
            assert await card.locator("[data-angka=terlindungi]").inner_text() == "0"

            await page.fill("#tagihan-bulan-PKU26", "2026-12")
            async with page.expect_download() as waiting:
                await page.click("#program-PKU26 >> text=Unduh daftar")
            saved = tmp_path / "tagihan.csv"
            await (await waiting.value).save_as(saved)
            lines = saved.read_text(encoding="utf-8").splitlines()
            assert lines[1].endswith(",************0001,8400")
            assert lines[-1] == "TOTAL,1,8400"

            # A day typed where the browser has no date picker, unreadable: said so, nothing recorded.
            await page.fill("#bayar-bulan-PKU26", "2026-12")
            await page.fill("#referensi-PKU26", "TRX-991")
            await page.eval_on_selector("#tanggal-PKU26", "field => field.type = 'text'")
            await page.fill("#tanggal-PKU26", "kemarin sore")
            await go(page, '#program-PKU26 button:has-text("Catat dibayar")')
            assert await page.inner_text(".pesan") == (
                "Tanggal transfer kemarin sore tidak terbaca. Tulis seperti 2026-12-03."
            )
            assert await card.locator("[data-angka=terlindungi]").inner_text() == "0"

            # A transfer dated before the month's list was written (this morning) is refused, and says why.
            await page.fill("#bayar-bulan-PKU26", "2026-12")
            await page.fill("#referensi-PKU26", "TRX-991")
            await page.fill("#tanggal-PKU26", "2026-12-01")
            await go(page, '#program-PKU26 button:has-text("Catat dibayar")')
            assert await page.inner_text(".pesan") == (
                "Tanggal transfer 2026-12-01 tidak bisa dicatat: tidak boleh sesudah hari ini atau sebelum "
                "daftar bulan 2026-12 ditulis."
            )
            assert await card.locator("[data-angka=terlindungi]").inner_text() == "0"
            await page.fill("#bayar-bulan-PKU26", "2026-12")
            await page.fill("#referensi-PKU26", "TRX-991")
            assert await page.input_value("#tanggal-PKU26") == "2026-12-02"  # today, unless changed
            await go(page, '#program-PKU26 button:has-text("Catat dibayar")')
            assert "Pembayaran program PKU26 tercatat." in await page.content()
            assert await card.locator("[data-angka=terlindungi]").inner_text() == "1"
            await shot(page, "sponsor", database_url)
            seen = len(telegram.sent_to(worker.chat_id))
            await delivered(application, telegram)
            told = telegram.sent_to(worker.chat_id)[seen:]
            assert [c.endpoint for c in told] == ["sendMessage", "sendPhoto"]  # told once, with the card

            await page.fill("#bayar-bulan-PKU26", "2026-12")
            await page.fill("#referensi-PKU26", "TRX-991")
            await go(page, '#program-PKU26 button:has-text("Catat dibayar")')
            assert "tidak ada yang berubah" in await page.inner_text(".pesan")
            await delivered(application, telegram)
            assert len(telegram.sent_to(worker.chat_id)) == seen + 2

            # Ani registers a kader desa as an agent: the one-time link is shown once, and binds the chat
            # that opens it; the same code again is refused.
            await page.fill("#nama_agen", "Yanti (kader desa Rimbo)")
            await page.fill("#kode_agen", "kader01")
            await go(page, "text=Tambah agen")
            said = await page.inner_text(".pesan")
            assert said.startswith("Agen KADER01 ditambahkan. Tautan sekali pakai untuk Telegram agen")
            start = said.split("?start=")[1].split()[0]
            assert start.startswith("ag-")
            kader = BotClient(application, telegram, chat_id=7101)
            welcome = await kader.says(f"/start {start}")
            assert welcome[0].startswith("Selamat datang, Yanti (kader desa Rimbo). Chat ini sekarang")
            await go(page, "nav >> text=Sponsor")
            row = page.locator("tr", has_text="KADER01")
            assert "terhubung" in await row.inner_text()
            assert start not in await page.content()  # shown once, never again
            await page.fill("#nama_agen", "Orang lain")
            await page.fill("#kode_agen", "KADER01")
            await go(page, "text=Tambah agen")
            assert await page.inner_text(".pesan") == "Kode KADER01 sudah dipakai agen lain."

            viewer = await (await browser.new_context()).new_page()
            await log_in(viewer, base, "budi", viewer_once)
            await viewer.fill("#lama", viewer_once)
            await viewer.fill("#baru", NEW_PASSWORD + "-budi")
            await go(viewer, "text=Simpan")
            await go(viewer, "nav >> text=Sponsor")
            assert await viewer.locator("#program-PKU26 [data-angka=terlindungi]").inner_text() == "1"
            assert await viewer.locator("form[action='/konsol/sponsor/tambah']").count() == 0
            assert await viewer.locator("form[action$='/bayar']").count() == 0
            assert await viewer.locator("form[action='/konsol/agen/tambah']").count() == 0
        finally:
            await browser.close()
            await playwright.stop()  # type: ignore[attr-defined]
