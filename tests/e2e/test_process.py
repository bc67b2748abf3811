"""`bpu-bot run` as a real process against a fake Bot API: it answers, and a SIGKILL loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import make_database_url
from tests.support.fake_bot_api import FakeBotApi
from tests.support.telegram import buttons

CHAT = 9001
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def bot_process(api: FakeBotApi, database_url: str, workdir: Path) -> Iterator[subprocess.Popen]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN",
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.base_url.replace("/bot", "/file/bot"),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "INFO",
    }
    log = (workdir / "bot.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        log.close()


def callback_for(api: FakeBotApi, label: str) -> str:
    for params in reversed(api.sent(CHAT)):
        found = dict(buttons(type("Call", (), {"params": params})()))  # same shape as a recorded call
        if label in found:
            return found[label]
    raise AssertionError(f"no button {label!r}")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sigkill_mid_exchange_then_restart_continues_at_the_same_question(kind: str, tmp_path: Path) -> None:
    database_url = make_database_url(kind, tmp_path)
    with FakeBotApi() as api:
        with bot_process(api, database_url, tmp_path) as bot:
            api.push(api.factory.text(CHAT, "/start"))
            texts = api.wait_for_texts(CHAT, 2)
            assert texts[0].startswith("Halo! Saya asisten pendaftaran")
            assert texts[1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
            api.push(api.factory.text(CHAT, "/bahasa"))
            assert api.wait_for_texts(CHAT, 3)[-1] == "Pilih bahasa / Choose your language:"
            english = callback_for(api, "English")
            bot.send_signal(signal.SIGKILL)
            bot.wait(timeout=10)

        with bot_process(api, database_url, tmp_path):
            api.push(api.factory.callback(CHAT, english))
            texts = api.wait_for_texts(CHAT, 5)
            assert texts[3] == "OK, I will speak English from now on."
            assert texts[4] == "What would you like to do? Tap one of the buttons:"
            api.push(api.factory.text(CHAT, "/start"))
            assert api.wait_for_texts(CHAT, 7)[5].startswith("Hello!")
    log = (tmp_path / "bot.log").read_text()
    assert "turn chat=" in log
    assert str(CHAT) not in log.replace(f"chat_id={CHAT}", "")


def test_run_without_a_token_names_the_variable_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "bpu-bot: TELEGRAM_BOT_TOKEN is not set (the token from @BotFather)."
    ]
