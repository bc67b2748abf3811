"""Pendaftaran mandiri: a worker enrols as a BPU participant, one question per message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.domain import regions
from bot.domain.iuran import Programme, due_date, first_iuran_month
from bot.domain.participants import Heir, Registration
from bot.domain.rules import CONSENT_VERSION
from bot.flows import dialogues as ask
from bot.flows.base import N_, Card, Choice, Day, Event, FlowContext, Month, Param, Reply, Rupiah, Say, Text
from bot.flows.kit import (
    FINISH,
    Action,
    Call,
    Consent,
    Enter,
    Entry,
    Flow,
    Go,
    Resume,
    Screen,
    buttons,
    to,
)
from bot.flows.labels import CHANGE_LABELS, PROGRAMMES
from bot.flows.prices import price_text
from bot.flows.register import ParticipantRegistered, RegisterParticipant


@dataclass(frozen=True)
class EnrollData:
    """Answers collected so far."""

    consent_at: str | None = None
    nik: str | None = None
    birth_date: date | None = None
    female: bool | None = None
    name: str | None = None
    phone: str | None = None
    regency_code: str | None = None
    address: str | None = None
    occupations: tuple[str, ...] = ()
    occupation_other: str | None = None
    income: int | None = None
    programme: str | None = None
    heirs: tuple[Heir, ...] = ()
    resume_at: str | None = None  # the question reached before leaving, offered on return


# --- Texts -----------------------------------------------------------------------------------------

ALREADY_REGISTERED = N_(
    "Anda sudah terdaftar sebagai peserta BPU dengan nomor {number}. "
    "Lihat status iuran lewat /iuran, atau data Anda lewat /datasaya."
)
RESUME_QUESTION = N_(
    "Anda pernah mulai mendaftar dan jawaban Anda masih tersimpan. Lanjutkan dari yang terakhir?"
)
RESUME = N_("Lanjutkan")
RESTART = N_("Mulai ulang")
INTRO = N_(
    "Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU): Jaminan Kecelakaan Kerja (JKK) dan Jaminan "
    "Kematian (JKM). Perlindungan mulai setelah iuran pertama dibayar.\n"
    "Iuran termurah: {price}.\n"
    "Saya tanya satu per satu, sekitar 3 menit."
)
CONSENT_QUESTION = N_(
    "Boleh saya catat data Anda? (UU Pelindungan Data Pribadi)\n"
    "• Apa: NIK, nama, HP, alamat, pekerjaan, penghasilan, ahli waris.\n"
    "• Untuk: pendaftaran BPU dan pengingat iuran.\n"
    "• Dilihat: petugas BPJS Ketenagakerjaan saja.\n"
    "• Lihat, ubah, atau hapus kapan saja: /datasaya.\n"
    "Setuju?"
)
AGREE = N_("Setuju")
DISAGREE = N_("Tidak")
MORE_INFO = N_("Info lebih lanjut")
CONSENT_DETAILS = N_(
    "Lebih lanjut tentang data Anda:\n"
    "• NIK disimpan terenkripsi dan tidak pernah ditulis di catatan sistem.\n"
    "• Data tidak dijual dan tidak dibagikan ke pihak lain selain BPJS Ketenagakerjaan.\n"
    "• Bila Anda minta hapus: pendaftaran yang belum pernah dibayar dihapus seluruhnya; bila sudah ada "
    "pembayaran, catatan pembayaran dan klaim tetap disimpan sesuai aturan dan data lainnya dihapus.\n"
    "• Pertanyaan: kantor cabang BPJS Ketenagakerjaan atau telepon 175."
)
DECLINED = N_(
    "Baik, tidak apa-apa. Tanpa persetujuan, saya tidak mencatat data apa pun. "
    "Anda bisa daftar kapan saja lewat /daftar, atau di kantor cabang BPJS Ketenagakerjaan."
)
# Two messages, so that neither is longer than a phone screen with the longest answers.
SUMMARY_PARTICULARS = N_("Periksa data Anda:\n{particulars}")
SUMMARY = N_(
    "Program: {programme}, iuran {amount}\n"
    "Ahli waris: {heirs}\n"
    "Tekan bagian yang ingin diubah, atau “Konfirmasi” bila sudah benar."
)
CONFIRM = N_("Konfirmasi")
EDIT_LABELS: Mapping[str, str] = {
    "nik": N_("Ubah NIK"),
    "name": N_("Ubah nama"),
    **CHANGE_LABELS,
}
REGISTERED = N_(
    "Pendaftaran Anda tercatat.\n"
    "Nomor pendaftaran: {number}\n"
    "Iuran {month}: {amount}; bayar paling lambat {due}.\n"
    "Bayar dengan NIK Anda sebagai kode bayar di bank, kantor pos, minimarket mitra, atau aplikasi JMO.\n"
    "Perlindungan mulai setelah pembayaran pertama tercatat; kartu peserta digital dikirim setelah itu.\n"
    "Manfaat JKM penuh {jkm_full} setelah iuran 3 bulan; sebelumnya {jkm_early}."
)
CARD_CAPTION = N_(
    "Bukti pendaftaran Anda (bukan kartu peserta). Simpan gambar ini; nomor pendaftaran ada di kode QR."
)
REFUSED_AT_SAVE = N_(
    "Maaf, NIK ini baru saja didaftarkan dari akun lain, jadi tidak bisa didaftarkan dua kali. "
    "Periksa NIK Anda, atau hubungi BPJS Ketenagakerjaan di 175."
)

EDIT_TARGETS: Mapping[str, str] = {
    "nik": "ask_nik",
    "name": "ask_name",
    "phone": "ask_phone",
    "regency": "ask_regency",
    "address": "ask_address",
    "occupation": "ask_occupation",
    "income": "ask_income",
    "programme": "ask_programme",
    "heirs": "ask_heirs",
}
CONSENT_HELP = N_(
    "Saya perlu persetujuan Anda sebelum mencatat data pribadi. Tanpa persetujuan, saya tidak menyimpan "
    "apa pun. Tekan “Info lebih lanjut” untuk membaca bagaimana data Anda dijaga."
)
SUMMARY_HELP = N_(
    "Ini ringkasan jawaban Anda. Bila ada yang salah, tekan tombol “Ubah …” untuk bagian itu. "
    "Bila semua benar, tekan “Konfirmasi” untuk mengirim pendaftaran."
)


# --- Entering and resuming -------------------------------------------------------------------------


def _enter(data: EnrollData, at: str | None, ctx: FlowContext) -> Go:
    """A registered chat is told so; a saved draft may be continued; otherwise start afresh."""
    if ctx.participant is not None:
        number = ctx.participant.registration_number
        return Go(FINISH, EnrollData(), (Say(ALREADY_REGISTERED, {"number": number}),))
    if (offer := RESUMING.offer(data, at)) is not None:
        return offer
    return _from_scratch(data, ctx)


def _from_scratch(_data: EnrollData, ctx: FlowContext) -> Go:
    return Go("ask_consent", EnrollData(), (Say(INTRO, {"price": cheapest_price(ctx)}),))


CONSENT: Consent[EnrollData] = Consent(
    "ask_consent",
    question=CONSENT_QUESTION,
    agree=AGREE,
    disagree=DISAGREE,
    declined=DECLINED,
    details_label=MORE_INFO,
    details=CONSENT_DETAILS,
    help=CONSENT_HELP,
)


# --- Summary and saving ----------------------------------------------------------------------------


def summary_of(data: EnrollData, ctx: FlowContext) -> tuple[Say, Say]:
    """Return the summary: the particulars, then the programme, iuran and heirs with the change buttons."""
    month = first_iuran_month(ctx.today, ctx.rules)
    income = data.income or ctx.rules.min_income
    programme = data.programme or Programme.JKK_JKM.value
    amount = price_text(income, Programme(programme), data.occupations, month, ctx.rules)
    params: dict[str, Param] = {
        "programme": Text(PROGRAMMES[programme]),
        "amount": amount,
        "heirs": ask.heir_lines(data.heirs),
    }
    choices = (*(Choice(key, label) for key, label in EDIT_LABELS.items()), Choice("confirm", CONFIRM))
    return particulars_said(data, income), Say(SUMMARY, params, choices, columns=2)


def particulars_said(data: EnrollData, income: int) -> Say:
    """Return the summary's first message: who the worker is, as answered ("Periksa data Anda: …")."""
    particulars = ask.Particulars(
        data.nik or "",
        data.name or "",
        data.birth_date,
        data.female,
        data.phone or "",
        data.regency_code or "",
        data.address or "",
        data.occupations,
        data.occupation_other,
        income,
    )
    return Say(SUMMARY_PARTICULARS, {"particulars": particulars.lines()})


def _edit(key: str, data: EnrollData, _ctx: FlowContext) -> Go | None:
    return Go(EDIT_TARGETS[key], data, back="confirm_summary") if key in EDIT_TARGETS else None


on_summary = buttons("confirm_summary", {"confirm": to("saving")}, _edit)


def registration_of(data: EnrollData, ctx: FlowContext) -> RegisterParticipant:
    """Return the registration the answers make (the effect that saves it)."""
    return RegisterParticipant(
        Registration(
            nik=data.nik or "",
            birth_date=data.birth_date or date(1970, 1, 1),
            female=bool(data.female),
            name=data.name or "",
            phone=data.phone or "",
            regency_code=data.regency_code or "",
            address=data.address or "",
            occupations=data.occupations,
            occupation_other=data.occupation_other,
            income=data.income or ctx.rules.min_income,
            programme=data.programme or Programme.JKK_JKM.value,
            heirs=data.heirs,
            consent_version=CONSENT_VERSION,
            consent_at=data.consent_at or ctx.now.isoformat(),
            language=ctx.language,
            first_month=first_iuran_month(ctx.today, ctx.rules),
        )
    )


def _saved(event: Event, data: EnrollData, ctx: FlowContext) -> Go:
    if isinstance(event, ParticipantRegistered):
        return Go(FINISH, EnrollData(), _welcome(data, event.registration_number, ctx))
    # RegistrationRefused: the NIK was registered from another chat in the meantime.
    return Go("ask_nik", replace(data, nik=None), (Say(REFUSED_AT_SAVE),), back="confirm_summary")


def _welcome(data: EnrollData, number: str, ctx: FlowContext) -> tuple[Reply, ...]:
    rules = ctx.rules
    month = first_iuran_month(ctx.today, rules)
    programme = Programme(data.programme or Programme.JKK_JKM.value)
    amount = price_text(data.income or rules.min_income, programme, data.occupations, month, rules)
    text = Say(
        REGISTERED,
        {
            "number": number,
            "month": Month(month),
            "amount": amount,
            "due": Day(due_date(month, rules), weekday=True),
            "jkm_full": Rupiah(rules.jkm_full_benefit),
            "jkm_early": Rupiah(rules.jkm_early_benefit),
        },
    )
    return (text, receipt_card(data, number))


def receipt_card(data: EnrollData, number: str) -> Card:
    """Return the registration receipt: name, number and programme, with the number in a QR code."""
    programme = PROGRAMMES.get(data.programme or Programme.JKK_JKM.value, PROGRAMMES[Programme.JKK_JKM.value])
    return Card(name=data.name or "", number=number, programme=programme, caption=CARD_CAPTION, receipt=True)


PRICE_SPLIT = N_("{other}; ojol, opang, kurir dan sopir {transport}")


def cheapest_price(ctx: FlowContext) -> Text:
    """Describe the cheapest iuran from this month: other sectors, and transport where it differs."""
    rules = ctx.rules
    month = first_iuran_month(ctx.today, rules)
    other = price_text(rules.min_income, Programme.JKK_JKM, ("pedagang",), month, rules)
    transport = price_text(rules.min_income, Programme.JKK_JKM, ("ojol",), month, rules)
    if other == transport:
        return other
    return Text(PRICE_SPLIT, {"other": other, "transport": transport})


# --- The flow --------------------------------------------------------------------------------------


def _store_nik(data: EnrollData, nik: ask.NikAnswer) -> EnrollData:
    return replace(data, nik=nik.nik, birth_date=nik.birth_date, female=nik.female)


def _store_work(data: EnrollData, work: tuple[tuple[str, ...], str | None]) -> EnrollData:
    return replace(data, occupations=work[0], occupation_other=work[1])


def _programme_for(data: EnrollData, ctx: FlowContext) -> ask.ProgrammeChoice:
    month = first_iuran_month(ctx.today, ctx.rules)
    return ask.ProgrammeChoice(data.income or ctx.rules.min_income, data.occupations, month)


QUESTIONS: tuple[Call[EnrollData], ...] = (
    Call("ask_nik", flow=ask.NEW_NIK, into=_store_nik),
    Call("ask_name", flow=ask.NAME, into="name"),
    Call("ask_phone", flow=ask.PHONE, into="phone"),
    Call(
        "ask_regency",
        flow=ask.DOMICILE,
        into="regency_code",
        start=lambda d, _c: ask.domicile_from(regions.current_code((d.nik or "")[:4]) or ""),
    ),
    Call("ask_address", flow=ask.ADDRESS, into="address"),
    Call("ask_occupation", flow=ask.OCCUPATION, into=_store_work),
    Call("ask_income", flow=ask.INCOME, into="income"),
    Call("ask_programme", flow=ask.PROGRAMME, into="programme", start=_programme_for),
    Call("ask_heirs", flow=ask.HEIRS, into="heirs"),
)
RESUMABLE: tuple[str, ...] = (*(q.state for q in QUESTIONS), "confirm_summary")
RESUMING: Resume[EnrollData] = Resume(
    "ask_resume",
    question=RESUME_QUESTION,
    resume=RESUME,
    restart=RESTART,
    states=RESUMABLE,
    again=_from_scratch,
    again_targets=("ask_consent",),
)


ENTRY = Entry(
    command="daftar",
    describe=N_("Daftar peserta BPU"),
    position=10,
    button=N_("Daftar peserta"),
    help=N_("daftar peserta BPU"),
    cancelled=N_(
        "Baik, pendaftaran dihentikan dulu. Jawaban Anda tersimpan: ketik /daftar kapan saja untuk "
        "melanjutkan."
    ),
)

FLOW: Flow[EnrollData] = Flow(
    "enrollment",
    EnrollData,
    (
        RESUMING,
        CONSENT,
        *QUESTIONS,
        Screen(
            "confirm_summary",
            ask=summary_of,
            handle=on_summary,
            targets=("saving",),
            help=SUMMARY_HELP,
            edits=tuple(EDIT_TARGETS.values()),
        ),
        Action("saving", effect=registration_of, handle=_saved, targets=(FINISH, "ask_nik")),
    ),
    enter=Enter(_enter, (FINISH, "ask_resume", "ask_consent")),
    entry=ENTRY,
)
