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
