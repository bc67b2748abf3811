"""A registered worker as the flows see her (the domain `Participant`), for tests of pure flows."""

from __future__ import annotations

from datetime import date

from bot.domain.participants import PaidMonths, Participant, ParticipantStatus, Terms

TERMS = Terms(1_000_000, "jkk_jkm", ("pedagang",))


def siti(
    *,
    first_month: date,
    payments: tuple[PaidMonths, ...] = (),
    terms: Terms = TERMS,
    number: str = "26110000013",
) -> Participant:
    """Siti Aminah, pedagang pasar in Pekanbaru, with these payments."""
    months = [
        date(
            p.first_month.year + (p.first_month.month - 1 + i) // 12,
            (p.first_month.month - 1 + i) % 12 + 1,
            1,
        )
        for p in payments
        for i in range(p.months)
    ]
    return Participant(
        registration_number=number,
        status=ParticipantStatus.ACTIVE,
        nik_last4="0001",
        name="Siti Aminah",
        birth_date=date(1985, 8, 17),
        female=True,
        phone="+6281234567890",
        regency_code="1471",
        address="Jl. Sudirman",
        occupation_other=None,
        heirs=(),
        consent_at="2026-07-01T10:00:00+07:00",
        terms=terms,
        first_month=first_month,
        paid_through=max(months, default=None),
        reminders_on=True,
        reminder_days=3,
        reminder_hour=9,
        timezone="Asia/Jakarta",
        payments=payments,
    )
