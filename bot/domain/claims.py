"""Claims reported by heirs and workers: who may claim, what a death or an accident is owed, the documents.

Pure: the figures come from `Rules` (each with its source in `rules.py`); the standing of the deceased at
the date of death comes from our payment records, loaded by the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from stdnum import damm

from bot.domain.coverage import add_months, coverage
from bot.domain.iuran import is_working_day
from bot.domain.rules import Rules


class ClaimKind(StrEnum):
    """What is reported."""

    DEATH = "kematian"
    ACCIDENT = "kecelakaan"


class Cause(StrEnum):
    """Why the participant died: a work accident (or on the way to or from work) is JKK, the rest JKM."""

    ILLNESS = "sakit"
    WORK_ACCIDENT = "kecelakaan_kerja"
    OTHER_ACCIDENT = "kecelakaan_lain"


class ClaimStatus(StrEnum):
    """Where a claim stands; an operator moves it, the reporter is told each time."""

    RECEIVED = "diterima"
    MISSING_DOCUMENTS = "dokumen_kurang"
    VERIFIED = "diverifikasi"
    APPROVED = "disetujui"
    PAID = "dibayar"
    REJECTED = "ditolak"


# PP 44/2015 Pasal 37(5), 40(2) (domain.md §3.5): spouse and children first; then parents, grandparents
# and grandchildren; then siblings; then parents-in-law; then whoever the participant's will names.
HEIR_ORDER: tuple[tuple[str, int], ...] = (
    ("pasangan", 1),
    ("anak", 1),
    ("orang_tua", 2),
    ("kakek_nenek", 2),
    ("cucu", 2),
    ("saudara", 3),
    ("mertua", 4),
    ("wasiat", 5),
    ("bukan_keluarga", 0),  # may report, cannot claim
)
REPORTER_RELATIONS = tuple(key for key, _ in HEIR_ORDER)


def is_heir(relation: str) -> bool:
    """Tell whether a relation can be an heir at all (the order decides who receives)."""
    return dict(HEIR_ORDER).get(relation, 0) > 0


class Programme(StrEnum):
    """Which benefit a death is claimed under."""

    JKM = "jkm"
    JKK = "jkk"


class Right(StrEnum):
    """What the heirs are owed, from our records at the date of death."""

    FULL = "full"  # JKM after >= 3 paid months: the whole benefit
    EARLY = "early"  # JKM within the first 3 months: the early amount only
    ARREARS = "arrears"  # unpaid months (< 3): funeral cost now, the rest once the arrears are paid
    NONE_INACTIVE = "inactive"  # nonaktif (3 or more unpaid months): no JKM/JKK
    NONE_UNPAID = "unpaid"  # registered but never paid: not yet protected
    JKK_DEATH = "jkk_death"  # a work-accident death while active
    UNKNOWN = "unknown"  # not in our register (KPJ from elsewhere): no figure, the general rules


@dataclass(frozen=True)
class Standing:
    """The deceased's record at the date of death, from our payments."""

    paid_months: int  # iuran months paid by the date of death
    unpaid_months: int  # consecutive months due and unpaid at the date of death
    income: int  # declared income (the JKK base)


@dataclass(frozen=True)
class Assessment:
    """What the heirs are owed and why: amounts in rupiah (0 where none), all from the rules."""

    programme: Programme
    right: Right
    total: int = 0
    lump_sum: int = 0  # santunan kematian (JKM) or 48 x income (JKK)
    periodic: int = 0  # santunan berkala, paid at once
    funeral: int = 0  # biaya pemakaman
    scholarship: bool = False  # up to 2 children, by school level
    unpaid_months: int = 0


def assess_death(standing: Standing | None, cause: Cause, rules: Rules) -> Assessment:
    """Decide what a death is owed (domain.md §0, §2, §4.1, §4.2)."""
    programme = Programme.JKK if cause is Cause.WORK_ACCIDENT else Programme.JKM
    if standing is None:
        return Assessment(programme, Right.UNKNOWN)
    if standing.paid_months == 0:
        return Assessment(programme, Right.NONE_UNPAID)
    if standing.unpaid_months >= rules.months_to_nonaktif:
        return Assessment(programme, Right.NONE_INACTIVE, unpaid_months=standing.unpaid_months)
    if programme is Programme.JKK:
        lump = max(rules.jkk_death_multiplier * standing.income, rules.jkm_lump_sum)
        total = lump + rules.jkm_periodic + rules.jkm_funeral
        return Assessment(
            programme,
            Right.JKK_DEATH,
            total,
            lump,
            rules.jkm_periodic,
            rules.jkm_funeral,
            scholarship=True,  # any JKK death, no minimum membership (domain.md §4.1)
            unpaid_months=standing.unpaid_months,
        )
    if standing.unpaid_months > 0:
        # PP 44/2015 Pasal 42(1): the funeral cost is paid; the rest once the heirs pay the arrears.
        return Assessment(
            programme,
            Right.ARREARS,
            rules.jkm_full_benefit,
            rules.jkm_lump_sum,
            rules.jkm_periodic,
            rules.jkm_funeral,
            standing.paid_months >= rules.scholarship_min_months,
            standing.unpaid_months,
        )
    if standing.paid_months < rules.jkm_full_after_months:
        return Assessment(programme, Right.EARLY, rules.jkm_early_benefit)
    return Assessment(
        programme,
        Right.FULL,
        rules.jkm_full_benefit,
        rules.jkm_lump_sum,
        rules.jkm_periodic,
        rules.jkm_funeral,
        standing.paid_months >= rules.scholarship_min_months,
    )


# Documents, by key (domain.md §5.1; a JKK death or an accident adds §6's).
DEATH_DOCUMENTS: tuple[str, ...] = (
    "kartu_peserta",
    "ktp_almarhum",
    "ktp_ahli_waris",
    "kk",
    "surat_kematian",
    "surat_ahli_waris",
    "buku_tabungan",
)
SPOUSE_DOCUMENTS: tuple[str, ...] = ("buku_nikah",)
ACCIDENT_DOCUMENTS: tuple[str, ...] = ("kronologi", "surat_dokter")
TRAFFIC_DOCUMENTS: tuple[str, ...] = ("laporan_polisi",)
WORKER_ACCIDENT_DOCUMENTS: tuple[str, ...] = (
    "kartu_peserta",
    "ktp_peserta",
    "kronologi",
    "surat_dokter",
    "kuitansi",
)


def death_documents(cause: Cause, relation: str) -> tuple[str, ...]:
    """Return the documents a death claim needs, in the order they are asked."""
    documents = DEATH_DOCUMENTS + (SPOUSE_DOCUMENTS if relation == "pasangan" else ())
    if cause is Cause.WORK_ACCIDENT:
        documents += ACCIDENT_DOCUMENTS
    return documents


def claim_number(sequence: int, reported: date) -> str:
    """Return K + YYMM + a six-digit sequence + a Damm check digit (any one mistyped digit is caught)."""
    body = f"{reported:%y%m}{sequence:06d}"
    return "K" + body + damm.calc_check_digit(body)


def is_claim_number(text: str) -> bool:
    """Tell whether `text` is a well-formed claim number."""
    digits = text.strip().upper().removeprefix("K")
    return digits.isascii() and digits.isdigit() and len(digits) == 11 and damm.is_valid(digits)


def working_days_after(start: date, days: int) -> date:
    """Return the date `days` working days after `start` (weekends and Indonesian holidays skipped)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def report_deadline_passed(accident_on: date, today: date, rules: Rules) -> bool:
    """Tell whether the 2 x 24 hour report duty (domain.md §6) has passed (by calendar days)."""
    return (today - accident_on).days * 24 > rules.accident_report_hours


def report_deadline_close(accident_on: date, today: date, rules: Rules) -> bool:
    """Tell whether the 2 x 24 hour report duty ends within the next day."""
    hours = (today - accident_on).days * 24
    return rules.accident_report_hours - 24 <= hours <= rules.accident_report_hours


def within_claim_window(event_on: date, today: date, rules: Rules) -> bool:
    """Tell whether a JKK claim is within its window (5 years from the accident, PP 82/2019)."""
    return today <= date(event_on.year + rules.jkk_claim_years, event_on.month, min(event_on.day, 28))


def jkm_benefit(paid_months: int, rules: Rules) -> int:
    """Return the JKM a family receives after `paid_months` months of iuran (domain.md §2)."""
    return rules.jkm_full_benefit if paid_months >= rules.jkm_full_after_months else rules.jkm_early_benefit


@dataclass(frozen=True)
class PaidMonths:
    """One payment as the register holds it: the months it covers and the day it was paid."""

    first_month: date
    months: int
    paid_on: date


@dataclass(frozen=True)
class PaymentRecord:
    """A participant's iuran record: from which month they owe iuran, their income, their payments."""

    first_month: date
    income: int
    payments: tuple[PaidMonths, ...]


def standing_on(record: PaymentRecord, on: date, rules: Rules) -> Standing:
    """Return the participant's standing on `on` (a date of death): months paid by then, arrears, income."""
    paid = [p for p in record.payments if p.paid_on <= on]
    paid_months = sum(p.months for p in paid)
    paid_through = max((add_months(p.first_month, p.months - 1) for p in paid), default=None)
    state = coverage(record.first_month, paid_through, on, rules)
    return Standing(paid_months, state.arrears if paid_months else 0, record.income)


def note_required(status: ClaimStatus) -> bool:
    """Tell whether an operator must say why when setting `status`: a rejection is told with its reason."""
    return status is ClaimStatus.REJECTED
