"""Telegram faked at the HTTP boundary: every handler, keyboard and callback runs through PTB for real."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

# What a worker may send instead of text, as the Bot API describes it.
STICKER = {
    "file_id": "s1",
    "file_unique_id": "su1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "ph1", "file_unique_id": "phu1", "width": 90, "height": 90}]

BOT_USER = {"id": 777000, "is_bot": True, "first_name": "BPU Bot", "username": "bpu_test_bot"}


@dataclass
class Call:
    """One Bot API call the bot made."""

    endpoint: str
    params: dict[str, Any]


class RecordingRequest(BaseRequest):
    """Record every Bot API call and answer it like Telegram would."""

    def __init__(self, latency: float = 0.0) -> None:
        self.calls: list[Call] = []
        self.by_chat: dict[int, list[Call]] = {}
        self.latency = latency
        self.blocked: set[int] = set()  # chats that blocked the bot: 403
        self.throttled: dict[int, int] = {}  # chat -> retry_after for the next send: 429 once
        # chat -> what the next sends to it meet, in order: "500", "400", "timeout" (then they go through)
        self.failures: dict[int, list[str]] = {}
        self._message_ids = itertools.count(1000)
        self.files: dict[str, bytes] = {}  # file_id -> content, for getFile and the file download
        self.file_paths: dict[str, str] = {}  # file_id -> the file_path getFile answers (a forged one)
        self.declared_sizes: dict[str, int | None] = {}  # file_id -> the file_size getFile declares

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, **_: Any):
        if "/file/bot" in url:  # a download of what getFile described
            file_id = url.rsplit("/", 1)[-1]
            return (200, self.files[file_id]) if file_id in self.files else (404, b"Not Found")
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for name, part in (request_data.multipart_data or {}).items():
                params[name] = part[1]  # (file name, content, mime type)
        call = Call(endpoint, params)
        self.calls.append(call)
        if self.latency:
            await asyncio.sleep(self.latency)
        chat = int(params["chat_id"]) if "chat_id" in params else None
        if endpoint.startswith("send") and chat in self.blocked:
            self.calls.remove(call)
            return 403, json.dumps(
                {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            ).encode()
        if endpoint.startswith("send") and self.failures.get(chat or 0):
            self.calls.remove(call)
            failure = self.failures[chat or 0].pop(0)
            if failure == "timeout":
                raise TimedOut("the fake Bot API did not answer in time")
            code = int(failure)
            description = "Internal Server Error" if code >= 500 else "Bad Request: message text is empty"
            return code, json.dumps({"ok": False, "error_code": code, "description": description}).encode()
        if endpoint.startswith("send") and chat in self.throttled:
            self.calls.remove(call)
            retry_after = self.throttled.pop(chat)
            return 429, json.dumps(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests",
                    "parameters": {"retry_after": retry_after},
                }
            ).encode()
        if endpoint == "getFile":
            file_id = str(params["file_id"])
            if file_id not in self.files:
                return 400, json.dumps(
                    {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
                ).encode()
            described = {
                "file_id": file_id,
                "file_unique_id": f"u-{file_id}",
                "file_size": self.declared_sizes.get(file_id, len(self.files[file_id])),
                "file_path": self.file_paths.get(file_id, f"documents/{file_id}"),
            }
            if described["file_size"] is None:
                del described["file_size"]
            return 200, json.dumps({"ok": True, "result": described}).encode()
        if endpoint in ("sendMessage", "sendPhoto"):
            self.by_chat.setdefault(int(params["chat_id"]), []).append(call)
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint in ("sendMessage", "sendPhoto"):
            message = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
            }
            if endpoint == "sendMessage":
                message["text"] = params.get("text", "")
            else:
                message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]
                message["caption"] = params.get("caption", "")
            return message
        if endpoint == "getUpdates":
            return []
        return True

    def sent_to(self, chat_id: int) -> list[Call]:
        return list(self.by_chat.get(chat_id, ()))


def user(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Pekerja", "language_code": "id"}


# Telegram numbers updates per bot, not per chat: every chat's updates share one sequence.
_UPDATE_IDS = itertools.count(1)


class UpdateFactory:
    """Build Bot API update dicts with increasing update ids."""

    def __init__(self, start: int | None = None) -> None:
        self._ids = _UPDATE_IDS if start is None else itertools.count(start)
        self._message_ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)

    def message(self, chat_id: int, update_id: int | None = None, **content: Any) -> dict[str, Any]:
        return {
            "update_id": update_id if update_id is not None else self.next_id(),
            "message": {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Pekerja"},
                "from": user(chat_id),
                **content,
            },
        }

    def text(self, chat_id: int, text: str, update_id: int | None = None) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.message(chat_id, update_id, **content)

    def callback(self, chat_id: int, data: str, update_id: int | None = None) -> dict[str, Any]:
        return {
            "update_id": update_id if update_id is not None else self.next_id(),
            "callback_query": {
                "id": str(next(self._message_ids)),
                "from": user(chat_id),
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": 1,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "from": BOT_USER,
                    "text": "…",
                },
            },
        }


def buttons(call: Call) -> list[tuple[str, str]]:
    """Return (label, callback_data) of every inline button in a sent message."""
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not markup or "inline_keyboard" not in markup:
        return []
    return [(b["text"], b["callback_data"]) for row in markup["inline_keyboard"] for b in row]


def reply_keyboard(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not markup or "keyboard" not in markup:
        return []
    return [b for row in markup["keyboard"] for b in row]


class BotClient:
    """A worker chatting with the real Application: send text, tap buttons by their visible label."""

    def __init__(self, application: Application, request: RecordingRequest, chat_id: int = 4242) -> None:
        self.app = application
        self.request = request
        self.chat_id = chat_id
        self.updates = UpdateFactory()
        self._seen = 0

    async def deliver(self, raw: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(raw, self.app.bot))

    async def says(self, text: str) -> list[str]:
        await self.deliver(self.updates.text(self.chat_id, text))
        return self.new_texts()

    async def sends(self, **content: Any) -> list[str]:
        await self.deliver(self.updates.message(self.chat_id, **content))
        return self.new_texts()

    async def taps(self, label: str) -> list[str]:
        data = self.button_data(label)
        await self.deliver(self.updates.callback(self.chat_id, data))
        return self.new_texts()

    async def taps_data(self, data: str) -> list[str]:
        await self.deliver(self.updates.callback(self.chat_id, data))
        return self.new_texts()

    def button_data(self, label: str) -> str:
        for call in reversed(self.request.sent_to(self.chat_id)):
            for text, data in buttons(call):
                if text == label:
                    return data
            if buttons(call):
                break
        raise AssertionError(f"no button {label!r} in the last keyboard: {self.last_buttons()}")

    def last_buttons(self) -> list[str]:
        for call in reversed(self.request.sent_to(self.chat_id)):
            if found := buttons(call):
                return [label for label, _ in found]
        return []

    def new_calls(self) -> list[Call]:
        calls = self.request.sent_to(self.chat_id)
        fresh, self._seen = calls[self._seen :], len(calls)
        return fresh

    def new_texts(self) -> list[str]:
        return [c.params.get("text") or c.params.get("caption", "") for c in self.new_calls()]
