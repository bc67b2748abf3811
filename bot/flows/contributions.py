"""`/iuran`: payment status, what to pay and by when, reminder settings; `/berhenti` turns reminders off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from bot.domain.coverage import Status, Terms, coverage
from bot.domain.iuran import due_date
from bot.domain.regions import TimeZone
from bot.domain.reminders import DAYS_BEFORE_CHOICES, HOUR_CHOICES
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Day,
    Event,
    FlowContext,
    Month,
    NoData,
    Reply,
    Rupiah,
    Say,
    Step,
    Text,
    ask,
)
from bot.flows.notices import HOW_TO_PAY
from bot.flows.participants import IuranFacts, IuranLoaded, LoadIuran, UpdateReminders


class IuranState(StrEnum):
    """Each state names what is shown or asked."""

    LOADING = "loading"
    SHOW = "show"
    SETTINGS = "settings"
    CONFIRM_ON = "confirm_on"
    SAVING = "saving"
    DONE = "done"


S = IuranState


@dataclass(frozen=True)
class IuranData:
    """The standing as loaded."""

    facts: IuranFacts | None = None

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {"facts": self.facts.to_json() if self.facts else None}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> IuranData:
        """Build from `to_json` output."""
        return cls(IuranFacts.from_json(raw["facts"]) if raw.get("facts") else None)


NOT_REGISTERED = N_("Anda belum terdaftar sebagai peserta BPU, jadi belum ada iuran. Daftar lewat /daftar.")
SHOWN = N_(
    "Iuran BPJS Ketenagakerjaan\n"
    "Nomor pendaftaran: {number}\n"
    "Status: {status}\n"
    "Iuran terbayar sampai: {paid_through}\n"
    "Iuran berikutnya ({month}): {amount}, jatuh tempo {due}\n"
    "Tunggakan: {arrears}\n"
    "{how}"
)
STATUS: Mapping[Status, str] = {
    Status.REGISTERED: N_("terdaftar, belum terlindungi. Perlindungan mulai setelah iuran pertama tercatat."),
    Status.ACTIVE: N_("aktif, terlindungi JKK dan JKM."),
    Status.INACTIVE: N_(
        "nonaktif: iuran 3 bulan berturut-turut belum dibayar, jadi tidak ada hak JKK dan JKM. Untuk aktif "
        "kembali, bayar iuran berikutnya dengan NIK Anda dan pastikan ke BPJS Ketenagakerjaan di 175."
    ),
}
NO_PAYMENT = N_("belum ada pembayaran")
NO_ARREARS = N_("tidak ada")
ARREARS = N_("{count} bulan")
SETTINGS_BUTTON = N_("Pengaturan pengingat")
PAID_BUTTON = N_("Saya sudah bayar")
BACK = N_("Kembali ke menu")
PAID_EXPLAINED = N_(
    "Terima kasih! Pembayaran tercatat otomatis setelah kanal pembayaran (bank, kantor pos, minimarket, JMO) "
    "mengirim konfirmasi, biasanya dalam 1 hari, dan saya akan mengabari Anda. Bila lewat 2 hari belum "
    "tercatat, simpan bukti bayar dan hubungi BPJS Ketenagakerjaan di 175."
)
SETTINGS_ON = N_(
    "Pengingat iuran: nyala.\n"
    "Dikirim {days} hari sebelum jatuh tempo, pada hari jatuh tempo, dan 7 hari sesudahnya bila belum "
    "dibayar, sekitar jam {hour}.00 {zone}. Tidak pernah malam hari (20.00–08.00)."
)
SETTINGS_OFF = N_("Pengingat iuran: mati. Anda tidak menerima pengingat iuran dari bot ini.")
TURN_OFF = N_("Matikan pengingat")
TURN_ON = N_("Nyalakan pengingat")
DAYS_LABEL = N_("{days} hari sebelum")
HOUR_LABEL = N_("Jam {hour}.00")
BACK_TO_STATUS = N_("Kembali")
CONFIRM_ON = N_("Nyalakan lagi pengingat iuran lewat chat ini?")
YES_ON = N_("Ya, nyalakan")
NO = N_("Batal")
SAVED = N_("Pengaturan pengingat tersimpan.")
STOPPED = N_(
    "Pengingat iuran dimatikan; Anda tidak akan menerima pengingat lagi. "
    "Untuk menyalakannya lagi: /iuran, lalu “Pengaturan pengingat”."
)
STOP_NOT_REGISTERED = N_("Anda belum terdaftar, jadi tidak ada pengingat yang dikirim ke Anda.")
ZONES: Mapping[str, str] = {TimeZone.WIB.value: "WIB", TimeZone.WITA.value: "WITA", TimeZone.WIT.value: "WIT"}


def _terms(facts: IuranFacts) -> Terms:
    return Terms(
        facts.income,
        facts.programme,
        facts.occupations,
        facts.pending_income,
        facts.pending_programme,
        facts.pending_from,
    )


class IuranFlow:
    """Show the standing; change reminder settings."""

    name: ClassVar[str] = "payments"
    states: ClassVar[type[StrEnum]] = IuranState
    initial: ClassVar[StrEnum] = S.LOADING
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({S.DONE})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = {
        S.LOADING: frozenset({S.SHOW, S.DONE}),
        S.SHOW: frozenset({S.SETTINGS, S.DONE}),
        S.SETTINGS: frozenset({S.SAVING, S.CONFIRM_ON, S.SHOW}),
        S.CONFIRM_ON: frozenset({S.SAVING, S.SETTINGS}),
        S.SAVING: frozenset({S.SETTINGS, S.DONE}),
        S.DONE: frozenset(),
    }
    data_type = IuranData

    def start(self, data: IuranData, ctx: FlowContext) -> Step:
        """Load the standing; it arrives as `IuranLoaded`."""
        return Step(S.LOADING, IuranData(), effects=(LoadIuran(),))

    def prompt(self, state: StrEnum, data: IuranData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Render what `state` shows."""
        facts = data.facts
        if facts is None:
            return (Say(NOT_REGISTERED),)
        match state:
            case S.SETTINGS | S.SAVING:
                return (self._settings(facts),)
            case S.CONFIRM_ON:
                return (Say(CONFIRM_ON, choices=(Choice("yes", YES_ON), Choice("no", NO))),)
        return (self._shown(facts, ctx),)

    def handle(self, state: StrEnum, data: IuranData, event: Event, ctx: FlowContext) -> Step:
        """Advance by one event."""
        match S(state), event:
            case S.LOADING | S.SAVING, IuranLoaded(facts=None):
                return Step(S.DONE, IuranData(), (Say(NOT_REGISTERED),), finished=True)
            case S.LOADING, IuranLoaded(facts=facts):
                return ask(self, S.SHOW, IuranData(facts), ctx)
            case S.SAVING, IuranLoaded(facts=facts):
                return ask(self, S.SETTINGS, IuranData(facts), ctx, Say(SAVED))
            case S.SHOW, ChoiceMade(key="settings"):
                return ask(self, S.SETTINGS, data, ctx)
            case S.SHOW, ChoiceMade(key="paid"):
                return ask(self, S.SHOW, data, ctx, Say(PAID_EXPLAINED))
            case S.SHOW, ChoiceMade(key="back"):
                return Step(S.DONE, IuranData(), finished=True)
            case S.SETTINGS, ChoiceMade(key="off"):
                return Step(S.SAVING, data, effects=(UpdateReminders(on=False),))
            case S.SETTINGS, ChoiceMade(key="on"):
                return ask(self, S.CONFIRM_ON, data, ctx)
            case S.SETTINGS, ChoiceMade(key="back"):
                return ask(self, S.SHOW, data, ctx)
            case S.SETTINGS, ChoiceMade(key=key) if _setting(key, data) is not None:
                return Step(S.SAVING, data, effects=(_setting(key, data),))  # type: ignore[arg-type]
            case S.CONFIRM_ON, ChoiceMade(key="yes"):
                return Step(S.SAVING, data, effects=(UpdateReminders(on=True),))
            case S.CONFIRM_ON, ChoiceMade(key="no"):
                return ask(self, S.SETTINGS, data, ctx)
        return ask(self, S(state), data, ctx, Say(USE_BUTTONS))

    @staticmethod
    def _shown(facts: IuranFacts, ctx: FlowContext) -> Say:
        rules = ctx.rules
        state = coverage(facts.first_month, facts.paid_through, ctx.today, rules)
        month = state.current_month
        terms = _terms(facts)
        arrears = Text(ARREARS, {"count": state.arrears}) if state.arrears else Text(NO_ARREARS)
        params = {
            "number": facts.registration_number,
            "status": Text(STATUS[state.status]),
            "paid_through": Month(facts.paid_through) if facts.paid_through else Text(NO_PAYMENT),
            "month": Month(month),
            "amount": Rupiah(terms.iuran(month, rules)),
            "due": Day(due_date(month, rules), weekday=True),
            "arrears": arrears,
            "how": Text(HOW_TO_PAY),
        }
        choices = (Choice("settings", SETTINGS_BUTTON), Choice("paid", PAID_BUTTON), Choice("back", BACK))
        return Say(SHOWN, params, choices)

    @staticmethod
    def _settings(facts: IuranFacts) -> Say:
        if not facts.reminders_on:
            return Say(SETTINGS_OFF, choices=(Choice("on", TURN_ON), Choice("back", BACK_TO_STATUS)))
        choices = (
            Choice("off", TURN_OFF),
            *(Choice(f"d{days}", DAYS_LABEL, {"days": days}) for days in DAYS_BEFORE_CHOICES),
            *(Choice(f"h{hour}", HOUR_LABEL, {"hour": f"{hour:02d}"}) for hour in HOUR_CHOICES),
            Choice("back", BACK_TO_STATUS),
        )
        params = {
            "days": facts.reminder_days,
            "hour": f"{facts.reminder_hour:02d}",
            "zone": ZONES.get(facts.timezone, "WIB"),
        }
        return Say(SETTINGS_ON, params, choices, columns=3)


def _setting(key: str, data: IuranData) -> UpdateReminders | None:
    """Read a days/hour button into a settings change (only while reminders are on)."""
    if data.facts is None or not data.facts.reminders_on or len(key) < 2 or not key[1:].isdigit():
        return None
    value = int(key[1:])
    if key[0] == "d" and value in DAYS_BEFORE_CHOICES:
        return UpdateReminders(days_before=value)
    if key[0] == "h" and value in HOUR_CHOICES:
        return UpdateReminders(hour=value)
    return None


class StopState(StrEnum):
    """Turning reminders off, then done."""

    STOPPING = "stopping"
    DONE = "done"


class StopFlow:
    """`/berhenti` or "STOP": reminders off at once, no questions asked."""

    name: ClassVar[str] = "stop"
    states: ClassVar[type[StrEnum]] = StopState
    initial: ClassVar[StrEnum] = StopState.STOPPING
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({StopState.DONE})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = {
        StopState.STOPPING: frozenset({StopState.DONE}),
        StopState.DONE: frozenset(),
    }
    data_type = NoData

    def start(self, data: NoData, ctx: FlowContext) -> Step:
        """Turn reminders off."""
        return Step(StopState.STOPPING, NoData(), effects=(UpdateReminders(on=False),))

    def prompt(self, state: StrEnum, data: NoData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Nothing is asked."""
        return (Say(STOPPED),)

    def handle(self, state: StrEnum, data: NoData, event: Event, ctx: FlowContext) -> Step:
        """Confirm what was done."""
        match event:
            case IuranLoaded(facts=None):
                return Step(StopState.DONE, NoData(), (Say(STOP_NOT_REGISTERED),), finished=True)
        return Step(StopState.DONE, NoData(), (Say(STOPPED),), finished=True)


FLOW = IuranFlow()
STOP_FLOW = StopFlow()
