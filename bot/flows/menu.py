"""The main menu: the home every flow returns to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.intents import menu_request
from bot.domain.masking import mask_personal
from bot.flows.base import N_, Choice, ChoiceMade, Event, FlowContext, Say, TextReceived
from bot.flows.kit import SWITCH, Enter, Flow, Go, Screen, again

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
HELP = N_(
    "Cara memakai bot ini:\n"
    "• Tekan tombol untuk menjawab; ketik hanya bila diminta.\n"
    "• /start — menu utama\n"
    "• /daftar — daftar peserta BPU\n"
    "• /iuran — iuran & pengingat\n"
    "• /klaim — lapor meninggal dunia atau kecelakaan kerja, dan status klaim\n"
    "• /manfaat — tanya manfaat JKK, JKM, JHT, iuran\n"
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
    ("klaim", N_("Lapor klaim"), "claims"),
    ("manfaat", N_("Tanya manfaat"), "benefits"),
    ("datasaya", N_("Data saya"), "privacy"),
    ("bantuan", N_("Bantuan"), None),
    ("bahasa", N_("Bahasa / Language"), "language"),
)
FLOW_BY_KEY: Mapping[str, str | None] = {key: flow for key, _, flow in MENU_ITEMS}

# Typed requests that start a flow no menu button names.
TYPED_FLOWS: Mapping[str, str] = {"meninggal": "claims#death"}


@dataclass(frozen=True)
class Home:
    """The menu collects nothing."""


def _menu(_data: Home, _ctx: FlowContext) -> Say:
    return Say(MENU_QUESTION, choices=tuple(Choice(key, label) for key, label, _ in MENU_ITEMS), columns=2)


def _greet(data: Home, _at: str | None, _ctx: FlowContext) -> Go:
    return Go(MENU, data, (Say(GREETING),))


def _pick(event: Event, data: Home, _ctx: FlowContext) -> Go:
    """Start the chosen flow; typed requests ("mau daftar", "bayar iuran") work like the buttons."""
    match event:
        case ChoiceMade(key=key) if key in FLOW_BY_KEY:
            return _open(key, data)
        case TextReceived(text=text) if (typed := menu_request(text)) is not None and not asks(text):
            return _open(typed, data)
        case TextReceived(text=text) if _GREETING.match(text.strip()):
            return Go(MENU, data, (Say(GREETING),))
        case TextReceived(text=text) if text.strip():
            # Anything else typed at the menu is a question: answered, or honestly not (Tanya manfaat).
            return Go(SWITCH, data, switch_to=f"benefits#q:{text.strip()}")
    return again(MENU, data, MENU_NOT_UNDERSTOOD)


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


def _open(key: str, data: Home) -> Go:
    if key in TYPED_FLOWS:
        return Go(SWITCH, data, switch_to=TYPED_FLOWS[key])
    if (flow := FLOW_BY_KEY.get(key)) is None:
        return Go(MENU, data, (Say(HELP),))
    return Go(SWITCH, data, switch_to=flow)


FLOW = Flow(
    "menu",
    Home,
    (Screen(MENU, _menu, _pick, targets=(MENU, SWITCH)),),
    enter=Enter(_greet, (MENU,)),
)
