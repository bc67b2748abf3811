"""`bpu-bot chat`: the same conversation in a terminal, on the same database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def chat(tmp_path: Path, typed: str) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=typed,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_terminal_chat_shows_the_menu_and_switches_language(tmp_path: Path) -> None:
    out = chat(tmp_path, "7\n2\n")
    assert "bot> Halo! Saya asisten pendaftaran" in out
    assert "[1] Daftar peserta   [2] Iuran & pengingat" in out
    assert "bot> Pilih bahasa / Choose your language:" in out
    assert "bot> OK, I will speak English from now on." in out


def test_terminal_chat_remembers_the_conversation_between_runs(tmp_path: Path) -> None:
    chat(tmp_path, "7\n2\n")
    out = chat(tmp_path, "")
    assert "bot> Hello! I am the BPJS Ketenagakerjaan registration assistant" in out
