"""The capacity planner: a day's reminders that one token cannot send in its window move to earlier days."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.capacity import HEADROOM, Demand, allocate, buckets, day_start, hour_of, local_date, window

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
DUE = date(2026, 12, 15)
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def at(day: date, hour: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour), ZoneInfo(zone)).astimezone(UTC)


def demand(name: str, zone: str, size: int, day: date, hour: int, *, due: bool = False) -> Demand:
    return Demand((name, zone), zone, size, at(day, hour, zone), DUE - timedelta(days=7), first=due)


def placed(allocation, key) -> dict[date, float]:
    days: dict[date, float] = defaultdict(float)
    for portion in allocation.portions:
        if portion.key == key:
            days[local_date(portion.at, key[1])] += portion.end - portion.start
    return dict(days)


def test_what_fits_stays_whole_at_its_own_moment() -> None:
    wanted = [demand("due", WIB, 1_000, DUE, 9, due=True), demand("before", WIB, 500, DUE - timedelta(3), 9)]
    allocation = allocate(wanted, rate=30, now=NOW)
    assert [(p.at, p.start, p.end, p.moved) for p in allocation.portions] == [
        (at(DUE - timedelta(3), 9, WIB), 0.0, 1.0, False),
        (at(DUE, 9, WIB), 0.0, 1.0, False),
    ]
    assert allocation.spill == 0


def test_a_due_day_over_capacity_sends_its_due_messages_first_and_moves_the_rest_earlier() -> None:
    # 30 a second, 80% for reminders: 86,400 an hour; WIB's window holds 1,036,800 a day.
    rate = 24.0
    wanted = [
        demand("due", WIB, 900_000, DUE, 9, due=True),
        demand("before-1", WIB, 400_000, DUE, 9),  # reminders "one day before" of people due the 16th
        demand("before-3", WIB, 300_000, DUE - timedelta(3), 9),
    ]
    allocation = allocate(wanted, rate, NOW)
    per_hour = rate * 3600
    assert all(load <= per_hour + 1e-6 for load in allocation.hourly.values())
    assert placed(allocation, ("due", WIB)) == {DUE: 1.0}  # the due-day message keeps its day
    moved = placed(allocation, ("before-1", WIB))  # what is left of the due day, then the days before
    assert max(moved) == DUE
    assert moved[DUE] < 0.2
    assert min(moved) >= DUE - timedelta(7)
    assert abs(sum(moved.values()) - 1.0) < 1e-9
    assert allocation.spill == 0
    for portion in allocation.portions:  # every message inside its zone's 08:00-20:00 window
        opens, closes = window(local_date(portion.at, WIB), WIB)
        assert opens <= portion.at < closes


def test_three_zones_share_one_token_and_none_is_moved_past_its_due_date() -> None:
    rate = 10.0  # 36,000 an hour
    wanted = [
        demand(kind, zone, 200_000, DUE, 17, due=kind == "due")
        for zone in (WIB, WITA, WIT)
        for kind in ("due", "before")
    ]
    allocation = allocate(wanted, rate, NOW)
    assert all(load <= rate * 3600 + 1e-6 for load in allocation.hourly.values())
    for portion in allocation.portions:
        assert local_date(portion.at, portion.key[1]) <= DUE
    # WIT's window opens first (23:00 UTC) and closes first (11:00 UTC): it gets hours WIB cannot use.
    assert allocation.spill == 0


def test_what_fits_nowhere_is_spilled_at_its_own_moment_and_counted() -> None:
    wanted = [demand("due", WIB, 100_000, DUE, 9, due=True)]
    allocation = allocate(wanted, rate=1.0, now=at(DUE, 7, WIB))  # 3,600 an hour, no earlier day left
    # From its 09:00 to 20:00: 11 hours, each filled to 99% (the rest is headroom for rounding).
    assert round(allocation.spill) == 100_000 - round(11 * 3600 * HEADROOM)
    assert any(p.spilled and p.at == at(DUE, 9, WIB) for p in allocation.portions)


def test_a_late_notice_moves_earlier_but_never_to_the_due_date_itself() -> None:
    late_day = DUE + timedelta(7)
    wanted = [
        Demand(("after", WIB), WIB, 2_000_000, at(late_day, 9, WIB), DUE + timedelta(1)),
    ]
    allocation = allocate(wanted, rate=24.0, now=NOW)
    days = placed(allocation, ("after", WIB))
    assert min(days) > DUE
    assert max(days) == late_day


def test_the_layout_is_the_same_all_day() -> None:
    wanted = [demand("due", WIB, 3_000_000, DUE, 9, due=True), demand("before", WIB, 2_000_000, DUE, 12)]
    morning = allocate(wanted, 24.0, day_start(at(DUE - timedelta(5), 8, WIB)))
    evening = allocate(wanted, 24.0, day_start(at(DUE - timedelta(5), 19, WIB)))
    assert morning.portions == evening.portions


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from((WIB, WITA, WIT)),
            st.integers(1, 400_000),
            st.integers(0, 9),  # days before the due date
            st.sampled_from((8, 12, 17)),
        ),
        min_size=1,
        max_size=12,
    ),
    st.floats(1.0, 60.0),
)
def test_no_hour_over_capacity_and_every_group_placed_whole(rows, rate) -> None:
    wanted = [
        Demand(n, zone, size, at(DUE - timedelta(days=back), hour, zone), DUE - timedelta(7), first=back == 0)
        for n, (zone, size, back, hour) in enumerate(rows)
    ]
    allocation = allocate(wanted, rate, NOW)
    used: dict[datetime, float] = defaultdict(float)
    share: dict[int, float] = defaultdict(float)
    for portion in allocation.portions:
        size = wanted[portion.key].size
        share[portion.key] += portion.end - portion.start
        if not portion.spilled:
            used[hour_of(portion.at)] += (portion.end - portion.start) * size
            assert local_date(portion.at, wanted[portion.key].zone) <= DUE
    assert all(load <= rate * 3600 + 1e-6 for load in used.values())
    assert all(abs(total - 1.0) < 1e-9 for total in share.values())
    assert len(share) == len(wanted)
    lo_hi = [buckets(p.start, p.end) for p in allocation.portions if p.key == 0]
    assert sorted(lo_hi)[0][0] == 0
    assert sorted(lo_hi)[-1][1] == 1000


def test_a_reminder_moved_earlier_says_what_is_true_on_the_day_it_is_sent() -> None:
    from bot.domain.coverage import coverage
    from bot.domain.participants import Terms
    from bot.domain.reminders import Kind, NoticeFacts
    from bot.domain.rules import DEFAULT_RULES

    def facts(kind: Kind, today: date | None) -> NoticeFacts:
        state = coverage(date(2026, 11, 1), date(2026, 11, 1), today or DUE, DEFAULT_RULES)
        terms = Terms(1_000_000, "jkk_jkm", ("pedagang",))
        return NoticeFacts(kind, date(2026, 12, 1), state, terms, "", "", None, today)

    assert facts(Kind.DUE, DUE - timedelta(days=2)).told_as(DEFAULT_RULES) == (Kind.BEFORE, 1)
    assert facts(Kind.DUE, DUE).told_as(DEFAULT_RULES)[0] is Kind.DUE
    assert facts(Kind.AFTER, DUE + timedelta(days=4)).told_as(DEFAULT_RULES) == (Kind.AFTER, 4)
    assert facts(Kind.AFTER, None).told_as(DEFAULT_RULES) == (Kind.AFTER, 7)  # no date given: its own day
