"""Lapor klaim: an heir reports a death, a worker or their family a work accident; both follow the claim.

One question per message; what the family is owed is explained from our records (figures from the rules);
documents are sent as photos or PDFs, any of them later; a claim number and its status stay in /klaim.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from bot.domain.claims import (
    REPORTER_RELATIONS,
    WORKER_ACCIDENT_DOCUMENTS,
    Assessment,
    Cause,
    ClaimKind,
    Programme,
    Right,
    Standing,
    assess_death,
    death_documents,
    is_heir,
    report_deadline_close,
    report_deadline_passed,
    within_claim_window,
    working_days_after,
)
from bot.domain.dates import DateProblem, parse_date
from bot.domain.participants import is_registration_number
from bot.domain.rules import Rules
from bot.domain.validators import NikInfo, NikProblem, parse_nik
from bot.flows import dialogues as ask
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Day,
    Event,
    FileReceived,
    FlowContext,
    Lines,
    Param,
    Rupiah,
    Say,
    Text,
)
from bot.flows.claim_register import (
    AssessStanding,
    AttachDocument,
    ClaimsListed,
    ClaimSubmitted,
    DocumentAttached,
    FindParticipant,
    ListClaims,
    ParticipantFound,
    StandingRead,
    SubmitClaim,
)
from bot.flows.kit import (
    FINISH,
    NEXT,
    Action,
    Branch,
    Call,
    Enter,
    Flow,
    Go,
    Invalid,
    Node,
    Question,
    Screen,
    buttons,
    to,
)
from bot.flows.labels import BACK_TO_MENU, HEIR_RELATIONS

# --- Texts -----------------------------------------------------------------------------------------

MENU_QUESTION = N_("Lapor klaim. Apa yang ingin Anda laporkan?")
REPORT_DEATH = N_("Lapor meninggal dunia")
REPORT_ACCIDENT = N_("Lapor kecelakaan kerja")
CLAIM_STATUS = N_("Status klaim")
CONDOLENCES = N_(
    "Turut berduka cita yang sedalam-dalamnya. Saya bantu pelan-pelan, satu pertanyaan setiap kali. "
    "Anda bisa berhenti kapan saja dengan /batal dan melanjutkan nanti; jawaban Anda tersimpan."
)
DEATH_CONSENT = N_(
    "Untuk laporan ini saya mencatat data almarhum/almarhumah dan data Anda sebagai pelapor (nama, "
    "hubungan keluarga, nomor HP, dokumen). Data dipakai hanya untuk klaim ini dan dilihat petugas BPJS "
    "Ketenagakerjaan (UU Pelindungan Data Pribadi). Setuju?"
)
ACCIDENT_INTRO = N_(
    "Semoga lekas pulih. Kecelakaan kerja, termasuk di jalan pergi atau pulang kerja, ditanggung JKK: "
    "biaya perawatan sesuai kebutuhan medis. Laporkan dalam 2 x 24 jam setelah kejadian."
)
ACCIDENT_CONSENT = N_(
    "Untuk laporan ini saya mencatat data peserta yang celaka dan data pelapor (nama, nomor HP, dokumen). "
    "Data dipakai hanya untuk klaim ini dan dilihat petugas BPJS Ketenagakerjaan. Setuju?"
)
AGREE = N_("Setuju")
DISAGREE = N_("Tidak")
DECLINED = N_(
    "Baik, tidak ada yang dicatat. Klaim juga bisa diajukan langsung di kantor cabang BPJS "
    "Ketenagakerjaan; informasi di telepon 175."
)
RELATION_QUESTION = N_(
    "Apa hubungan Anda dengan almarhum/almarhumah? Urutan ahli waris diatur undang-undang: suami/istri "
    "dan anak lebih dulu, lalu orang tua, kakek/nenek, cucu, lalu saudara kandung, lalu mertua."
)
RELATION_HELP = N_(
    "Ahli waris yang menerima santunan ditentukan undang-undang, berurutan: (1) suami/istri dan anak; "
    "(2) bila tidak ada: orang tua, kakek/nenek, cucu; (3) saudara kandung; (4) mertua; (5) yang ditunjuk "
    "dalam wasiat. Siapa pun boleh melapor."
)
NOT_AN_HEIR = N_(
    "Terima kasih sudah melapor. Anda boleh melaporkan, tetapi klaim dibayarkan kepada ahli waris "
    "(suami/istri dan anak lebih dulu). Ajak ahli waris menyiapkan dokumen; mereka juga bisa melapor sendiri."
)
RELATIONS: Mapping[str, str] = {**HEIR_RELATIONS, "bukan_keluarga": N_("Bukan keluarga")}
WHO_QUESTION = N_("Siapa yang melapor?")
WHO_SELF = N_("Saya sendiri (peserta)")
WHO_FAMILY = N_("Keluarga atau teman")
ID_QUESTION = N_("Dengan apa {whom} terdaftar? Pilih yang Anda punya.")
WHOM_DECEASED = N_("almarhum/almarhumah")
WHOM_WORKER = N_("peserta")
BY_NIK = N_("NIK (KTP)")
BY_NUMBER = N_("Nomor pendaftaran bot ini")
BY_KPJ = N_("Nomor KPJ (kartu peserta)")
NIK_OF = N_("Ketik NIK {whom}: 16 angka di KTP.")
NUMBER_OF = N_("Ketik nomor pendaftaran {whom} (11 angka, ada di bukti pendaftaran).")
KPJ_OF = N_("Ketik nomor KPJ {whom} (angka di kartu peserta BPJS Ketenagakerjaan).")
NUMBER_WRONG = N_(
    "Nomor itu tidak cocok: ada angka yang salah ketik (angka terakhir adalah angka pemeriksa). "
    "Coba periksa lagi, ya."
)
KPJ_WRONG = N_("Nomor KPJ berisi 8 sampai 13 angka. Coba periksa kartu peserta lagi, ya.")
MATCH_QUESTION = N_("Di pendaftaran kami ada peserta berinisial {initials}. Benar ini orangnya?")
YES = N_("Ya, benar")
NO = N_("Bukan")
NOT_OURS = N_(
    "Nomor itu tidak ada di pendaftaran bot ini; mungkin terdaftar lewat JMO, kantor cabang, atau pemberi "
    "kerja. Laporan tetap bisa dibuat, dan petugas akan memeriksanya."
)
DIED_ON = N_("Kapan meninggalnya? Ketik tanggalnya, contoh: 12-11-2026, atau “kemarin”.")
ACCIDENT_ON = N_("Kapan kecelakaannya? Ketik tanggalnya, contoh: 12-11-2026, atau “hari ini”.")
DATE_PROBLEMS: Mapping[DateProblem, str] = {
    DateProblem.NOT_A_DATE: N_(
        "Saya tidak bisa membaca tanggal itu. Tulis misalnya 12-11-2026 atau 12 November 2026."
    ),
    DateProblem.FUTURE: N_("Tanggal itu belum lewat. Tulis tanggal kejadian yang sebenarnya, ya."),
    DateProblem.TOO_EARLY: N_("Tanggal itu terlalu lama. Tulis tanggal setelah tahun 1900, ya."),
}
PLACE_DEATH = N_("Di mana meninggalnya? Contoh: RSUD Wamena, atau di rumah, Kampung Wesaput.")
PLACE_ACCIDENT = N_("Di mana kecelakaannya terjadi? Contoh: Jl. Sudirman dekat pasar, Pekanbaru.")
PLACE_BAD = N_("Mohon tulis tempatnya dengan huruf, 3 sampai 150 huruf.")
CAUSE_QUESTION = N_("Apa penyebabnya?")
CAUSE_LABELS: Mapping[str, str] = {
    Cause.ILLNESS.value: N_("Sakit / wajar"),
    Cause.WORK_ACCIDENT.value: N_("Kecelakaan kerja / di jalan kerja"),
    Cause.OTHER_ACCIDENT.value: N_("Kecelakaan lain"),
}
CAUSE_HELP = N_(
    "Kecelakaan kerja termasuk kecelakaan di jalan pergi atau pulang kerja; klaimnya lewat JKK (paling "
    "lambat 5 tahun). Meninggal karena sakit atau kecelakaan lain diklaim lewat JKM."
)
WHAT_QUESTION = N_("Apa yang terjadi? Ceritakan singkat, contoh: jatuh dari motor saat antar penumpang.")
FACILITY_QUESTION = N_("Di mana dirawat? Contoh: RSUD Dok II Jayapura, atau Puskesmas Sentani.")
TEXT_BAD = N_("Mohon tulis dengan huruf, 3 sampai 300 huruf.")
BEFORE_REGISTRATION = N_(
    "Tanggal itu sebelum pendaftaran di bot ini ({registered}), jadi pendaftaran ini belum melindungi "
    "saat itu. Laporan tetap bisa dibuat bila ada kepesertaan lain; petugas akan memeriksanya."
)
# What the heirs are owed, by right (figures from the rules, never invented where we have no record).
RIGHTS: Mapping[Right, str] = {
    Right.FULL: N_(
        "Menurut catatan kami, iuran sudah {paid} bulan, jadi ahli waris berhak atas JKM {total}: "
        "santunan kematian {lump}, santunan berkala {periodic}, dan biaya pemakaman {funeral}."
    ),
    Right.EARLY: N_(
        "Menurut catatan kami, iuran baru {paid} bulan (kurang dari 3), jadi JKM yang dibayarkan {total}."
    ),
    Right.ARREARS: N_(
        "Menurut catatan kami, ada {unpaid} bulan iuran belum dibayar saat meninggal. Biaya pemakaman "
        "{funeral} tetap dibayar; santunan kematian {lump} dan santunan berkala {periodic} dibayar setelah "
        "ahli waris melunasi tunggakan. Pastikan ke BPJS Ketenagakerjaan di 175."
    ),
    Right.NONE_INACTIVE: N_(
        "Menurut catatan kami, iuran {unpaid} bulan berturut-turut belum dibayar, jadi kepesertaan nonaktif "
        "saat meninggal dan tidak ada hak JKM atau JKK. Bila ada pembayaran yang belum tercatat, hubungi 175."
    ),
    Right.NONE_UNPAID: N_(
        "Menurut catatan kami, belum ada iuran yang tercatat, jadi perlindungan belum berlaku saat itu. "
        "Bila sudah membayar tetapi belum tercatat, hubungi 175 dengan bukti bayar."
    ),
    Right.JKK_DEATH: N_(
        "Meninggal karena kecelakaan kerja diklaim lewat JKK: santunan {lump} (48 x penghasilan {income}, "
        "paling sedikit santunan kematian JKM), santunan berkala {periodic}, dan biaya pemakaman {funeral}; "
        "seluruhnya {total}."
    ),
    Right.UNKNOWN: N_(
        "Peserta ini tidak ada di catatan bot ini, jadi saya tidak bisa menyebut jumlahnya. Aturan umumnya: "
        "JKM {full} bila iuran sudah 3 bulan (sebelumnya {early}); meninggal karena kecelakaan kerja lewat "
        "JKK, 48 x penghasilan yang dilaporkan."
    ),
}
SCHOLARSHIP = N_(
    "Beasiswa untuk paling banyak {children} anak, per anak per tahun: TK dan SD {sd}, SMP {smp}, SMA "
    "{sma}, kuliah {college} (seluruhnya paling banyak {max})."
)
CHECKLIST = N_("Dokumen yang perlu disiapkan (foto atau PDF):\n{documents}")
SUBMIT_QUESTION = N_("Kirim laporan sekarang? Dokumen bisa dikirim sesudahnya, kapan saja.")
SUBMIT = N_("Kirim laporan")
CANCEL_REPORT = N_("Batal")
SUBMITTED = N_(
    "Laporan tercatat. Nomor klaim: {number}. Setelah dokumen lengkap, {programme} dibayar paling lambat "
    "{sla} hari kerja (sekitar {by}). Saya kabari setiap ada perubahan status."
)
ACCIDENT_LATE = N_(
    "Kecelakaan ini sudah lebih dari 2 x 24 jam yang lalu. Tetap laporkan sekarang: laporan terlambat "
    "tidak membuat klaim ditolak, tetapi bukti lebih mudah diperiksa bila segera."
)
ACCIDENT_CLOSE = N_(
    "Batas lapor 2 x 24 jam hampir lewat (sampai {deadline}). Kirim laporan ini sekarang, dan dokumen "
    "menyusul."
)
ACCIDENT_TOO_OLD = N_(
    "Kecelakaan ini sudah lebih dari 5 tahun yang lalu, lewat batas klaim JKK. Laporan tetap dicatat; "
    "petugas akan memeriksanya."
)
DOCUMENTS_QUESTION = N_("Dokumen klaim {number}:\n{lines}\nPilih dokumen untuk dikirim, atau “Selesai”.")
DOCUMENT_HAVE = N_("✓ {name}")
DOCUMENT_MISSING = N_("• {name} (belum)")
SEND_DOCUMENT = N_("Kirim foto atau file PDF: {name}.")
DOCUMENT_TYPE = N_("Mohon kirim foto atau file PDF, ya.")
DOCUMENT_TOO_BIG = N_(
    "File itu terlalu besar (paling besar {max} MB). Kirim foto saja, atau PDF yang lebih kecil."
)
DOCUMENT_RECEIVED = N_("Diterima: {name}.")
DOCUMENT_REPLACED = N_("Diterima: {name} (menggantikan yang sebelumnya).")
DONE = N_("Selesai")
DONE_LATER = N_(
    "Baik. Dokumen yang belum bisa dikirim nanti lewat /klaim → Status klaim. Nomor klaim Anda: {number}."
)
NO_CLAIMS = N_("Anda belum punya laporan klaim.")
CLAIMS_QUESTION = N_("Laporan klaim Anda:\n{lines}\nPilih untuk mengirim atau mengganti dokumen.")
CLAIM_LINE = N_("{number}: {kind}, {status}{missing}")
MISSING_SUFFIX = N_(" (dokumen kurang {count})")
CLAIM_BUTTON = N_("Dokumen {number}")
KIND_LABELS: Mapping[str, str] = {
    ClaimKind.DEATH.value: N_("meninggal dunia"),
    ClaimKind.ACCIDENT.value: N_("kecelakaan kerja"),
}
STATUS_LABELS: Mapping[str, str] = {
    "diterima": N_("diterima"),
    "dokumen_kurang": N_("dokumen kurang"),
    "diverifikasi": N_("diverifikasi"),
    "disetujui": N_("disetujui"),
    "dibayar": N_("dibayar"),
    "ditolak": N_("ditolak"),
}
DOCUMENT_NAMES: Mapping[str, str] = {
    "kartu_peserta": N_("Kartu peserta (KPJ)"),
    "ktp_almarhum": N_("KTP almarhum/almarhumah"),
    "ktp_ahli_waris": N_("KTP ahli waris"),
    "ktp_peserta": N_("KTP peserta"),
    "kk": N_("Kartu Keluarga"),
    "surat_kematian": N_("Surat keterangan kematian"),
    "surat_ahli_waris": N_("Surat keterangan ahli waris"),
    "buku_tabungan": N_("Buku tabungan ahli waris"),
    "buku_nikah": N_("Buku nikah"),
    "kronologi": N_("Kronologi kecelakaan"),
    "surat_dokter": N_("Surat keterangan dokter"),
    "laporan_polisi": N_("Laporan polisi (kecelakaan lalu lintas)"),
    "kuitansi": N_("Kuitansi perawatan"),
}
PROGRAMME_NAMES: Mapping[str, str] = {Programme.JKM.value: N_("JKM"), Programme.JKK.value: N_("JKK")}
ALLOWED_MIME = ("image/jpeg", "image/png", "image/webp", "application/pdf")


# --- Data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimData:
    """Answers so far, and the claim being completed."""

    kind: str | None = None
    consent_at: str | None = None
    reporter_name: str | None = None
    relation: str | None = None
    phone: str | None = None
    id_kind: str | None = None
    id_value: str | None = None
    participant_id: int | None = None
    initials: str | None = None
    event_on: date | None = None
    place: str | None = None
    cause: str | None = None
    what: str | None = None
    facility: str | None = None
    paid_months: int | None = None
    unpaid_months: int = 0
    income: int = 0
    registered_on: date | None = None
    number: str | None = None
    documents: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    doc_kind: str | None = None
    file: tuple[str, ...] = ()  # the document being attached: file id, unique id, mime, size
    listed: tuple[str, ...] = ()  # the reporter's claims, for /klaim → Status
    resume_at: str | None = None


def _death(data: ClaimData) -> bool:
    return data.kind == ClaimKind.DEATH.value


def _whom(data: ClaimData) -> Text:
    return Text(WHOM_DECEASED if _death(data) else WHOM_WORKER)


def _standing(data: ClaimData) -> Standing | None:
    if data.paid_months is None:
        return None
    return Standing(data.paid_months, data.unpaid_months, data.income)


def _before_registration(data: ClaimData) -> bool:
    return data.registered_on is not None and data.event_on is not None and data.event_on < data.registered_on


def _cause(data: ClaimData) -> Cause:
    if not _death(data):
        return Cause.WORK_ACCIDENT
    return Cause(data.cause or Cause.ILLNESS.value)


def _assessment(data: ClaimData, rules: Rules) -> Assessment:
    standing = None if _before_registration(data) else _standing(data)
    if _before_registration(data):
        standing = Standing(0, 0, data.income)
    return assess_death(standing, _cause(data), rules)


def _documents(data: ClaimData) -> tuple[str, ...]:
    if _death(data):
        return death_documents(_cause(data), data.relation or "")
    return WORKER_ACCIDENT_DOCUMENTS


# --- Menu and consent ------------------------------------------------------------------------------


RESUME_QUESTION = N_("Ada laporan yang belum selesai. Lanjutkan dari yang terakhir?")
RESUME = N_("Lanjutkan")
RESTART = N_("Mulai ulang")


def _enter(data: ClaimData, at: str | None, _ctx: FlowContext) -> Go:
    """Continue a report left unfinished (days ago, too), or start one.

    A typed "ada yang meninggal" (entry `death`) starts the death report, condolences first; otherwise
    the claims menu.
    """
    if at in RESUMABLE and data.consent_at:
        return Go("ask_resume", replace(data, resume_at=at))
    if at == "death":
        return _start(ClaimKind.DEATH)
    return Go("menu", ClaimData())


def _start(kind: ClaimKind) -> Go:
    first = Say(CONDOLENCES if kind is ClaimKind.DEATH else ACCIDENT_INTRO)
    return Go("ask_consent", ClaimData(kind=kind.value), (first,))


def _ask_resume(_data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(RESUME_QUESTION, choices=(Choice("resume", RESUME), Choice("restart", RESTART)))


def _continue(data: ClaimData, _ctx: FlowContext) -> Go:
    return Go(data.resume_at or "menu", replace(data, resume_at=None))


_on_resume = buttons("ask_resume", {"resume": _continue, "restart": lambda _d, _c: Go("menu", ClaimData())})


def _ask_menu(_data: ClaimData, _ctx: FlowContext) -> Say:
    choices = (
        Choice("death", REPORT_DEATH),
        Choice("accident", REPORT_ACCIDENT),
        Choice("status", CLAIM_STATUS),
        Choice("back", BACK_TO_MENU),
    )
    return Say(MENU_QUESTION, choices=choices)


_on_menu = buttons(
    "menu",
    {
        "death": lambda _d, _c: _start(ClaimKind.DEATH),
        "accident": lambda _d, _c: _start(ClaimKind.ACCIDENT),
        "status": to("listing"),
        "back": to(FINISH),
    },
)


def _ask_consent(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(
        DEATH_CONSENT if _death(data) else ACCIDENT_CONSENT,
        choices=(Choice("yes", AGREE), Choice("no", DISAGREE)),
    )


_on_consent = buttons(
    "ask_consent",
    {
        "yes": lambda d, c: Go(NEXT, replace(d, consent_at=c.now.isoformat())),
        "no": lambda _d, _c: Go(FINISH, ClaimData(), (Say(DECLINED),)),
    },
)


# --- Who reports -----------------------------------------------------------------------------------


def _ask_relation(data: ClaimData, _ctx: FlowContext) -> Say:
    if _death(data):
        choices = tuple(Choice(k, RELATIONS[k]) for k in REPORTER_RELATIONS)
        return Say(RELATION_QUESTION, choices=choices, columns=2)
    return Say(WHO_QUESTION, choices=(Choice("self", WHO_SELF), Choice("family", WHO_FAMILY)))


def _relation(key: str, data: ClaimData, _ctx: FlowContext) -> Go | None:
    keys = REPORTER_RELATIONS if _death(data) else ("self", "family")
    if key not in keys:
        return None
    told = (Say(NOT_AN_HEIR),) if _death(data) and not is_heir(key) else ()
    return Go("ask_phone", replace(data, relation=key), told)


_on_relation = buttons("ask_relation", {}, _relation)


# --- The deceased or injured participant -----------------------------------------------------------


def _ask_id_kind(data: ClaimData, _ctx: FlowContext) -> Say:
    choices = (Choice("nik", BY_NIK), Choice("number", BY_NUMBER), Choice("kpj", BY_KPJ))
    return Say(ID_QUESTION, {"whom": _whom(data)}, choices)


_on_id_kind = buttons(
    "ask_id_kind",
    {
        "nik": lambda d, _c: Go("ask_nik", replace(d, id_kind="nik")),
        "number": lambda d, _c: Go("ask_number", replace(d, id_kind="number")),
        "kpj": lambda d, _c: Go("ask_kpj", replace(d, id_kind="kpj")),
    },
)


def _read_nik(event: Event, _data: ClaimData, ctx: FlowContext) -> str | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    # The deceased's age is no reason to refuse: only the NIK's structure and region are checked.
    rules = replace(ctx.rules, min_age=0, max_age_exclusive=200)
    result = parse_nik(text, ctx.today, rules)
    if isinstance(result, NikInfo):
        return result.nik
    digits = sum(c.isdigit() for c in text)
    return Invalid(
        ask.NIK_PROBLEMS[result if result in ask.NIK_PROBLEMS else NikProblem.NOT_DIGITS], {"count": digits}
    )


def _read_number(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    digits = "".join(text.split())
    return digits if is_registration_number(digits) else Invalid(NUMBER_WRONG)


def _read_kpj(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    digits = "".join(c for c in text if not c.isspace() and c not in ".-")
    return digits if digits.isascii() and digits.isdigit() and 8 <= len(digits) <= 13 else Invalid(KPJ_WRONG)


def _find(data: ClaimData, _ctx: FlowContext) -> FindParticipant:
    if data.id_kind == "nik":
        return FindParticipant(nik=data.id_value)
    return FindParticipant(number=data.id_value)


def _found(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if isinstance(event, ParticipantFound):
        return Go(
            "confirm_match", replace(data, participant_id=event.participant_id, initials=event.initials)
        )
    return Go("ask_event_on", replace(data, participant_id=None, initials=None), (Say(NOT_OURS),))


def _ask_match(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(MATCH_QUESTION, {"initials": data.initials or ""}, (Choice("yes", YES), Choice("no", NO)))


_on_match = buttons(
    "confirm_match",
    {
        "yes": to("ask_event_on"),
        "no": lambda d, _c: Go("ask_id_kind", replace(d, participant_id=None, initials=None, id_value=None)),
    },
)


# --- What happened ---------------------------------------------------------------------------------


def _ask_event_on(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(DIED_ON if _death(data) else ACCIDENT_ON)


def _read_date(event: Event, _data: ClaimData, ctx: FlowContext) -> date | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    result = parse_date(text, ctx.today)
    return Invalid(DATE_PROBLEMS[result]) if isinstance(result, DateProblem) else result


def _read_text(limit: int) -> Any:
    def read(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
        if isinstance(text := ask.typed(event), Invalid):
            return text
        value = " ".join(text.split())
        if not 3 <= len(value) <= limit or not any(c.isalpha() for c in value):
            return Invalid(PLACE_BAD if limit <= 150 else TEXT_BAD)
        return value

    return read


def _read_cause(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
    if isinstance(event, ChoiceMade) and event.key in CAUSE_LABELS:
        return event.key
    return Invalid(USE_BUTTONS)


def _assess(data: ClaimData, ctx: FlowContext) -> AssessStanding:
    return AssessStanding(data.participant_id, data.event_on or ctx.today)


def _assessed(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if isinstance(event, StandingRead) and event.standing is not None:
        standing = event.standing
        data = replace(
            data,
            paid_months=standing.paid_months,
            unpaid_months=standing.unpaid_months,
            income=standing.income,
            registered_on=event.registered_on,
        )
    else:
        data = replace(data, paid_months=None, registered_on=None)
    return Go("confirm_submit", replace(data, documents=_documents(data)))


def _rights(data: ClaimData, rules: Rules) -> list[Say]:
    said: list[Say] = []
    if _before_registration(data) and data.registered_on is not None:
        said.append(Say(BEFORE_REGISTRATION, {"registered": Day(data.registered_on)}))
    assessment = _assessment(data, rules)
    params: dict[str, Param] = {
        "paid": data.paid_months or 0,
        "unpaid": assessment.unpaid_months,
        "total": Rupiah(assessment.total),
        "lump": Rupiah(assessment.lump_sum),
        "periodic": Rupiah(assessment.periodic),
        "funeral": Rupiah(assessment.funeral),
        "income": Rupiah(data.income),
        "full": Rupiah(rules.jkm_full_benefit),
        "early": Rupiah(rules.jkm_early_benefit),
    }
    said.append(Say(RIGHTS[assessment.right], params))
    if assessment.scholarship:
        said.append(Say(SCHOLARSHIP, _scholarship_params(rules)))
    return said


def _scholarship_params(rules: Rules) -> dict[str, Param]:
    per_level = {level: amount for level, amount, _years in rules.scholarship_by_level}
    return {
        "children": rules.scholarship_children,
        "sd": Rupiah(per_level["SD"]),
        "smp": Rupiah(per_level["SMP"]),
        "sma": Rupiah(per_level["SMA"]),
        "college": Rupiah(per_level["Perguruan tinggi"]),
        "max": Rupiah(rules.scholarship_max),
    }


def _ask_submit(data: ClaimData, ctx: FlowContext) -> tuple[Say, ...]:
    said: list[Say] = []
    if _death(data):
        said += _rights(data, ctx.rules)
    elif data.event_on is not None:
        if not within_claim_window(data.event_on, ctx.today, ctx.rules):
            said.append(Say(ACCIDENT_TOO_OLD))
        elif report_deadline_passed(data.event_on, ctx.today, ctx.rules):
            said.append(Say(ACCIDENT_LATE))
        elif report_deadline_close(data.event_on, ctx.today, ctx.rules):
            deadline = data.event_on + timedelta(hours=ctx.rules.accident_report_hours)
            said.append(Say(ACCIDENT_CLOSE, {"deadline": Day(deadline)}))
    names = Lines(tuple(Text(DOCUMENT_NAMES[key]) for key in data.documents))
    said.append(Say(CHECKLIST, {"documents": names}))
    said.append(Say(SUBMIT_QUESTION, choices=(Choice("submit", SUBMIT), Choice("cancel", CANCEL_REPORT))))
    return tuple(said)


_on_submit = buttons(
    "confirm_submit",
    {"submit": to("submitting"), "cancel": lambda _d, _c: Go(FINISH, ClaimData(), (Say(DECLINED),))},
)


def _submission(data: ClaimData, ctx: FlowContext) -> SubmitClaim:
    assessment = _assessment(data, ctx.rules)
    details: dict[str, Any] = {
        "reporter_name": data.reporter_name,
        "relation": data.relation,
        "phone": data.phone,
        "id_kind": data.id_kind,
        "id_value": data.id_value,
        "event_on": data.event_on.isoformat() if data.event_on else None,
        "place": data.place,
        "cause": _cause(data).value,
        "what": data.what,
        "facility": data.facility,
        "consent_at": data.consent_at,
        "right": assessment.right.value,
        "total": assessment.total,
    }
    return SubmitClaim(
        kind=data.kind or ClaimKind.DEATH.value,
        programme=assessment.programme.value,
        participant_id=data.participant_id,
        event_on=data.event_on or ctx.today,
        details=details,
        documents=data.documents,
        language=ctx.language,
    )


def _submitted(event: Event, data: ClaimData, ctx: FlowContext) -> Go:
    number = event.number if isinstance(event, ClaimSubmitted) else ""
    programme = _assessment(data, ctx.rules).programme
    days = ctx.rules.jkk_sla_working_days if programme is Programme.JKK else ctx.rules.jkm_sla_working_days
    said = Say(
        SUBMITTED,
        {
            "number": number,
            "programme": Text(PROGRAMME_NAMES[programme.value]),
            "sla": days,
            "by": Day(working_days_after(ctx.today, days)),
        },
    )
    return Go("documents", replace(data, number=number, missing=data.documents), (said,))


# --- Documents -------------------------------------------------------------------------------------


def _ask_documents(data: ClaimData, _ctx: FlowContext) -> Say:
    lines = Lines(
        tuple(
            Text(
                DOCUMENT_MISSING if key in data.missing else DOCUMENT_HAVE,
                {"name": Text(DOCUMENT_NAMES[key])},
            )
            for key in data.documents
        )
    )
    choices = (*(Choice(f"d{key}", DOCUMENT_NAMES[key]) for key in data.documents), Choice("done", DONE))
    return Say(DOCUMENTS_QUESTION, {"number": data.number or "", "lines": lines}, choices, columns=2)


def _pick_document(key: str, data: ClaimData, _ctx: FlowContext) -> Go | None:
    kind = key[1:]
    if key.startswith("d") and kind in data.documents:
        return Go("ask_document", replace(data, doc_kind=kind))
    return None


_on_documents = buttons(
    "documents",
    {"done": lambda d, _c: Go(FINISH, ClaimData(), (Say(DONE_LATER, {"number": d.number or ""}),))},
    _pick_document,
)


def _ask_document(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(SEND_DOCUMENT, {"name": Text(DOCUMENT_NAMES[data.doc_kind or "kk"])})


def _read_document(event: Event, _data: ClaimData, ctx: FlowContext) -> FileReceived | Invalid:
    if not isinstance(event, FileReceived) or event.mime not in ALLOWED_MIME:
        return Invalid(DOCUMENT_TYPE)
    if event.size > ctx.rules.document_max_bytes:
        return Invalid(DOCUMENT_TOO_BIG, {"max": ctx.rules.document_max_bytes // 1_000_000})
    return event


def _store_document(data: ClaimData, file: FileReceived) -> ClaimData:
    return replace(data, file=(file.file_id, file.unique_id, file.mime, str(file.size)))


def _attaching(data: ClaimData, _ctx: FlowContext) -> AttachDocument:
    file_id, unique_id, mime, size = data.file
    return AttachDocument(data.number or "", data.doc_kind or "", file_id, unique_id, mime, int(size))


def _attached(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if not isinstance(event, DocumentAttached) or not event.found:
        return Go(FINISH, ClaimData())
    name = Text(DOCUMENT_NAMES[event.kind])
    said = Say(DOCUMENT_REPLACED if event.replaced else DOCUMENT_RECEIVED, {"name": name})
    missing = tuple(k for k in data.missing if k != event.kind)
    return Go("documents", replace(data, missing=missing, doc_kind=None, file=()), (said,))


# --- Status ----------------------------------------------------------------------------------------


def _listed(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    claims = event.claims if isinstance(event, ClaimsListed) else ()
    if not claims:
        return Go(FINISH, ClaimData(), (Say(NO_CLAIMS),))
    rows = tuple(
        "|".join((c.number, c.kind, c.status, ",".join(c.documents), ",".join(c.missing))) for c in claims
    )
    return Go("claims", replace(data, listed=rows))


def _rows(data: ClaimData) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for row in data.listed:
        number, kind, status, documents, missing = row.split("|")
        rows.append(
            (
                number,
                kind,
                status,
                tuple(filter(None, documents.split(","))),
                tuple(filter(None, missing.split(","))),
            )
        )
    return rows


def _ask_claims(data: ClaimData, _ctx: FlowContext) -> Say:
    lines = Lines(
        tuple(
            Text(
                CLAIM_LINE,
                {
                    "number": number,
                    "kind": Text(KIND_LABELS[kind]),
                    "status": Text(STATUS_LABELS[status]),
                    "missing": Text(MISSING_SUFFIX, {"count": len(missing)}) if missing else "",
                },
            )
            for number, kind, status, _documents, missing in _rows(data)
        )
    )
    choices = (
        *(Choice(f"c{number}", CLAIM_BUTTON, {"number": number}) for number, *_ in _rows(data)),
        Choice("back", BACK_TO_MENU),
    )
    return Say(CLAIMS_QUESTION, {"lines": lines}, choices)


def _pick_claim(key: str, data: ClaimData, _ctx: FlowContext) -> Go | None:
    for number, kind, _status, documents, missing in _rows(data):
        if key == f"c{number}":
            chosen = replace(data, number=number, kind=kind, documents=documents, missing=missing, listed=())
            return Go("documents", chosen)
    return None


_on_claims = buttons("claims", {"back": to(FINISH)}, _pick_claim)


# --- The flow --------------------------------------------------------------------------------------


def _after_id(data: ClaimData, _value: str, _ctx: FlowContext) -> str:
    return "ask_event_on" if data.id_kind == "kpj" else "finding"


_ID_GOES = Branch(_after_id, ("finding", "ask_event_on"))


def _after_place(data: ClaimData, _value: str, _ctx: FlowContext) -> str:
    return "ask_cause" if _death(data) else "ask_what"


NODES: tuple[Node, ...] = (
    Screen("menu", _ask_menu, _on_menu, ("ask_consent", "listing", FINISH), progress=False),
    Screen("ask_consent", _ask_consent, _on_consent, (NEXT, FINISH), progress=False),
    Call("ask_reporter", ask.NAME, lambda d, v: replace(d, reporter_name=v)),
    Screen("ask_relation", _ask_relation, _on_relation, ("ask_phone",), RELATION_HELP),
    Call("ask_phone", ask.PHONE, lambda d, v: replace(d, phone=v)),
    Screen("ask_id_kind", _ask_id_kind, _on_id_kind, ("ask_nik", "ask_number", "ask_kpj")),
    Question(
        "ask_nik",
        lambda d, _c: Say(NIK_OF, {"whom": _whom(d)}),
        _read_nik,
        lambda d, v: replace(d, id_value=v),
        ask.NIK_HELP,
        _ID_GOES,
    ),
    Question(
        "ask_number",
        lambda d, _c: Say(NUMBER_OF, {"whom": _whom(d)}),
        _read_number,
        lambda d, v: replace(d, id_value=v),
        goes=_ID_GOES,
    ),
    Question(
        "ask_kpj",
        lambda d, _c: Say(KPJ_OF, {"whom": _whom(d)}),
        _read_kpj,
        lambda d, v: replace(d, id_value=v),
        goes=_ID_GOES,
    ),
    Action("finding", _find, _found, ("confirm_match", "ask_event_on")),
    Screen("confirm_match", _ask_match, _on_match, ("ask_event_on", "ask_id_kind")),
    Question("ask_event_on", _ask_event_on, _read_date, lambda d, v: replace(d, event_on=v)),
    Question(
        "ask_place",
        lambda d, _c: Say(PLACE_DEATH if _death(d) else PLACE_ACCIDENT),
        _read_text(150),
        lambda d, v: replace(d, place=v),
        goes=Branch(_after_place, ("ask_cause", "ask_what")),
    ),
    Question(
        "ask_cause",
        lambda _d, _c: Say(CAUSE_QUESTION, choices=tuple(Choice(k, v) for k, v in CAUSE_LABELS.items())),
        _read_cause,
        lambda d, v: replace(d, cause=v),
        CAUSE_HELP,
        "assessing",
    ),
    Question("ask_what", lambda _d, _c: Say(WHAT_QUESTION), _read_text(300), lambda d, v: replace(d, what=v)),
    Question(
        "ask_facility",
        lambda _d, _c: Say(FACILITY_QUESTION),
        _read_text(150),
        lambda d, v: replace(d, facility=v),
    ),
    Action("assessing", _assess, _assessed, ("confirm_submit",)),
    Screen("confirm_submit", _ask_submit, _on_submit, ("submitting", FINISH)),
    Action("submitting", _submission, _submitted, ("documents",)),
    Screen("documents", _ask_documents, _on_documents, ("ask_document", FINISH)),
    Question(
        "ask_document",
        _ask_document,
        _read_document,
        _store_document,
        goes="attaching",
    ),
    Action("attaching", _attaching, _attached, ("documents", FINISH)),
    Action("listing", lambda _d, _c: ListClaims(), _listed, ("claims", FINISH)),
    Screen("claims", _ask_claims, _on_claims, ("documents", FINISH), progress=False),
)
# Where a paused report may continue: every question of the report itself (not the menus, not the
# document list of a report already sent: that is reached through Status klaim).
RESUMABLE: tuple[str, ...] = tuple(
    node.state
    for node in NODES
    if isinstance(node, Question | Call | Screen) and node.state not in ("menu", "claims", "documents")
)
_RESUME = Screen("ask_resume", _ask_resume, _on_resume, (*RESUMABLE, "menu"), progress=False)

FLOW: Flow[ClaimData] = Flow(
    "claims",
    ClaimData,
    (NODES[0], _RESUME, *NODES[1:]),
    enter=Enter(_enter, ("menu", "ask_resume", "ask_consent")),
)
