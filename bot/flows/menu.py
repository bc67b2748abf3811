"""The main menu: the home every flow returns to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.flows.base import N_, USE_BUTTONS, Choice, ChoiceMade, Event, FlowContext, Say, TextReceived
from bot.flows.kit import SWITCH, Enter, Flow, Go, Screen, again

GREETING = N_(
    "Halo! Saya asisten pendaftaran BPJS Ketenagakerjaan untuk pekerja mandiri "
    "(Bukan Penerima Upah): ojol, pedagang, petani, nelayan, buruh harian, dan lainnya.\n"
    "Lewat chat ini Anda bisa mendaftar, mengingat jadwal iuran, bertanya soal manfaat, "
    "dan melapor klaim."
)
MENU_QUESTION = N_("Apa yang ingin Anda lakukan? Pilih salah satu tombol:")
HELP = N_(
    "Cara memakai bot ini:\n"
    "• Tekan tombol untuk menjawab; ketik hanya bila diminta.\n"
    "• /start — menu utama\n"
    "• /daftar — daftar peserta BPU\n"
    "• /iuran — iuran & pengingat\n"
    "• /manfaat — tanya manfaat JKK, JKM, JHT\n"
    "• /klaim — lapor klaim (ahli waris)\n"
    "• /datasaya — lihat, ubah, atau hapus data Anda\n"
    "• /berhenti — matikan pengingat iuran\n"
    "• /bahasa — ganti bahasa\n"
    "• /batal — berhenti dari langkah yang sedang berjalan\n"
    "Butuh bantuan langsung? Hubungi BPJS Ketenagakerjaan di 175."
)


MENU = "menu"

# Menu keys double as command names (/daftar...) and map to the flow each one starts.
MENU_ITEMS: tuple[tuple[str, str, str | None], ...] = (
    ("daftar", N_("Daftar peserta"), "enrollment"),
    ("iuran", N_("Iuran & pengingat"), "iuran"),
    ("manfaat", N_("Tanya manfaat"), "benefits"),
    ("klaim", N_("Lapor klaim"), "claims"),
    ("datasaya", N_("Data saya"), "privacy"),
    ("bantuan", N_("Bantuan"), None),
    ("bahasa", N_("Bahasa / Language"), "language"),
)
FLOW_BY_KEY: Mapping[str, str | None] = {key: flow for key, _, flow in MENU_ITEMS}


@dataclass(frozen=True)
class Home:
    """The menu collects nothing."""


def _menu(_data: Home, _ctx: FlowContext) -> Say:
    return Say(MENU_QUESTION, choices=tuple(Choice(key, label) for key, label, _ in MENU_ITEMS), columns=2)


def _greet(data: Home, _at: str | None, _ctx: FlowContext) -> Go:
    return Go(MENU, data, (Say(GREETING),))


def _pick(event: Event, data: Home, _ctx: FlowContext) -> Go:
    """Start the chosen flow; typed menu words work like the buttons."""
    match event:
        case ChoiceMade(key=key) if key in FLOW_BY_KEY:
            return _open(key, data)
        case TextReceived(text=text) if (typed := _typed_key(text)) is not None:
            return _open(typed, data)
    return again(MENU, data, USE_BUTTONS)


def _open(key: str, data: Home) -> Go:
    if (flow := FLOW_BY_KEY[key]) is None:
        return Go(MENU, data, (Say(HELP),))
    return Go(SWITCH, data, switch_to=flow)


def _typed_key(text: str) -> str | None:
    """Understand a menu word typed instead of tapped ("daftar", "Bantuan")."""
    word = text.strip().lower().lstrip("/")
    return word if word in FLOW_BY_KEY else None


FLOW = Flow(
    "menu",
    Home,
    (Screen(MENU, _menu, _pick, targets=(MENU, SWITCH)),),
    enter=Enter(_greet, (MENU,)),
)
