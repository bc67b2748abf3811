"""Claims reported by heirs and workers: who may claim, what a death or an accident is owed, the documents.

Pure. What a death or an accident is owed is decided in `rights.py`, from the standing at the date of
the event (`standing.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from stdnum import damm

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
    # A sudden death while working (at the workplace, or within 24 hours of an attack there): JKK after 12
    # months of iuran, otherwise JKM (Permenaker 5/2021; FAQ, JKK).
    SUDDEN_AT_WORK = "mendadak_saat_kerja"


class ClaimStatus(StrEnum):
    """Where a claim stands; an operator moves it, the reporter is told each time."""

    RECEIVED = "diterima"
    MISSING_DOCUMENTS = "dokumen_kurang"
    VERIFIED = "diverifikasi"
    APPROVED = "disetujui"
    PAID = "dibayar"
    REJECTED = "ditolak"
    DISPUTED = "disanggah"  # the participant says they are alive: an officer checks


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
    if cause in (Cause.WORK_ACCIDENT, Cause.SUDDEN_AT_WORK):
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


def sla_days(programme: Programme, rules: Rules) -> int:
    """Return the working days within which a claim is paid once its documents are complete.

    JKM 3, JKK 7 (PP 44/2015 Pasal 40(3), 37(2)): the clock starts when the application is complete.
    """
    return rules.jkk_sla_working_days if programme is Programme.JKK else rules.jkm_sla_working_days


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


@dataclass(frozen=True)
class StatusChange:
    """A claim's status change as its reporter is told it."""

    number: str
    status: ClaimStatus
    programme: Programme
    missing: tuple[str, ...] = ()
    note: str | None = None
    total: int = 0  # what our records say is owed (told once an officer has verified the report)


def note_required(status: ClaimStatus) -> bool:
    """Tell whether an operator must say why when setting `status`: a rejection is told with its reason."""
    return status is ClaimStatus.REJECTED
