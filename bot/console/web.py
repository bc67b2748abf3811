"""The branch console's pages on the bot's own HTTP server (tornado), rendered with Jinja2.

Thin: a handler reads the form, calls a query (`queries.py`) or an officer change (`bot/jobs/officer.py`),
and renders a template. Every POST carries a CSRF token; a viewer's POST is refused; the session cookie is
HttpOnly, SameSite=Strict and Secure behind TLS (`CONSOLE_SECURE_COOKIES`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape
from tornado.httputil import parse_body_arguments
from tornado.web import HTTPError, RequestHandler, StaticFileHandler, stream_request_body

from bot.console import exports as export_files
from bot.console import queries
from bot.console.accounts import Accounts, Officer, Outcome
from bot.console.charts import bar_chart
from bot.domain.claims import ClaimStatus
from bot.domain.rules import Rules
from bot.jobs.officer import Refused, change_claim_status, resolve_exception
from bot.jobs.payment_notices import InvalidNotice
from bot.jobs.payments import PaymentService
from bot.turn import notices
from bot.turn.i18n import LANGUAGES, translate
from bot.turn.render import rupiah
from storage.crypto import Vault
from storage.db import Database
from storage.repositories.officers import OfficerRepository
from storage.repositories.outbox import OutboxRepository

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
    accounts: Accounts = field(init=False)
    exports: dict[str, export_files.Export] = field(default_factory=dict)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.accounts = Accounts(self.db, self.clock)

    def chat_tag(self, chat_id: int) -> str:
        """A chat id as logs and pages show it: hashed."""
        return hashlib.sha256(f"{self.log_salt}:{chat_id}".encode()).hexdigest()[:12]


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


class LoginPage(Page):
    """`/konsol/login`."""

    login_required = False

    def get(self) -> None:  # noqa: D102
        if self.officer is not None:
            self.redirect("/konsol/")
            return
        self.render_page("login.html", "login", self._("Masuk"), name="")

    async def post(self) -> None:  # noqa: D102
        name = self.get_body_argument("nama", "").strip()[:60]
        password = self.get_body_argument("sandi", "")[:200]
        login = await self.console.accounts.login(name, password)
        if login.outcome is Outcome.LOCKED:
            until = (login.locked_until or self.now()).astimezone(WIB)
            notice = self._(
                "Terlalu banyak kata sandi salah. Akun dikunci 15 menit, sampai {until} WIB.",
                until=f"{until:%H:%M}",
            )
            self.render_page(
                "login.html", "login", self._("Masuk"), 429, name=name, notice=notice, notice_error=True
            )
            return
        if login.outcome is Outcome.WRONG or login.token is None or login.officer is None:
            notice = self._("Nama pengguna atau kata sandi salah.")
            self.render_page(
                "login.html", "login", self._("Masuk"), 401, name=name, notice=notice, notice_error=True
            )
            return
        # A new session token at every login: a cookie planted before login is never the session.
        self.clear_cookie(COOKIE, path="/konsol")
        self.set_session_cookie(login.token)
        self.redirect("/konsol/sandi" if login.officer.must_change else "/konsol/")

    def set_session_cookie(self, token: str) -> None:
        """The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, only for /konsol."""
        self.set_cookie(
            COOKIE,
            token,
            path="/konsol",
            httponly=True,
            samesite="Strict",
            secure=self.console.secure_cookies,
        )


class LogoutPage(Page):
    """`POST /konsol/keluar`."""

    login_required = False

    async def post(self) -> None:  # noqa: D102
        await self.console.accounts.logout(self.get_cookie(COOKIE))
        self.clear_cookie(COOKIE, path="/konsol")
        self.redirect("/konsol/login")


class PasswordPage(LoginPage):
    """`/konsol/sandi`: change the password (forced after a one-time password)."""

    login_required = True
    password_page = True

    def get(self) -> None:  # noqa: D102
        self.render_page("password.html", "password", self._("Ganti kata sandi"))

    async def post(self) -> None:  # noqa: D102
        assert self.officer is not None, "login_required"
        old, new = self.get_body_argument("lama", ""), self.get_body_argument("baru", "")
        token = await self.console.accounts.change_password(self.officer, old[:200], new[:200])
        if token is None:
            notice = self._(
                "Kata sandi sekarang salah, atau kata sandi baru kurang dari 10 karakter atau sama."
            )
            self.render_page(
                "password.html", "password", self._("Ganti kata sandi"), 400, notice=notice, notice_error=True
            )
            return
        self.set_session_cookie(token)
        self.redirect("/konsol/")


class TodayPage(Page):
    """`/konsol/`: Hari ini."""

    async def get(self) -> None:  # noqa: D102
        now = self.now()
        board = await self.console.db.run(lambda s: queries.dashboard(s, now))
        charts = [bar_chart(board.series[0]), bar_chart(board.series[1])]
        steps = [label for _, _, label in queries.ENROLMENT_STEPS]
        today = now.astimezone(WIB).date()
        self.render_page(
            "today.html", "today", self._("Hari ini"), board=board, charts=charts, steps=steps, today=today
        )


class ParticipantsPage(Page):
    """`/konsol/peserta`: search by registration number or NIK (a POST: no NIK in any URL or log)."""

    async def get(self) -> None:  # noqa: D102
        await self.show(searched=False, found=[])

    async def post(self) -> None:  # noqa: D102
        query = self.get_body_argument("cari", "")[:40]
        found = await self.console.db.run(lambda s: queries.search(s, self.console.vault, query))
        await self.show(searched=True, found=found)

    async def show(self, **context: Any) -> None:
        """Render the page with the count of registrations never exported."""
        pending = await self.console.db.run(export_files.pending_count)
        self.render_page("participants.html", "participants", self._("Peserta"), pending=pending, **context)


class ParticipantPage(Page):
    """`/konsol/peserta/ID`: the whole record; opening it is audited."""

    async def get(self, participant_id: str) -> None:  # noqa: D102
        assert self.officer is not None, "login_required"
        actor, now, vault = self.officer.name, self.now(), self.console.vault

        def open_record(session: Any) -> queries.Record | None:
            found = queries.record(session, vault, int(participant_id))
            if found is not None:
                OfficerRepository(session).audit(actor, "participant.open", found.registration_number, now)
            return found

        found = await self.console.db.run(open_record)
        if found is None:
            raise HTTPError(404)
        self.render_page("participant.html", "participants", found.registration_number, rec=found)


class ExportStart(Page):
    """`POST /konsol/ekspor`: start making the file of new registrations."""

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        kind = self.get_body_argument("format", "xlsx")
        if kind not in export_files.FORMATS:
            raise HTTPError(400)
        total = await self.console.db.run(export_files.pending_count)
        job = export_files.Export(secrets.token_urlsafe(9), kind, officer.name, total)
        self.console.exports[job.id] = job
        task = asyncio.create_task(run_export(self.console, job))
        self.console.tasks.add(task)
        task.add_done_callback(self.console.tasks.discard)
        self.redirect(f"/konsol/ekspor/{job.id}")


async def run_export(console: Console, job: export_files.Export) -> None:
    """Make the export a batch at a time, so the page can show how far it is."""
    writer = export_files.Writer(job.kind)
    after = 0
    try:
        while batch := await console.db.run(
            lambda s, after=after: export_files.batch_after(s, console.vault, after)
        ):
            for participant_id, row in batch:
                writer.add(row)
                job.ids.append(participant_id)
            job.done += len(batch)
            after = batch[-1][0]
            await asyncio.sleep(0)
        job.content = await asyncio.to_thread(writer.finish)
    except Exception:
        log.exception("export %s failed", job.id)
        job.error = "export failed"


class ExportPage(Page):
    """`/konsol/ekspor/ID`: progress, then the download."""

    def get(self, job_id: str) -> None:  # noqa: D102
        job = self.console.exports.get(job_id)
        if job is None:
            raise HTTPError(404)
        done = job.content is not None or job.error is not None or job.downloaded
        self.render_page(
            "export.html", "participants", self._("Ekspor"), job=job, refresh=None if done else 1
        )


class ExportDownload(Page):
    """`/konsol/ekspor/ID/unduh`: the file once; its registrations are then marked exported (audited)."""

    async def get(self, job_id: str) -> None:  # noqa: D102
        officer = self.require_change()
        job = self.console.exports.get(job_id)
        if job is None or job.content is None or job.actor != officer.name:
            raise HTTPError(404)
        content, job.content = job.content, None
        self.set_header("Content-Type", export_files.FORMATS[job.kind])
        self.set_header("Content-Disposition", f'attachment; filename="{job.filename}"')
        for start in range(0, len(content), CHUNK):
            self.write(content[start : start + CHUNK])
            await self.flush()
        await self.finish()
        now, ids = self.now(), job.ids

        def mark(session: Any) -> None:
            marked = export_files.mark_exported(session, ids, now)
            OfficerRepository(session).audit(
                officer.name, "participants.export", f"{marked} registrations", now, after=job.kind
            )

        await self.console.db.run(mark)
        job.downloaded = True


class PaymentsPage(Page):
    """`/konsol/pembayaran`: the exception queue, resolving, the bank file import."""

    async def get(self) -> None:  # noqa: D102
        done = self.get_query_argument("selesai", None)
        notice = self._("Pengecualian {id} selesai.", id=done) if done and done.isdigit() else None
        await self.show(notice=notice)

    async def show(self, code: int = 200, **context: Any) -> None:
        """Render the queue."""
        found = await self.console.db.run(queries.exceptions)
        now = self.now()

        def age(created: datetime) -> str:
            created = created.replace(tzinfo=UTC) if created.tzinfo is None else created
            hours = int((now - created).total_seconds() // 3600)
            return (
                self._("{days} hari", days=hours // 24) if hours >= 24 else self._("{hours} jam", hours=hours)
            )

        self.render_page(
            "payments.html", "payments", self._("Pembayaran"), code, exceptions=found, age=age, **context
        )


class ResolvePage(PaymentsPage):
    """`POST /konsol/pembayaran/ID/selesai`: the same service as `bpu-bot payments resolve`."""

    async def post(self, exception_id: str) -> None:  # noqa: D102
        officer = self.require_change()
        note, now, console = self.get_body_argument("catatan", "")[:200], self.now(), self.console
        try:
            done = await console.db.run(
                lambda s: resolve_exception(
                    s, console.vault, console.rules, int(exception_id), note, officer.name, now
                )
            )
        except Refused:
            await self.show(400, notice=self._("Tulis apa yang dilakukan."), notice_error=True)
            return
        if not done:
            raise HTTPError(404)
        self.redirect(f"/konsol/pembayaran?selesai={int(exception_id)}")


@stream_request_body
class ImportPage(PaymentsPage):
    """`POST /konsol/pembayaran/impor`: a bank reconciliation CSV, the same report as `payments import`."""

    async def prepare(self) -> None:  # noqa: D102
        await super().prepare()
        if self._finished:
            return
        self.require_change()
        self.request.connection.set_max_body_size(IMPORT_LIMIT)  # type: ignore[union-attr]
        self.body = bytearray()

    def data_received(self, chunk: bytes) -> None:  # noqa: D102
        self.body += chunk

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        arguments: dict[str, list[bytes]] = {}
        files: dict[str, Any] = {}
        parse_body_arguments(self.request.headers.get("Content-Type", ""), bytes(self.body), arguments, files)
        uploaded = files.get("berkas")
        if not uploaded:
            await self.show(400, notice=self._("Pilih berkas CSV dulu."), notice_error=True)
            return
        with tempfile.TemporaryDirectory(prefix="bpu-import-") as folder:
            path = Path(folder) / "import.csv"
            path.write_bytes(uploaded[0]["body"])
            path.chmod(0o600)
            try:
                report = await self.console.payments.import_csv(path)
            except InvalidNotice as err:
                await self.show(400, notice=str(err), notice_error=True)
                return
        now = self.now()
        summary = (
            f"applied {report.applied}, duplicates {report.duplicates}, "
            f"exceptions {report.exceptions}, rejected {report.rejected}"
        )
        await self.console.db.run(
            lambda s: OfficerRepository(s).audit(
                officer.name, "payments.import", "bank CSV", now, after=summary
            )
        )
        await self.show(report=report)


class ClaimsPage(Page):
    """`/konsol/klaim`: the queue by status and age against the SLA."""

    async def get(self) -> None:  # noqa: D102
        status = self.get_query_argument("status", "") or None
        if status is not None and status not in {s.value for s in ClaimStatus}:
            status = None
        console, now = self.console, self.now()
        queue = await console.db.run(
            lambda s: queries.claim_queue(s, console.vault, console.rules, now, status)
        )
        statuses = [s.value for s in ClaimStatus]
        self.render_page(
            "claims.html", "claims", self._("Klaim"), queue=queue, statuses=statuses, status=status
        )


class ClaimPage(Page):
    """`/konsol/klaim/NUMBER`: data, documents inline, history, the status form."""

    async def get(self, number: str) -> None:  # noqa: D102
        view = await self.console.db.run(lambda s: queries.claim_view(s, self.console.vault, number))
        if view is None:
            raise HTTPError(404)
        notice = (
            self._("Status disimpan; pelapor diberi tahu.")
            if self.get_query_argument("diubah", None)
            else None
        )
        statuses = [s.value for s in ClaimStatus]
        self.render_page(
            "claim.html", "claims", view.claim.number, view=view, statuses=statuses, notice=notice
        )


class ClaimStatusPage(ClaimPage):
    """`POST /konsol/klaim/NUMBER/status`: the same change as `bpu-bot claims set-status`."""

    async def post(self, number: str) -> None:  # noqa: D102
        officer = self.require_change()
        try:
            status = ClaimStatus(self.get_body_argument("status", ""))
        except ValueError as err:
            raise HTTPError(400) from err
        note = self.get_body_argument("catatan", "")[:500]
        checked = self.get_body_arguments("kurang")
        console, now = self.console, self.now()

        def change(session: Any) -> Any:
            view = queries.claim_view(session, console.vault, number)
            if view is None:
                return None
            missing = (
                [kind for kind in checked if kind in view.needed]
                if status is ClaimStatus.MISSING_DOCUMENTS
                else None
            )
            return change_claim_status(
                session,
                console.vault,
                console.rules,
                number,
                status,
                officer.name,
                note,
                now,
                missing or None,
            )

        try:
            changed = await console.db.run(change)
        except Refused:
            view = await console.db.run(lambda s: queries.claim_view(s, console.vault, number))
            statuses = [s.value for s in ClaimStatus]
            notice = self._("Penolakan perlu catatan alasannya (pelapor diberi tahu).")
            self.render_page(
                "claim.html",
                "claims",
                number,
                400,
                view=view,
                statuses=statuses,
                notice=notice,
                notice_error=True,
            )
            return
        if changed is None:
            raise HTTPError(404)
        self.redirect(f"/konsol/klaim/{changed.number}?diubah=1")


class DocumentFile(Page):
    """`/konsol/klaim/NUMBER/dokumen/ID`: a document, decrypted in memory and streamed; never on disk."""

    async def get(self, number: str, document_id: str) -> None:  # noqa: D102
        found = await self.console.db.run(lambda s: queries.document_of(s, number, int(document_id)))
        if found is None or found.mime not in DOCUMENT_TYPES:
            raise HTTPError(404)  # another claim's document is as absent as a missing one
        sealed = await asyncio.to_thread((self.console.documents_dir / (found.path or "")).read_bytes)
        content = self.console.vault.open_bytes(sealed)
        self.set_header("Content-Type", found.mime)
        self.set_header("Content-Disposition", "inline")
        self.set_header("Content-Security-Policy", "default-src 'none'; sandbox")
        for start in range(0, len(content), CHUNK):
            self.write(content[start : start + CHUNK])
            await self.flush()
        await self.finish()


class MessagesPage(Page):
    """`/konsol/pesan`: the outbox (never a message's text)."""

    async def get(self) -> None:  # noqa: D102
        vault = self.console.vault
        counts, parked = await self.console.db.run(
            lambda s: (OutboxRepository(s, vault).counts(), OutboxRepository(s, vault).parked())
        )
        kinds = {0: "reply", 1: "notice", 2: "bulk"}
        self.render_page(
            "messages.html",
            "messages",
            self._("Pesan"),
            counts=counts,
            parked=parked,
            kinds=kinds,
            chat_tag=self.console.chat_tag,
        )


class AuditPage(Page):
    """`/konsol/audit`: who did what (read only)."""

    async def get(self) -> None:  # noqa: D102
        rows = await self.console.db.run(lambda s: OfficerRepository(s).audit_rows())
        self.render_page("audit.html", "audit", self._("Audit"), rows=rows)


class Static(StaticFileHandler):
    """The console's stylesheet, served by the bot (no CDN)."""


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
        (r"/konsol/pesan", MessagesPage, options),
        (r"/konsol/audit", AuditPage, options),
    ]
