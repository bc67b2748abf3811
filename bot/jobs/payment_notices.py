"""Payment notices as channels send them: signature, and the one parser of webhook JSON and CSV rows.

Everything here faces the outside world: any input either becomes a `PaymentNotice` or an `InvalidNotice`
naming the field (never echoing its value), never another exception.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.payments import PaymentNotice

# A notice stamped later than this after our clock is refused: channels' clocks drift, not by hours.
CLOCK_SKEW = timedelta(minutes=10)
# BPU iuran could not be paid before BPJS Ketenagakerjaan began operating (1 July 2015).
EARLIEST_PAYMENT = datetime(2015, 7, 1, tzinfo=UTC)
MAX_AMOUNT = 100_000_000  # far above 12 months of the highest iuran; fits every integer column
MAX_MONTHS = 120
_ASCII_WHOLE = re.compile(r"[0-9]{1,12}")
_NIK = re.compile(r"[0-9]{16}")
_NIK_SEPARATORS = re.compile(r"[ .\-]")


class InvalidNotice(ValueError):
    """A notice is malformed; the message says which field, never its value."""


def signature(secret: str, body: bytes) -> str:
    """Return the `X-Signature` header value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed(secret: str, body: bytes, header: str | None) -> bool:
    """Check `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` in constant time.

    Compared as bytes: a header with non-ASCII characters is simply wrong, not an error.
    """
    if header is None:
        return False
    given = header.strip().encode("utf-8", "surrogateescape")
    return hmac.compare_digest(signature(secret, body).encode(), given)


def parse_json(body: bytes) -> dict[str, Any]:
    """Read a webhook body: one JSON object, of any depth an attacker likes, without raising past here."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:
        raise InvalidNotice("body: not valid JSON") from err
    if not isinstance(raw, dict):
        raise InvalidNotice("body: a JSON object is required")
    return raw


def parse_notice(raw: dict[str, Any], now: datetime) -> PaymentNotice:
    """Validate one notice's fields (webhook JSON object or CSV row) against the clock `now`."""
    reference, channel = _text(raw, "reference", 64), _text(raw, "channel", 40)
    nik = _NIK_SEPARATORS.sub("", _text(raw, "nik", 32))
    if not _NIK.fullmatch(nik):
        raise InvalidNotice("nik: 16 digits 0-9 required")
    amount = _whole(raw, "amount", MAX_AMOUNT)
    months = _whole(raw, "months", MAX_MONTHS)
    paid_at = _moment(raw, "paid_at")
    if paid_at > now + CLOCK_SKEW:
        raise InvalidNotice("paid_at: in the future")
    if paid_at < EARLIEST_PAYMENT:
        raise InvalidNotice(f"paid_at: before {EARLIEST_PAYMENT:%Y-%m-%d}, when BPU iuran began")
    return PaymentNotice(reference, channel, nik, amount, months, paid_at)


def _text(raw: dict[str, Any], name: str, limit: int) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise InvalidNotice(f"{name}: required text, at most {limit} characters")
    value = value.strip()
    # Control characters, lone surrogates, unassigned code points: nothing a channel's reference holds,
    # and each would break a database encoding or an operator's terminal.
    if any(unicodedata.category(c) in ("Cc", "Cs", "Cn", "Co", "Cf") for c in value):
        raise InvalidNotice(f"{name}: contains control or invalid characters")
    return value


def _whole(raw: dict[str, Any], name: str, limit: int) -> int:
    value = raw.get(name)
    if isinstance(value, str) and _ASCII_WHOLE.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= limit:
        raise InvalidNotice(f"{name}: required whole number from 1 to {limit}")
    return value


def _moment(raw: dict[str, Any], name: str) -> datetime:
    text = _text(raw, name, 40)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as err:
        raise InvalidNotice(f"{name}: ISO 8601 date-time required, e.g. 2026-11-10T09:15:00+07:00") from err
    if moment.tzinfo is None:
        raise InvalidNotice(f"{name}: a time zone offset is required, e.g. +07:00")
    try:
        return moment.astimezone(UTC)
    except OverflowError as err:  # 9999-12-31T23:59:59-14:00 is past the last representable instant
        raise InvalidNotice(f"{name}: out of range") from err
