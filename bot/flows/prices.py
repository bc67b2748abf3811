"""An iuran as the worker reads it: with the month a discount ends and the price after it.

"Rp8.400 per bulan sampai Desember 2026, lalu Rp16.800". Where the discount for tukang becak is not
confirmed (domain.md §8.7), both prices are shown with the reason, rather than one stated as fact.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.iuran import (
    Price,
    Programme,
    becak_uncertain,
    discounted,
    is_transport,
    next_month,
    price_from,
)
from bot.domain.participants import Terms
from bot.domain.rules import Rules
from bot.flows.base import N_, Month, Param, Rupiah, Text

PRICE_PLAIN = N_("{amount} per bulan")
PRICE_UNTIL = N_("{amount} per bulan sampai {until}, lalu {after}")
PRICE_MONTH = N_("{amount}")
PRICE_MONTH_UNTIL = N_("{amount} (potongan iuran sampai {until}, lalu {after} per bulan)")
PRICE_BECAK = N_(
    "{transport} bila tukang becak termasuk sektor transportasi (belum dipastikan BPJS), atau {other}"
)


def _one(price: Price) -> Text:
    if price.discount_until is None or price.after is None:
        return Text(PRICE_PLAIN, {"amount": Rupiah(price.now)})
    params: dict[str, Param] = {
        "amount": Rupiah(price.now),
        "until": Month(price.discount_until),
        "after": Rupiah(price.after),
    }
    return Text(PRICE_UNTIL, params)


def price_text(
    income: int, programme: Programme, occupations: tuple[str, ...], month: date, rules: Rules
) -> Text:
    """Describe the iuran from `month` for this worker."""
    price = price_from(income, programme, occupations, month, rules)
    if not becak_uncertain(occupations, rules):
        return _one(price)
    as_transport = price_from(income, programme, occupations, month, replace(rules, becak_is_transport=True))
    as_other = price_from(income, programme, occupations, month, replace(rules, becak_is_transport=False))
    if as_transport == as_other:
        return _one(price)
    return Text(PRICE_BECAK, {"transport": _one(as_transport), "other": _one(as_other)})


def month_price(terms: Terms, month: date, rules: Rules) -> Text:
    """Describe one iuran month's amount; when discounted, with the month the discount ends and after."""
    now = terms.iuran(month, rules)
    if not discounted(month, terms.occupations, rules):
        return Text(PRICE_MONTH, {"amount": Rupiah(now)})
    period = rules.transport_discount if is_transport(terms.occupations, rules) else rules.other_discount
    after = terms.iuran(next_month(period.last_month), rules)
    params: dict[str, Param] = {
        "amount": Rupiah(now),
        "until": Month(period.last_month),
        "after": Rupiah(after),
    }
    return Text(PRICE_MONTH_UNTIL, params)
