"""Whatever a worker sends while a question waits, they get a clear message and the same question."""

from __future__ import annotations

import pytest

from bot.turn.runner import Runner
from storage.repositories.conversations import ConversationRepository
from tests.support.telegram import PHOTO, STICKER, BotClient

QUESTION = "Pilih bahasa / Choose your language:"
VOICE = {"file_id": "v1", "file_unique_id": "vu1", "duration": 3}


async def stored(runner: Runner, chat_id: int) -> tuple:
    convo = await runner.db.run(lambda db: ConversationRepository(db, runner.vault).get(chat_id))
    assert convo is not None
    return convo.flow, convo.state, convo.data, convo.drafts, convo.language


BAD_INPUTS = {
    "sticker": ("sends", {"sticker": STICKER}, "Maaf, saya belum bisa membaca pesan jenis itu."),
    "voice note": ("sends", {"voice": VOICE}, "Maaf, saya belum bisa membaca pesan jenis itu."),
    "photo where text is expected": ("sends", {"photo": PHOTO}, "Mohon pilih salah satu tombol"),
    "5,000-character message": ("says", "x" * 5000, "Pesannya terlalu panjang"),
    "unknown command": ("says", "/hapussemua", "Perintah itu tidak saya kenal"),
    "typed answer where a button is needed": ("says", "Jawa", "Mohon pilih salah satu tombol"),
    "callback data never sent": ("taps_data", "999:1:en", "Tombol itu sudah tidak berlaku"),
    "garbage callback data": ("taps_data", "';DROP TABLE conversations;--", "Tombol itu sudah tidak berlaku"),
    "current stamp with an unknown key": ("current_stamp", "xx", "Mohon pilih salah satu tombol"),
    "location where a button is needed": (
        "sends",
        {"location": {"latitude": -6.2, "longitude": 106.8}},
        "Mohon pilih salah satu tombol",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
async def test_bad_input_gets_an_explanation_and_the_same_question(
    worker: BotClient, runner: Runner, kind: str
) -> None:
    await worker.says("/bahasa")
    before = await stored(runner, worker.chat_id)
    how, payload, explanation = BAD_INPUTS[kind]
    if how == "sends":
        said = await worker.sends(**payload)
    elif how == "says":
        said = await worker.says(payload)
    elif how == "current_stamp":
        prefix = worker.button_data("English").rsplit(":", 1)[0]
        said = await worker.taps_data(f"{prefix}:{payload}")
    else:
        said = await worker.taps_data(payload)
    assert said[0].startswith(explanation)
    assert said[-1] == QUESTION
    assert worker.last_buttons() == ["Bahasa Indonesia", "English"]
    assert await stored(runner, worker.chat_id) == before


async def test_old_keyboard_tapped_again_is_stale(worker: BotClient, runner: Runner) -> None:
    await worker.says("/bahasa")
    old_english = worker.button_data("English")
    await worker.says("hmm")  # the question is asked again with a fresh keyboard
    before = await stored(runner, worker.chat_id)
    said = await worker.taps_data(old_english)
    assert said == ["Tombol itu sudah tidak berlaku. Ini pertanyaan yang sedang berjalan:", QUESTION]
    assert await stored(runner, worker.chat_id) == before


async def test_double_tap_acts_once(worker: BotClient, runner: Runner) -> None:
    await worker.says("/bahasa")
    english = worker.button_data("English")
    first = await worker.taps_data(english)
    second = await worker.taps_data(english)
    assert first[0] == "OK, I will speak English from now on."
    assert second[0] == "That button is no longer valid. Here is the current question:"
    assert (await stored(runner, worker.chat_id))[4] == "en"
