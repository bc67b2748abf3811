"""What the worker does for a living: one or two of the listed kinds, or typed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.intents import occupation_from_text
from bot.flows.base import (
    N_,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Param,
    Say,
    Text,
    TextReceived,
)
from bot.flows.dialogues.common import NEXT_BUTTON, ask_text, typed
from bot.flows.kit import (
    RETURN,
    Branch,
    Flow,
    Invalid,
    Question,
)
from bot.flows.labels import OCCUPATIONS

# --- Occupation ------------------------------------------------------------------------------------

OCCUPATION_QUESTION = N_("Apa pekerjaan Anda? Pilih satu, atau dua kalau Anda punya dua pekerjaan.")
OCCUPATION_HELP = N_(
    "Pilih pekerjaan yang paling sering Anda lakukan untuk mendapat penghasilan. Untuk pengemudi seperti "
    "ojol, kurir dan sopir ada potongan iuran dari pemerintah (PP 50/2025)."
)
OCCUPATION_SECOND = N_("Sudah dipilih: {chosen}. Pilih satu lagi, atau tekan “Lanjut”.")
OCCUPATION_NOT_UNDERSTOOD = N_(
    "Saya belum mengenali pekerjaan itu. Pilih tombol yang paling dekat, atau “Lainnya” lalu ketik "
    "pekerjaan Anda."
)
OCCUPATION_OTHER_QUESTION = N_("Ketik pekerjaan Anda (misalnya: tukang jahit).")
OCCUPATION_OTHER_BAD = N_("Mohon tulis pekerjaan Anda dengan huruf, 3 sampai 50 huruf.")


@dataclass(frozen=True)
class Work:
    """The occupations chosen so far (at most two), the typed one for "Lainnya", and whether done."""

    chosen: tuple[str, ...] = ()
    other: str | None = None
    done: bool = False


def _ask_occupation(data: Work, _ctx: FlowContext) -> Say:
    """Offer the occupations not yet chosen, and "Lanjut" once one is chosen."""
    choices = [Choice(key, label) for key, label in OCCUPATIONS.items() if key not in data.chosen]
    if data.chosen:
        choices.append(Choice("next", NEXT_BUTTON))
        names = Text(N_("{first}"), {"first": Text(OCCUPATIONS[data.chosen[0]])})
        return Say(OCCUPATION_SECOND, {"chosen": names}, tuple(choices), columns=2)
    return Say(OCCUPATION_QUESTION, choices=tuple(choices), columns=2)


def read_occupation(event: Event, data: Work, _ctx: FlowContext) -> str | Invalid:
    """Read a tapped or typed occupation (not one chosen already), or "next" once one is chosen."""
    match event:
        case ChoiceMade(key="next") if data.chosen:
            return "next"
        case ChoiceMade(key=key) if key in OCCUPATIONS and key not in data.chosen:
            return key
        case TextReceived(text=text) if data.chosen and text.strip().lower() in ("lanjut", "sudah", "cukup"):
            return "next"
        case TextReceived(text=text):
            named = occupation_from_text(text)
            if named is not None and named not in data.chosen:
                return named
    return Invalid(OCCUPATION_NOT_UNDERSTOOD)


def _store_occupation(data: Work, key: str) -> Work:
    if key == "next":
        return replace(data, done=True)
    chosen = (*data.chosen, key)
    return replace(data, chosen=chosen, done=len(chosen) == 2 and key != "lainnya")


def _after_occupation(data: Work, key: str, _ctx: FlowContext) -> str:
    if key == "lainnya":
        return "ask_occupation_other"
    return RETURN if data.done else "ask_occupation"


def read_occupation_other(event: Event) -> str | Invalid:
    """Read a typed occupation."""
    if isinstance(text := typed(event), Invalid):
        return text
    value = " ".join(text.split())
    if not 3 <= len(value) <= 50 or not any(c.isalpha() for c in value):
        return Invalid(OCCUPATION_OTHER_BAD)
    return value


def occupation_names(occupations: tuple[str, ...], other: str | None) -> Text:
    """Return the chosen occupations as one text ("Ojek online, Kurir")."""
    names: list[Param] = [
        other if key == "lainnya" and other else Text(OCCUPATIONS[key]) for key in occupations
    ]
    if not names:
        return Text(N_("{first}"), {"first": ""})
    joined: Param = names[0]
    for name in names[1:]:  # a sponsor's list of eligible work may name more than a worker's two
        joined = Text(N_("{first}, {second}"), {"first": joined, "second": name})
    return joined if isinstance(joined, Text) else Text(N_("{first}"), {"first": joined})


OCCUPATION: Flow[Work] = Flow(
    "occupation",
    Work,
    (
        Question(
            "ask_occupation",
            ask=_ask_occupation,
            read=read_occupation,
            store=_store_occupation,
            help=OCCUPATION_HELP,
            goes=Branch(_after_occupation, ("ask_occupation_other", "ask_occupation", RETURN)),
        ),
        Question(
            "ask_occupation_other",
            ask=ask_text(OCCUPATION_OTHER_QUESTION),
            read=lambda e, _d, _c: read_occupation_other(e),
            store="other",
            help=OCCUPATION_HELP,
            goes=Branch(
                lambda d, _v, _c: RETURN if len(d.chosen) >= 2 else "ask_occupation",
                (RETURN, "ask_occupation"),
            ),
        ),
    ),
    returns=lambda data: (data.chosen, data.other),
)
