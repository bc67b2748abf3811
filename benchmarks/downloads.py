"""Downloads: a claim document far larger than declared, while another chat is served.

A real HTTP server on 127.0.0.1 plays the Bot API (getFile declares 1,000 bytes; the file URL streams
`--megabytes` MB) and every Telegram call of the bot goes to it over HTTP (PTB's HTTPXRequest). The bot
runs on SQLite with the real Application; the document is fetched by the documents job while another chat
sends /bantuan every 100 ms. Run twice in the same process: the baseline (PTB's own `download_as_bytearray`
of the whole file, then sealing on the event loop: what the bot did before) and the bot's fetch (streamed,
stopped at `DOCUMENT_MAX_BYTES`, sealed off the loop). Prints, for each: bytes read, peak memory above the
process's own before the run (RSS, sampled every 5 ms), and the other chat's turn times.

    python -m benchmarks.downloads [--megabytes 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app.services import Services
from bot.app.settings import Settings
from bot.handlers.telegram import build_application
from storage.crypto import Vault, generate_key
from storage.migrate import upgrade
from storage.repositories.claims import ClaimRepository
from tests.support.files import jpeg
from tests.support.telegram import UpdateFactory

TOKEN = "1:DOWNLOAD"
CHUNK = 1 << 20


def serve(megabytes: int) -> tuple[ThreadingHTTPServer, list[int]]:
    """Start the fake Bot API over HTTP; return it and a counter of bytes it streamed."""
    streamed = [0]
    head = jpeg()

    class BotApi(BaseHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            return None

        def _json(self, result: Any) -> None:
            body = json.dumps({"ok": True, "result": result}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            method = self.path.rsplit("/", 1)[-1]
            if method == "getMe":
                self._json({"id": 1, "is_bot": True, "first_name": "bpu", "username": "bpu_bot"})
            elif method == "getFile":
                self._json(
                    {
                        "file_id": "big",
                        "file_unique_id": "u-big",
                        "file_size": 1000,
                        "file_path": "documents/big",
                    }
                )
            elif method in ("sendMessage", "sendPhoto"):
                chat = {"id": 1, "type": "private"}
                self._json({"message_id": 1, "date": int(time.time()), "chat": chat, "text": "ok"})
            else:
                self._json(True)

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(megabytes * CHUNK))
            self.end_headers()
            block = (head + b"\0" * CHUNK)[:CHUNK]
            try:
                for _ in range(megabytes):
                    self.wfile.write(block)
                    streamed[0] += len(block)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the bot stopped reading: what it should do past the limit

    server = ThreadingHTTPServer(("127.0.0.1", 0), BotApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, streamed


def rss() -> int:
    """This process's resident memory, in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


class Peak:
    """Sample RSS every 5 ms in a thread; remember the highest."""

    def __init__(self) -> None:
        self.base = rss()
        self.peak = self.base
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss())
            time.sleep(0.005)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return self.peak - self.base


async def one_run(megabytes: int, *, baseline: bool) -> dict[str, float]:
    server, streamed = serve(megabytes)
    port = server.server_address[1]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'download.sqlite3'}"
        await asyncio.to_thread(upgrade, url)
        settings = Settings(
            telegram_bot_token=TOKEN,
            database_url=url,
            telegram_api_base_url=f"http://127.0.0.1:{port}/bot",
            telegram_api_file_url=f"http://127.0.0.1:{port}/file/bot",
            documents_dir=str(Path(folder) / "documents"),
            send_rate_per_second=0,
        )
        services = Services.build(settings, vault=Vault(generate_key()))
        app = build_application(services)
        await app.initialize()
        now = datetime.now(UTC)

        def pending(session: Any) -> None:
            claims = ClaimRepository(session, services.vault)
            claim = claims.create(
                kind="kematian",
                programme="jkm",
                chat_id=5151,
                language="id",
                participant_id=None,
                details={"reporter_name": "Budi"},
                documents=("kk",),
                now=now,
            )
            claims.attach(claim, "kk", "big", "u-big", "image/jpeg", 1000, now)

        await services.db.run(pending)
        turns: list[float] = []
        done = asyncio.Event()

        async def other_chat() -> None:
            factory = UpdateFactory()
            while not done.is_set():
                raw = factory.text(777, "/bantuan")
                started = time.perf_counter()
                await app.process_update(Update.de_json(raw, app.bot))
                turns.append(time.perf_counter() - started)
                await asyncio.sleep(0.1)

        async def old_fetch() -> int:  # what the bot did before: PTB reads it all, sealing on the loop
            found = await app.bot.get_file("big")
            content = bytes(await found.download_as_bytearray())
            services.vault.seal_bytes(content)
            return len(content)

        peak = Peak()
        other = asyncio.create_task(other_chat())
        started = time.perf_counter()
        if baseline:
            read = await old_fetch()
            outcome = "stored (all of it)"
        else:
            fetched = await app.bot_data.documents.fetch_pending()
            read = streamed[0]
            outcome = "refused: too_large" if fetched.failed else "stored"
        elapsed = time.perf_counter() - started
        done.set()
        await other
        grown = peak.stop()
        await app.shutdown()
        await services.close()
        server.shutdown()
    return {
        "outcome": outcome,  # type: ignore[dict-item]
        "read_mb": read / CHUNK,
        "seconds": elapsed,
        "peak_mb": grown / CHUNK,
        "turns": len(turns),
        "turn_p50": statistics.median(turns) if turns else 0.0,
        "turn_max": max(turns) if turns else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--only", choices=("baseline", "fetch"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:  # one run in a fresh process, so each peak is measured from the same start
        print(json.dumps(asyncio.run(one_run(args.megabytes, baseline=args.only == "baseline"))))
        return
    limit = Settings().rules.document_max_bytes / 1_000_000
    print(f"a document declared as 1,000 bytes, {args.megabytes} MiB long; DOCUMENT_MAX_BYTES {limit:.0f} MB")
    for name, only in (("baseline (PTB reads it all)", "baseline"), ("the bot's fetch", "fetch")):
        command = [sys.executable, "-m", "benchmarks.downloads", "--megabytes", str(args.megabytes)]
        ran = subprocess.run([*command, "--only", only], capture_output=True, text=True, check=True)
        result = json.loads(ran.stdout.strip().splitlines()[-1])
        print(
            f"{name:28} {result['outcome']:19} read {result['read_mb']:6.1f} MiB "
            f"in {result['seconds']:5.2f} s, "
            f"peak +{result['peak_mb']:6.1f} MiB; other chat: {result['turns']} turns, "
            f"p50 {result['turn_p50'] * 1000:.0f} ms, max {result['turn_max'] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
