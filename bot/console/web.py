"""The branch console's pages on the bot's own HTTP server (tornado), rendered with Jinja2.

Thin: a handler reads the form, calls a query (`queries.py`) or an officer change (`bot/jobs/officer.py`),
and renders a template. Every POST carries a CSRF token; a viewer's POST is refused; the session cookie is
HttpOnly, SameSite=Strict and Secure behind TLS (`CONSOLE_SECURE_COOKIES`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape
from tornado.web import HTTPError, RequestHandler

from bot.console import exports as export_files
from bot.console import queries
from bot.console.accounts import Accounts, Officer
from bot.domain.rules import Rules
from bot.jobs.payments import PaymentService
from bot.turn import notices
from bot.turn.i18n import LANGUAGES, translate
from bot.turn.render import rupiah
from bot.turn.runner import chat_tag
from storage.crypto import Vault
from storage.db import Database

log = logging.getLogger("bot.console")
access = logging.getLogger("bot.http.access")
COOKIE = "konsol"
LANGUAGE_COOKIE = "konsol_bahasa"
WIB = ZoneInfo("Asia/Jakarta")
IMPORT_LIMIT = 5 * 1024 * 1024
DOCUMENT_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
CHUNK = 64 * 1024
TEMPLATES = Environment(
    loader=PackageLoader("bot.console", "templates"), autoescape=select_autoescape(["html"])
)
STATIC = Path(__file__).parent / "static"


@dataclass
class Console:
    """What the console's pages work with: the same database and services as the bot."""

    db: Database
    vault: Vault
    rules: Rules
    clock: Callable[[], datetime]
    payments: PaymentService
    documents_dir: Path
    log_salt: str
    secure_cookies: bool = False
    bot_username: str | None = None  # for the sponsor programmes' links
    accounts: Accounts = field(init=False)
    exports: dict[str, export_files.Export] = field(default_factory=dict)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.accounts = Accounts(self.db, self.clock)

    def chat_tag(self, chat_id: int) -> str:
        """A chat id as logs and pages show it: hashed."""
        return chat_tag(self.log_salt, chat_id)


def settings_for(console: Console | None) -> dict[str, Any]:
    """The tornado application settings the console needs (CSRF cookie flags, the access log)."""
    secure = bool(console and console.secure_cookies)
    return {
        "xsrf_cookie_kwargs": {"httponly": True, "samesite": "Strict", "secure": secure, "path": "/konsol"},
        "log_function": access_log,
    }


def access_log(handler: RequestHandler) -> None:
    """One line a request: method, path (never the query string), status, time. No personal data."""
    request = handler.request
    path = request.path if request.path.startswith("/konsol") else request.path[:40]
    level = logging.INFO if request.path.startswith("/konsol") else logging.DEBUG
    access.log(
        level, "%s %s %s %.0fms", request.method, path, handler.get_status(), 1000 * request.request_time()
    )


class Page(RequestHandler):
    """A console page: language, session, CSRF, security headers, rendering."""

    login_required = True
    password_page = False

    def initialize(self, console: Console) -> None:
        """Receive the console's services."""
        self.console = console
        self.officer: Officer | None = None
        self.lang = "id"
        self.csrf_failed = False

    async def prepare(self) -> None:  # noqa: D102 - tornado's hook
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self'; object-src 'self'; style-src 'self'; script-src 'none'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
        wanted = self.get_query_argument("bahasa", None)
        if wanted in LANGUAGES:
            self.set_cookie(LANGUAGE_COOKIE, wanted, path="/konsol", samesite="Strict", httponly=True)
        chosen = wanted or self.get_cookie(LANGUAGE_COOKIE)
        self.lang = chosen if chosen in LANGUAGES else "id"
        if self.request.method == "POST":
            try:
                self.check_xsrf_cookie()
            except HTTPError:
                self.csrf_failed = True
                raise
        self.officer = await self.console.accounts.current(self.get_cookie(COOKIE))
        if self.login_required and self.officer is None:
            self.redirect("/konsol/login")
            return
        if self.officer is not None and self.officer.must_change and not self.password_page:
            self.redirect("/konsol/sandi")

    def _(self, msgid: str, **params: object) -> str:
        """Translate a console text into the page's language."""
        text = translate(msgid, self.lang)
        return text.format(**params) if params else text

    def require_change(self) -> Officer:
        """Refuse a viewer (403): only an officer changes anything."""
        if self.officer is None or not self.officer.may_change:
            raise HTTPError(403)
        return self.officer

    def render_page(self, template: str, page: str, title: str, code: int = 200, **context: Any) -> None:
        """Render a template in the page's language."""
        self.set_status(code)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        body = TEMPLATES.get_template(template).render(
            _=self._,
            lang=self.lang,
            officer=self.officer,
            xsrf=self.xsrf_form_html(),
            xsrf_token=self.xsrf_token.decode(),
            page=page,
            title=title,
            rupiah=rupiah,
            masked=queries.masked_nik,
            document_name=lambda kind: notices.document_name(kind, self.lang),
            notice=context.pop("notice", None),
            notice_error=context.pop("notice_error", False),
            **context,
        )
        self.finish(body)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A plain page in the officer's language; never a traceback."""
        headings = {
            403: self._("Tidak diizinkan"),
            404: self._("Tidak ditemukan"),
            429: self._("Terlalu banyak percobaan"),
        }
        if self.csrf_failed:
            message = self._(
                "Formulir ini kedaluwarsa atau tidak berasal dari konsol. Muat ulang halaman, lalu coba lagi."
            )
        elif status_code == 403:
            message = self._("Akun ini hanya bisa melihat; perubahan dilakukan oleh petugas.")
        elif status_code == 404:
            message = self._("Halaman atau data itu tidak ada.")
        else:
            message = self._("Ada kesalahan. Coba lagi sebentar lagi.")
        self.clear_header("Content-Security-Policy")
        self.render_page(
            "error.html",
            "",
            headings.get(status_code, self._("Kesalahan")),
            status_code,
            heading=headings.get(status_code, self._("Kesalahan")),
            message=message,
        )

    def now(self) -> datetime:
        """The console's clock."""
        return self.console.clock()
