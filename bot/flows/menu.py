"""The main menu: the home every flow returns to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.intents import menu_request
from bot.domain.masking import mask_personal
from bot.flows.base import N_, Choice, ChoiceMade, Event, FlowContext, Say, TextReceived
from bot.flows.kit import HOME, SWITCH, Enter, Flow, Go, Screen, again
from bot.flows.routes import ASKED, Routes

GREETING = N_(
    "Halo! Saya asisten pendaftaran BPJS Ketenagakerjaan untuk pekerja mandiri "
    "(Bukan Penerima Upah): ojol, pedagang, petani, nelayan, buruh harian, dan lainnya.\n"
    "Lewat chat ini Anda bisa mendaftar, melihat iuran dan mendapat pengingat jadwal bayar, "
    "melapor klaim (meninggal dunia atau kecelakaan kerja), bertanya soal manfaat, serta melihat atau "
    "mengubah data Anda."
)
MENU_QUESTION = N_("Apa yang ingin Anda lakukan? Pilih salah satu tombol:")
MENU_NOT_UNDERSTOOD = N_(
    "Maaf, saya belum mengerti. Pilih tombol di bawah, atau ketik misalnya “daftar” atau “bayar iuran”."
)
HELP_BUTTON = N_("Bantuan")
HELP_KEY = "bantuan"
HELP_POSITION = 60  # between the flows' buttons: after "Data saya", before "Bahasa"
MENU = HOME


@dataclass(frozen=True)
class Home:
    """The menu collects nothing."""


def _greet(data: Home, _at: str | None, _ctx: FlowContext) -> Go:
    return Go(MENU, data, (Say(GREETING),))


_QUESTION = re.compile(
    r"\?|\b(apa|apakah|berapa|brp|bagaimana|gimana|gmn|kapan|dimana|kenapa|cara|syarat|bisa|boleh|"
    r"ditanggung|dapat|dapet|dpt|what|how|when|where|why|can|does)\b"
)


_GREETING = re.compile(
    r"^(halo+|hal+o|hai+|hi+|hello|hey|pagi|siang|sore|malam|selamat\s+\w+|assalamu.?alaikum\w*|"
    r"salam|permisi|p|tes+|test|ping|mulai|start)[\s!.,]*$",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Tell a question ("cara bayar iuran?", "iuran penghasilan 2 juta") from a request ("bayar iuran")."""
    lowered = text.lower()
    if mask_personal(text).found:  # a NIK or phone typed in: answered with a word of warning, never kept
        return True
    return (
        _QUESTION.search(lowered) is not None or any(c.isdigit() for c in lowered) or len(lowered.split()) > 4
    )


def build(flows: Mapping[str, Flow[Any]]) -> Flow[Home]:
    """Return the main menu of `flows`: a button for each flow that declares one, and help."""
    routes = Routes.of(flows)
    items = sorted((*routes.buttons(), (HELP_POSITION, HELP_KEY, HELP_BUTTON)))
    keys = {key for _, key, _ in items}

    def ask(_data: Home, _ctx: FlowContext) -> Say:
        return Say(MENU_QUESTION, choices=tuple(Choice(key, label) for _, key, label in items), columns=2)

    def pick(event: Event, data: Home, _ctx: FlowContext) -> Go:
        """Start the chosen flow; typed requests ("mau daftar", "bayar iuran") work like the buttons."""
        match event:
            case ChoiceMade(key=key) if key in keys:
                return open_(key, data)
            case TextReceived(text=text) if (typed := menu_request(text)) is not None and not asks(text):
                return open_(typed, data)
            case TextReceived(text=text) if _GREETING.match(text.strip()):
                return Go(MENU, data, (Say(GREETING),))
            case TextReceived(text=text) if text.strip():
                # Anything else typed at the menu is a question: answered, or honestly not.
                return Go(SWITCH, data, switch_to=f"{ASKED}#q:{text.strip()}")
        return again(MENU, data, MENU_NOT_UNDERSTOOD)

    def open_(key: str, data: Home) -> Go:
        if key == HELP_KEY:
            return Go(MENU, data, (routes.help(),))
        return Go(SWITCH, data, switch_to=key)

    return Flow(
        HOME,
        Home,
        (Screen(MENU, ask=ask, handle=pick, targets=(MENU, SWITCH)),),
        enter=Enter(_greet, (MENU,)),
        home=True,
    )
