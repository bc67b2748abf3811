"""When something breaks inside a turn, the worker is told to try again and nothing is half-saved."""

from __future__ import annotations

import logging

import pytest

from bot.flows import language
from tests.support.telegram import BotClient


async def test_a_failing_turn_apologises_and_keeps_the_question(
    worker: BotClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await worker.says("/bahasa")

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(language.FLOW, "handle", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        said = await worker.taps("English")
    assert said == [
        "Maaf, ada gangguan di sistem kami. Jawaban Anda yang sebelumnya tetap tersimpan; "
        "coba lagi sebentar lagi."
    ]
    assert "failed: RuntimeError" in caplog.text
    monkeypatch.undo()
    said = await worker.says("hmm")
    assert said[-1] == "Pilih bahasa / Choose your language:"


async def test_an_english_speaker_hears_the_apology_in_english_through_the_outbox(
    worker: BotClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await worker.says("/bahasa")
    await worker.taps("English")
    await worker.says("/bahasa")

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(language.FLOW, "handle", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        said = await worker.taps("Bahasa Indonesia")
    assert said == [
        "Sorry, something went wrong on our side. Your earlier answers are kept; "
        "please try again in a moment."
    ]
    sent = worker.request.sent_to(worker.chat_id)[-1]
    assert sent.endpoint == "sendMessage"  # delivered by the outbox, recorded as sent
