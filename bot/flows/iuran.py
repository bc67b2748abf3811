"""`/iuran`: payment status, what to pay and by when, reminder settings; `/berhenti` turns reminders off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.iuran import due_date
from bot.domain.participants import Participant
from bot.domain.regions import TimeZone
from bot.domain.reminders import DAYS_BEFORE_CHOICES, HOUR_CHOICES
from bot.domain.sponsors import SponsorshipState
from bot.domain.standing import standing_of
from bot.flows import rights
from bot.flows.base import N_, Choice, Day, Event, FlowContext, Month, Param, Say, Text
from bot.flows.kit import FINISH, Act, Action, Enter, Entry, Flow, Go, Screen, buttons, to
from bot.flows.labels import BACK_TO_MENU, CANCEL
from bot.flows.notices import HOW_TO_PAY
from bot.flows.prices import month_price
from bot.flows.register import ParticipantSaved, UpdateReminders


@dataclass(frozen=True)
class ReminderChange:
    """A reminder setting on its way to the register (only the fields given change)."""

    on: bool | None = None
    days_before: int | None = None
    hour: int | None = None


@dataclass(frozen=True)
class IuranData:
    """What `/iuran` is about to save."""

    change: ReminderChange | None = None


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
NO_PAYMENT = N_("belum ada pembayaran")
DEATH_REPORT_PENDING = N_(
    "Ada laporan kematian atas pendaftaran ini (klaim {number}) yang sedang diperiksa petugas; selama itu "
    "pengingat iuran berhenti, perlindungan tidak berubah. Bila laporan itu keliru, ketik /hidup."
)
SETTINGS_BUTTON = N_("Pengaturan pengingat")
PAID_BUTTON = N_("Saya sudah bayar")
PAID_EXPLAINED = N_(
    "Terima kasih! Pembayaran tercatat otomatis setelah kanal pembayaran (bank, kantor pos, minimarket, JMO) "
    "mengirim konfirmasi, dan saya akan mengabari Anda. Bila lewat 2 hari kerja belum tercatat, simpan bukti "
    "bayar dan hubungi BPJS Ketenagakerjaan di 175."
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
SAVED = N_("Pengaturan pengingat tersimpan.")
STOPPED = N_(
    "Pengingat iuran dimatikan; Anda tidak akan menerima pengingat lagi. "
    "Untuk menyalakannya lagi: /iuran, lalu “Pengaturan pengingat”."
)
STOP_NOT_REGISTERED = N_("Anda belum terdaftar, jadi tidak ada pengingat yang dikirim ke Anda.")
ZONES: Mapping[str, str] = {TimeZone.WIB.value: "WIB", TimeZone.WITA.value: "WITA", TimeZone.WIT.value: "WIT"}


SHOW_HELP = N_(
    "Iuran dibayar tiap bulan, paling lambat tanggal 15 (hari kerja berikutnya bila libur). Bayar dengan "
    "menyebut NIK di bank, kantor pos, minimarket mitra, atau JMO. Pengingat bisa diatur di sini."
)


def _enter(data: IuranData, _at: str | None, ctx: FlowContext) -> Go:
    participant = ctx.participant
    if participant is None:
        return Go(FINISH, data, (Say(NOT_REGISTERED),))
    if participant.deceased_on is not None:
        standing = standing_of(participant, participant.deceased_on, ctx.rules)
        said = rights.deceased_said(standing, Day(participant.deceased_on), participant.deceased_source or "")
        return Go(FINISH, data, (said,))
    if participant.death_reported is not None:
        pending = Say(DEATH_REPORT_PENDING, {"number": participant.death_reported})
        return Go("show", IuranData(), (pending,))
    return Go("show", IuranData())


def _show(_data: IuranData, ctx: FlowContext) -> Say:
    participant = ctx.participant
    if participant is None:
        return Say(NOT_REGISTERED)
    rules = ctx.rules
    standing = standing_of(participant, ctx.today, rules)
    month = standing.next_month
    params: dict[str, Param] = {
        "number": participant.registration_number,
        "status": rights.status_text(standing, rules),
        "paid_through": Month(participant.paid_through) if participant.paid_through else Text(NO_PAYMENT),
        "month": Month(month),
        "amount": month_price(participant.terms, month, rules),
        "due": Day(due_date(month, rules), weekday=True),
        "arrears": rights.arrears_text(standing),
        "how": _how(participant, month),
    }
    choices = (Choice("settings", SETTINGS_BUTTON), Choice("paid", PAID_BUTTON), Choice("back", BACK_TO_MENU))
    return Say(SHOWN, params, choices)


SPONSORED_BY = N_(
    "Iuran Anda dibayar oleh {sponsor} sampai {until}; Anda tidak perlu membayar sampai bulan itu."
)
SPONSOR_ENDING = N_(
    "Iuran Anda dibayar oleh {sponsor} sampai {until}. Sesudah itu Anda bisa lanjut bayar sendiri: {how}"
)


def _how(participant: Participant, month: date) -> Text:
    """How to pay; for a sponsored worker, who pays and until when (and, after, how to go on)."""
    sponsored = participant.sponsored
    if sponsored is None or month > sponsored.last_month:
        return Text(HOW_TO_PAY)
    params: dict[str, Param] = {"sponsor": sponsored.sponsor, "until": Month(sponsored.last_month)}
    if sponsored.state == SponsorshipState.ENDED.value:
        return Text(SPONSOR_ENDING, {**params, "how": Text(HOW_TO_PAY)})
    return Text(SPONSORED_BY, params)


_on_show = buttons(
    "show", {"settings": to("settings"), "paid": to("show", Say(PAID_EXPLAINED)), "back": to(FINISH)}
)


def _settings(_data: IuranData, ctx: FlowContext) -> Say:
    participant = ctx.participant
    if participant is None:
        return Say(NOT_REGISTERED)
    if not participant.reminders_on:
        return Say(SETTINGS_OFF, choices=(Choice("on", TURN_ON), Choice("back", BACK_TO_STATUS)))
    choices = (
        Choice("off", TURN_OFF),
        *(Choice(f"d{days}", DAYS_LABEL, {"days": days}) for days in DAYS_BEFORE_CHOICES),
        *(Choice(f"h{hour}", HOUR_LABEL, {"hour": f"{hour:02d}"}) for hour in HOUR_CHOICES),
        Choice("back", BACK_TO_STATUS),
    )
    params: dict[str, Param] = {
        "days": participant.reminder_days,
        "hour": f"{participant.reminder_hour:02d}",
        "zone": ZONES.get(participant.timezone, "WIB"),
    }
    return Say(SETTINGS_ON, params, choices, columns=3)


def _setting(key: str, _data: IuranData, ctx: FlowContext) -> Go | None:
    """Read a days/hour button into a settings change (only while reminders are on)."""
    participant = ctx.participant
    if participant is None or not participant.reminders_on or len(key) < 2 or not key[1:].isdigit():
        return None
    value = int(key[1:])
    if key[0] == "d" and value in DAYS_BEFORE_CHOICES:
        return Go("saving", IuranData(ReminderChange(days_before=value)))
    if key[0] == "h" and value in HOUR_CHOICES:
        return Go("saving", IuranData(ReminderChange(hour=value)))
    return None


def _save(change: ReminderChange) -> Act:
    return lambda _data, _ctx: Go("saving", IuranData(change))


_on_settings = buttons(
    "settings",
    {"off": _save(ReminderChange(on=False)), "on": to("confirm_on"), "back": to("show")},
    _setting,
)


_on_confirm = buttons("confirm_on", {"yes": _save(ReminderChange(on=True)), "no": to("settings")})


def _update(data: IuranData, _ctx: FlowContext) -> UpdateReminders:
    change = data.change or ReminderChange()
    return UpdateReminders(change.on, change.days_before, change.hour)


def _saved(event: Event, data: IuranData, _ctx: FlowContext) -> Go:
    if isinstance(event, ParticipantSaved) and event.found:
        return Go("settings", IuranData(), (Say(SAVED),))
    return Go(FINISH, IuranData(), (Say(NOT_REGISTERED),))


ENTRY = Entry(
    command="iuran",
    describe=N_("Iuran & pengingat"),
    position=20,
    button=N_("Iuran & pengingat"),
    help=N_("iuran & pengingat"),
    cancelled=N_("Baik, dibatalkan. Pengaturan iuran dan pengingat Anda tidak berubah."),
)

FLOW: Flow[IuranData] = Flow(
    "iuran",
    IuranData,
    (
        Screen("show", ask=_show, handle=_on_show, targets=("settings", FINISH), help=SHOW_HELP),
        Screen(
            "settings",
            ask=_settings,
            handle=_on_settings,
            targets=("saving", "confirm_on", "show"),
            help=SHOW_HELP,
        ),
        Screen(
            "confirm_on",
            ask=lambda _d, _c: Say(CONFIRM_ON, choices=(Choice("yes", YES_ON), Choice("no", CANCEL))),
            handle=_on_confirm,
            targets=("saving", "settings"),
        ),
        Action("saving", effect=_update, handle=_saved, targets=("settings", FINISH)),
    ),
    enter=Enter(_enter, ("show", FINISH)),
    entry=ENTRY,
)


def _stop_enter(data: IuranData, _at: str | None, ctx: FlowContext) -> Go:
    if ctx.participant is None:
        return Go(FINISH, data, (Say(STOP_NOT_REGISTERED),))
    return Go("stopping", IuranData(ReminderChange(on=False)))


def _stopped(_event: Event, data: IuranData, _ctx: FlowContext) -> Go:
    return Go(FINISH, IuranData(), (Say(STOPPED),))


# `/berhenti` or "STOP": reminders off at once, no questions asked.
STOP_ENTRY = Entry(
    command="berhenti",
    describe=N_("Matikan pengingat iuran"),
    position=55,
    help=N_("matikan pengingat iuran"),
    words=("STOP",),
    cancelled=N_("Baik, dibatalkan. Pengingat iuran tetap seperti sebelumnya."),
)

STOP_FLOW: Flow[IuranData] = Flow(
    "stop",
    IuranData,
    (Action("stopping", effect=_update, handle=_stopped, targets=(FINISH,)),),
    enter=Enter(_stop_enter, ("stopping", FINISH)),
    entry=STOP_ENTRY,
)
