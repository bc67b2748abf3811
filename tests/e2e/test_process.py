"""`bpu-bot run` as a real process against a fake Bot API: it answers, and a SIGKILL loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.conftest import POSTGRES_URL, make_database_url
from tests.support.fake_bot_api import FakeBotApi
from tests.support.telegram import buttons

CHAT = 9001
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def bot_process(
    api: FakeBotApi, database_url: str, workdir: Path, *args: str, **extra: str
) -> Iterator[subprocess.Popen]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN",
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.base_url.replace("/bot", "/file/bot"),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "INFO",
        "HTTP_PORT": "0",
        **extra,
    }
    log = (workdir / "bot.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *args],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
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


def tap(api: FakeBotApi, label: str) -> None:
    api.push(api.factory.callback(CHAT, callback_for(api, label)))


def say(api: FakeBotApi, text: str) -> None:
    api.push(api.factory.text(CHAT, text))


async def postgres_dump() -> str:
    connection = await asyncpg.connect(POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        tables = [
            r["tablename"]
            for r in await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        rows = [
            str(r[0]) for table in tables for r in await connection.fetch(f"SELECT t::text FROM {table} t")
        ]
    finally:
        await connection.close()
    return "\n".join(rows)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sigkill_mid_registration_then_restart_continues_with_every_answer(kind: str, tmp_path: Path) -> None:
    database_url = make_database_url(kind, tmp_path)
    with FakeBotApi() as api:
        with bot_process(api, database_url, tmp_path) as bot:
            say(api, "/start")
            texts = api.wait_for_texts(CHAT, 2)
            assert texts[0].startswith("Halo! Saya asisten pendaftaran")
            assert texts[1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
            tap(api, "Daftar peserta")
            api.wait_for_texts(CHAT, 4)
            tap(api, "Setuju")
            api.wait_for_texts(CHAT, 5)
            say(api, "1471 0557 0885 0001")
            assert api.wait_for_texts(CHAT, 6)[-1].startswith("Dari NIK itu: lahir")
            tap(api, "Ya, benar")
            api.wait_for_texts(CHAT, 7)
            say(api, "Siti Aminah")
            api.wait_for_texts(CHAT, 8)
            say(api, "0812 3456 7890")
            assert api.wait_for_texts(CHAT, 9)[-1].startswith("Di kabupaten/kota mana")
            bot.send_signal(signal.SIGKILL)
            bot.wait(timeout=10)

        with bot_process(api, database_url, tmp_path):
            tap(api, "Kota Pekanbaru")  # the keyboard sent before the kill still answers the same question
            texts = api.wait_for_text(CHAT, "Ketik alamat tempat tinggal Anda")
            # The question sent just before the kill may come once more (it was in flight): never more.
            again = len(texts) - 10
            assert again in (0, 1)
            assert texts[-1].startswith("Ketik alamat tempat tinggal Anda")
            say(api, "Jl. Sudirman No. 5, RT 02/RW 03")
            api.wait_for_texts(CHAT, 11 + again)
            tap(api, "Ojek online")
            api.wait_for_texts(CHAT, 12 + again)
            tap(api, "Lanjut")
            api.wait_for_texts(CHAT, 13 + again)
            tap(api, "Rp1 juta")
            api.wait_for_texts(CHAT, 14 + again)
            tap(api, "JKK + JKM: Rp8.400/bulan")
            api.wait_for_texts(CHAT, 15 + again)
            tap(api, "Lewati")
            summary = api.wait_for_texts(CHAT, 17 + again)[-2]  # the particulars, then the plan and buttons
            assert "Nama: Siti Aminah\n" in summary
            assert "HP: +6281234567890\n" in summary
            assert "Domisili: Kota Pekanbaru, Riau\n" in summary
            tap(api, "Konfirmasi")
            texts = api.wait_for_texts(CHAT, 20 + again)
            assert texts[17 + again].startswith("Pendaftaran Anda tercatat.")

    # Nothing the bot wrote holds the NIK (or the name or phone) in clear: log, database files, every table.
    nik, spaced = "1471055708850001", "1471 0557 0885 0001"
    written = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    if kind == "postgresql":
        written += asyncio.run(postgres_dump()).encode()
    for secret in (nik, spaced, "Siti Aminah", "6281234567890", "3456 7890"):
        assert secret.encode() not in written, secret
    log = (tmp_path / "bot.log").read_text()
    assert log.count("turn chat=") >= 8  # one line per turn


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_webhook_mode_checks_the_secret_token_and_answers(tmp_path: Path) -> None:
    port = free_port()
    with (
        FakeBotApi() as api,
        bot_process(
            api,
            f"sqlite+aiosqlite:///{tmp_path / 'hook.sqlite3'}",
            tmp_path,
            "--webhook",
            WEBHOOK_URL="https://bot.example.id/telegram",
            WEBHOOK_SECRET="hook-secret",
            HTTP_PORT=str(port),
        ),
    ):
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        update = api.factory.text(CHAT, "/start")
        refused = httpx.post(f"{url}/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
        assert refused.status_code == 403
        assert api.sent(CHAT) == []
        accepted = httpx.post(
            f"{url}/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "hook-secret"}
        )
        assert accepted.status_code == 200
        assert api.wait_for_texts(CHAT, 2)[0].startswith("Halo! Saya asisten pendaftaran")
        hooks = [p for m, p in api.calls if m == "setWebhook"]
        assert hooks[0]["url"] == "https://bot.example.id/telegram"
        assert hooks[0]["secret_token"] == "hook-secret"
