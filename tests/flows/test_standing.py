# ruff: noqa: E501  (the table reads one case a line)
"""The standing model, case by case from the articles, and the properties it must never break.

Every row names the article that decides it (PP 44/2015, PP 82/2019, Permenaker 5/2021 and 1/2025, the
BPJS Ketenagakerjaan FAQ: `shared/domain.md` §0, §2). The worker is a pedagang with Rp1 jt declared income,
JKK + JKM, first iuran month January 2027 (Rp16.800 a month, no discount), unless a row says otherwise.
Due dates in 2027: the 15th or the next working day (July 15, August 16, September 15, October 15).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.domain.claims import Cause, ClaimKind, Programme
from bot.domain.coverage import add_months, months_paid_by
from bot.domain.participants import PaidMonths, Participant, ParticipantStatus, Terms
from bot.domain.reminders import Kind, Recipient, Send, Skip, decide
from bot.domain.rights import (
    Benefit,
    Cover,
    Right,
    When,
    accident_cover,
    death_rights,
)
from bot.domain.rules import DEFAULT_RULES as R
from bot.domain.standing import PaymentRecord, standing_on
from bot.flows.base import FlowContext, Rupiah, Say
from bot.flows.benefits import entry_answer
from bot.flows.claims.data import ClaimData
from bot.flows.claims.report import NODES
from bot.flows.rights import DEATH_RIGHTS, YOUR_JKM
from tests.support.people import siti

TERMS = Terms(1_000_000, "jkk_jkm", ("pedagang",))
JAN = date(2027, 1, 1)
M = 16_800  # one month's iuran in 2027


def on_time(first: date, count: int) -> tuple[PaidMonths, ...]:
    """`count` months from `first`, each paid on the 10th of its own month."""
    return tuple(
        PaidMonths(add_months(first, i), 1, add_months(first, i).replace(day=10)) for i in range(count)
    )


def record(*payments: PaidMonths, first: date = JAN, terms: Terms = TERMS) -> PaymentRecord:
    return PaymentRecord(first, terms, tuple(payments))


@dataclass(frozen=True)
class Row:
    """One case: what happened, the article deciding it, and what the heirs are owed."""

    article: str
    record: PaymentRecord | None
    day: date
    cause: Cause
    right: Right
    total: int = 0
    now: int = 0
    after_arrears: int = 0
    arrears: int = 0
    owed: int = 0
    scholarship: bool = False
    refund: int = 0
    membership: int | None = None
    lapsed: bool = False
    programme: Programme = Programme.JKM


SIX = on_time(JAN, 6)  # January to June 2027 paid on time
FULL = 42_000_000
EARLY = 10_000_000
FUNERAL = 10_000_000
JKK_1JT = 48_000_000 + 12_000_000 + 10_000_000

ROWS: dict[str, Row] = {
    # Arrears 0 to 4 (PP 44/2015 Pasal 42): up to 3 keep the rights, the funeral cost at once.
    "arrears 0: July not due yet": Row("Permenaker 1/2025", record(*SIX), date(2027, 7, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, membership=6),
    "death on the due date itself": Row("PP 44/2015 Pasal 24(3)", record(*SIX), date(2027, 7, 15), Cause.ILLNESS, Right.FULL, FULL, FULL),
    "death the day after the due date": Row("Pasal 42(1)", record(*SIX), date(2027, 7, 16), Cause.ILLNESS, Right.FULL, FULL, FUNERAL, FULL - FUNERAL, 1, M),
    "arrears 1": Row("Pasal 42(1)", record(*SIX), date(2027, 7, 20), Cause.ILLNESS, Right.FULL, FULL, FUNERAL, FULL - FUNERAL, 1, M),
    "arrears 2": Row("Pasal 42(1)", record(*SIX), date(2027, 8, 20), Cause.ILLNESS, Right.FULL, FULL, FUNERAL, FULL - FUNERAL, 2, 2 * M),
    "arrears 3": Row("Pasal 42(1)", record(*SIX), date(2027, 9, 20), Cause.ILLNESS, Right.FULL, FULL, FUNERAL, FULL - FUNERAL, 3, 3 * M),
    "arrears 4": Row("Pasal 42(2)", record(*SIX), date(2027, 10, 20), Cause.ILLNESS, Right.NONE_INACTIVE, arrears=4, owed=4 * M),
    "arrears 3, other accident": Row("Pasal 42(1)", record(*SIX), date(2027, 9, 20), Cause.OTHER_ACCIDENT, Right.FULL, FULL, FUNERAL, FULL - FUNERAL, 3, 3 * M),
    # Membership 2, 3 and 4 months (Permenaker 1/2025): months that have passed at the date of death.
    "membership 2": Row("Permenaker 1/2025", record(*on_time(JAN, 2)), date(2027, 3, 10), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, membership=2),
    "membership 3": Row("Permenaker 1/2025", record(*on_time(JAN, 3)), date(2027, 4, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, membership=3),
    "membership 4": Row("Permenaker 1/2025", record(*on_time(JAN, 4)), date(2027, 5, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, membership=4),
    "paid the death month, 2 passed": Row("Permenaker 1/2025", record(*on_time(JAN, 3)), date(2027, 3, 20), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, membership=2),
    # Months paid ahead (Permenaker 1/2025; FAQ: refunded with the claim).
    "3 paid at once, death the same day": Row("Permenaker 1/2025; FAQ", record(PaidMonths(JAN, 3, date(2026, 12, 21))), date(2026, 12, 21), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, refund=3 * M, membership=0),
    "12 paid at once, death the same day": Row("Permenaker 1/2025; FAQ", record(PaidMonths(JAN, 12, date(2026, 12, 21))), date(2026, 12, 21), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, refund=12 * M, membership=0),
    "3 at once, death in the third month": Row("Permenaker 1/2025", record(PaidMonths(JAN, 3, date(2027, 1, 5))), date(2027, 3, 20), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, membership=2),
    "1 month ahead": Row("FAQ", record(*on_time(JAN, 3), PaidMonths(date(2027, 4, 1), 2, date(2027, 4, 5))), date(2027, 4, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, refund=M),
    "3 months ahead": Row("FAQ", record(*on_time(JAN, 3), PaidMonths(date(2027, 4, 1), 4, date(2027, 4, 5))), date(2027, 4, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, refund=3 * M),
    "12 months ahead": Row("FAQ", record(*on_time(JAN, 3), PaidMonths(date(2027, 4, 1), 13, date(2027, 4, 5))), date(2027, 4, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, refund=12 * M),
    # One month paid, two unpaid: never more than paying on time would give.
    "early with arrears 2": Row("Pasal 42(1); Permenaker 1/2025", record(*on_time(JAN, 1)), date(2027, 3, 20), Cause.ILLNESS, Right.EARLY, EARLY, 0, EARLY, 2, 2 * M, membership=1),
    # Reactivated after nonaktif (FAQ: pay on with the NIK; what counts is BPJS's to say).
    "reactivated, 2 months since": Row("FAQ (BPU); domain.md §2", record(*on_time(JAN, 2), *on_time(date(2027, 7, 1), 3)), date(2027, 9, 10), Cause.ILLNESS, Right.EARLY, EARLY, EARLY, membership=2, lapsed=True),
    "reactivated, 3 months since": Row("FAQ (BPU); domain.md §2", record(*on_time(JAN, 2), *on_time(date(2027, 7, 1), 3)), date(2027, 10, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, membership=3, lapsed=True),
    # Nothing paid, or not ours (PP 44/2015 Pasal 11).
    "registered, never paid": Row("PP 44/2015 Pasal 11", record(), date(2027, 3, 10), Cause.ILLNESS, Right.NONE_UNPAID),
    "not in our register": Row("general rules", None, date(2027, 3, 10), Cause.ILLNESS, Right.UNKNOWN),
    # JKK: a work-accident death, no minimum membership; with arrears every cash benefit waits (Pasal 39).
    "JKK death, aktif": Row("PP 44/2015 Pasal 25; PP 82/2019", record(*on_time(JAN, 1)), date(2027, 1, 20), Cause.WORK_ACCIDENT, Right.JKK_DEATH, JKK_1JT, JKK_1JT, scholarship=True, programme=Programme.JKK),
    "JKK death, income Rp5 jt": Row("PP 82/2019", record(*on_time(JAN, 1), terms=replace(TERMS, income=5_000_000)), date(2027, 1, 20), Cause.WORK_ACCIDENT, Right.JKK_DEATH, 262_000_000, 262_000_000, scholarship=True, programme=Programme.JKK),
    "JKK death, arrears 2": Row("Pasal 39(1)", record(*SIX), date(2027, 8, 20), Cause.WORK_ACCIDENT, Right.JKK_DEATH, JKK_1JT, 0, JKK_1JT, 2, 2 * M, scholarship=True, programme=Programme.JKK),
    "JKK death, arrears 3": Row("Pasal 39(1)", record(*SIX), date(2027, 9, 20), Cause.WORK_ACCIDENT, Right.JKK_DEATH, JKK_1JT, 0, JKK_1JT, 3, 3 * M, scholarship=True, programme=Programme.JKK),
    "JKK death, arrears 4": Row("Pasal 39(2)", record(*SIX), date(2027, 10, 20), Cause.WORK_ACCIDENT, Right.NONE_INACTIVE, arrears=4, owed=4 * M, programme=Programme.JKK),
    # A sudden death at work is JKK after 12 months of iuran (Permenaker 5/2021).
    "sudden death at work, 11 months": Row("Permenaker 5/2021", record(*on_time(JAN, 11)), date(2027, 12, 10), Cause.SUDDEN_AT_WORK, Right.FULL, FULL, FULL, membership=11),
    "sudden death at work, 12 months": Row("Permenaker 5/2021", record(*on_time(JAN, 12)), date(2028, 1, 10), Cause.SUDDEN_AT_WORK, Right.JKK_DEATH, JKK_1JT, JKK_1JT, scholarship=True, membership=12, programme=Programme.JKK),
    # Scholarship: a non-work death after 3 years of iuran (PP 82/2019).
    "scholarship, 35 months": Row("PP 82/2019", record(*on_time(JAN, 35)), date(2029, 12, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, membership=35),
    "scholarship, 36 months": Row("PP 82/2019", record(*on_time(JAN, 36)), date(2030, 1, 10), Cause.ILLNESS, Right.FULL, FULL, FULL, scholarship=True, membership=36),
}  # fmt: skip


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_what_a_death_is_owed_by_the_articles(row: Row) -> None:
    standing = standing_on(row.record, row.day, R) if row.record is not None else None
    owed = death_rights(standing, row.cause, R)
    assert (owed.programme, owed.right) == (row.programme, row.right), row.article
    assert (owed.total, owed.now, owed.after_arrears) == (row.total, row.now, row.after_arrears), row.article
    assert owed.scholarship is row.scholarship, row.article
    if standing is not None:
        assert (len(standing.arrears), standing.owed) == (row.arrears, row.owed), row.article
        assert owed.amount(Benefit.REFUND) == row.refund == (standing.refund if standing.ahead else 0)
        assert standing.lapsed is row.lapsed
        if row.membership is not None:
            assert standing.membership == row.membership, row.article


def test_the_table_covers_the_boundaries_the_issue_names() -> None:
    assert len(ROWS) >= 30
    assert all(row.article for row in ROWS.values())


@pytest.mark.parametrize(
    ("day", "cover", "care", "cash"),
    [
        (date(2027, 7, 10), Cover.ACTIVE, When.NOW, When.AFTER_RECOVERY),  # PP 44/2015 Pasal 25, 37(2)
        (date(2027, 9, 20), Cover.IN_ARREARS, When.NOW, When.AFTER_RECOVERY_AND_ARREARS),  # Pasal 39(1)
        (date(2027, 10, 20), Cover.INACTIVE, When.NOT, When.NOT),  # Pasal 39(2)
    ],
    ids=["aktif", "arrears 3", "arrears 4"],
)
def test_what_an_accident_is_covered_for(day: date, cover: Cover, care: When, cash: When) -> None:
    covered = accident_cover(standing_on(record(*SIX), day, R))
    assert covered.cover is cover
    assert [(p.benefit, p.when) for p in covered.parts] == [(Benefit.CARE, care), (Benefit.CASH, cash)]


def test_every_amount_follows_the_rules_when_they_change() -> None:
    changed = replace(R, jkm_lump_sum=25_000_000, jkm_full_benefit=47_000_000, jkk_death_multiplier=50)
    standing = standing_on(record(*on_time(JAN, 3)), date(2027, 4, 10), changed)
    assert death_rights(standing, Cause.ILLNESS, changed).amount(Benefit.LUMP_SUM) == 25_000_000
    assert death_rights(standing, Cause.WORK_ACCIDENT, changed).amount(Benefit.JKK_LUMP_SUM) == 50_000_000
    assert R.jkm_lump_sum + R.jkm_periodic + R.jkm_funeral == R.jkm_full_benefit
    stricter = replace(R, max_arrears_months=2)
    assert standing_on(record(*SIX), date(2027, 9, 20), stricter).status is ParticipantStatus.INACTIVE


# --- Properties -------------------------------------------------------------------------------------

PAYMENT_MONTHS = st.sampled_from(R.payment_months)


@st.composite
def histories(draw: st.DrawFn) -> tuple[PaymentRecord, date]:
    """A worker's payments as the payment path makes them (arrears first, a nonaktif worker restarts),
    and a later day: of death, or today."""
    first = date(2027, draw(st.integers(1, 12)), 1)
    day = first
    payments: list[PaidMonths] = []
    paid_through: date | None = None
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 200)))
        count = draw(PAYMENT_MONTHS)
        months = months_paid_by(first, paid_through, day, count, R)
        payments.append(PaidMonths(months[0], count, day))
        paid_through = months[-1]
    death = day + timedelta(days=draw(st.integers(0, 400)))
    return record(*payments, first=first), death


def one_more_month(history: PaymentRecord, on: date) -> PaymentRecord:
    """The same history with one more month paid on `on`, through the payment path."""
    paid_through = max((add_months(p.first_month, p.months - 1) for p in history.payments), default=None)
    months = months_paid_by(history.first_month, paid_through, on, 1, R)
    return replace(history, payments=(*history.payments, PaidMonths(months[0], 1, on)))


CAUSES = st.sampled_from(list(Cause))


@settings(max_examples=300, deadline=None)
@given(histories(), st.integers(0, 400), CAUSES)
def test_one_more_month_paid_never_lowers_what_the_family_gets(
    history: tuple[PaymentRecord, date], back: int, cause: Cause
) -> None:
    before, death = history
    last = max((p.paid_on for p in before.payments), default=before.first_month)
    paid_on = max(last, death - timedelta(days=back))
    after = one_more_month(before, paid_on)
    owed_before = death_rights(standing_on(before, death, R), cause, R)
    owed_after = death_rights(standing_on(after, death, R), cause, R)
    assert owed_after.total >= owed_before.total


@settings(max_examples=300, deadline=None)
@given(histories(), st.integers(1, 13), st.integers(0, 60), CAUSES)
def test_a_month_paid_ahead_never_raises_it_before_that_month_has_passed(
    history: tuple[PaymentRecord, date], count: int, early: int, cause: Cause
) -> None:
    before, death = history
    # A first payment starts protection even when it pays a later month (PP 44/2015 Pasal 11): the
    # property is about months bought ahead by someone already paying.
    assume(standing_on(before, death, R).status is not ParticipantStatus.REGISTERED)
    ahead = PaidMonths(add_months(death.replace(day=1), 1), count, death - timedelta(days=early))
    after = replace(before, payments=(*before.payments, ahead))
    owed_before = death_rights(standing_on(before, death, R), cause, R)
    owed_after = death_rights(standing_on(after, death, R), cause, R)
    assert (owed_after.right, owed_after.total, owed_after.now) == (
        owed_before.right,
        owed_before.total,
        owed_before.now,
    )


def worker(history: PaymentRecord) -> Participant:
    return siti(first_month=history.first_month, payments=history.payments, terms=history.terms)


def said_total(replies: tuple | list, texts: set[str]) -> Rupiah:
    found = [r for r in replies if isinstance(r, Say) and r.text in texts]
    assert len(found) == 1, replies
    total = found[0].params["total"]
    assert isinstance(total, Rupiah)
    return total


CLAIM_RIGHTS = set(DEATH_RIGHTS.values())
OWN_JKM = set(YOUR_JKM.values())
CONFIRM = next(node for node in NODES if node.state == "confirm_submit")


@settings(max_examples=200, deadline=None)
@given(histories())
def test_claims_and_manfaat_state_the_same_amount_for_the_same_person_on_the_same_day(
    history: tuple[PaymentRecord, date],
) -> None:
    person, today = history
    ctx = FlowContext(now=datetime.combine(today, datetime.min.time()), participant_source=worker(person))
    claim = ClaimData(
        kind=ClaimKind.DEATH.value,
        event_on=today,
        cause=Cause.ILLNESS.value,
        standing=standing_on(person, today, R),
        participant_id=1,
        privileged=True,  # a named heir: strangers hear only the general rules
    )
    told_heirs = said_total(CONFIRM.prompt(claim, ctx), CLAIM_RIGHTS)
    told_worker = said_total(entry_answer("jkm", ctx), OWN_JKM)
    assert told_heirs == told_worker


def test_a_reported_death_pauses_reminders_but_not_the_notice_of_a_payment() -> None:
    who = Recipient(
        reachable=True,
        gone=False,
        reminders_on=True,
        first_month=JAN,
        paid_through=date(2027, 3, 1),
        timezone="Asia/Jakarta",
        paused=True,
    )
    now = datetime(2027, 4, 12, 3, 0, tzinfo=UTC)  # 10:00 WIB
    assert decide(Kind.BEFORE, date(2027, 4, 1), now, who, now, R) == Skip("skipped")
    assert isinstance(decide(Kind.ACTIVATED, date(2027, 4, 1), now, who, now, R), Send)
    assert isinstance(decide(Kind.BEFORE, date(2027, 4, 1), now, replace(who, paused=False), now, R), Send)
