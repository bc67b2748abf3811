"""`bpu-bot chat`: the same flows and database in a terminal, no Telegram account needed."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.app.services import Services
from bot.app.settings import Settings
from bot.delivery.channel import Delivery, SendResult
from bot.delivery.messages import Rendered
from bot.flows.base import CommandReceived, Event, TextReceived
from bot.turn.runner import ButtonPressed

TERMINAL_CHAT_ID = -1


class TerminalSender:
    """Print replies; buttons become numbers the user can type."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.buttons: dict[str, ButtonPressed] = {}

    async def deliver(
        self, chat_id: int, replies: Sequence[Rendered], stamp: tuple[int, int] | None = None
    ) -> SendResult:
        """Print each reply, numbering its buttons."""
        stamp_prefix = stamp or (0, 0)
        self.buttons = {}
        for reply in replies:
            self.out.write(f"\nbot> {reply.text}\n")
            if reply.photo is not None:
                self.out.write(f"     [gambar PNG, {len(reply.photo)} byte]\n")
            for row in reply.rows:
                labels = []
                for button in row:
                    number = str(len(self.buttons) + 1)
                    self.buttons[number] = ButtonPressed(stamp_prefix[0], stamp_prefix[1], button.key)
                    labels.append(f"[{number}] {button.label}")
                self.out.write("     " + "   ".join(labels) + "\n")
            if reply.request_label:
                self.out.write(f"     ({reply.request_label}: ketik nomornya)\n")
        self.out.flush()
        return SendResult(Delivery.SENT)

    def event_for(self, line: str) -> Event | ButtonPressed:
        """Understand a typed line: a button number, a /command, or text."""
        line = line.strip()
        if line in self.buttons:
            return self.buttons[line]
        if line.startswith("/") and len(line) > 1:
            return CommandReceived(line[1:].split(maxsplit=1)[0].lower())
        return TextReceived(line)


async def chat(settings: Settings, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Hold a conversation on stdin/stdout until end of input."""
    services = await Services.open(settings)
    runner = services.runner
    sender = TerminalSender(stdout)
    outbox = services.outbox(sender)
    stdout.write("bpu-bot chat — ketik nomor tombol atau jawaban Anda; Ctrl-D untuk keluar.\n")
    try:
        await runner.turn(TERMINAL_CHAT_ID, CommandReceived("start"), outbox)
        while True:
            stdout.write("\nanda> ")
            stdout.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            if line.strip():
                await runner.turn(TERMINAL_CHAT_ID, sender.event_for(line), outbox)
    finally:
        await outbox.close()
        await services.close()
