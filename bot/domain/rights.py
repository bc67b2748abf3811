"""What each programme pays, from a standing: now, after the arrears are paid, after recovery, or not.

Every part names the rule that decides it (`Rule`); the flows turn rules into the article a family reads.
Pure: amounts from `Rules`, standing from `bot/domain/standing.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.claims import Cause, Programme
from bot.domain.participants import ParticipantStatus
from bot.domain.rules import Rules
from bot.domain.standing import Standing


class Rule(StrEnum):
    """The rule that decides a right (domain.md §0, §2, §4)."""

    UNKNOWN = "unknown"  # not in our register: the general rules only
    NOT_YET_PAID = "not_yet_paid"  # PP 44/2015 Pasal 11(4)-(5): protection starts with the first payment
    JKM_FULL = "jkm_full"  # PP 82/2019; Permenaker 1/2025: full JKM after 3 months of membership
    JKM_EARLY = "jkm_early"  # Permenaker 1/2025: before 3 months of membership, the early amount
    DEATH_IN_ARREARS = "death_in_arrears"  # PP 44/2015 Pasal 42(1)
    DEATH_INACTIVE = "death_inactive"  # PP 44/2015 Pasal 42(2)
    JKK = "jkk"  # PP 44/2015 Pasal 25, PP 82/2019: work accident, care by need, cash after recovery
    ACCIDENT_IN_ARREARS = "accident_in_arrears"  # PP 44/2015 Pasal 39(1)
    ACCIDENT_INACTIVE = "accident_inactive"  # PP 44/2015 Pasal 39(2)
    SUDDEN_DEATH_AT_WORK = "sudden_death_at_work"  # Permenaker 5/2021: JKK after 12 months of iuran
    SCHOLARSHIP_JKM = "scholarship_jkm"  # PP 82/2019: non-work death after 3 years of iuran
    SCHOLARSHIP_JKK = "scholarship_jkk"  # PP 82/2019: work-accident death or total disability, no minimum
    REFUND = "refund"  # FAQ (BPU): iuran paid for months after the death is refunded with the claim


class Benefit(StrEnum):
    """A part of what a programme pays."""

    FUNERAL = "funeral"  # biaya pemakaman
    LUMP_SUM = "lump_sum"  # santunan kematian (JKM)
    PERIODIC = "periodic"  # santunan berkala, paid at once
    JKM_EARLY = "jkm_early"  # the early JKM as one amount (its split is disputed: never shown)
    JKK_LUMP_SUM = "jkk_lump_sum"  # 48 x income, at least the JKM santunan
    SCHOLARSHIP = "scholarship"  # up to 2 children, by school level
    CARE = "care"  # JKK medical care by need
    CASH = "cash"  # JKK cash: temporary incapacity, disability
    REFUND = "refund"  # iuran paid ahead, returned


class When(StrEnum):
    """When a part is paid."""

    NOW = "now"
    AFTER_ARREARS = "after_arrears"  # once the arrears are paid
    AFTER_RECOVERY = "after_recovery"  # JKK cash: after recovery and complete papers
    AFTER_RECOVERY_AND_ARREARS = "after_recovery_and_arrears"
    NOT = "not"


@dataclass(frozen=True)
class Part:
    """One part of a right: what, when, by which rule, and how much (None: by need or by school level)."""

    benefit: Benefit
    when: When
    rule: Rule
    amount: int | None = None

    @property
    def paid(self) -> bool:
        """Tell whether this part is paid at all."""
        return self.when is not When.NOT


class Right(StrEnum):
    """What a death is owed, in one word."""

    FULL = "full"  # JKM after 3 months of membership
    EARLY = "early"  # JKM before that: the early amount
    JKK_DEATH = "jkk_death"  # a work-accident death (or a sudden death at work after 12 months)
    NONE_INACTIVE = "inactive"  # nonaktif at the date of death
    NONE_UNPAID = "unpaid"  # registered, nothing paid by then
    UNKNOWN = "unknown"  # not in our register


@dataclass(frozen=True)
class DeathRights:
    """What the heirs are owed for a death and why."""

    programme: Programme
    right: Right
    rule: Rule
    parts: tuple[Part, ...] = ()
    standing: Standing | None = None

    def _sum(self, *whens: When) -> int:
        return sum(p.amount or 0 for p in self.parts if p.when in whens and p.benefit is not Benefit.REFUND)

    def amount(self, benefit: Benefit) -> int:
        """Return the amount of one part (0 when absent)."""
        return next((p.amount or 0 for p in self.parts if p.benefit is benefit and p.paid), 0)

    @property
    def total(self) -> int:
        """Return everything the family receives (the refund aside), now and after the arrears."""
        return self._sum(When.NOW, When.AFTER_ARREARS)

    @property
    def now(self) -> int:
        """Return what is paid without waiting for the arrears."""
        return self._sum(When.NOW)

    @property
    def after_arrears(self) -> int:
        """Return what is paid only once the arrears are paid."""
        return self._sum(When.AFTER_ARREARS)

    @property
    def scholarship(self) -> bool:
        """Tell whether the children's scholarship is part of it."""
        return any(p.benefit is Benefit.SCHOLARSHIP and p.paid for p in self.parts)

    @property
    def pays(self) -> bool:
        """Tell whether anything is owed (the family is then told when it is paid)."""
        return self.total > 0


def work_related(standing: Standing, cause: Cause, rules: Rules) -> bool:
    """Tell whether a death is a JKK case: a work accident, or a sudden death at work after 12 months."""
    if cause is Cause.WORK_ACCIDENT:
        return True
    return cause is Cause.SUDDEN_AT_WORK and standing.membership >= rules.sudden_death_jkk_months


def death_rights(standing: Standing | None, cause: Cause, rules: Rules) -> DeathRights:
    """Decide what a death is owed (PP 44/2015 Pasal 39, 42; PP 82/2019; Permenaker 5/2021, 1/2025)."""
    if standing is None:
        programme = Programme.JKK if cause is Cause.WORK_ACCIDENT else Programme.JKM
        return DeathRights(programme, Right.UNKNOWN, Rule.UNKNOWN)
    work = work_related(standing, cause, rules)
    programme = Programme.JKK if work else Programme.JKM
    if standing.status is ParticipantStatus.REGISTERED:
        return DeathRights(programme, Right.NONE_UNPAID, Rule.NOT_YET_PAID, standing=standing)
    if standing.status is ParticipantStatus.INACTIVE:
        rule = Rule.ACCIDENT_INACTIVE if work else Rule.DEATH_INACTIVE
        return DeathRights(programme, Right.NONE_INACTIVE, rule, standing=standing)
    refund = (Part(Benefit.REFUND, When.NOW, Rule.REFUND, standing.refund),) if standing.ahead else ()
    later = When.AFTER_ARREARS if standing.arrears else When.NOW
    if work:
        # Pasal 39(1): with arrears, every cash benefit waits for them.
        rule = (
            Rule.ACCIDENT_IN_ARREARS
            if standing.arrears
            else Rule.SUDDEN_DEATH_AT_WORK
            if cause is Cause.SUDDEN_AT_WORK
            else Rule.JKK
        )
        lump = max(rules.jkk_death_multiplier * standing.income, rules.jkm_lump_sum)
        parts: tuple[Part, ...] = (
            Part(Benefit.JKK_LUMP_SUM, later, rule, lump),
            Part(Benefit.PERIODIC, later, rule, rules.jkm_periodic),
            Part(Benefit.FUNERAL, later, rule, rules.jkm_funeral),
            Part(Benefit.SCHOLARSHIP, later, Rule.SCHOLARSHIP_JKK),
        )
        return DeathRights(Programme.JKK, Right.JKK_DEATH, rule, parts + refund, standing)
    scholarship = Part(
        Benefit.SCHOLARSHIP,
        later if standing.membership >= rules.scholarship_min_months else When.NOT,
        Rule.SCHOLARSHIP_JKM,
    )
    if not full_jkm(standing.membership, rules):
        rule = Rule.DEATH_IN_ARREARS if standing.arrears else Rule.JKM_EARLY
        parts = (Part(Benefit.JKM_EARLY, later, rule, rules.jkm_early_benefit), scholarship)
        return DeathRights(Programme.JKM, Right.EARLY, rule, parts + refund, standing)
    # Pasal 42(1): with arrears the funeral cost is paid at once, the rest once the heirs pay them.
    rule = Rule.DEATH_IN_ARREARS if standing.arrears else Rule.JKM_FULL
    parts = (
        Part(Benefit.FUNERAL, When.NOW, rule, rules.jkm_funeral),
        Part(Benefit.LUMP_SUM, later, rule, rules.jkm_lump_sum),
        Part(Benefit.PERIODIC, later, rule, rules.jkm_periodic),
        scholarship,
    )
    return DeathRights(Programme.JKM, Right.FULL, rule, parts + refund, standing)


class Cover(StrEnum):
    """What a work accident is covered for, in one word."""

    ACTIVE = "active"  # care now, cash after recovery
    IN_ARREARS = "in_arrears"  # care now, cash after recovery and the arrears
    INACTIVE = "inactive"  # not covered
    UNPAID = "unpaid"  # registered, nothing paid: not yet protected
    UNKNOWN = "unknown"  # not in our register


@dataclass(frozen=True)
class AccidentCover:
    """What JKK gives for an accident and why."""

    cover: Cover
    rule: Rule
    parts: tuple[Part, ...] = ()
    standing: Standing | None = None


def accident_cover(standing: Standing | None) -> AccidentCover:
    """Decide what JKK gives for a work accident on the standing's day (PP 44/2015 Pasal 25, 37, 39)."""
    if standing is None:
        return AccidentCover(Cover.UNKNOWN, Rule.UNKNOWN)
    if standing.status is ParticipantStatus.REGISTERED:
        return AccidentCover(Cover.UNPAID, Rule.NOT_YET_PAID, standing=standing)
    if standing.status is ParticipantStatus.INACTIVE:
        parts = (
            Part(Benefit.CARE, When.NOT, Rule.ACCIDENT_INACTIVE),
            Part(Benefit.CASH, When.NOT, Rule.ACCIDENT_INACTIVE),
        )
        return AccidentCover(Cover.INACTIVE, Rule.ACCIDENT_INACTIVE, parts, standing)
    if standing.arrears:
        parts = (
            Part(Benefit.CARE, When.NOW, Rule.ACCIDENT_IN_ARREARS),
            Part(Benefit.CASH, When.AFTER_RECOVERY_AND_ARREARS, Rule.ACCIDENT_IN_ARREARS),
        )
        return AccidentCover(Cover.IN_ARREARS, Rule.ACCIDENT_IN_ARREARS, parts, standing)
    parts = (Part(Benefit.CARE, When.NOW, Rule.JKK), Part(Benefit.CASH, When.AFTER_RECOVERY, Rule.JKK))
    return AccidentCover(Cover.ACTIVE, Rule.JKK, parts, standing)


def full_jkm(membership: int, rules: Rules) -> bool:
    """Tell whether `membership` months of paid membership give the full JKM (Permenaker 1/2025)."""
    return membership >= rules.jkm_full_after_months


def jkm_amount(membership: int, rules: Rules) -> int:
    """Return the JKM after `membership` months of paid membership, for a worker paying on time."""
    return rules.jkm_full_benefit if full_jkm(membership, rules) else rules.jkm_early_benefit
