"""Configuration from the environment (and an optional `.env` file); see the README's table."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from dotenv import dotenv_values

from bot.domain.rules import DEFAULT_RULES, Rules

NumberT = TypeVar("NumberT", int, float)
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/bpu-bot.sqlite3"


FREE_RATE = 30  # messages a second Telegram allows a bot for free
PAID_RATE = 1000  # with allow_paid_broadcast, at 0.1 Telegram Star per message


class SettingsError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    telegram_bot_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    # A local Bot API server (--local) that shares its working folder with the bot: only files inside it
    # are read from disk. Unset, a getFile path is always fetched over HTTP from the file URL.
    telegram_local_files_dir: str | None = None
    # The bot's @username, for the sponsor links `https://t.me/<username>?start=sp-CODE`.
    telegram_bot_username: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    admin_chat_ids: frozenset[int] = field(default_factory=frozenset)
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    webhook_url: str | None = None
    webhook_secret: str | None = None
    payment_webhook_secret: str | None = None
    send_rate_per_second: float = 30.0
    bulk_share: float = 0.5
    chat_backlog: int = 20
    outbox_lease_seconds: float = 60.0
    log_salt: str = "bpu-bot"
    timezone: str = "Asia/Jakarta"
    data_key: str | None = None
    data_key_file: str = "var/data.key"
    http_max_connections: int = 1000
    http_header_timeout: float = 10.0
    http_body_timeout: float = 30.0
    nik_checks_per_day: int = 5
    documents_dir: str = "var/documents"
    paid_broadcast: bool = False
    metrics_token: str | None = None
    console_secure_cookies: bool = False
    log_format: str = "text"
    reminder_share: float = 0.8  # of the send rate, what reminders may plan to take; the rest is for replies
    rules: Rules = DEFAULT_RULES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, env_file: str | None = ".env") -> Settings:
        """Read settings; real environment variables win over `.env`."""
        values: dict[str, str] = {}
        if env_file and os.path.exists(env_file):
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if env is None else env)

        def get(name: str, default: str | None = None) -> str | None:
            value = values.get(name, "").strip()
            return value or default

        token = get("TELEGRAM_BOT_TOKEN")
        settings = cls(
            telegram_bot_token=token,
            telegram_api_base_url=get("TELEGRAM_API_BASE_URL", cls.telegram_api_base_url),
            telegram_api_file_url=get("TELEGRAM_API_FILE_URL", cls.telegram_api_file_url),
            telegram_local_files_dir=get("TELEGRAM_LOCAL_FILES_DIR") or None,
            telegram_bot_username=(get("TELEGRAM_BOT_USERNAME") or "").lstrip("@") or None,
            database_url=get("DATABASE_URL", DEFAULT_DATABASE_URL),
            log_level=get("LOG_LEVEL", "INFO").upper(),
            admin_chat_ids=_int_set("ADMIN_CHAT_IDS", get("ADMIN_CHAT_IDS", "")),
            http_host=get("HTTP_HOST", cls.http_host),
            http_port=_number("HTTP_PORT", get("HTTP_PORT", str(cls.http_port)), int),
            webhook_url=get("WEBHOOK_URL"),
            webhook_secret=get("WEBHOOK_SECRET"),
            payment_webhook_secret=get("PAYMENT_WEBHOOK_SECRET"),
            send_rate_per_second=_number("SEND_RATE_PER_SECOND", get("SEND_RATE_PER_SECOND", "30"), float),
            bulk_share=_number("BULK_SHARE", get("BULK_SHARE", "0.5"), float),
            chat_backlog=_number("CHAT_BACKLOG", get("CHAT_BACKLOG", "20"), int),
            outbox_lease_seconds=_number("OUTBOX_LEASE_SECONDS", get("OUTBOX_LEASE_SECONDS", "60"), float),
            # Chat ids in logs are hashed with this salt; default to something only this deployment knows.
            log_salt=get("LOG_SALT", token or "bpu-bot"),
            data_key=get("DATA_KEY"),
            data_key_file=get("DATA_KEY_FILE", cls.data_key_file),
            http_max_connections=_number("HTTP_MAX_CONNECTIONS", get("HTTP_MAX_CONNECTIONS", "1000"), int),
            http_header_timeout=_number("HTTP_HEADER_TIMEOUT", get("HTTP_HEADER_TIMEOUT", "10"), float),
            http_body_timeout=_number("HTTP_BODY_TIMEOUT", get("HTTP_BODY_TIMEOUT", "30"), float),
            nik_checks_per_day=_number("NIK_CHECKS_PER_DAY", get("NIK_CHECKS_PER_DAY", "5"), int),
            documents_dir=get("DOCUMENTS_DIR", cls.documents_dir) or cls.documents_dir,
            paid_broadcast=_flag("PAID_BROADCAST", get("PAID_BROADCAST", "false") or "false"),
            metrics_token=get("METRICS_TOKEN"),
            console_secure_cookies=_flag(
                "CONSOLE_SECURE_COOKIES", get("CONSOLE_SECURE_COOKIES", "false") or "false"
            ),
            log_format=_choice("LOG_FORMAT", (get("LOG_FORMAT", "text") or "text").lower(), ("text", "json")),
            reminder_share=_share("REMINDER_SHARE", get("REMINDER_SHARE", "0.8") or "0.8"),
            rules=replace(
                DEFAULT_RULES,
                min_age=_number("BPU_MIN_AGE", get("BPU_MIN_AGE", str(DEFAULT_RULES.min_age)), int),
                max_age_exclusive=_number(
                    "BPU_MAX_AGE", get("BPU_MAX_AGE", str(DEFAULT_RULES.max_age_exclusive)), int
                ),
                max_income=_number(
                    "BPU_MAX_INCOME", get("BPU_MAX_INCOME", str(DEFAULT_RULES.max_income)), int
                ),
                becak_is_transport=_flag("BPU_BECAK_IS_TRANSPORT", get("BPU_BECAK_IS_TRANSPORT", "true")),
                document_max_bytes=_number(
                    "DOCUMENT_MAX_BYTES",
                    get("DOCUMENT_MAX_BYTES", str(DEFAULT_RULES.document_max_bytes)),
                    int,
                ),
            ),
        )
        settings.check_rate()
        return settings

    def check_rate(self) -> None:
        """Refuse a send rate Telegram would answer with 429s (free: about 30 a second; paid: up to 1,000)."""
        if self.send_rate_per_second > FREE_RATE and not self.paid_broadcast:
            raise SettingsError(
                f"SEND_RATE_PER_SECOND above {FREE_RATE} needs PAID_BROADCAST=true "
                "(Telegram's paid broadcasts: 0.1 Star per message)"
            )
        if self.send_rate_per_second > PAID_RATE:
            raise SettingsError(f"SEND_RATE_PER_SECOND is at most {PAID_RATE} (Telegram's paid broadcasts)")


def _int_set(name: str, raw: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as err:
        raise SettingsError(f"{name} must be a comma-separated list of chat ids") from err


def _number(name: str, raw: str, kind: type[NumberT]) -> NumberT:
    try:
        return kind(raw)
    except ValueError as err:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from err


def _choice(name: str, raw: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _share(name: str, raw: str) -> float:
    share = _number(name, raw, float)
    if not 0 < share <= 1:
        raise SettingsError(f"{name} must be more than 0 and at most 1, got {raw!r}")
    return share


def _flag(name: str, raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes", "ya"):
        return True
    if raw.lower() in ("0", "false", "no", "tidak"):
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")
