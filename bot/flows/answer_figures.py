"""The figures a knowledge-base answer names (`bot/flows/knowledge/PARAMETERS`), filled from the rules.

Every figure comes from `Rules` (`bot/domain/rules.py`, each with its source) or is computed from them
with the same functions that compute a worker's iuran, so an answer never disagrees with a calculation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.iuran import Programme, whole_rupiah
from bot.domain.rules import Rules
from bot.flows import rights
from bot.flows.base import Month, Param, Rupiah
from bot.flows.prices import price_text


def _percent(rate: Decimal) -> int:
    return int(rate * 100)


def _jkk(income: int, rules: Rules) -> int:
    return whole_rupiah(Decimal(income) * rules.jkk_rate)


def _jht(income: int, rules: Rules) -> int:
    return whole_rupiah(Decimal(income) * rules.jht_rate)


def _scholarship(rules: Rules) -> dict[str, Param]:
    per_child = sum(amount * years for _level, amount, years in rules.scholarship_by_level)
    return {
        **rights.scholarship_params(rules),
        "per_child_max": Rupiah(min(per_child, rules.scholarship_max)),
        "scholarship_years": rules.scholarship_min_months // 12,
        "scholarship_age": rules.scholarship_end_age,
        "scholarship_late_years": rules.scholarship_late_years,
    }


def _iuran(rules: Rules, today: date) -> dict[str, Param]:
    low, high = rules.min_income, rules.max_income
    cheapest = price_text(low, Programme.JKK_JKM, ("pedagang",), today.replace(day=1), rules)
    return {
        "min_income": Rupiah(low),
        "max_income": Rupiah(high),
        "jkk_rate": _percent(rules.jkk_rate),
        "jht_rate": _percent(rules.jht_rate),
        "jkm_flat": Rupiah(rules.jkm_flat),
        "cheapest": cheapest,
        "cheapest_normal": Rupiah(_jkk(low, rules) + rules.jkm_flat),
        "jkk_cheapest": Rupiah(_jkk(low, rules)),
        "jht_cheapest": Rupiah(_jht(low, rules)),
        "cheapest_jht_normal": Rupiah(_jkk(low, rules) + rules.jkm_flat + _jht(low, rules)),
        "jkk_highest": Rupiah(_jkk(high, rules)),
        "jht_highest": Rupiah(_jht(high, rules)),
        "highest": Rupiah(_jkk(high, rules) + rules.jkm_flat),
        "discount": _percent(rules.discount_rate),
        "transport_until": Month(rules.transport_discount.last_month),
        "other_until": Month(rules.other_discount.last_month),
        "due_day": rules.due_day,
        "pay_ahead": ", ".join(str(months) for months in rules.payment_months),
        "months": rules.max_arrears_months,
    }


def _benefits(rules: Rules) -> dict[str, Param]:
    return {
        "jkk_death": rules.jkk_death_multiplier,
        "jkm_full": Rupiah(rules.jkm_full_benefit),
        "jkm_lump": Rupiah(rules.jkm_lump_sum),
        "jkm_periodic": Rupiah(rules.jkm_periodic),
        "jkm_funeral": Rupiah(rules.jkm_funeral),
        "jkm_early": Rupiah(rules.jkm_early_benefit),
        "jkm_full_after": rules.jkm_full_after_months,
        "suspected_days": rules.suspected_accident_days,
        "stmb_months": rules.stmb_full_months,
        "stmb_later": rules.stmb_later_percent,
        "disability_base": rules.disability_base,
        "total_disability": rules.total_disability_multiplier,
        "disability_periodic": Rupiah(rules.disability_periodic),
        "home_care": Rupiah(rules.home_care_max),
        "home_care_months": rules.home_care_months,
        "transport_land": Rupiah(rules.transport_land_max),
        "transport_sea": Rupiah(rules.transport_sea_max),
        "transport_air": Rupiah(rules.transport_air_max),
        "glasses": Rupiah(rules.glasses_max),
        "dentures": Rupiah(rules.dentures_max),
        "hearing": Rupiah(rules.hearing_aid_max),
        "jkk_claim_years": rules.jkk_claim_years,
        "late_penalty": rules.late_claim_percent_per_day,
        "sudden_months": rules.sudden_death_jkk_months,
        "jht_age": rules.jht_age,
        "jht_wait_months": rules.jht_wait_months,
        "jht_partial_years": rules.jht_partial_years,
        "jht_cash_share": rules.jht_cash_percent,
        "jht_house_share": rules.jht_housing_percent,
        "npwp_from": Rupiah(rules.npwp_from),
    }


def _service(rules: Rules) -> dict[str, Param]:
    return {
        "min_age": rules.min_age,
        "max_age": rules.max_age_exclusive,
        "jkm_sla": rules.jkm_sla_working_days,
        "jkk_sla": rules.jkk_sla_working_days,
        "max_jobs": rules.max_occupations,
        "number_days": rules.number_working_days,
        "card_days": rules.card_working_days,
        "card_handover_days": rules.card_handover_working_days,
        "change_days": rules.data_change_days,
    }


def answer_params(rules: Rules, today: date) -> dict[str, Param]:
    """The figures every answer may use, from the rules (and this month for the discounts)."""
    return {**_iuran(rules, today), **_benefits(rules), **_scholarship(rules), **_service(rules)}
