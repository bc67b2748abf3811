"""Where the worker lives: a kabupaten/kota by Kemendagri name or code, suggested from the NIK."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain import regions
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Say,
)
from bot.flows.dialogues.common import typed
from bot.flows.kit import (
    RETURN,
    Branch,
    Flow,
    Invalid,
    Question,
)

# --- Domicile --------------------------------------------------------------------------------------

REGENCY_QUESTION = N_(
    "Di kabupaten/kota mana Anda tinggal sekarang? Pilih tombol, atau ketik nama kabupaten/kotanya."
)
REGENCY_HELP = N_(
    "Tulis kabupaten atau kota tempat Anda tinggal sekarang, walau berbeda dengan alamat di KTP. "
    "Dari sini saya tahu zona waktu Anda (WIB, WITA, WIT) untuk jam pengingat."
)
REGENCY_PICK = N_("Ada beberapa yang mirip. Yang mana maksud Anda?")
REGENCY_UNKNOWN = N_(
    "Saya tidak menemukan kabupaten/kota “{typed}”. Coba ketik lagi tanpa singkatan, misalnya “Kota Bandung”."
)


@dataclass(frozen=True)
class Domicile:
    """The kabupaten/kota being asked: buttons offered, and the one chosen."""

    offered: tuple[str, ...] = ()
    picking: bool = False
    prefer_province: str | None = None
    code: str | None = None


def domicile_from(code: str) -> Domicile:
    """Start the domicile question offering `code` (the NIK's or the current kabupaten/kota)."""
    return Domicile(offered=(code,) if code else (), prefer_province=code[:2] or None)


def _ask_regency(data: Domicile, _ctx: FlowContext) -> Say:
    choices = tuple(
        Choice(f"r{code}", N_("{name}"), {"name": r.name})
        for code in data.offered
        if (r := regions.regency(code))
    )
    return Say(REGENCY_PICK if data.picking else REGENCY_QUESTION, choices=choices)


def read_regency(event: Event, data: Domicile, _ctx: FlowContext) -> str | tuple[str, ...] | Invalid:
    """Return a chosen regency code, several candidate codes to choose from, or why nothing matched."""
    if isinstance(event, ChoiceMade):
        code = event.key[1:]
        return code if event.key.startswith("r") and code in data.offered else Invalid(USE_BUTTONS)
    if isinstance(text := typed(event), Invalid):
        return text
    matches = regions.match_regency(text, data.prefer_province)
    if not matches:
        return Invalid(REGENCY_UNKNOWN, {"typed": text[:40]})
    if len(matches) == 1:
        return matches[0].code
    return tuple(m.code for m in matches)


def _store_regency(data: Domicile, answer: str | tuple[str, ...]) -> Domicile:
    if isinstance(answer, tuple):
        return replace(data, offered=answer, picking=True)
    return replace(data, code=answer)


DOMICILE: Flow[Domicile] = Flow(
    "domicile",
    Domicile,
    (
        Question(
            "ask_regency",
            ask=_ask_regency,
            read=read_regency,
            store=_store_regency,
            help=REGENCY_HELP,
            goes=Branch(lambda d, _v, _c: RETURN if d.code else "ask_regency", (RETURN, "ask_regency")),
        ),
    ),
    returns=lambda data: data.code,
)
