"""Personal data at rest: sealed (encrypted) JSON and keyed hashes for look-ups (UU PDP No. 27/2022).

The key comes from `DATA_KEY` (a Fernet key) or, for the embedded default, a key file created on the first
start of an empty database (`DATA_KEY_FILE`, default `var/data.key`, mode 0600): see `bot/jobs/keys.py`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from base64 import urlsafe_b64decode
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class VaultError(ValueError):
    """The data key is malformed or a sealed value cannot be opened with it (no content in the message)."""


class Vault:
    """Encrypt and decrypt JSON values; hash identifiers with a key so a stolen table reveals nothing."""

    def __init__(self, key: str) -> None:
        try:
            raw = urlsafe_b64decode(key.encode())
            self._fernet = Fernet(key.encode())
        except (ValueError, TypeError) as err:
            raise VaultError("DATA_KEY must be a Fernet key (32 url-safe base64-encoded bytes)") from err
        self._lookup_key = hmac.new(raw, b"bpu-bot/lookup/v1", hashlib.sha256).digest()

    def seal(self, value: Any) -> str:
        """Encrypt a JSON-serialisable value."""
        return self._fernet.encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()

    def open(self, token: str) -> Any:
        """Decrypt what `seal` produced."""
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken as err:
            raise VaultError("a sealed value could not be opened with this DATA_KEY") from err

    def seal_bytes(self, content: bytes) -> bytes:
        """Encrypt raw bytes (a document photo or PDF)."""
        return self._fernet.encrypt(content)

    def open_bytes(self, token: bytes) -> bytes:
        """Decrypt what `seal_bytes` produced."""
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as err:
            raise VaultError("a sealed file could not be opened with this DATA_KEY") from err

    def lookup_hash(self, identifier: str) -> str:
        """Return the keyed hash used to find a record by NIK without storing the NIK."""
        return hmac.new(self._lookup_key, identifier.encode(), hashlib.sha256).hexdigest()


def generate_key() -> str:
    """Return a new random data key."""
    return Fernet.generate_key().decode()
