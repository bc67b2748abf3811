"""The worker's monthly income: a button, or typed per month, week or day and confirmed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.amounts import DAYS_PER_MONTH, WEEKS_PER_MONTH, AmountReading, Period
from bot.domain.rules import INCOME_BUTTONS, Rules
from bot.domain.validators import (
    AmountProblem,
    parse_income,
)
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Param,
    Rupiah,
    Say,
)
from bot.flows.dialogues.common import ask_text, refused, typed
from bot.flows.kit import (
    RETURN,
    Branch,
    Flow,
    Go,
    Invalid,
    Question,
    Screen,
    buttons,
)

# --- Income ----------------------------------------------------------------------------------------

INCOME_QUESTION = N_(
    "Berapa kira-kira penghasilan Anda per bulan? Iuran dihitung dari angka ini. "
    "Pilih tombol, atau ketik nominalnya (contoh: 1,5 juta)."
)
INCOME_HELP = N_(
    "Perkiraan penghasilan bersih Anda sebulan, tidak perlu tepat. Iuran JKK 1 persen dari angka ini, jadi "
    "angka yang lebih kecil berarti iuran lebih murah, dan santunan kecelakaan juga dihitung dari angka ini."
)
INCOME_OTHER = N_("Nominal lain")
INCOME_TYPE_IT = N_("Ketik penghasilan per bulan, contoh: 1.750.000 atau 1,75 juta.")
INCOME_PROBLEMS: Mapping[AmountProblem, str] = {
    AmountProblem.NOT_AN_AMOUNT: N_(
        "Saya tidak bisa membaca nominal itu. Tulis angkanya, contoh: 1500000, 1.500.000, atau 1,5 juta."
    ),
    AmountProblem.TOO_LOW: N_(
        "Penghasilan yang dilaporkan paling sedikit {min}. Kalau penghasilan Anda lebih kecil, pilih {min}."
    ),
    AmountProblem.TOO_HIGH: N_("Penghasilan yang dilaporkan paling banyak {max}. Coba ketik lagi, ya."),
}
INCOME_LABELS: Mapping[int, str] = {
    1_000_000: N_("Rp1 juta"),
    1_500_000: N_("Rp1,5 juta"),
    2_000_000: N_("Rp2 juta"),
    2_500_000: N_("Rp2,5 juta"),
    3_000_000: N_("Rp3 juta"),
    5_000_000: N_("Rp5 juta"),
}


@dataclass(frozen=True)
class Income:
    """The declared income, once read; an income per day or week waits for its month to be confirmed."""

    amount: int | None = None
    per_period: int | None = None
    period: str | None = None


INCOME_PER_DAY = N_(
    "Sehari {amount}, dengan {days} hari kerja sebulan, berarti sekitar {monthly} per bulan. Pakai angka ini?"
)
INCOME_PER_WEEK = N_(
    "Seminggu {amount}, berarti sekitar {monthly} per bulan ({weeks} minggu). Pakai angka ini?"
)
INCOME_USE = N_("Ya, pakai {monthly}")
INCOME_RETYPE = N_("Ketik per bulan")


def _ask_income(_data: Income, _ctx: FlowContext) -> Say:
    """Offer common incomes as buttons, plus "Nominal lain"."""
    choices = [Choice(f"i{amount}", INCOME_LABELS[amount]) for amount in INCOME_BUTTONS]
    choices.append(Choice("other", INCOME_OTHER))
    return Say(INCOME_QUESTION, choices=tuple(choices), columns=2)


def read_income(event: Event, rules: Rules, *, buttons: bool = True) -> int | AmountReading | str | Invalid:
    """Return an income (a month's, or a day's/week's to confirm), "other", or why it was refused."""
    if isinstance(event, ChoiceMade):
        amount = event.key[1:]
        if buttons and event.key == "other":
            return "other"
        if buttons and event.key.startswith("i") and amount.isdigit() and int(amount) in INCOME_BUTTONS:
            return int(amount)
        return Invalid(USE_BUTTONS if buttons else INCOME_TYPE_IT)
    if isinstance(text := typed(event), Invalid):
        return text
    result = parse_income(text, rules)
    if isinstance(result, AmountProblem):
        return refused(INCOME_PROBLEMS, result, min=Rupiah(rules.min_income), max=Rupiah(rules.max_income))
    return result


def _store_income(data: Income, value: int | AmountReading | str) -> Income:
    if isinstance(value, AmountReading):
        return Income(per_period=value.amount, period=value.period.value)
    return Income(value) if isinstance(value, int) else data


def _after_income(data: Income, _value: object, _ctx: FlowContext) -> str:
    if data.amount:
        return RETURN
    return "confirm_income" if data.per_period else "ask_income_amount"


def _monthly(data: Income) -> int:
    return AmountReading(data.per_period or 0, Period(data.period or Period.MONTH.value)).monthly()


def _ask_income_confirmation(data: Income, _ctx: FlowContext) -> Say:
    monthly = Rupiah(_monthly(data))
    params: dict[str, Param] = {
        "amount": Rupiah(data.per_period or 0),
        "monthly": monthly,
        "days": DAYS_PER_MONTH,
        "weeks": WEEKS_PER_MONTH,
    }
    text = INCOME_PER_DAY if data.period == Period.DAY.value else INCOME_PER_WEEK
    choices = (Choice("yes", INCOME_USE, {"monthly": monthly}), Choice("retype", INCOME_RETYPE))
    return Say(text, params, choices)


_confirm_income = buttons(
    "confirm_income",
    {
        "yes": lambda d, _c: Go(RETURN, Income(_monthly(d))),
        "retype": lambda _d, _c: Go("ask_income_amount", Income()),
    },
)
_INCOME_GOES = Branch(_after_income, (RETURN, "ask_income_amount", "confirm_income"))


INCOME: Flow[Income] = Flow(
    "income",
    Income,
    (
        Question(
            "ask_income",
            ask=_ask_income,
            read=lambda e, _d, c: read_income(e, c.rules),
            store=_store_income,
            help=INCOME_HELP,
            goes=_INCOME_GOES,
        ),
        Question(
            "ask_income_amount",
            ask=ask_text(INCOME_TYPE_IT),
            read=lambda e, _d, c: read_income(e, c.rules, buttons=False),
            store=_store_income,
            help=INCOME_HELP,
            goes=_INCOME_GOES,
        ),
        Screen(
            "confirm_income",
            ask=_ask_income_confirmation,
            handle=_confirm_income,
            targets=(RETURN, "ask_income_amount"),
            help=INCOME_HELP,
        ),
    ),
    returns=lambda data: data.amount,
)
