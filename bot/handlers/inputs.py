"""Translate a Telegram message into a flow event."""

from __future__ import annotations

from telegram import Message

from bot.flows.base import (
    CommandReceived,
    ContactShared,
    Event,
    FileReceived,
    LocationShared,
    TextReceived,
    Unsupported,
)

CAPTION_LIMIT = 200  # a caption is read only to name the document it comes with


def from_message(message: Message) -> Event:
    """Return the event a message stands for; anything unreadable becomes `Unsupported`."""
    if message.text is not None:
        if message.text.startswith("/"):
            command, _, args = message.text[1:].partition(" ")
            return CommandReceived(command.split("@", 1)[0].lower(), args.strip()[:64])
        return TextReceived(message.text)
    if message.contact is not None:
        sender_id = message.from_user.id if message.from_user else None
        own = message.contact.user_id is not None and message.contact.user_id == sender_id
        return ContactShared(message.contact.phone_number, own)
    if message.location is not None:
        return LocationShared(message.location.latitude, message.location.longitude)
    if message.photo:
        largest = message.photo[-1]
        return FileReceived(
            largest.file_id,
            largest.file_unique_id,
            "image/jpeg",
            largest.file_size or 0,
            caption=(message.caption or "")[:CAPTION_LIMIT],
        )
    if message.document is not None:
        document = message.document
        mime = document.mime_type or "application/octet-stream"
        return FileReceived(
            document.file_id,
            document.file_unique_id,
            mime,
            document.file_size or 0,
            photo=False,
            caption=(message.caption or "")[:CAPTION_LIMIT],
        )
    return Unsupported(_kind(message))


def _kind(message: Message) -> str:
    for kind in ("sticker", "voice", "audio", "video", "video_note", "animation", "document", "poll", "dice"):
        if getattr(message, kind, None):
            return kind
    return "other"
