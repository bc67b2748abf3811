"""Enrolment through a sponsor's link (`/start sp-CODE`): the same questions, no iuran asked of the worker.

The worker hears in one line who pays and until when; income and programme are not asked (the sponsor
pays the programme's iuran at the lowest income). Whether the link is for them is checked as soon as it
can be: the programme's end and quota on entry, the region after the kab/kota, the work after the
occupation, and everything again when the registration is saved. A refusal says why and offers the
self-paid enrolment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.domain import regions
from bot.domain.iuran import first_iuran_month
from bot.domain.sponsors import Refusal, outside_regions, outside_work
from bot.flows import dialogues as ask
from bot.flows import enrollment
from bot.flows.base import N_, Choice, Event, FlowContext, Month, Param, Reply, Say, Text
from bot.flows.dialogues.occupation import occupation_names
from bot.flows.enrollment import EnrollData
from bot.flows.kit import (
    FINISH,
    SWITCH,
    Action,
    Branch,
    Call,
    Consent,
    Enter,
    Entry,
    Flow,
    Go,
    Resume,
    Screen,
    buttons,
)
from bot.flows.labels import BACK_TO_MENU, PROGRAMMES
from bot.flows.sponsor_register import (
    EnrolSponsored,
    LookUpSponsor,
    SponsoredEnrolled,
    SponsoredRefused,
    SponsorLooked,
)


@dataclass(frozen=True)
class SponsoredData(EnrollData):
    """The enrolment's answers, and the programme the link named (as its look-up found it)."""

    code: str | None = None
    sponsor: str | None = None
    first_month: date | None = None
    last_month: date | None = None
    regions: tuple[str, ...] = ()
    eligible_work: tuple[str, ...] = ()
    refusal: str | None = None


INTRO = N_(
    "Iuran BPJS Ketenagakerjaan Anda ({programme}) dibayar oleh {sponsor} mulai {first} sampai {until}: "
    "Anda tidak membayar apa pun. Saya tanya data Anda satu per satu, sekitar 2 menit."
)
REFUSALS: Mapping[str, str] = {
    Refusal.UNKNOWN.value: N_(
        "Maaf, tautan pendaftaran ini tidak dikenal (mungkin salah ketik atau sudah diganti). Tanyakan "
        "tautan yang benar ke pemberi program."
    ),
    Refusal.CLOSED.value: N_(
        "Maaf, program {sponsor} sudah berakhir, jadi pendaftaran lewat tautan ini ditutup."
    ),
    Refusal.FULL.value: N_("Maaf, kuota program {sponsor} sudah penuh, jadi tidak ada tempat lagi."),
    Refusal.REGION.value: N_(
        "Maaf, program {sponsor} hanya untuk warga wilayah tertentu, dan kab/kota Anda tidak termasuk."
    ),
    Refusal.OCCUPATION.value: N_(
        "Maaf, program {sponsor} hanya untuk pekerjaan tertentu ({work}), dan pekerjaan Anda tidak termasuk."
    ),
    Refusal.REGISTERED.value: N_(
        "Anda sudah terdaftar sebagai peserta BPU, jadi tidak bisa didaftarkan lagi lewat program {sponsor}. "
        "Lihat iuran Anda lewat /iuran."
    ),
}
CONSENT_QUESTION = N_(
    "Boleh saya catat data Anda? (UU Pelindungan Data Pribadi)\n"
    "• Apa: NIK, nama, HP, alamat, pekerjaan.\n"
    "• Untuk: pendaftaran BPU yang iurannya dibayar pemberi program, dan kabar bila iuran sudah dibayar.\n"
    "• Dilihat: petugas BPJS Ketenagakerjaan; pemberi program hanya menerima nomor pendaftaran dan 4 angka "
    "terakhir NIK Anda, untuk membayar iuran.\n"
    "• Lihat, ubah, atau hapus kapan saja: /datasaya.\n"
    "Setuju?"
)
CONSENT: Consent[SponsoredData] = Consent(
    "ask_consent",
    question=CONSENT_QUESTION,
    agree=enrollment.AGREE,
    disagree=enrollment.DISAGREE,
    declined=enrollment.DECLINED,
    details_label=enrollment.MORE_INFO,
    details=enrollment.CONSENT_DETAILS,
    help=enrollment.CONSENT_HELP,
)
SELF_PAID = N_("Anda tetap bisa terlindungi dengan mendaftar dan membayar sendiri: {price}.")
SELF_PAID_BUTTON = N_("Daftar bayar sendiri")
SUMMARY = N_(
    "Iuran: dibayar oleh {sponsor} sampai {until}\n"
    "Tekan bagian yang ingin diubah, atau “Konfirmasi” bila sudah benar."
)
REGISTERED = N_(
    "Pendaftaran Anda tercatat.\n"
    "Nomor pendaftaran: {number}\n"
    "Iuran Anda ({programme}) dibayar oleh {sponsor} mulai {first} sampai {until}; Anda tidak perlu "
    "membayar.\n"
    "Perlindungan mulai setelah {sponsor} membayar iuran bulan pertama; saya kabari, dengan kartu peserta "
    "Anda.\n"
    "Catat ahli waris Anda (untuk santunan JKM) lewat /datasaya."
)
SUMMARY_HELP = N_(
    "Ini ringkasan jawaban Anda. Bila ada yang salah, tekan tombol “Ubah …” untuk bagian itu. Bila semua "
    "benar, tekan “Konfirmasi”. Iurannya dibayar oleh pemberi program, bukan oleh Anda."
)
# What the summary may change: enrolment's own, but income, programme and heirs, which are not asked here.
EDIT_TARGETS: Mapping[str, str] = {
    key: state
    for key, state in enrollment.EDIT_TARGETS.items()
    if key not in ("income", "programme", "heirs")
}


# --- Entering: the link's programme -----------------------------------------------------------------


def _enter(data: SponsoredData, at: str | None, ctx: FlowContext) -> Go:
    if (offer := RESUMING.offer(data, at)) is not None:
        return offer
    code = data.code if at in RESUMABLE or at is None else at
    fresh = SponsoredData(code=code)
    return Go("looking_up", fresh)


def _look_up(data: SponsoredData, _ctx: FlowContext) -> LookUpSponsor:
    return LookUpSponsor(data.code or "")


def _looked(event: Event, data: SponsoredData, ctx: FlowContext) -> Go:
    terms = event.terms if isinstance(event, SponsorLooked) else None
    if terms is None:
        return _refuse(data, Refusal.UNKNOWN)
    first, last = terms.covers(first_iuran_month(ctx.today, ctx.rules))
    data = replace(
        data,
        sponsor=terms.name,
        programme=terms.programme,
        first_month=first,
        last_month=last,
        regions=terms.regions,
        eligible_work=terms.occupations,
    )
    if ctx.participant is not None:
        return _refuse(data, Refusal.REGISTERED)
    if (closed := terms.open_on(ctx.today)) is not None:
        return _refuse(data, closed)
    return Go("ask_consent", data, (Say(INTRO, _who_pays(data)),))


def _who_pays(data: SponsoredData) -> dict[str, Param]:
    return {
        "sponsor": data.sponsor or "",
        "programme": Text(PROGRAMMES.get(data.programme or "jkk_jkm", PROGRAMMES["jkk_jkm"])),
        "first": Month(data.first_month or date.min),
        "until": Month(data.last_month or date.min),
    }


def _refuse(data: SponsoredData, why: Refusal) -> Go:
    return Go("refused", replace(data, refusal=why.value))


# --- Refused: why, and the self-paid path --------------------------------------------------------------


def _refusal(data: SponsoredData) -> str:
    """Return why: as the register said, or as the answers show (the region, the work)."""
    if data.refusal is not None:
        return data.refusal
    if outside_regions(data.regions, data.regency_code or ""):
        return Refusal.REGION.value
    return Refusal.OCCUPATION.value


def _refused(data: SponsoredData, ctx: FlowContext) -> tuple[Reply, ...]:
    why = _refusal(data)
    work = occupation_names(data.eligible_work, None)
    said = Say(REFUSALS[why], {"sponsor": data.sponsor or "", "work": work})
    if why == Refusal.REGISTERED.value:
        return (replace(said, choices=(Choice("menu", BACK_TO_MENU),)),)
    offer = Say(
        SELF_PAID,
        {"price": enrollment.cheapest_price(ctx)},
        (Choice("self", SELF_PAID_BUTTON), Choice("menu", BACK_TO_MENU)),
    )
    return (said, offer)


_on_refused = buttons(
    "refused",
    {
        "self": lambda d, _c: Go(SWITCH, SponsoredData(), switch_to="enrollment"),
        "menu": lambda d, _c: Go(FINISH, SponsoredData()),
    },
)


# --- The questions --------------------------------------------------------------------------------


def _store_nik(data: SponsoredData, nik: ask.NikAnswer) -> SponsoredData:
    return replace(data, nik=nik.nik, birth_date=nik.birth_date, female=nik.female)


def _store_work(data: SponsoredData, work: tuple[tuple[str, ...], str | None]) -> SponsoredData:
    return replace(data, occupations=work[0], occupation_other=work[1])


def _after_regency(data: SponsoredData, _value: object, _ctx: FlowContext) -> str:
    return "refused" if outside_regions(data.regions, data.regency_code or "") else "ask_address"


def _after_work(data: SponsoredData, _value: object, _ctx: FlowContext) -> str:
    return "refused" if outside_work(data.eligible_work, data.occupations) else "confirm_summary"


QUESTIONS: tuple[Call[SponsoredData], ...] = (
    Call("ask_nik", flow=ask.NEW_NIK, into=_store_nik),
    Call("ask_name", flow=ask.NAME, into="name"),
    Call("ask_phone", flow=ask.PHONE, into="phone"),
    Call(
        "ask_regency",
        flow=ask.DOMICILE,
        into="regency_code",
        start=lambda d, _c: ask.domicile_from(regions.current_code((d.nik or "")[:4]) or ""),
        goes=Branch(_after_regency, ("refused", "ask_address")),
    ),
    Call("ask_address", flow=ask.ADDRESS, into="address"),
    Call(
        "ask_occupation",
        flow=ask.OCCUPATION,
        into=_store_work,
        goes=Branch(_after_work, ("refused", "confirm_summary")),
    ),
)
RESUMABLE: tuple[str, ...] = (*(q.state for q in QUESTIONS), "confirm_summary")


def _again(data: SponsoredData, _ctx: FlowContext) -> Go:
    return Go("looking_up", SponsoredData(code=data.code))


RESUMING: Resume[SponsoredData] = Resume(
    "ask_resume",
    question=enrollment.RESUME_QUESTION,
    resume=enrollment.RESUME,
    restart=enrollment.RESTART,
    states=RESUMABLE,
    again=_again,
    again_targets=("looking_up",),
)


# --- Summary and saving ------------------------------------------------------------------------------


def _summary(data: SponsoredData, ctx: FlowContext) -> tuple[Say, Say]:
    labels = {key: enrollment.EDIT_LABELS[key] for key in EDIT_TARGETS}
    choices = (*(Choice(key, label) for key, label in labels.items()), Choice("confirm", enrollment.CONFIRM))
    return (
        enrollment.particulars_said(data, ctx.rules.min_income),  # the sponsor pays the lowest income's
        Say(SUMMARY, _who_pays(data), choices, columns=2),
    )


def _edit(key: str, data: SponsoredData, _ctx: FlowContext) -> Go | None:
    return Go(EDIT_TARGETS[key], data, back="confirm_summary") if key in EDIT_TARGETS else None


_on_summary = buttons("confirm_summary", {"confirm": lambda d, _c: Go("saving", d)}, _edit)


def _registration(data: SponsoredData, ctx: FlowContext) -> EnrolSponsored:
    # Enrolment's own registration: no income given (the lowest), the sponsor's programme, no heirs yet.
    return EnrolSponsored(enrollment.registration_of(data, ctx).registration, data.code or "")


def _saved(event: Event, data: SponsoredData, _ctx: FlowContext) -> Go:
    if isinstance(event, SponsoredEnrolled):
        data = replace(data, first_month=event.first_month, last_month=event.last_month)
        params = {"number": event.registration_number, **_who_pays(data)}
        return Go(
            FINISH,
            SponsoredData(),
            (Say(REGISTERED, params), enrollment.receipt_card(data, event.registration_number)),
        )
    why = event.why if isinstance(event, SponsoredRefused) else Refusal.UNKNOWN
    return _refuse(data, why)


ENTRY = Entry(
    command="sponsor",
    describe=N_("Daftar lewat program yang membayar iuran Anda"),
    position=95,
    listed=False,
    cancelled=N_(
        "Baik, pendaftaran dihentikan dulu. Jawaban Anda tersimpan: buka lagi tautan program untuk "
        "melanjutkan."
    ),
)

FLOW: Flow[SponsoredData] = Flow(
    "sponsored",
    SponsoredData,
    (
        RESUMING,
        Action("looking_up", effect=_look_up, handle=_looked, targets=("refused", "ask_consent")),
        Screen("refused", ask=_refused, handle=_on_refused, targets=(SWITCH, FINISH)),
        CONSENT,
        *QUESTIONS,
        Screen(
            "confirm_summary",
            ask=_summary,
            handle=_on_summary,
            targets=("saving",),
            help=SUMMARY_HELP,
            edits=tuple(EDIT_TARGETS.values()),
        ),
        Action("saving", effect=_registration, handle=_saved, targets=(FINISH, "refused")),
    ),
    enter=Enter(_enter, ("ask_resume", "looking_up")),
    entry=ENTRY,
)


# --- The printed poster (bot/turn/poster.py draws it) ---------------------------------------------------

POSTER_TITLE = N_("Daftar BPJS Ketenagakerjaan GRATIS")
POSTER_WHO_PAYS = N_("Iuran dibayar oleh {sponsor} selama {months} bulan")
POSTER_FOR = N_("Untuk pekerja mandiri: {work}")
POSTER_ANYONE = N_("Untuk pekerja mandiri: petani, nelayan, pedagang, ojek, buruh harian")
POSTER_HOW = N_("Pindai kode QR dengan HP Anda, lalu ikuti pertanyaan di Telegram.")
POSTER_PROTECTS = N_("Perlindungan kecelakaan kerja (JKK) dan kematian (JKM)")
POSTER_QUOTA = N_("Tempat terbatas: {quota} orang")
