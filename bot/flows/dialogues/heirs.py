"""The heirs: name, relation and phone, one after another, in the legal order."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.participants import Heir
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Lines,
    Say,
    Text,
)
from bot.flows.dialogues.common import NEXT_BUTTON, SKIP, typed
from bot.flows.dialogues.name import read_name
from bot.flows.dialogues.phone import read_phone
from bot.flows.kit import (
    RETURN,
    Branch,
    Flow,
    Go,
    Invalid,
    Question,
    Screen,
    again,
    buttons,
    to,
)
from bot.flows.labels import HEIR_RELATIONS

# --- Heirs -----------------------------------------------------------------------------------------

HEIR_NAME_QUESTION = N_(
    "Siapa keluarga yang Anda catat sebagai ahli waris? Urutan penerima santunan diatur undang-undang "
    "(suami/istri dan anak lebih dulu); catatan ini memudahkan keluarga saat mengurus klaim. Ketik nama "
    "lengkapnya, atau tekan “Lewati”. Bisa sampai {max} orang."
)
HEIR_HELP = N_(
    "Ahli waris adalah keluarga yang menerima santunan JKM bila Anda meninggal. Urutannya diatur undang-"
    "undang: suami/istri dan anak lebih dulu. Mencatat nama di sini memudahkan keluarga saat mengurus klaim."
)
HEIR_RELATION_QUESTION = N_("Apa hubungan {name} dengan Anda?")
HEIR_PHONE_QUESTION = N_("Nomor HP {name}? Ketik nomornya, atau tekan “Lewati”.")
MORE_HEIRS_QUESTION = N_("Ahli waris tercatat: {count} orang. Tambah ahli waris lain?")
ADD_HEIR = N_("Tambah ahli waris")
NO_HEIRS = N_("belum ada")
HEIR_LINE = N_("{name} ({relation})")


@dataclass(frozen=True)
class Heirs:
    """The heirs named so far, and the one being added."""

    heirs: tuple[Heir, ...] = ()
    name: str | None = None
    relation: str | None = None


def _read_heir_name(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid | None:
    if isinstance(event, ChoiceMade):
        return None if event.key == "skip" else Invalid(USE_BUTTONS)
    return read_name(event)


def _read_heir_relation(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid:
    if isinstance(event, ChoiceMade) and event.key in HEIR_RELATIONS:
        return event.key
    return Invalid(USE_BUTTONS)


def _read_heir_phone(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid | None:
    if isinstance(event, ChoiceMade) and event.key == "skip":
        return None
    if isinstance(typed(event), Invalid):
        return Invalid(USE_BUTTONS)
    return read_phone(event)


def _add_heir(data: Heirs, phone: str | None) -> Heirs:
    heir = Heir(data.name or "", data.relation or "wasiat", phone)
    return Heirs((*data.heirs, heir))


def _ask_more(data: Heirs, ctx: FlowContext) -> Say:
    more = len(data.heirs) < ctx.rules.max_heirs
    choices = (
        (Choice("add", ADD_HEIR), Choice("next", NEXT_BUTTON)) if more else (Choice("next", NEXT_BUTTON),)
    )
    return Say(MORE_HEIRS_QUESTION, {"count": len(data.heirs)}, choices)


def _add_another(data: Heirs, ctx: FlowContext) -> Go:
    if len(data.heirs) < ctx.rules.max_heirs:
        return Go("ask_heir_name", data)
    return again("ask_more_heirs", data, USE_BUTTONS)


_more_heirs = buttons("ask_more_heirs", {"add": _add_another, "next": to(RETURN)})


def heir_lines(heirs: tuple[Heir, ...]) -> Lines | Text:
    """List heirs one per line ("Budi Santoso (Suami/istri)"), or say there are none."""
    if not heirs:
        return Text(NO_HEIRS)
    return Lines(
        tuple(
            Text(HEIR_LINE, {"name": _short(h.name), "relation": Text(HEIR_RELATIONS[h.relation])})
            for h in heirs
        )
    )


def _short(name: str, limit: int = 32) -> str:
    """Cut a long name for a list (five heirs of 100 letters would not fit one message)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


HEIRS: Flow[Heirs] = Flow(
    "heirs",
    Heirs,
    (
        Question(
            "ask_heir_name",
            ask=lambda _d, c: Say(HEIR_NAME_QUESTION, {"max": c.rules.max_heirs}, (Choice("skip", SKIP),)),
            read=_read_heir_name,
            store="name",
            help=HEIR_HELP,
            goes=Branch(
                lambda d, _v, _c: "ask_heir_relation" if d.name else RETURN, ("ask_heir_relation", RETURN)
            ),
        ),
        Question(
            "ask_heir_relation",
            ask=lambda d, _c: Say(
                HEIR_RELATION_QUESTION,
                {"name": d.name or ""},
                tuple(Choice(key, label) for key, label in HEIR_RELATIONS.items()),
                columns=2,
            ),
            read=_read_heir_relation,
            store="relation",
            help=HEIR_HELP,
        ),
        Question(
            "ask_heir_phone",
            ask=lambda d, _c: Say(HEIR_PHONE_QUESTION, {"name": d.name or ""}, (Choice("skip", SKIP),)),
            read=_read_heir_phone,
            store=_add_heir,
            help=HEIR_HELP,
            goes=Branch(
                lambda d, _v, c: "ask_more_heirs" if len(d.heirs) < c.rules.max_heirs else RETURN,
                ("ask_more_heirs", RETURN),
            ),
        ),
        Screen(
            "ask_more_heirs",
            ask=_ask_more,
            handle=_more_heirs,
            targets=("ask_heir_name", RETURN),
            help=HEIR_HELP,
        ),
    ),
    returns=lambda data: data.heirs,
)
