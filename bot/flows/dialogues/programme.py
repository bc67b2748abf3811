"""Which programmes the worker takes (JKK + JKM, or with JHT), each with its monthly price."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.intents import programme_from_text
from bot.domain.iuran import Programme, monthly_iuran
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Month,
    Rupiah,
    Say,
    Text,
    TextReceived,
)
from bot.flows.kit import (
    RETURN,
    Flow,
    Invalid,
    Question,
)
from bot.flows.labels import PROGRAMMES

# --- Programme -------------------------------------------------------------------------------------

PROGRAMME_QUESTION = N_(
    "Pilih program perlindungan. Iuran untuk {month}, dengan penghasilan {income}:\n"
    "• JKK: Jaminan Kecelakaan Kerja\n• JKM: Jaminan Kematian, untuk ahli waris\n"
    "• JHT (pilihan): Jaminan Hari Tua, tabungan"
)
PROGRAMME_HELP = N_(
    "JKK menanggung biaya perawatan bila Anda celaka saat bekerja atau di jalan pergi/pulang kerja. "
    "JKM memberi santunan kepada ahli waris bila Anda meninggal. JHT adalah tabungan yang bisa diambil "
    "nanti, dengan iuran tambahan 2 persen."
)
PROGRAMME_CHOICE = N_("{programme}: {amount}/bulan")


@dataclass(frozen=True)
class ProgrammeChoice:
    """What the programme prices depend on, and the programme chosen."""

    income: int = 0
    occupations: tuple[str, ...] = ()
    month: date | None = None
    programme: str | None = None


def _ask_programme(data: ProgrammeChoice, ctx: FlowContext) -> Say:
    """Offer both programmes, each with its monthly iuran for this income, sector and month."""
    rules = ctx.rules
    month = data.month or ctx.today.replace(day=1)
    income = data.income or rules.min_income
    choices = tuple(
        Choice(
            key,
            PROGRAMME_CHOICE,
            {
                "programme": Text(label),
                "amount": Rupiah(monthly_iuran(income, Programme(key), data.occupations, month, rules).total),
            },
        )
        for key, label in PROGRAMMES.items()
    )
    return Say(PROGRAMME_QUESTION, {"month": Month(month), "income": Rupiah(income)}, choices)


def read_programme(event: Event, _data: ProgrammeChoice, _ctx: FlowContext) -> str | Invalid:
    """Read a programme button, or the programme typed ("jkk jkm aja", "3 program", "plus JHT")."""
    if isinstance(event, ChoiceMade) and event.key in PROGRAMMES:
        return event.key
    if isinstance(event, TextReceived) and (typed := programme_from_text(event.text)) is not None:
        return typed.value
    return Invalid(USE_BUTTONS)


PROGRAMME: Flow[ProgrammeChoice] = Flow(
    "programme",
    ProgrammeChoice,
    (
        Question(
            "ask_programme",
            ask=_ask_programme,
            read=read_programme,
            store="programme",
            help=PROGRAMME_HELP,
            goes=RETURN,
        ),
    ),
    returns=lambda data: data.programme,
)
