"""`/datasaya`: see what the bot holds, correct it, or have it deleted (UU PDP No. 27/2022)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.domain.coverage import add_months
from bot.domain.iuran import next_month
from bot.domain.participants import Participant, ParticipantChange, ParticipantStatus
from bot.flows import dialogues as ask
from bot.flows.base import N_, Choice, Day, DiscardDrafts, Event, FlowContext, Month, Param, Rupiah, Say, Text
from bot.flows.kit import FINISH, Action, Call, Enter, Entry, Flow, Go, Screen, buttons, to
from bot.flows.labels import BACK_TO_MENU, CANCEL, CHANGE_LABELS, PROGRAMMES, STATUS_LABELS
from bot.flows.register import ForgetParticipant, ParticipantForgotten, ParticipantSaved, UpdateParticipant


@dataclass(frozen=True)
class PrivacyData:
    """A correction on its way to the register."""

    change: ParticipantChange | None = None


NOT_REGISTERED = N_(
    "Anda belum terdaftar, jadi saya tidak menyimpan NIK, nama, atau data pribadi lain milik Anda. "
    "Yang tersimpan hanya pilihan bahasa dan jawaban pendaftaran yang belum selesai (bila ada)."
)
ERASE_DRAFTS = N_("Hapus jawaban yang belum selesai")
DRAFTS_ERASED = N_("Jawaban pendaftaran yang belum selesai sudah dihapus.")
SHOWN_PARTICULARS = N_("Data Anda yang tersimpan:\n{particulars}")
SHOWN = N_(
    "Nomor pendaftaran: {number}\n"
    "Status: {status}\n"
    "Program: {programme}\n"
    "Ahli waris: {heirs}\n"
    "Persetujuan data diberikan: {consent}\n"
    "{pending}"
    "Pilih yang ingin diubah. Nama, NIK dan tanggal lahir hanya bisa diubah di kantor cabang."
)
PENDING = N_("Mulai iuran {month}: penghasilan {income}, program {programme}, iuran {amount} per bulan.\n")
ACTIONS: Mapping[str, str] = {
    **CHANGE_LABELS,
    "delete": N_("Hapus data saya"),
    "done": N_("Selesai"),
}
SAVED = N_("Perubahan tersimpan.")
SPONSOR_FIXES = N_(
    "Iuran Anda dibayar oleh {sponsor} sampai {until}, dengan penghasilan dan program yang ditetapkan "
    "programnya. Penghasilan dan program bisa Anda ubah untuk iuran mulai {next}."
)
SAVED_FROM_NEXT_MONTH = N_("Perubahan tersimpan dan berlaku mulai iuran {month}.")
DELETE_NEVER_ACTIVE = N_(
    "Pendaftaran Anda belum pernah dibayar, jadi semua data Anda dihapus seluruhnya dan nomor "
    "pendaftaran {number} tidak berlaku lagi. Hapus sekarang?"
)
DELETE_ACTIVE = N_(
    "Anda sudah pernah membayar iuran. Catatan pembayaran dan klaim wajib tetap disimpan (dengan nomor "
    "pendaftaran {number}, tanpa nama). Data lain (NIK, nama, tanggal lahir, HP, alamat, ahli waris) "
    "dihapus, pengingat berhenti, dan bot tidak lagi mengenali Anda. Hapus sekarang?"
)
YES_DELETE = N_("Ya, hapus")
DELETED = N_("Data Anda sudah dihapus seluruhnya. Terima kasih sudah mencoba bot ini.")
ANONYMISED = N_(
    "Data pribadi Anda sudah dihapus. Catatan pembayaran tetap disimpan tanpa nama. "
    "Untuk urusan kepesertaan, hubungi kantor cabang BPJS Ketenagakerjaan atau 175."
)
GONE = N_("Data pendaftaran Anda tidak ditemukan lagi. Pilih /daftar untuk mendaftar.")


SHOW_HELP = N_(
    "Ini semua data Anda yang saya simpan. Tekan “Ubah …” untuk memperbaiki satu bagian, atau "
    "“Hapus data saya” bila Anda tidak ingin data Anda disimpan lagi."
)


def _next_iuran_month(ctx: FlowContext) -> date:
    """Income and programme changes apply from the iuran month after the current one."""
    return next_month(ctx.today.replace(day=1))


def _enter(data: PrivacyData, _at: str | None, ctx: FlowContext) -> Go:
    return Go("show" if ctx.participant else "not_registered", PrivacyData())


def _ask_not_registered(_data: PrivacyData, _ctx: FlowContext) -> Say:
    return Say(NOT_REGISTERED, choices=(Choice("erase", ERASE_DRAFTS), Choice("back", BACK_TO_MENU)))


_not_registered = buttons(
    "not_registered",
    {
        "erase": lambda data, _ctx: Go(FINISH, data, (Say(DRAFTS_ERASED),), (DiscardDrafts(),)),
        "back": to(FINISH),
    },
)


def _show(_data: PrivacyData, ctx: FlowContext) -> Say | tuple[Say, Say]:
    participant = ctx.participant
    if participant is None:
        return Say(GONE)
    return _shown(participant, ctx)


def _correct(key: str, _data: PrivacyData, ctx: FlowContext) -> Go | None:
    if key not in CORRECTIONS:
        return None
    sponsored = ctx.participant.sponsored if ctx.participant is not None else None
    # The sponsor pays the programme's iuran at the income it set: a change would change its bill.
    paid_by_sponsor = sponsored is not None and _next_iuran_month(ctx) <= sponsored.last_month
    if key in ("income", "programme") and sponsored is not None and paid_by_sponsor:
        params: dict[str, Param] = {
            "sponsor": sponsored.sponsor,
            "until": Month(sponsored.last_month),
            "next": Month(add_months(sponsored.last_month, 1)),
        }
        return Go("show", PrivacyData(), (Say(SPONSOR_FIXES, params),))
    return Go(CORRECTIONS[key], PrivacyData())


_on_show = buttons("show", {"done": to(FINISH), "delete": to("confirm_delete")}, _correct)


def _ask_delete(_data: PrivacyData, ctx: FlowContext) -> Say:
    participant = ctx.participant
    if participant is None:
        return Say(GONE)
    never_paid = participant.status is ParticipantStatus.REGISTERED
    text = DELETE_NEVER_ACTIVE if never_paid else DELETE_ACTIVE
    choices = (Choice("yes", YES_DELETE), Choice("no", CANCEL))
    return Say(text, {"number": participant.registration_number}, choices)


_on_delete = buttons("confirm_delete", {"yes": to("deleting"), "no": to("show")})


def _forgotten(event: Event, data: PrivacyData, _ctx: FlowContext) -> Go:
    outcome = event.outcome if isinstance(event, ParticipantForgotten) else "gone"
    said = {"deleted": DELETED, "anonymised": ANONYMISED}.get(outcome, GONE)
    return Go(FINISH, PrivacyData(), (Say(said),), (DiscardDrafts(),))


def _saved(event: Event, data: PrivacyData, ctx: FlowContext) -> Go:
    if isinstance(event, ParticipantSaved) and not event.found:
        return Go(FINISH, PrivacyData(), (Say(GONE),))
    later = data.change is not None and (data.change.income or data.change.programme)
    month = Month(_next_iuran_month(ctx))
    said = Say(SAVED_FROM_NEXT_MONTH, {"month": month}) if later else Say(SAVED)
    return Go("show", PrivacyData(), (said,))


def _shown(view: Participant, ctx: FlowContext) -> tuple[Say, Say]:
    terms = view.terms
    pending: Text | str = ""
    if terms.pending_from is not None:
        income = terms.pending_income or terms.income
        programme = terms.pending_programme or terms.programme
        pending = Text(
            PENDING,
            {
                "month": Month(terms.pending_from),
                "income": Rupiah(income),
                "programme": Text(PROGRAMMES[programme]),
                "amount": Rupiah(terms.iuran(terms.pending_from, ctx.rules)),
            },
        )
    identity: dict[str, Param] = {
        "particulars": ask.Particulars(
            "*" * 12 + view.nik_last4,
            view.name,
            view.birth_date,
            view.female,
            view.phone,
            view.regency_code,
            view.address,
            view.occupations,
            view.occupation_other,
            view.income,
        ).lines(),
    }
    params: dict[str, Param] = {
        "number": view.registration_number,
        "status": Text(STATUS_LABELS[view.status]),
        "programme": Text(PROGRAMMES[view.programme]),
        "heirs": ask.heir_lines(view.heirs),
        "consent": Day(date.fromisoformat(view.consent_at[:10])),
        "pending": pending,
    }
    choices = tuple(Choice(key, label) for key, label in ACTIONS.items())
    return Say(SHOWN_PARTICULARS, identity), Say(SHOWN, params, choices, columns=2)


def change(make: Any) -> Any:
    """Return an `into` that records the correction `make(value)` for the save."""
    return lambda data, value: replace(data, change=make(value))


def _programme_for(_data: PrivacyData, ctx: FlowContext) -> ask.ProgrammeChoice:
    participant = ctx.participant
    month = _next_iuran_month(ctx)
    if participant is None:
        return ask.ProgrammeChoice(month=month)
    terms = participant.terms
    return ask.ProgrammeChoice(terms.pending_income or terms.income, terms.occupations, month)


def _regency_now(_data: PrivacyData, ctx: FlowContext) -> ask.Domicile:
    return ask.domicile_from(ctx.participant.regency_code if ctx.participant else "")


def _saving(data: PrivacyData, ctx: FlowContext) -> UpdateParticipant:
    proposed = data.change or ParticipantChange()
    if proposed.income is not None or proposed.programme is not None:
        proposed = replace(proposed, effective_from=_next_iuran_month(ctx))
    return UpdateParticipant(proposed)


CORRECTIONS: Mapping[str, str] = {
    "phone": "change_phone",
    "regency": "change_regency",
    "address": "change_address",
    "occupation": "change_occupation",
    "income": "change_income",
    "programme": "change_programme",
    "heirs": "change_heirs",
}

ENTRY = Entry(
    command="datasaya",
    describe=N_("Lihat, ubah, atau hapus data saya"),
    position=50,
    button=N_("Data saya"),
    help=N_("lihat, ubah, atau hapus data Anda"),
    cancelled=N_("Baik, dibatalkan. Data Anda tidak berubah."),
)

FLOW: Flow[PrivacyData] = Flow(
    "privacy",
    PrivacyData,
    (
        Screen("not_registered", ask=_ask_not_registered, handle=_not_registered, targets=(FINISH,)),
        Screen(
            "show",
            ask=_show,
            handle=_on_show,
            targets=(FINISH, "confirm_delete", *CORRECTIONS.values()),
            help=SHOW_HELP,
        ),
        Call(
            "change_phone", flow=ask.PHONE, into=change(lambda v: ParticipantChange(phone=v)), goes="saving"
        ),
        Call(
            "change_regency",
            flow=ask.DOMICILE,
            into=change(lambda v: ParticipantChange(regency_code=v)),
            start=_regency_now,
            goes="saving",
        ),
        Call(
            "change_address",
            flow=ask.ADDRESS,
            into=change(lambda v: ParticipantChange(address=v)),
            goes="saving",
        ),
        Call(
            "change_occupation",
            flow=ask.OCCUPATION,
            into=change(lambda v: ParticipantChange(occupations=v[0], occupation_other=v[1])),
            goes="saving",
        ),
        Call(
            "change_income",
            flow=ask.INCOME,
            into=change(lambda v: ParticipantChange(income=v)),
            goes="saving",
        ),
        Call(
            "change_programme",
            flow=ask.PROGRAMME,
            into=change(lambda v: ParticipantChange(programme=v)),
            start=_programme_for,
            goes="saving",
        ),
        Call(
            "change_heirs", flow=ask.HEIRS, into=change(lambda v: ParticipantChange(heirs=v)), goes="saving"
        ),
        Action("saving", effect=_saving, handle=_saved, targets=("show", FINISH)),
        Screen("confirm_delete", ask=_ask_delete, handle=_on_delete, targets=("deleting", "show")),
        Action("deleting", effect=lambda _d, _c: ForgetParticipant(), handle=_forgotten, targets=(FINISH,)),
    ),
    enter=Enter(_enter, ("show", "not_registered")),
    entry=ENTRY,
)
