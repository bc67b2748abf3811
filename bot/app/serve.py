"""`bpu-bot run`: Telegram (polling or webhook), the HTTP server, and the reminder jobs in one process."""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram import Update

from bot.app.http import Limits, make_server
from bot.app.services import Services
from bot.app.settings import Settings
from bot.handlers.jobs import (
    DISPATCH_EVERY,
    DOCUMENTS_EVERY,
    PLAN_EVERY,
    PRUNE_EVERY,
    RECOVER_EVERY,
    on_dispatch_tick,
    on_documents_tick,
    on_plan_tick,
    on_prune_tick,
    on_recover_tick,
)
from bot.handlers.telegram import build_application
from bot.jobs.maintenance import recompute_regions, regions_pending

log = logging.getLogger("bot.app.serve")


async def serve(settings: Settings, *, webhook: bool) -> None:
    """Run until SIGINT or SIGTERM."""
    services = await Services.open(settings)
    if await regions_pending(services.db):  # migration 0007: regions stored with BPS codes
        result = await recompute_regions(services.db, services.vault)
        log.info("regions recomputed: %s participants, %s changed", result.seen, result.changed)
    application = build_application(services)
    server = make_server(
        services.payments,
        settings.payment_webhook_secret,
        application if webhook else None,
        settings.webhook_secret,
        services.inbox,
        Limits.of(settings),
        settings.metrics_token,
        services.console(),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with application:
        await application.post_init(application)  # type: ignore[misc]
        await application.start()
        jobs = application.job_queue
        assert jobs is not None, "python-telegram-bot[job-queue] is a dependency"
        jobs.run_repeating(on_plan_tick, PLAN_EVERY, first=1, name="plan-reminders")
        jobs.run_repeating(on_dispatch_tick, DISPATCH_EVERY, first=2, name="dispatch-reminders")
        jobs.run_once(on_recover_tick, 0, data="start", name="recover-updates-at-start")
        jobs.run_repeating(on_recover_tick, RECOVER_EVERY, first=RECOVER_EVERY, name="recover-updates")
        jobs.run_repeating(on_prune_tick, PRUNE_EVERY, first=60, name="prune")
        jobs.run_repeating(on_documents_tick, DOCUMENTS_EVERY, first=3, name="claim-documents")
        outbox = application.bot_data.outbox
        sending = asyncio.create_task(outbox.run(stop))
        if webhook:
            await application.bot.set_webhook(
                settings.webhook_url or "",
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)  # type: ignore[union-attr]
        server.listen(settings.http_port, settings.http_host)
        log.info("serving HTTP on %s:%s", settings.http_host, settings.http_port)
        await stop.wait()
        server.stop()
        await sending
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        await application.stop()
        await application.post_shutdown(application)  # type: ignore[misc]
