"""The main menu: the home every flow returns to."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    NoData,
    Reply,
    Say,
    Step,
    TextReceived,
    reask,
)

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


class MenuState(StrEnum):
    """The menu has one state: waiting for a choice."""

    MENU = "menu"


# Menu keys double as command names (/daftar...) and map to the flow each one starts.
MENU_ITEMS: tuple[tuple[str, str, str | None], ...] = (
    ("daftar", N_("Daftar peserta"), "enrollment"),
    ("iuran", N_("Iuran & pengingat"), "payments"),
    ("manfaat", N_("Tanya manfaat"), "benefits"),
    ("klaim", N_("Lapor klaim"), "claims"),
    ("datasaya", N_("Data saya"), "privacy"),
    ("bantuan", N_("Bantuan"), None),
    ("bahasa", N_("Bahasa / Language"), "language"),
)
FLOW_BY_KEY: Mapping[str, str | None] = {key: flow for key, _, flow in MENU_ITEMS}


class MenuFlow:
    """Show the menu and hand over to the flow the user picks."""

    name: ClassVar[str] = "menu"
    states: ClassVar[type[StrEnum]] = MenuState
    initial: ClassVar[StrEnum] = MenuState.MENU
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({MenuState.MENU})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = {MenuState.MENU: frozenset()}
    data_type = NoData

    def start(self, data: NoData, ctx: FlowContext) -> Step:
        """Greet and show the menu."""
        return Step(MenuState.MENU, NoData(), (Say(GREETING), *self.prompt(MenuState.MENU, data, ctx)))

    def prompt(self, state: StrEnum, data: NoData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Show the menu buttons."""
        choices = tuple(Choice(key, label) for key, label, _ in MENU_ITEMS)
        return (Say(MENU_QUESTION, choices=choices, columns=2),)

    def handle(self, state: StrEnum, data: NoData, event: Event, ctx: FlowContext) -> Step:
        """Start the chosen flow; typed menu words work like the buttons."""
        match event:
            case ChoiceMade(key=key) if key in FLOW_BY_KEY:
                return self._pick(key, ctx)
            case TextReceived(text=text) if (key := _typed_key(text)) is not None:
                return self._pick(key, ctx)
        return reask(self, MenuState.MENU, NoData(), ctx, USE_BUTTONS)

    def _pick(self, key: str, ctx: FlowContext) -> Step:
        if (flow := FLOW_BY_KEY[key]) is None:
            return Step(MenuState.MENU, NoData(), (Say(HELP), *self.prompt(MenuState.MENU, NoData(), ctx)))
        return Step(MenuState.MENU, NoData(), switch_to=flow)


def _typed_key(text: str) -> str | None:
    """Understand a menu word typed instead of tapped ("daftar", "Bantuan")."""
    word = text.strip().lower().lstrip("/")
    return word if word in FLOW_BY_KEY else None


FLOW = MenuFlow()
