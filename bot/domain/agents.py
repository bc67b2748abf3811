"""Assisted enrolment: an agent enrols a worker who has no phone or no Telegram. Pure.

The agent reads the consent aloud and sends the photo of the form the worker signed; the worker's own
chat can be linked later with a one-time code the agent hands over. An agent enrols at most
`DAILY_LIMIT` workers a day and sees only their own enrolments, masked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

DAILY_LIMIT = 30
LINK_VALID = timedelta(days=30)
START_PREFIX = "ag-"  # the agent's one-time link: t.me/<bot>?start=ag-TOKEN
# No 0/O, 1/I/L: a code is read aloud and typed on a cheap phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LINK_CODE_LENGTH = 8


def new_link_code() -> str:
    """Return a one-time code for linking a worker's own chat (about 40 bits, valid 30 days)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))


def typed_link_code(text: str) -> str | None:
    """Return the code in what a worker typed (spaces, dashes and case ignored), or None."""
    code = "".join(c for c in text.upper() if c.isalnum())
    if len(code) != LINK_CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def shown_code(code: str) -> str:
    """Return the code as it is read aloud: `ABCD-2345`."""
    return f"{code[:4]}-{code[4:]}"


def new_bind_token() -> str:
    """Return the secret of an agent's one-time link (Telegram's start parameter allows [A-Za-z0-9_-])."""
    return secrets.token_urlsafe(18)


def digest(secret: str) -> str:
    """Return what is stored of a one-time secret: its SHA-256 (random secrets need no key)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def bind_token(start: str) -> str | None:
    """Return the token of an agent's link (`ag-…`), or None."""
    raw = start.strip()
    if not raw.startswith(START_PREFIX):
        return None
    token = raw[len(START_PREFIX) :]
    return token if 16 <= len(token) <= 40 and all(c.isalnum() or c in "-_" for c in token) else None


def masked_name(name: str) -> str:
    """Return a name as an agent's list shows it: each word's first letter (`S. A.`)."""
    return " ".join(f"{word[0]}." for word in name.split() if word) or "-"
