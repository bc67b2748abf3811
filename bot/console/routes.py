"""The console's URL patterns, on the bot's HTTP server."""

from __future__ import annotations

from typing import Any

from tornado.web import RequestHandler

from bot.console.claims import ClaimPage, ClaimsPage, ClaimStatusPage, DocumentFile
from bot.console.overview import AuditPage, MessagesPage, Static, TodayPage
from bot.console.participants import (
    ExportDownload,
    ExportPage,
    ExportStart,
    ParticipantPage,
    ParticipantsPage,
)
from bot.console.payments import ImportPage, PaymentsPage, ResolvePage
from bot.console.sessions import LoginPage, LogoutPage, PasswordPage
from bot.console.sponsors import AgentAddPage, BillFile, PaidPage, PosterFile, SponsorAddPage, SponsorsPage
from bot.console.web import STATIC, Console


def routes(console: Console) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The console's URL patterns."""
    options = {"console": console}
    return [
        (r"/konsol/static/(.*)", Static, {"path": str(STATIC)}),
        (r"/konsol/?", TodayPage, options),
        (r"/konsol/login", LoginPage, options),
        (r"/konsol/keluar", LogoutPage, options),
        (r"/konsol/sandi", PasswordPage, options),
        (r"/konsol/peserta", ParticipantsPage, options),
        (r"/konsol/peserta/(\d{1,12})", ParticipantPage, options),
        (r"/konsol/ekspor", ExportStart, options),
        (r"/konsol/ekspor/([\w-]{1,20})", ExportPage, options),
        (r"/konsol/ekspor/([\w-]{1,20})/unduh", ExportDownload, options),
        (r"/konsol/pembayaran", PaymentsPage, options),
        (r"/konsol/pembayaran/(\d{1,12})/selesai", ResolvePage, options),
        (r"/konsol/pembayaran/impor", ImportPage, options),
        (r"/konsol/klaim", ClaimsPage, options),
        (r"/konsol/klaim/(K[0-9A-Z]{1,20})", ClaimPage, options),
        (r"/konsol/klaim/(K[0-9A-Z]{1,20})/status", ClaimStatusPage, options),
        (r"/konsol/klaim/(K[0-9A-Z]{1,20})/dokumen/(\d{1,12})", DocumentFile, options),
        (r"/konsol/sponsor", SponsorsPage, options),
        (r"/konsol/sponsor/tambah", SponsorAddPage, options),
        (r"/konsol/agen/tambah", AgentAddPage, options),
        (r"/konsol/sponsor/([A-Za-z0-9_]{2,24})/poster\.png", PosterFile, options),
        (r"/konsol/sponsor/([A-Za-z0-9_]{2,24})/tagihan", BillFile, options),
        (r"/konsol/sponsor/([A-Za-z0-9_]{2,24})/bayar", PaidPage, options),
        (r"/konsol/pesan", MessagesPage, options),
        (r"/konsol/audit", AuditPage, options),
    ]
