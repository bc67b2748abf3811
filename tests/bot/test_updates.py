"""One definition of the updates the bot acts on, the same for polling, the webhook and the handlers."""

from __future__ import annotations

import pytest

from bot.handlers.updates import acts_on
from tests.support.telegram import BotClient, UpdateFactory

CHAT = 4242
FACTORY = UpdateFactory()


def in_group(raw: dict) -> dict:
    message = raw.get("message") or raw["callback_query"]["message"]
    message["chat"] = {"id": -100123, "type": "supergroup", "title": "Paguyuban ojol"}
    return raw


@pytest.mark.parametrize(
    ("raw", "acted"),
    [
        (FACTORY.text(CHAT, "/start"), True),
        (FACTORY.callback(CHAT, "1:1:daftar"), True),
        (in_group(FACTORY.text(CHAT, "/start")), False),
        (in_group(FACTORY.callback(CHAT, "1:1:daftar")), False),
        ({"update_id": 9, "edited_message": FACTORY.text(CHAT, "x")["message"]}, False),
        ({"update_id": 10, "channel_post": FACTORY.text(CHAT, "x")["message"]}, False),
        ({"update_id": "11", "message": FACTORY.text(CHAT, "x")["message"]}, False),
        ({"update_id": 12}, False),
        ([], False),
    ],
)
def test_only_private_messages_and_buttons_are_acted_on(raw: object, acted: bool) -> None:
    assert acts_on(raw) is acted  # type: ignore[arg-type]


async def test_a_button_tapped_in_a_group_starts_no_turn(worker: BotClient) -> None:
    await worker.says("/start")
    data = worker.button_data("Daftar peserta")  # a current, well-stamped button
    before = len(worker.request.calls)
    await worker.deliver(in_group(worker.updates.callback(CHAT, data)))
    assert len(worker.request.calls) == before  # not even answered: the bot does not act in groups
