"""Every BPU figure that can change, in one place, with its legal source.

Sources are numbered as in `shared/domain.md` (section 10). Facts marked UNCONFIRMED there are settings
(`Rules` fields overridable from the environment, see `bot/app/settings.py`), not literals in flows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CONSENT_VERSION = "2026-11-v1"


@dataclass(frozen=True)
class DiscountPeriod:
    """PP 50/2025 [R3]: 50% off JKK and JKM (not JHT) for iuran months first..last, inclusive."""

    first_month: date
    last_month: date

    def covers(self, month: date) -> bool:
        """Tell whether iuran month `month` (any day in it) is discounted."""
        key = (month.year, month.month)
        return (
            (self.first_month.year, self.first_month.month)
            <= key
            <= (self.last_month.year, self.last_month.month)
        )


@dataclass(frozen=True)
class Rules:
    """BPU figures; defaults are the values in the domain notes."""

    # Declared income (dasar penghasilan): floor Rp1 jt firm [R14][R15]; cap ≈ Rp20,7 jt SEC only [R19][R22].
    min_income: int = 1_000_000
    max_income: int = 20_700_000
    # PP 44/2015 Pasal 20 [R1]: JKK by the chosen nominal (1% in practice [R13][R15]); JKM Rp6.800 flat.
    jkk_rate: Decimal = Decimal("0.01")
    jkm_flat: int = 6_800
    # JHT optional, 2% of the same nominal (SEC [R13][R16]).
    jht_rate: Decimal = Decimal("0.02")
    # PP 50/2025 [R3]: discount rate and periods by sector.
    discount_rate: Decimal = Decimal("0.5")
    transport_discount: DiscountPeriod = field(
        default_factory=lambda: DiscountPeriod(date(2026, 1, 1), date(2027, 3, 1))
    )
    other_discount: DiscountPeriod = field(
        default_factory=lambda: DiscountPeriod(date(2026, 4, 1), date(2026, 12, 1))
    )
    # Whether tukang becak counts as transport (pengemudi) for the discount: UNCONFIRMED (domain.md §8.7).
    becak_is_transport: bool = True
    # Iuran due on the 15th of the iuran month, moved to the next working day (PP 44/2015 [R1]).
    due_day: int = 15
    # Age at registration: under 65 (SEC, brochure); minimum 15 is an assumption (working age).
    min_age: int = 15
    max_age_exclusive: int = 65
    # Consecutive months of arrears that keep the rights, with conditions (PP 44/2015 Pasal 39(1), 42(1));
    # one more and the participant is nonaktif, without JKK or JKM (Pasal 39(2), 42(2)).
    max_arrears_months: int = 3
    # JKM benefit (PP 82/2019 [R7][R8]; 3-month rule Permenaker 1/2025 [R20][R21]).
    jkm_full_benefit: int = 42_000_000
    jkm_early_benefit: int = 10_000_000
    # Its parts (PP 82/2019 via [R7][R8]; OFF [R44]): santunan kematian, santunan berkala (24 x Rp500.000
    # paid at once), biaya pemakaman. The split of the early Rp10 jt is disputed (§4.2): never shown.
    jkm_lump_sum: int = 20_000_000
    jkm_periodic: int = 12_000_000
    jkm_funeral: int = 10_000_000
    # Full JKM after 3 months of membership with paid iuran passed at the date of death (Permenaker 1/2025).
    jkm_full_after_months: int = 3
    # A sudden death while working counts as a work accident (JKK) after 12 months of iuran (Permenaker
    # 5/2021; FAQ, JKK).
    sudden_death_jkk_months: int = 12
    # JKK death: 60% x 80 x declared income = 48x, at least the JKM santunan (OFF [R39]; [R38]).
    jkk_death_multiplier: int = 48
    # Scholarship for up to 2 children, max Rp174 jt: JKM needs >= 3 years of iuran [R7][R41]; any JKK
    # death qualifies [R62]. Per child per year by level (OFF/SEC [R41][R42][R46]).
    scholarship_min_months: int = 36
    scholarship_children: int = 2
    scholarship_max: int = 174_000_000
    scholarship_by_level: tuple[tuple[str, int, int], ...] = (
        ("TK", 1_500_000, 2),
        ("SD", 1_500_000, 6),
        ("SMP", 2_000_000, 3),
        ("SMA", 3_000_000, 3),
        ("Perguruan tinggi", 12_000_000, 5),
    )
    # Claims: JKM paid within 3 working days of complete documents, JKK 7 (PP 44/2015 Pasal 37, 40);
    # JKK claims within 5 years (PP 82/2019 [R7]); an accident is reported within 2 x 24 hours (§6).
    jkm_sla_working_days: int = 3
    jkk_sla_working_days: int = 7
    jkk_claim_years: int = 5
    accident_report_hours: int = 48
    # Documents: the Bot API lets a bot download files up to 20 MB; a local Bot API server allows more
    # (DOCUMENT_MAX_BYTES).
    document_max_bytes: int = 20_000_000
    # Heirs a registration may list.
    max_heirs: int = 5
    # Months one payment may cover (issue 4; not found in the regulation text: domain.md §8.5).
    payment_months: tuple[int, ...] = (1, 3, 6, 12)
    # Registration (PP 44/2015 Pasal 11-13 [R1]): number within 1 working day of a complete form and the
    # first iuran, card within 7 working days, handed over within 3; data changes reported within 7 days;
    # at most 2 kinds of work (Pasal 11(2)).
    number_working_days: int = 1
    card_working_days: int = 7
    card_handover_working_days: int = 3
    data_change_days: int = 7
    max_occupations: int = 2
    # JKK benefits (domain.md §4.1): a suspected accident decided within 30 days (PP 49/2023 Pasal 25A
    # [R2]); STMB 100% for 12 months then 50% [R37][R16]; disability x 80 x income, total 56x plus a
    # Rp12 jt periodic payment [R37][R38]; home care <= 1 year, <= Rp20 jt [R9]; transport land/sea/air
    # [R9][R37]; dentures, hearing aid, glasses [R16][R43]; late JKK/JKM payment adds 1% a day (Pasal 37, 40).
    suspected_accident_days: int = 30
    stmb_full_months: int = 12
    stmb_later_percent: int = 50
    disability_base: int = 80
    total_disability_multiplier: int = 56
    disability_periodic: int = 12_000_000
    home_care_max: int = 20_000_000
    home_care_months: int = 12
    transport_land_max: int = 5_000_000
    transport_sea_max: int = 2_000_000
    transport_air_max: int = 10_000_000
    dentures_max: int = 5_000_000
    hearing_aid_max: int = 2_500_000
    glasses_max: int = 1_000_000
    late_claim_percent_per_day: int = 1
    # JHT (SEC [R13][R16], domain.md §4.4): full at 56; after stopping work, 1 month's wait; partial after
    # 10 years: 10% or 30% for housing. NPWP needed above Rp50 jt of JHT (§5.1).
    jht_age: int = 56
    jht_wait_months: int = 1
    jht_partial_years: int = 10
    jht_cash_percent: int = 10
    jht_housing_percent: int = 30
    npwp_from: int = 50_000_000
    # Scholarship ends at 23 (or marriage, work) [R42]; late yearly claims paid for 3 past years (SEC [R16]).
    scholarship_end_age: int = 23
    scholarship_late_years: int = 3

    @property
    def transport_occupations(self) -> frozenset[str]:
        """Occupations in the transport sector for the PP 50/2025 discount.

        Its explanation names platform and non-platform drivers, couriers: "ojol, opang, sopir, kurir"
        (opang = ojek pangkalan). Tukang becak is not named: configuration (domain.md §8.7).
        """
        base = {"ojol", "ojek_pangkalan", "kurir", "sopir"}
        return frozenset(base | {"becak"} if self.becak_is_transport else base)


DEFAULT_RULES = Rules()

# Income buttons offered (domain.md §0); labels are msgids in the flows.
INCOME_BUTTONS: tuple[int, ...] = (1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 5_000_000)
