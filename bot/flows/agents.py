"""Assisted enrolment: an agent enrols a worker who has no phone or no Telegram, from the agent's own chat.

* `/start ag-TOKEN` (the one-time link `bpu-bot agents add` prints) makes this chat the agent's.
* `/bantudaftar`: the consent read aloud and agreed, the photo of the form the worker signed, then the
  enrolment's own questions; at most 30 a day. The agent gets the registration number and a one-time code.
* `/hubungkan`: the worker, on their own Telegram later, types the code: the registration becomes theirs.
* `/agenku`: the agent's own enrolments, masked. No agent sees another's.
* `/fotopersetujuan`: a consent photo that could not be kept (the agent is told), sent again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.agents import DAILY_LIMIT, shown_code, typed_link_code
from bot.domain.iuran import Programme, first_iuran_month
from bot.flows import enrollment
from bot.flows.agent_register import (
    AgentBound,
    AgentSeen,
    AssistedEnrolled,
    AssistedListed,
    AssistedRefused,
    BindAgent,
    ChatLinked,
    ConsentResent,
    ConsentsToResend,
    EnrolAssisted,
    LinkChat,
    ListAssisted,
    ListConsentsToResend,
    ResendConsent,
    WhoIsAgent,
)
from bot.flows.base import (
    N_,
    Choice,
    Day,
    Event,
    FileReceived,
    FlowContext,
    Lines,
    Param,
    Say,
    Text,
    TextReceived,
)
from bot.flows.claims.documents import read_upload
from bot.flows.enrollment import EnrollData
from bot.flows.kit import FINISH, Action, Enter, Entry, Flow, Go, Invalid, Question, Screen, buttons
from bot.flows.prices import price_text

# --- Binding an agent's chat -------------------------------------------------------------------------


@dataclass(frozen=True)
class BindData:
    """The token of the link opened."""

    token: str | None = None


BOUND = N_(
    "Selamat datang, {name}. Chat ini sekarang tercatat sebagai chat agen.\n"
    "• /bantudaftar — daftarkan pekerja (paling banyak {limit} sehari)\n"
    "• /agenku — pendaftaran yang Anda buat"
)
BIND_REFUSED = N_(
    "Tautan agen ini tidak berlaku (sudah dipakai, salah, atau dinonaktifkan). Minta tautan baru ke kantor "
    "cabang BPJS Ketenagakerjaan."
)


def _bound(event: Event, data: BindData, _ctx: FlowContext) -> Go:
    name = event.name if isinstance(event, AgentBound) else None
    if name is None:
        return Go(FINISH, BindData(), (Say(BIND_REFUSED),))
    return Go(FINISH, BindData(), (Say(BOUND, {"name": name, "limit": DAILY_LIMIT}),))


BIND_FLOW: Flow[BindData] = Flow(
    "agent_bind",
    BindData,
    (Action("binding", effect=lambda d, _c: BindAgent(d.token or ""), handle=_bound, targets=(FINISH,)),),
    enter=Enter(lambda _d, at, _c: Go("binding", BindData(token=at)), ("binding",)),
    entry=Entry(command="agen", describe=N_("Aktifkan chat agen"), position=98, listed=False),
)


# --- Enrolling a worker -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssistedData(EnrollData):
    """The enrolment's answers, and the photo of the signed consent form."""

    consent_file: str | None = None
    consent_unique: str | None = None
    enrolled_today: int = 0  # by this agent, before this one
    daily_limit: int = 0


NOT_AGENT = N_(
    "Perintah ini untuk agen yang terdaftar di BPJS Ketenagakerjaan. Untuk mendaftar sendiri, ketik /daftar."
)
LIMIT_REACHED = N_("Hari ini Anda sudah mendaftarkan {limit} pekerja, batas sehari. Lanjutkan besok, ya.")
READ_ALOUD = N_(
    "Pendaftaran oleh agen ({today} dari {limit} hari ini).\n"
    "Bacakan kepada pekerja:\n"
    "“Data Anda (NIK, nama, HP, alamat, pekerjaan, penghasilan, ahli waris) dicatat untuk pendaftaran BPJS "
    "Ketenagakerjaan dan hanya dilihat petugas BPJS Ketenagakerjaan. Anda bisa melihat, mengubah, atau "
    "menghapusnya kapan saja lewat Telegram Anda sendiri atau di kantor cabang. Apakah Anda setuju?”\n"
    "Pekerja juga menandatangani formulir persetujuan."
)
WORKER_AGREED = N_("Pekerja setuju")
WORKER_DECLINED = N_("Pekerja tidak setuju")
DECLINED = N_("Baik, tidak ada data yang dicatat. Pekerja bisa mendaftar kapan saja.")
ASK_PHOTO = N_("Kirim foto formulir persetujuan yang sudah ditandatangani pekerja.")
PHOTO_NEEDED = N_(
    "Saya perlu foto (atau PDF) formulir persetujuan yang ditandatangani pekerja sebelum mencatat datanya."
)
PHOTO_TOO_BIG = N_("Foto itu terlalu besar (lebih dari {max} MB). Kirim foto yang lebih kecil.")
READ_ALOUD_HELP = N_(
    "Bacakan teks di atas kepada pekerja. Bila pekerja setuju, tekan “Pekerja setuju”, lalu kirim foto "
    "formulir yang ditandatanganinya."
)
ENROLLED = N_(
    "Pendaftaran tercatat: nomor {number}.\n"
    "Kode untuk pekerja: {code} (berlaku sampai {expires}). Berikan kode ini kepada pekerja: bila nanti "
    "memakai Telegram, ia mengetik /hubungkan lalu kode ini, dan pendaftaran menjadi miliknya.\n"
    "Iuran {amount} per bulan dibayar pekerja dengan NIK-nya di bank, kantor pos, minimarket mitra, atau JMO."
)


def _assist_enter(_data: AssistedData, _at: str | None, _ctx: FlowContext) -> Go:
    return Go("checking", AssistedData())


def _checked(event: Event, data: AssistedData, _ctx: FlowContext) -> Go:
    if not isinstance(event, AgentSeen) or event.name is None:
        return Go(FINISH, AssistedData(), (Say(NOT_AGENT),))
    if event.today >= event.limit:
        return Go(FINISH, AssistedData(), (Say(LIMIT_REACHED, {"limit": event.limit}),))
    return Go("read_consent", replace(data, enrolled_today=event.today, daily_limit=event.limit))


def _read_aloud(data: AssistedData, _ctx: FlowContext) -> Say:
    choices = (Choice("yes", WORKER_AGREED), Choice("no", WORKER_DECLINED))
    return Say(READ_ALOUD, {"today": data.enrolled_today + 1, "limit": data.daily_limit}, choices)


_on_read_aloud = buttons(
    "read_consent",
    {
        "yes": lambda d, c: Go("ask_consent_photo", replace(d, consent_at=c.now.isoformat())),
        "no": lambda _d, _c: Go(FINISH, AssistedData(), (Say(DECLINED),)),
    },
)


def _read_photo(event: Event, _data: AssistedData, ctx: FlowContext) -> FileReceived | Invalid:
    return read_upload(event, ctx, PHOTO_NEEDED, PHOTO_TOO_BIG)


def _store_photo(data: AssistedData, photo: FileReceived) -> AssistedData:
    return replace(data, consent_file=photo.file_id, consent_unique=photo.unique_id)


def _enrol(data: AssistedData, ctx: FlowContext) -> EnrolAssisted:
    registration = enrollment.registration_of(data, ctx).registration
    return EnrolAssisted(registration, data.consent_file or "", data.consent_unique or "")


def _saved(event: Event, data: AssistedData, ctx: FlowContext) -> Go:
    if isinstance(event, AssistedEnrolled):
        month = first_iuran_month(ctx.today, ctx.rules)
        programme = Programme(data.programme or Programme.JKK_JKM.value)
        amount = price_text(
            data.income or ctx.rules.min_income, programme, data.occupations, month, ctx.rules
        )
        params: dict[str, Param] = {
            "number": event.registration_number,
            "code": shown_code(event.link_code),
            "expires": Day(event.link_expires.date()),
            "amount": amount,
        }
        return Go(
            FINISH,
            AssistedData(),
            (Say(ENROLLED, params), enrollment.receipt_card(data, event.registration_number)),
        )
    why = event.why if isinstance(event, AssistedRefused) else "not_agent"
    if why == "registered":
        return Go(
            "ask_nik", replace(data, nik=None), (Say(enrollment.REFUSED_AT_SAVE),), back="confirm_summary"
        )
    if why == "limit":
        return Go(FINISH, AssistedData(), (Say(LIMIT_REACHED, {"limit": data.daily_limit or DAILY_LIMIT}),))
    return Go(FINISH, AssistedData(), (Say(NOT_AGENT),))


ASSISTED_FLOW: Flow[AssistedData] = Flow(
    "assisted",
    AssistedData,
    (
        Action(
            "checking", effect=lambda _d, _c: WhoIsAgent(), handle=_checked, targets=(FINISH, "read_consent")
        ),
        Screen(
            "read_consent",
            ask=_read_aloud,
            handle=_on_read_aloud,
            targets=("ask_consent_photo", FINISH),
            help=READ_ALOUD_HELP,
        ),
        Question(
            "ask_consent_photo",
            ask=lambda _d, _c: Say(ASK_PHOTO),
            read=_read_photo,
            store=_store_photo,
            help=PHOTO_NEEDED,
        ),
        *enrollment.QUESTIONS,
        Screen(
            "confirm_summary",
            ask=enrollment.summary_of,
            handle=enrollment.on_summary,
            targets=("saving",),
            help=enrollment.SUMMARY_HELP,
            edits=tuple(enrollment.EDIT_TARGETS.values()),
        ),
        Action("saving", effect=_enrol, handle=_saved, targets=(FINISH, "ask_nik")),
    ),
    enter=Enter(_assist_enter, ("checking",)),
    entry=Entry(
        command="bantudaftar",
        describe=N_("Daftarkan pekerja (agen)"),
        position=99,
        listed=False,
        cancelled=N_("Baik, pendaftaran oleh agen dihentikan; tidak ada yang dicatat."),
    ),
)


# --- The agent's own list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListData:
    """Nothing to collect."""


MINE = N_("Pendaftaran yang Anda buat ({count}, terbaru dulu):\n{lines}")
MINE_LINE = N_("• {number} — {initials} — {day} — {linked}")
LINKED = N_("Telegram pekerja terhubung")
NOT_LINKED = N_("belum terhubung")
MINE_EMPTY = N_("Anda belum mendaftarkan pekerja. Mulai dengan /bantudaftar.")


def _listed(event: Event, data: ListData, _ctx: FlowContext) -> Go:
    lines = event.lines if isinstance(event, AssistedListed) else None
    if lines is None:
        return Go(FINISH, data, (Say(NOT_AGENT),))
    if not lines:
        return Go(FINISH, data, (Say(MINE_EMPTY),))
    items = tuple(
        Text(
            MINE_LINE,
            {
                "number": line.registration_number,
                "initials": line.initials,
                "day": Day(line.enrolled_on.date()),
                "linked": Text(LINKED if line.linked else NOT_LINKED),
            },
        )
        for line in lines
    )
    return Go(FINISH, data, (Say(MINE, {"count": len(lines), "lines": Lines(items)}),))


LIST_FLOW: Flow[ListData] = Flow(
    "agent_list",
    ListData,
    (Action("listing", effect=lambda _d, _c: ListAssisted(), handle=_listed, targets=(FINISH,)),),
    enter=Enter(lambda d, _at, _c: Go("listing", d), ("listing",)),
    entry=Entry(
        command="agenku", describe=N_("Pendaftaran yang saya buat (agen)"), position=100, listed=False
    ),
)


# --- Sending a consent photo again -------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """An enrolment of this agent's whose consent photo could not be kept (masked as in `/agenku`)."""

    enrolment: int
    number: str
    initials: str


@dataclass(frozen=True)
class ResendData:
    """The enrolments whose photo is missing (only those may be chosen), the one chosen, the new photo."""

    missing: tuple[Missing, ...] = ()
    chosen: int | None = None
    consent_file: str | None = None
    consent_unique: str | None = None


RESEND_COMMAND = "fotopersetujuan"  # the notice's button works as this command, whatever the chat shows
CONSENT_NOT_KEPT = N_(
    "Foto formulir persetujuan untuk pendaftaran {number} tidak bisa disimpan: fotonya tidak terbaca atau "
    "gagal diunduh. Kirim ulang fotonya, ya."
)
SEND_AGAIN = N_("Kirim ulang foto")
NONE_MISSING = N_("Semua foto formulir persetujuan Anda sudah tersimpan; tidak ada yang perlu dikirim ulang.")
CHOOSE_MISSING = N_(
    "Foto formulir persetujuan untuk pendaftaran ini belum tersimpan. Pilih yang fotonya akan Anda kirim "
    "ulang."
)
MISSING_LABEL = N_("{number} — {initials}")
ASK_PHOTO_AGAIN = N_(
    "Kirim foto formulir persetujuan yang ditandatangani pekerja untuk pendaftaran {number}."
)
RESENT = N_("Terima kasih. Foto formulir persetujuan untuk pendaftaran {number} diterima.")
NO_LONGER_MISSING = N_("Foto untuk pendaftaran itu tidak perlu dikirim ulang lagi. Lihat /agenku.")


def consent_not_kept(number: str) -> Say:
    """Return what an agent hears when the photo of a consent form they sent could not be kept."""
    return Say(CONSENT_NOT_KEPT, {"number": number}, (Choice(RESEND_COMMAND, SEND_AGAIN),))


def _missing_found(event: Event, _data: ResendData, _ctx: FlowContext) -> Go:
    lines = event.lines if isinstance(event, ConsentsToResend) else None
    if lines is None:
        return Go(FINISH, ResendData(), (Say(NOT_AGENT),))
    if not lines:
        return Go(FINISH, ResendData(), (Say(NONE_MISSING),))
    missing = tuple(Missing(line.enrolment_id, line.registration_number, line.initials) for line in lines)
    if len(missing) == 1:
        return Go("ask_photo_again", ResendData(missing, chosen=missing[0].enrolment))
    return Go("choose_missing", ResendData(missing))


def _choose_missing(data: ResendData, _ctx: FlowContext) -> Say:
    choices = tuple(
        Choice(f"e{m.enrolment}", MISSING_LABEL, {"number": m.number, "initials": m.initials})
        for m in data.missing
    )
    return Say(CHOOSE_MISSING, {}, choices)


def _chosen(key: str, data: ResendData, _ctx: FlowContext) -> Go | None:
    """Only an enrolment listed to this agent can be chosen: a forged key shows the buttons again."""
    found = next((m for m in data.missing if f"e{m.enrolment}" == key), None)
    return None if found is None else Go("ask_photo_again", replace(data, chosen=found.enrolment))


def _chosen_number(data: ResendData) -> str:
    return next((m.number for m in data.missing if m.enrolment == data.chosen), "")


def _read_photo_again(event: Event, _data: ResendData, ctx: FlowContext) -> FileReceived | Invalid:
    return read_upload(event, ctx, PHOTO_NEEDED, PHOTO_TOO_BIG)


def _store_photo_again(data: ResendData, photo: FileReceived) -> ResendData:
    return replace(data, consent_file=photo.file_id, consent_unique=photo.unique_id)


def _resent(event: Event, data: ResendData, _ctx: FlowContext) -> Go:
    number = event.registration_number if isinstance(event, ConsentResent) else None
    if number is None:
        return Go(FINISH, ResendData(), (Say(NO_LONGER_MISSING),))
    return Go(FINISH, ResendData(), (Say(RESENT, {"number": number}),))


RESEND_FLOW: Flow[ResendData] = Flow(
    "agent_consent",
    ResendData,
    (
        Action(
            "finding",
            effect=lambda _d, _c: ListConsentsToResend(),
            handle=_missing_found,
            targets=(FINISH, "choose_missing", "ask_photo_again"),
        ),
        Screen(
            "choose_missing",
            ask=_choose_missing,
            handle=buttons("choose_missing", {}, other=_chosen),
            targets=("ask_photo_again",),
            help=CHOOSE_MISSING,
        ),
        Question(
            "ask_photo_again",
            ask=lambda d, _c: Say(ASK_PHOTO_AGAIN, {"number": _chosen_number(d)}),
            read=_read_photo_again,
            store=_store_photo_again,
            help=PHOTO_NEEDED,
        ),
        Action(
            "resending",
            effect=lambda d, _c: ResendConsent(d.chosen or 0, d.consent_file or "", d.consent_unique or ""),
            handle=_resent,
            targets=(FINISH,),
        ),
    ),
    enter=Enter(lambda _d, _at, _c: Go("finding", ResendData()), ("finding",)),
    entry=Entry(
        command=RESEND_COMMAND,
        describe=N_("Kirim ulang foto formulir persetujuan (agen)"),
        position=101,
        listed=False,
        cancelled=N_("Baik, foto formulir persetujuan tidak dikirim ulang sekarang."),
    ),
)


# --- The worker links their own chat ----------------------------------------------------------------


@dataclass(frozen=True)
class LinkData:
    """The code typed."""

    code: str | None = None


ASK_CODE = N_("Ketik kode dari agen yang mendaftarkan Anda (8 huruf dan angka, contoh: ABCD-2345).")
CODE_FORMAT = N_("Kode itu 8 huruf dan angka, contoh: ABCD-2345. Coba ketik lagi.")
CODE_WRONG = N_(
    "Kode itu tidak berlaku: salah ketik, sudah dipakai, atau lewat 30 hari. Periksa lagi, atau minta agen "
    "Anda menghubungi kantor cabang."
)
CODE_LIMIT = N_("Sudah {limit} kode dicoba hari ini. Coba lagi besok, atau hubungi kantor cabang.")
LINKED_DONE = N_(
    "Telegram ini sekarang terhubung dengan pendaftaran nomor {number}. Lihat iuran lewat /iuran dan data "
    "Anda lewat /datasaya."
)
ALREADY_HAS = N_(
    "Telegram ini sudah terhubung dengan pendaftaran {number}. Satu akun Telegram untuk satu pendaftaran."
)


def _link_enter(data: LinkData, _at: str | None, ctx: FlowContext) -> Go:
    if ctx.participant is not None:
        return Go(FINISH, LinkData(), (Say(ALREADY_HAS, {"number": ctx.participant.registration_number}),))
    return Go("ask_code", LinkData())


def _read_code(event: Event, _data: LinkData, _ctx: FlowContext) -> str | Invalid:
    code = typed_link_code(event.text) if isinstance(event, TextReceived) else None
    return code if code is not None else Invalid(CODE_FORMAT)


def _linked(event: Event, data: LinkData, _ctx: FlowContext) -> Go:
    if isinstance(event, ChatLinked) and event.registration_number is not None:
        return Go(FINISH, LinkData(), (Say(LINKED_DONE, {"number": event.registration_number}),))
    if isinstance(event, ChatLinked) and event.limit is not None:
        return Go(FINISH, LinkData(), (Say(CODE_LIMIT, {"limit": event.limit}),))
    return Go("ask_code", LinkData(), (Say(CODE_WRONG),))


LINK_FLOW: Flow[LinkData] = Flow(
    "link_chat",
    LinkData,
    (
        Question("ask_code", ask=lambda _d, _c: Say(ASK_CODE), read=_read_code, store="code", help=ASK_CODE),
        Action(
            "linking",
            effect=lambda d, _c: LinkChat(d.code or ""),
            handle=_linked,
            targets=(FINISH, "ask_code"),
        ),
    ),
    enter=Enter(_link_enter, (FINISH, "ask_code")),
    entry=Entry(
        command="hubungkan",
        describe=N_("Hubungkan Telegram dengan pendaftaran dari agen"),
        position=85,
        help=N_("hubungkan Telegram Anda dengan pendaftaran yang dibuat agen"),
    ),
)
