"""Long polling that keeps what it fetched: updates are stored before PTB acknowledges them."""

from __future__ import annotations

import json
from typing import Any

from telegram.request import BaseRequest

from bot.delivery.inbox import Inbox
from bot.handlers.updates import acts_on


class DurableUpdates(BaseRequest):
    """The `getUpdates` request, storing what it fetched before python-telegram-bot acknowledges it.

    PTB acknowledges a batch (the next `getUpdates` offset) before it has processed it; a kill in between
    would lose those updates. Stored first, they are found again by `Inbox.unprocessed` after a restart.
    """

    def __init__(self, inner: BaseRequest, inbox: Inbox) -> None:
        self.inner = inner
        self.inbox = inbox

    @property
    def read_timeout(self) -> float | None:
        """Return the wrapped request's read timeout."""
        return self.inner.read_timeout

    async def initialize(self) -> None:
        """Initialise the wrapped request."""
        await self.inner.initialize()

    async def shutdown(self) -> None:
        """Shut the wrapped request down."""
        await self.inner.shutdown()

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Fetch; keep every update the bot acts on before handing the batch over."""
        code, payload = await self.inner.do_request(url, method, *args, **kwargs)
        if code == 200 and url.endswith("/getUpdates"):
            try:
                result = json.loads(payload).get("result") or []
            except ValueError:
                return code, payload
            await self.inbox.accept_many([raw for raw in result if acts_on(raw)])
        return code, payload
