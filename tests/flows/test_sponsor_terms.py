"""Who a sponsor's link is for, and the months it pays: the rules behind the refusals, as a table."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.agents import bind_token, shown_code, typed_link_code
from bot.domain.sponsors import (
    PaidOnError,
    Refusal,
    SponsorTerms,
    handover_through,
    link_code,
    normalised_code,
    sponsor_paid_at,
)

DUMAI = SponsorTerms(
    code="DUMAI26",
    name="Pemko Dumai",
    programme="jkk_jkm",
    months=6,
    from_month=date(2026, 12, 1),
    ends=date(2027, 3, 31),
    regions=("14.72",),
    occupations=("petani", "nelayan"),
    quota_left=5,
)


@pytest.mark.parametrize(
    ("first_iuran_month", "covered"),
    [
        (date(2026, 11, 1), (date(2026, 12, 1), date(2027, 3, 1))),  # starts with the programme, ends with it
        (date(2027, 1, 1), (date(2027, 1, 1), date(2027, 3, 1))),
        (date(2027, 3, 1), (date(2027, 3, 1), date(2027, 3, 1))),
    ],
)
def test_the_months_a_programme_pays(first_iuran_month: date, covered: tuple[date, date]) -> None:
    assert DUMAI.covers(first_iuran_month) == covered


@pytest.mark.parametrize(
    ("regency", "occupations", "region_refused", "work_refused"),
    [
        ("1472", ("petani",), False, False),  # Kota Dumai, a farmer
        ("1471", ("petani",), True, False),  # Kota Pekanbaru
        ("1472", ("ojol", "nelayan"), False, False),  # one of two kinds of work is enough
        ("1472", ("pedagang",), False, True),
    ],
)
def test_who_the_link_is_for(
    regency: str, occupations: tuple[str, ...], region_refused: bool, work_refused: bool
) -> None:
    assert DUMAI.region_refused(regency) is region_refused
    assert DUMAI.occupation_refused(occupations) is work_refused


def test_a_programme_closes_after_its_end_or_when_full() -> None:
    assert DUMAI.open_on(date(2027, 3, 31)) is None
    assert DUMAI.open_on(date(2027, 4, 1)) is Refusal.CLOSED
    full = SponsorTerms(**{**DUMAI.__dict__, "quota_left": 0})
    assert full.open_on(date(2026, 12, 1)) is Refusal.FULL


def test_the_handover_is_due_from_the_month_before_the_last() -> None:
    assert handover_through(date(2027, 1, 31)) == date(2027, 2, 1)  # a March end is not told in January
    assert handover_through(date(2027, 2, 1)) == date(2027, 3, 1)  # from 1 February it is


@pytest.mark.parametrize(
    ("start", "code"),
    [
        ("sp-dumai26", "DUMAI26"),
        ("SP-Dumai26", "DUMAI26"),
        ("dumai26", None),
        ("sp-", None),
        ("sp-a b", None),
    ],
)
def test_a_deep_links_code(start: str, code: str | None) -> None:
    assert link_code(start) == code


def test_codes_as_people_type_them() -> None:
    assert normalised_code(" dumai_26 ") == "DUMAI_26"
    assert typed_link_code("abcd 2345") == "ABCD2345"
    assert typed_link_code("ABCD-2O45") is None  # no letter O: it reads as zero
    assert shown_code("ABCD2345") == "ABCD-2345"
    assert bind_token("ag-" + "x" * 24) == "x" * 24
    assert bind_token("ag-short") is None


def test_a_sponsor_payment_carries_the_day_the_money_came_never_a_later_or_earlier_one() -> None:
    written = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 10:00 WIB
    now = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)
    assert sponsor_paid_at(None, written, now) == now
    # Noon WIB: the same calendar day in WIB, WITA and WIT.
    assert sponsor_paid_at(date(2026, 12, 2), written, now) == datetime(2026, 12, 2, 5, 0, tzinfo=UTC)
    assert sponsor_paid_at(date(2026, 12, 1), written.replace(tzinfo=None), now).day == 1  # naive is UTC
    # Today, recorded in the morning: not a time still to come.
    morning = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)  # 08:00 WIB
    assert sponsor_paid_at(date(2026, 12, 9), written, morning) == morning
    with pytest.raises(PaidOnError, match="after today"):
        sponsor_paid_at(date(2026, 12, 10), written, now)
    with pytest.raises(PaidOnError, match="before the list was written"):
        sponsor_paid_at(date(2026, 11, 30), written, now)
