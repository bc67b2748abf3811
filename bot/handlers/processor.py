"""Updates of one chat one after another, chats side by side: a flooding chat never holds shared slots.

python-telegram-bot runs `concurrent_updates` at once; with a plain processor a chat that sends 1,000
messages fills every slot with turns waiting for that chat's lock, and every other chat waits too. Here
each chat has its own queue and worker, so a slot is held only while an update is queued. A chat that
sends more than `backlog` updates within `window` seconds (no person types that fast) gets the rest
dropped and is told once to slow down: its replies would otherwise take the send rate from everyone else.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger("bot.updates")

FloodHandler = Callable[[Update, bool], Awaitable[None]]


class ChatQueues(BaseUpdateProcessor):
    """Process each chat's updates in arrival order, chats concurrently, with a backlog limit per chat."""

    def __init__(
        self, max_concurrent_updates: int, backlog: int, on_flood: FloodHandler, window: float = 10.0
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.backlog = backlog
        self.window = window
        self.on_flood = on_flood
        self._arrivals: dict[int, deque[float]] = {}
        self._queues: dict[int, deque[Awaitable[Any]]] = {}
        self._flooded: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Queue the update behind its chat's earlier ones; return at once."""
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        if chat is None:
            await coroutine
            return
        queue = self._queues.get(chat)
        if self._flooding(chat) or (queue is not None and len(queue) >= self.backlog):
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            first = chat not in self._flooded
            self._flooded.add(chat)
            assert isinstance(update, Update)
            self._spawn(self._flood(update, first))
            return
        if queue is None:
            queue = self._queues[chat] = deque()
            queue.append(coroutine)
            self._spawn(self._work(chat, queue))
        else:
            queue.append(coroutine)

    def _flooding(self, chat: int) -> bool:
        """Count this arrival; tell whether the chat sent more than `backlog` updates within `window`."""
        now = time.monotonic()
        arrivals = self._arrivals.setdefault(chat, deque())
        while arrivals and arrivals[0] < now - self.window:
            arrivals.popleft()
        arrivals.append(now)
        if len(self._arrivals) > 10_000:  # forget chats that went quiet
            for quiet in [c for c, times in self._arrivals.items() if times[-1] < now - self.window]:
                del self._arrivals[quiet]
        return len(arrivals) > self.backlog

    async def _work(self, chat: int, queue: deque[Awaitable[Any]]) -> None:
        try:
            while queue:
                try:
                    await queue[0]
                except Exception:  # PTB's error handlers saw it; the chat's next update still runs
                    log.exception("update of a chat failed")
                queue.popleft()
        finally:
            del self._queues[chat]
            if len(self._arrivals.get(chat, ())) <= self.backlog:
                self._flooded.discard(chat)

    async def _flood(self, update: Update, first: bool) -> None:
        try:
            await self.on_flood(update, first)
        except Exception:
            log.exception("could not answer a flooding chat")

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Let queued updates finish."""
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
