"""The HTTP side of `bpu-bot run`: health, payment notifications, and the Telegram webhook (tornado)."""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Gauge, generate_latest
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.app.settings import Settings
from bot.console.routes import routes as console_routes
from bot.console.web import Console
from bot.console.web import settings_for as console_settings
from bot.delivery.inbox import Inbox
from bot.jobs.payment_notices import InvalidNotice, signed
from bot.jobs.payments import PaymentService
from storage.db import Database
from storage.repositories.gauges import snapshot

log = logging.getLogger("bot.app.http")
MAX_BODY = 64 * 1024
MAX_HEADERS = 16 * 1024


class JsonHandler(RequestHandler):
    """Answer JSON."""

    def reply(self, code: int, **body: object) -> None:
        """Finish with a JSON body."""
        self.set_status(code)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class HealthHandler(JsonHandler):
    """`GET /healthz`."""

    def get(self) -> None:
        """Say the process is up."""
        self.reply(200, status="ok")


class PaymentsHandler(JsonHandler):
    """`POST /payments`: signed, idempotent by the channel's reference."""

    def initialize(self, service: PaymentService, secret: str | None) -> None:
        """Receive the payment service and the shared secret."""
        self.service = service
        self.secret = secret

    async def post(self) -> None:
        """Verify, parse, apply."""
        if not self.secret:
            self.reply(503, error="payments are not configured (PAYMENT_WEBHOOK_SECRET)")
            return
        body = self.request.body
        if not signed(self.secret, body, self.request.headers.get("X-Signature")):
            self.reply(401, error="bad or missing X-Signature")
            return
        try:
            applied = await self.service.apply_json(body)
        except InvalidNotice as err:
            self.reply(400, error=str(err))
            return
        log.info("payment %s %s", applied.outcome, applied.reason)
        if applied.outcome == "refused":
            self.reply(400, error=applied.detail)
            return
        code = {"exception": 202, "conflict": 409}.get(applied.outcome, 200)
        self.reply(code, outcome=applied.outcome, reason=applied.reason or None)


class MetricsHandler(RequestHandler):
    """`GET /metrics`: the process's counters and the database's gauges, in Prometheus text format."""

    def initialize(self, db: Database, token: str | None) -> None:
        """Receive the database (for the gauges) and the bearer token, when one is set."""
        self.db = db
        self.token = token

    async def get(self) -> None:
        """Answer the scrape, or 401 without the right bearer token."""
        if self.token:
            given = self.request.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                self.set_status(401)
                self.set_header("WWW-Authenticate", "Bearer")
                self.finish("bearer token required (METRICS_TOKEN)\n")
                return
        now = datetime.now(UTC)
        held = await self.db.run(lambda session: snapshot(session, now))
        current = CollectorRegistry()
        depth = Gauge(
            "bpu_outbox_depth", "Messages owed and not yet sent, by priority", ["priority"], registry=current
        )
        oldest = Gauge(
            "bpu_outbox_oldest_seconds",
            "Age of the oldest message not yet sent, by priority",
            ["priority"],
            registry=current,
        )
        claims = Gauge("bpu_claims", "Claims in the register, by status", ["status"], registry=current)
        for priority, count in held.outbox_depth.items():
            depth.labels(priority).set(count)
            oldest.labels(priority).set(held.outbox_oldest_seconds[priority])
        for status, count in held.claims.items():
            claims.labels(status).set(count)
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(generate_latest(REGISTRY) + generate_latest(current))


@dataclass(frozen=True)
class Limits:
    """What one slow or silent client may hold: a connection for so long, so many connections in all."""

    max_connections: int = 1000
    header_timeout: float = 10.0  # the whole request line and headers, however slowly they drip
    body_timeout: float = 30.0

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """Read the limits from the settings."""
        return cls(settings.http_max_connections, settings.http_header_timeout, settings.http_body_timeout)


class CappedHTTPServer(HTTPServer):
    """Tornado's server with a cap on open connections: over it, a new connection is closed at once.

    With the header and body timeouts this bounds what half-open requests (slowloris) can hold: each is
    dropped after `header_timeout`, and no more than `max_connections` file descriptors are ever held.
    """

    max_connections = 1000

    def handle_stream(self, stream: IOStream, address: tuple) -> None:
        """Serve the connection, or close it when the server is full."""
        if len(self._connections) >= self.max_connections:
            stream.close()
            return
        super().handle_stream(stream, address)


def make_server(
    service: PaymentService,
    payment_secret: str | None,
    application: Application | None,
    webhook_secret: str | None,
    inbox: Inbox | None = None,
    limits: Limits | None = None,
    metrics_token: str | None = None,
    console: Console | None = None,
) -> HTTPServer:
    """Build the HTTP server (not yet listening)."""
    limits = limits or Limits()
    routes: list = [
        (r"/healthz", HealthHandler),
        (r"/payments", PaymentsHandler, {"service": service, "secret": payment_secret}),
        (r"/metrics", MetricsHandler, {"db": service.db, "token": metrics_token}),
    ]
    if application is not None and inbox is not None:
        from bot.handlers.webhook import TelegramHandler  # the webhook is Telegram's: only `run --webhook`

        options = {"bot_application": application, "secret": webhook_secret, "inbox": inbox}
        routes.append((r"/telegram", TelegramHandler, options))
    if console is not None:
        routes += console_routes(console)
    server = CappedHTTPServer(
        WebApplication(routes, **console_settings(console)),
        max_body_size=MAX_BODY,
        max_header_size=MAX_HEADERS,
        idle_connection_timeout=limits.header_timeout,  # tornado's header timeout is this one
        body_timeout=limits.body_timeout,
    )
    server.max_connections = limits.max_connections
    return server
