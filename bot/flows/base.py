"""The vocabulary every flow speaks: events in, replies and effects out.

Flows are pure: they never import telegram or sqlalchemy and never read the clock. Everything a flow
needs from the outside world arrives in a `FlowContext`; everything it wants done leaves as data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from bot.domain.participants import Participant
from bot.domain.rules import DEFAULT_RULES, Rules


def N_(msgid: str) -> str:
    """Mark a string for translation; it is translated only when rendered."""
    return msgid


# --- Typed parameters: formatted by render.py in the user's language -------------------------------


@dataclass(frozen=True)
class Rupiah:
    """A whole-rupiah amount, shown as `Rp16.800`."""

    amount: int


@dataclass(frozen=True)
class Day:
    """A calendar date, shown as `15 Desember 2026` or, with the weekday, `Senin, 16 November 2026`."""

    value: date
    weekday: bool = False


@dataclass(frozen=True)
class Month:
    """An iuran month, shown as `November 2026`."""

    value: date


@dataclass(frozen=True)
class Text:
    """A translatable text used as a parameter of another text."""

    msgid: str
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Lines:
    """Several translatable texts joined by newlines, e.g. a summary or a checklist."""

    items: tuple[Param, ...]


Param = str | int | Rupiah | Day | Month | Text | Lines


# --- Replies --------------------------------------------------------------------------------------


class Request(StrEnum):
    """A special keyboard the user may answer with instead of typing."""

    CONTACT = "contact"
    LOCATION = "location"


@dataclass(frozen=True)
class Choice:
    """A button: `key` comes back in `ChoiceMade`, `label` is a msgid."""

    key: str
    label: str
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Say:
    """One message to the user, optionally with buttons or a request for a contact/location."""

    text: str
    params: Mapping[str, Param] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()
    request: Request | None = None
    request_label: str | None = None
    columns: int = 1


@dataclass(frozen=True)
class Picture:
    """A picture (PNG bytes) with a caption msgid."""

    png: bytes
    caption: str
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Card:
    """A participant card: rendered as a PNG with a QR code of the registration number."""

    name: str
    number: str
    programme: str
    caption: str
    params: Mapping[str, Param] = field(default_factory=dict)
    receipt: bool = False  # a registration receipt (bukti pendaftaran), not yet a participant card


Reply = Say | Picture | Card


# --- Events ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    """The flow was entered (from the menu or a command)."""


@dataclass(frozen=True)
class Resumed:
    """The flow is shown again after an interruption; it re-asks its current question."""


@dataclass(frozen=True)
class TextReceived:
    """The user typed text."""

    text: str


@dataclass(frozen=True)
class ChoiceMade:
    """The user tapped a current button."""

    key: str


@dataclass(frozen=True)
class StaleChoice:
    """The user tapped a button from an old keyboard, twice, or sent forged callback data."""


@dataclass(frozen=True)
class ContactShared:
    """The user shared a contact; `own` says whether it is their own Telegram account."""

    phone: str
    own: bool


@dataclass(frozen=True)
class LocationShared:
    """The user shared a location."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class FileReceived:
    """The user sent a photo or a document; `file_id` lets a later step fetch it from Telegram."""

    file_id: str
    unique_id: str = ""
    mime: str = "image/jpeg"
    size: int = 0
    photo: bool = True
    caption: str = ""


@dataclass(frozen=True)
class Unsupported:
    """Something the bot cannot read: a sticker, a voice note, a video, a poll..."""

    kind: str


@dataclass(frozen=True)
class CommandReceived:
    """A slash command such as `/batal`; `args` is what follows it (a deep link's start parameter)."""

    name: str
    args: str = ""


Event = (
    Started
    | Resumed
    | TextReceived
    | ChoiceMade
    | StaleChoice
    | ContactShared
    | LocationShared
    | FileReceived
    | Unsupported
    | CommandReceived
)


# --- Effects --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetLanguage:
    """Speak `language` to this user from now on."""

    language: str


@dataclass(frozen=True)
class DiscardDrafts:
    """Forget every unfinished flow's saved answers for this user."""


# --- Context and steps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowContext:
    """What a flow may know about the world: the time (injected), the language, the rules, the participant.

    The participant is this chat's, as the register holds it, loaded by the runner before the flow runs.
    """

    now: datetime
    language: str = "id"
    rules: Rules = DEFAULT_RULES
    # The participant, or how the runner loads it: only turns that read it pay for the query.
    participant_source: Participant | Callable[[], Participant | None] | None = None

    @cached_property
    def participant(self) -> Participant | None:
        """Return this chat's participant as the register holds it (None when not registered)."""
        source = self.participant_source
        return source() if callable(source) else source

    @property
    def today(self) -> date:
        """Return the local date of `now`."""
        return self.now.date()


@dataclass(frozen=True)
class Called:
    """A sub-dialogue to start on top of the current flow, with its first data (JSON)."""

    flow: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Step:
    """What one event did to a flow: the next state and data (JSON), what to say, what to do.

    `finished` returns the user to the main menu after the replies; `switch_to` starts another flow;
    `call` starts a sub-dialogue that comes back with a value; `returns` ends this sub-dialogue with
    `value` for its caller.
    """

    state: str
    data: Mapping[str, Any]
    replies: tuple[Reply, ...] = ()
    effects: tuple[Any, ...] = ()
    finished: bool = False
    switch_to: str | None = None
    call: Called | None = None
    returns: bool = False
    value: Any = None


# --- Texts every flow uses ------------------------------------------------------------------------

TOO_LONG = N_("Pesannya terlalu panjang untuk pertanyaan ini. Mohon jawab singkat saja, ya.")
CANNOT_READ = N_("Maaf, saya belum bisa membaca pesan jenis itu. Mohon jawab dengan teks atau tombol.")
STALE_BUTTON = N_("Tombol itu sudah tidak berlaku. Ini pertanyaan yang sedang berjalan:")
USE_BUTTONS = N_("Mohon pilih salah satu tombol di bawah, ya.")
SORRY = N_(
    "Maaf, ada gangguan di sistem kami. Jawaban Anda yang sebelumnya tetap tersimpan; "
    "coba lagi sebentar lagi."
)
SLOW_DOWN = N_(
    "Pelan-pelan ya, pesan Anda banyak sekali. Saya jawab satu per satu; pesan yang datang terlalu cepat "
    "saya lewati. Tunggu jawaban saya, lalu kirim lagi bila perlu."
)
