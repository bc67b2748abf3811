"""A fake Telegram Bot API HTTP server on 127.0.0.1, for running `bpu-bot run` as a real process."""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.support.telegram import BOT_USER, UpdateFactory


class FakeBotApi:
    """Queue updates for getUpdates and record every other call."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.factory = UpdateFactory()
        self._message_ids = itertools.count(1)
        self._changed = threading.Condition()
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def __enter__(self) -> FakeBotApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what a test does --------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> None:
        with self._changed:
            self.updates.append(update)
            self._changed.notify_all()

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        with self._changed:
            return self._sent_locked(chat_id)

    def wait_for_texts(self, chat_id: int, count: int, timeout: float = 20.0) -> list[str]:
        """Wait until `count` messages were sent to `chat_id`; return all texts sent to it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._sent_locked(chat_id)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"bot sent {len(self._sent_locked(chat_id))} of {count} messages")
                self._changed.wait(remaining)
            return [p.get("text") or p.get("caption", "") for p in self._sent_locked(chat_id)]

    def wait_for_keyboard(
        self, chat_id: int, wanted: Callable[[dict[str, str]], bool], timeout: float = 20.0
    ) -> dict[str, str]:
        """Wait until the newest inline keyboard sent to `chat_id` is `wanted`; return it (label → data)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for params in reversed(self._sent_locked(chat_id)):
                    markup = params.get("reply_markup")
                    if isinstance(markup, str):
                        markup = json.loads(markup)
                    rows = (markup or {}).get("inline_keyboard") if isinstance(markup, dict) else None
                    if rows:
                        keyboard = {b["text"]: b["callback_data"] for row in rows for b in row}
                        if wanted(keyboard):
                            return keyboard
                        break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no new keyboard sent to {chat_id}")
                self._changed.wait(remaining)

    def wait_for_text(self, chat_id: int, prefix: str, timeout: float = 20.0) -> list[str]:
        """Wait until a message starting with `prefix` was sent to `chat_id`; return all texts sent to it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                texts = [p.get("text") or p.get("caption", "") for p in self._sent_locked(chat_id)]
                if any(text.startswith(prefix) for text in texts):
                    return texts
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no message starting {prefix!r}; last: {texts[-1:]}")
                self._changed.wait(remaining)

    def _sent_locked(self, chat_id: int) -> list[dict[str, Any]]:
        # A request cut off by a killed bot arrives without its fields: it was never sent.
        return [
            p
            for m, p in self.calls
            if m in ("sendMessage", "sendPhoto") and str(p.get("chat_id") or "") == str(chat_id)
        ]

    # --- the HTTP side ------------------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            timeout = min(float(params.get("timeout") or 0), 1.0)
            with self._changed:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                if not self.updates and timeout:
                    self._changed.wait(timeout)
                return list(self.updates)
        with self._changed:
            self.calls.append((method, params))
            self._changed.notify_all()
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "sendPhoto"):
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        return True

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real Bot API

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("application/json"):
                    params = json.loads(body or "{}")
                elif kind.startswith("multipart/"):
                    params = {
                        "chat_id": _multipart_field(body, "chat_id"),
                        "caption": _multipart_field(body, "caption"),
                    }
                else:
                    params = {k: _maybe_json(v[0]) for k, v in parse_qs(body).items()}
                method = self.path.rsplit("/", 1)[-1]
                payload = json.dumps({"ok": True, "result": api._answer(method, params)}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                return None

        return Handler


class _Server(ThreadingHTTPServer):
    """A threading server with a listen backlog for hundreds of concurrent connections."""

    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up (a bot process killed or stopped mid long-poll)."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _multipart_field(body: str, name: str) -> str:
    marker = f'name="{name}"'
    if marker not in body:
        return ""
    return body.split(marker, 1)[1].split("\r\n\r\n", 1)[1].split("\r\n", 1)[0]
