"""Pendaftaran mandiri: a worker enrols as a BPU participant, one question per message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from bot.domain.iuran import Programme, due_date, first_iuran_month, monthly_iuran
from bot.domain.rules import CONSENT_VERSION, DEFAULT_RULES, Rules
from bot.flows import questions as q
from bot.flows.base import (
    N_,
    Card,
    Choice,
    ChoiceMade,
    Day,
    Event,
    FlowContext,
    Month,
    Reply,
    Rupiah,
    Say,
    Step,
    Text,
    ask,
)
from bot.flows.participants import (
    PROGRAMMES,
    ChatLookedUp,
    CheckNik,
    Heir,
    LookUpChat,
    NikChecked,
    ParticipantRegistered,
    RegisterParticipant,
    Registration,
    RegistrationRefused,
)


class EnrollState(StrEnum):
    """Each state names the question awaited (or the register being consulted)."""

    LOOKUP = "lookup"
    ASK_RESUME = "ask_resume"
    ASK_CONSENT = "ask_consent"
    ASK_NIK = "ask_nik"
    CHECKING_NIK = "checking_nik"
    CONFIRM_NIK = "confirm_nik"
    ASK_NAME = "ask_name"
    ASK_PHONE = "ask_phone"
    ASK_REGENCY = "ask_regency"
    ASK_ADDRESS = "ask_address"
    ASK_OCCUPATION = "ask_occupation"
    ASK_OCCUPATION_OTHER = "ask_occupation_other"
    ASK_INCOME = "ask_income"
    ASK_INCOME_AMOUNT = "ask_income_amount"
    ASK_PROGRAMME = "ask_programme"
    ASK_HEIR_NAME = "ask_heir_name"
    ASK_HEIR_RELATION = "ask_heir_relation"
    ASK_HEIR_PHONE = "ask_heir_phone"
    ASK_MORE_HEIRS = "ask_more_heirs"
    CONFIRM_SUMMARY = "confirm_summary"
    SAVING = "saving"
    DONE = "done"


S = EnrollState


@dataclass(frozen=True)
class EnrollData:
    """Answers collected so far; JSON round-trips (ISO dates, whole rupiah)."""

    at: str = ""
    consent_at: str | None = None
    nik: str | None = None
    birth_date: str | None = None
    female: bool | None = None
    name: str | None = None
    phone: str | None = None
    regency_code: str | None = None
    regency_options: tuple[str, ...] = ()
    address: str | None = None
    occupations: tuple[str, ...] = ()
    occupation_other: str | None = None
    income: int | None = None
    programme: str | None = None
    heirs: tuple[Heir, ...] = ()
    heir_name: str | None = None
    heir_relation: str | None = None
    editing: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> EnrollData:
        """Build from `to_json` output."""
        values = dict(raw)
        values["regency_options"] = tuple(values.get("regency_options", ()))
        values["occupations"] = tuple(values.get("occupations", ()))
        values["heirs"] = tuple(Heir(**h) for h in values.get("heirs", ()))
        return cls(**values)


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
    "Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU).\n"
    "Anda terlindungi saat kecelakaan kerja (JKK: biaya perawatan tanpa batas biaya sesuai kebutuhan medis) "
    "dan ahli waris menerima santunan bila Anda meninggal (JKM).\n"
    "{price}\n"
    "Saya akan menanyakan NIK, nama, nomor HP, tempat tinggal, pekerjaan, penghasilan, dan ahli waris: "
    "satu per satu, sekitar 3 menit."
)
PRICE_SAME = N_("Iuran paling murah untuk {month}: {amount} per bulan (JKK + JKM, penghasilan Rp1 juta).")
PRICE_DISCOUNTED = N_(
    "Iuran paling murah untuk {month}: {amount} per bulan (JKK + JKM, penghasilan Rp1 juta), "
    "sudah dengan potongan 50% dari pemerintah (PP 50/2025)."
)
PRICE_SPLIT = N_(
    "Iuran paling murah untuk {month}: {amount} per bulan (JKK + JKM, penghasilan Rp1 juta); "
    "untuk ojol, kurir, sopir dan tukang becak {transport}, dengan potongan 50% dari pemerintah (PP 50/2025)."
)
CONSENT_QUESTION = N_(
    "Sebelum mulai, saya minta persetujuan Anda (UU Pelindungan Data Pribadi No. 27/2022).\n"
    "• Yang dicatat: NIK, nama, tanggal lahir, jenis kelamin, nomor HP, alamat, pekerjaan, penghasilan, "
    "ahli waris.\n"
    "• Untuk apa: mendaftarkan Anda sebagai peserta BPU dan mengingatkan jadwal iuran.\n"
    "• Siapa yang melihat: petugas kantor cabang BPJS Ketenagakerjaan yang memproses pendaftaran.\n"
    "• Berapa lama: selama Anda menjadi peserta. Anda bisa melihat, mengubah, atau menghapus data "
    "kapan saja lewat /datasaya.\n"
    "Apakah Anda setuju?"
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
NIK_TAKEN = N_(
    "NIK ini sudah terdaftar sebagai peserta, jadi tidak bisa didaftarkan lagi. "
    "Untuk melihat status iuran, pakai /iuran dari akun yang mendaftar, "
    "atau hubungi BPJS Ketenagakerjaan di 175. "
    "Kalau ada salah ketik, silakan ketik NIK yang benar."
)
NIK_CONFIRM = N_("Dari NIK itu: lahir {birth}, {sex}, terdaftar di {region}. Benar?")
YES_RIGHT = N_("Ya, benar")
NO_RETYPE = N_("Bukan, ketik ulang")
RETYPE_NIK = N_("Baik, silakan ketik ulang NIK Anda.")
SUMMARY = N_(
    "Periksa data Anda sebelum dikirim:\n"
    "NIK: {nik}\n"
    "Nama: {name}\n"
    "Lahir: {birth} ({sex})\n"
    "HP: {phone}\n"
    "Domisili: {region}\n"
    "Alamat: {address}\n"
    "Pekerjaan: {occupation}\n"
    "Penghasilan: {income} per bulan\n"
    "Program: {programme}, iuran {amount} per bulan\n"
    "Ahli waris: {heirs}\n"
    "Tekan bagian yang ingin diubah, atau “Konfirmasi” bila sudah benar."
)
CONFIRM = N_("Konfirmasi")
EDIT_LABELS: Mapping[str, str] = {
    "nik": N_("Ubah NIK"),
    "name": N_("Ubah nama"),
    "phone": N_("Ubah HP"),
    "regency": N_("Ubah kab/kota"),
    "address": N_("Ubah alamat"),
    "occupation": N_("Ubah pekerjaan"),
    "income": N_("Ubah penghasilan"),
    "programme": N_("Ubah program"),
    "heirs": N_("Ubah ahli waris"),
}
REGISTERED = N_(
    "Pendaftaran Anda tercatat.\n"
    "Nomor pendaftaran: {number}\n"
    "Iuran pertama ({month}): {amount}, dibayar paling lambat {due}.\n"
    "Cara bayar: sebutkan NIK Anda sebagai kode bayar di bank, kantor pos, minimarket mitra BPJS "
    "Ketenagakerjaan, atau aplikasi JMO.\n"
    "Penting: perlindungan baru berlaku setelah pembayaran pertama tercatat. "
    "Sebelum itu Anda belum terlindungi.\n"
    "Santunan kematian (JKM) penuh {jkm_full} berlaku setelah iuran 3 bulan; sebelumnya {jkm_early}."
)
CARD_CAPTION = N_("Kartu peserta digital Anda. Simpan gambar ini; nomor pendaftaran ada di kode QR.")
REFUSED_AT_SAVE = N_(
    "Maaf, NIK ini baru saja didaftarkan dari akun lain, jadi tidak bisa didaftarkan dua kali. "
    "Periksa NIK Anda, atau hubungi BPJS Ketenagakerjaan di 175."
)

# The next question after each answered one (when not editing from the summary).
NEXT: Mapping[EnrollState, EnrollState] = {
    S.CONFIRM_NIK: S.ASK_NAME,
    S.ASK_NAME: S.ASK_PHONE,
    S.ASK_PHONE: S.ASK_REGENCY,
    S.ASK_REGENCY: S.ASK_ADDRESS,
    S.ASK_ADDRESS: S.ASK_OCCUPATION,
    S.ASK_OCCUPATION: S.ASK_INCOME,
    S.ASK_INCOME: S.ASK_PROGRAMME,
    S.ASK_PROGRAMME: S.ASK_HEIR_NAME,
    S.ASK_HEIR_NAME: S.CONFIRM_SUMMARY,
}
EDIT_TARGETS: Mapping[str, EnrollState] = {
    "nik": S.ASK_NIK,
    "name": S.ASK_NAME,
    "phone": S.ASK_PHONE,
    "regency": S.ASK_REGENCY,
    "address": S.ASK_ADDRESS,
    "occupation": S.ASK_OCCUPATION,
    "income": S.ASK_INCOME,
    "programme": S.ASK_PROGRAMME,
    "heirs": S.ASK_HEIR_NAME,
}
QUESTIONS = frozenset(
    {
        S.ASK_CONSENT,
        *NEXT,
        S.ASK_NIK,
        S.ASK_OCCUPATION_OTHER,
        S.ASK_INCOME_AMOUNT,
        S.ASK_HEIR_RELATION,
        S.ASK_HEIR_PHONE,
        S.ASK_MORE_HEIRS,
        S.CONFIRM_SUMMARY,
    }
)


def _edges() -> dict[StrEnum, frozenset[StrEnum]]:
    edges: dict[StrEnum, set[StrEnum]] = {state: set() for state in S}
    edges[S.LOOKUP] = {S.ASK_RESUME, S.ASK_CONSENT, S.DONE}
    edges[S.ASK_RESUME] = {S.ASK_CONSENT, *QUESTIONS}
    edges[S.ASK_CONSENT] = {S.ASK_NIK, S.DONE}
    edges[S.ASK_NIK] = {S.CHECKING_NIK}
    edges[S.CHECKING_NIK] = {S.CONFIRM_NIK, S.ASK_NIK}
    edges[S.CONFIRM_NIK] = {S.ASK_NAME, S.ASK_NIK, S.CONFIRM_SUMMARY}
    edges[S.ASK_OCCUPATION] = {S.ASK_OCCUPATION_OTHER, S.ASK_INCOME, S.CONFIRM_SUMMARY}
    edges[S.ASK_OCCUPATION_OTHER] = {S.ASK_OCCUPATION, S.ASK_INCOME, S.CONFIRM_SUMMARY}
    edges[S.ASK_INCOME] = {S.ASK_INCOME_AMOUNT, S.ASK_PROGRAMME, S.CONFIRM_SUMMARY}
    edges[S.ASK_INCOME_AMOUNT] = {S.ASK_PROGRAMME, S.CONFIRM_SUMMARY}
    edges[S.ASK_HEIR_NAME] = {S.ASK_HEIR_RELATION, S.CONFIRM_SUMMARY}
    edges[S.ASK_HEIR_RELATION] = {S.ASK_HEIR_PHONE}
    edges[S.ASK_HEIR_PHONE] = {S.ASK_MORE_HEIRS, S.CONFIRM_SUMMARY}
    edges[S.ASK_MORE_HEIRS] = {S.ASK_HEIR_NAME, S.CONFIRM_SUMMARY}
    for state in (S.ASK_NAME, S.ASK_PHONE, S.ASK_REGENCY, S.ASK_ADDRESS, S.ASK_PROGRAMME):
        edges[state] = {NEXT[state], S.CONFIRM_SUMMARY}
    edges[S.CONFIRM_SUMMARY] = {*EDIT_TARGETS.values(), S.SAVING}
    edges[S.SAVING] = {S.DONE, S.ASK_NIK}
    return {state: frozenset(targets) for state, targets in edges.items()}


class EnrollmentFlow:
    """Consent, then one question per message, a summary to correct, and the registration."""

    name: ClassVar[str] = "enrollment"
    states: ClassVar[type[StrEnum]] = EnrollState
    initial: ClassVar[StrEnum] = S.LOOKUP
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({S.DONE})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = _edges()
    data_type = EnrollData

    # --- entering and re-asking ---------------------------------------------------------------------

    def start(self, data: EnrollData, ctx: FlowContext) -> Step:
        """Check whether this chat is registered already; the answer arrives as `ChatLookedUp`."""
        return Step(S.LOOKUP, data, effects=(LookUpChat(),))

    def prompt(self, state: StrEnum, data: EnrollData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Render the question awaited in `state`."""
        rules = ctx.rules
        match state:
            case S.ASK_RESUME:
                return (Say(RESUME_QUESTION, choices=(Choice("resume", RESUME), Choice("restart", RESTART))),)
            case S.ASK_CONSENT | S.LOOKUP:
                choices = (Choice("yes", AGREE), Choice("no", DISAGREE), Choice("info", MORE_INFO))
                return (Say(CONSENT_QUESTION, choices=choices),)
            case S.ASK_NIK | S.CHECKING_NIK:
                return (Say(q.NIK_QUESTION),)
            case S.CONFIRM_NIK:
                return (self._nik_confirmation(data),)
            case S.ASK_NAME:
                return (Say(q.NAME_QUESTION),)
            case S.ASK_PHONE:
                return (q.ask_phone(),)
            case S.ASK_REGENCY:
                options = data.regency_options or ((data.nik or "")[:4],)
                return (q.ask_regency(options, picking=bool(data.regency_options)),)
            case S.ASK_ADDRESS:
                return (Say(q.ADDRESS_QUESTION),)
            case S.ASK_OCCUPATION:
                return (q.ask_occupation(data.occupations),)
            case S.ASK_OCCUPATION_OTHER:
                return (Say(q.OCCUPATION_OTHER_QUESTION),)
            case S.ASK_INCOME:
                return (q.ask_income(),)
            case S.ASK_INCOME_AMOUNT:
                return (Say(q.INCOME_TYPE_IT),)
            case S.ASK_PROGRAMME:
                month = first_iuran_month(ctx.today, rules)
                return (q.ask_programme(data.income or rules.min_income, data.occupations, month, rules),)
            case S.ASK_HEIR_NAME:
                return (q.ask_heir_name(rules),)
            case S.ASK_HEIR_RELATION:
                return (q.ask_heir_relation(data.heir_name or ""),)
            case S.ASK_HEIR_PHONE:
                return (q.ask_heir_phone(data.heir_name or ""),)
            case S.ASK_MORE_HEIRS:
                return (q.ask_more_heirs(len(data.heirs), rules),)
            case S.CONFIRM_SUMMARY | S.SAVING:
                return (self._summary(data, ctx),)
        return ()

    # --- one event ----------------------------------------------------------------------------------

    def handle(self, state: StrEnum, data: EnrollData, event: Event, ctx: FlowContext) -> Step:
        """Advance by one event; remember the question reached so a later `/daftar` can resume there."""
        step = self._handle(S(state), data, event, ctx)
        if step.state in QUESTIONS and step.state is not S.ASK_CONSENT:
            step = replace(step, data=replace(step.data, at=step.state.value))
        return step

    def _handle(self, state: EnrollState, data: EnrollData, event: Event, ctx: FlowContext) -> Step:
        rules = ctx.rules
        match state, event:
            case S.LOOKUP, ChatLookedUp(registration_number=number) if number:
                return Step(
                    S.DONE, EnrollData(), (Say(ALREADY_REGISTERED, {"number": number}),), finished=True
                )
            case S.LOOKUP, ChatLookedUp():
                if data.at and data.consent_at:
                    return ask(self, S.ASK_RESUME, data, ctx)
                return ask(self, S.ASK_CONSENT, EnrollData(), ctx, Say(INTRO, {"price": _price(ctx)}))
            case S.ASK_RESUME, ChoiceMade(key="resume"):
                return ask(self, S(data.at), data, ctx)
            case S.ASK_RESUME, ChoiceMade(key="restart"):
                return ask(self, S.ASK_CONSENT, EnrollData(), ctx, Say(INTRO, {"price": _price(ctx)}))
            case S.ASK_CONSENT, ChoiceMade(key="yes"):
                return ask(self, S.ASK_NIK, replace(data, consent_at=ctx.now.isoformat()), ctx)
            case S.ASK_CONSENT, ChoiceMade(key="no"):
                return Step(S.DONE, EnrollData(), (Say(DECLINED),), finished=True)
            case S.ASK_CONSENT, ChoiceMade(key="info"):
                return ask(self, S.ASK_CONSENT, data, ctx, Say(CONSENT_DETAILS))
            case S.ASK_NIK, _:
                nik = q.read_nik(event, ctx.today, rules)
                if isinstance(nik, q.Invalid):
                    return q.again(self, state, data, ctx, nik)
                found = replace(data, nik=nik.nik, birth_date=nik.birth_date.isoformat(), female=nik.female)
                return Step(S.CHECKING_NIK, found, effects=(CheckNik(nik.nik),))
            case S.CHECKING_NIK, NikChecked(available=False):
                return ask(
                    self,
                    S.ASK_NIK,
                    replace(data, nik=None, birth_date=None, female=None),
                    ctx,
                    Say(NIK_TAKEN),
                )
            case S.CHECKING_NIK, NikChecked():
                return ask(self, S.CONFIRM_NIK, data, ctx)
            case S.CONFIRM_NIK, ChoiceMade(key="yes"):
                return self._after(S.CONFIRM_NIK, data, ctx)
            case S.CONFIRM_NIK, ChoiceMade(key="no"):
                return ask(self, S.ASK_NIK, replace(data, nik=None), ctx, Say(RETYPE_NIK))
            case S.ASK_NAME, _:
                return self._store(state, data, ctx, q.read_name(event), "name")
            case S.ASK_PHONE, _:
                return self._store(state, data, ctx, q.read_phone(event), "phone")
            case S.ASK_REGENCY, _:
                return self._on_regency(data, event, ctx)
            case S.ASK_ADDRESS, _:
                return self._store(state, data, ctx, q.read_address(event), "address")
            case S.ASK_OCCUPATION, _:
                return self._on_occupation(data, event, ctx)
            case S.ASK_OCCUPATION_OTHER, _:
                other = q.read_occupation_other(event)
                if isinstance(other, q.Invalid):
                    return q.again(self, state, data, ctx, other)
                data = replace(data, occupation_other=other)
                if len(data.occupations) < 2:
                    return ask(self, S.ASK_OCCUPATION, data, ctx)
                return self._after(S.ASK_OCCUPATION, data, ctx)
            case S.ASK_INCOME, _:
                income = q.read_income(event, rules)
                if income == "other":
                    return ask(self, S.ASK_INCOME_AMOUNT, data, ctx)
                return self._store(state, data, ctx, income, "income")
            case S.ASK_INCOME_AMOUNT, _:
                income = q.read_income(event, rules)
                if income == "other":
                    income = q.Invalid(q.INCOME_TYPE_IT)
                return self._store(S.ASK_INCOME, data, ctx, income, "income", again=state)
            case S.ASK_PROGRAMME, _:
                return self._store(state, data, ctx, q.read_programme(event), "programme")
            case S.ASK_HEIR_NAME, _:
                name = q.read_heir_name(event)
                if isinstance(name, q.Invalid):
                    return q.again(self, state, data, ctx, name)
                if name is None:
                    return self._after(S.ASK_HEIR_NAME, data, ctx)
                return ask(self, S.ASK_HEIR_RELATION, replace(data, heir_name=name), ctx)
            case S.ASK_HEIR_RELATION, _:
                relation = q.read_heir_relation(event)
                if isinstance(relation, q.Invalid):
                    return q.again(self, state, data, ctx, relation)
                return ask(self, S.ASK_HEIR_PHONE, replace(data, heir_relation=relation), ctx)
            case S.ASK_HEIR_PHONE, _:
                heirs = q.add_heir(event, data.heir_name, data.heir_relation, data.heirs)
                if isinstance(heirs, q.Invalid):
                    return q.again(self, state, data, ctx, heirs)
                data = replace(data, heirs=heirs, heir_name=None, heir_relation=None)
                if len(data.heirs) >= rules.max_heirs:
                    return self._after(S.ASK_HEIR_NAME, data, ctx)
                return ask(self, S.ASK_MORE_HEIRS, data, ctx)
            case S.ASK_MORE_HEIRS, ChoiceMade(key="add") if len(data.heirs) < rules.max_heirs:
                return ask(self, S.ASK_HEIR_NAME, data, ctx)
            case S.ASK_MORE_HEIRS, ChoiceMade(key="next"):
                return self._after(S.ASK_HEIR_NAME, data, ctx)
            case S.CONFIRM_SUMMARY, ChoiceMade(key="confirm"):
                return Step(S.SAVING, data, effects=(RegisterParticipant(self._registration(data, ctx)),))
            case S.CONFIRM_SUMMARY, ChoiceMade(key=key) if key in EDIT_TARGETS:
                edited = replace(data, editing=True)
                if key == "heirs":
                    edited = replace(edited, heirs=())
                if key == "occupation":
                    edited = replace(edited, occupations=(), occupation_other=None)
                return ask(self, EDIT_TARGETS[key], edited, ctx)
            case S.SAVING, ParticipantRegistered(registration_number=number):
                return Step(S.DONE, EnrollData(), self._welcome(data, number, ctx), finished=True)
            case S.SAVING, RegistrationRefused():
                return ask(self, S.ASK_NIK, replace(data, nik=None), ctx, Say(REFUSED_AT_SAVE))
        return q.again(self, state, data, ctx, q.Invalid(q.USE_BUTTONS))

    # --- helpers ------------------------------------------------------------------------------------

    def _after(self, answered: EnrollState, data: EnrollData, ctx: FlowContext) -> Step:
        """Go to the next question, or back to the summary when correcting an item."""
        if data.editing:
            return ask(self, S.CONFIRM_SUMMARY, replace(data, editing=False), ctx)
        return ask(self, NEXT[answered], data, ctx)

    def _store(
        self,
        state: EnrollState,
        data: EnrollData,
        ctx: FlowContext,
        value: object,
        field_name: str,
        again: EnrollState | None = None,
    ) -> Step:
        if isinstance(value, q.Invalid):
            return q.again(self, again or state, data, ctx, value)
        return self._after(state, replace(data, **{field_name: value}), ctx)

    def _on_regency(self, data: EnrollData, event: Event, ctx: FlowContext) -> Step:
        offered = data.regency_options or ((data.nik or "")[:4],)
        answer = q.read_regency(event, offered, (data.nik or "")[:2] or None)
        if isinstance(answer, q.Invalid):
            return q.again(self, S.ASK_REGENCY, data, ctx, answer)
        if isinstance(answer, tuple):
            return ask(self, S.ASK_REGENCY, replace(data, regency_options=answer), ctx)
        return self._after(S.ASK_REGENCY, replace(data, regency_code=answer, regency_options=()), ctx)

    def _on_occupation(self, data: EnrollData, event: Event, ctx: FlowContext) -> Step:
        pick = q.pick_occupation(event, data.occupations)
        if isinstance(pick, q.Invalid):
            return q.again(self, S.ASK_OCCUPATION, data, ctx, pick)
        data = replace(data, occupations=pick.chosen)
        if pick.then == "other":
            return ask(self, S.ASK_OCCUPATION_OTHER, data, ctx)
        if pick.then == "more":
            return ask(self, S.ASK_OCCUPATION, data, ctx)
        return self._after(S.ASK_OCCUPATION, data, ctx)

    @staticmethod
    def _nik_confirmation(data: EnrollData) -> Say:
        birth = date.fromisoformat(data.birth_date) if data.birth_date else None
        return Say(
            NIK_CONFIRM,
            {
                "birth": Day(birth) if birth else "",
                "sex": q.sex_label(data.female),
                "region": q.region_label((data.nik or "")[:4]),
            },
            (Choice("yes", YES_RIGHT), Choice("no", NO_RETYPE)),
        )

    def _summary(self, data: EnrollData, ctx: FlowContext) -> Say:
        month = first_iuran_month(ctx.today, ctx.rules)
        income = data.income or ctx.rules.min_income
        programme = data.programme or Programme.JKK_JKM.value
        amount = monthly_iuran(income, Programme(programme), data.occupations, month, ctx.rules).total
        heirs = q.heir_lines(data.heirs)
        birth = date.fromisoformat(data.birth_date) if data.birth_date else None
        params = {
            "nik": data.nik or "",
            "name": data.name or "",
            "birth": Day(birth) if birth else "",
            "sex": q.sex_label(data.female),
            "phone": data.phone or "",
            "region": q.region_label(data.regency_code or ""),
            "address": data.address or "",
            "occupation": q.occupation_names(data.occupations, data.occupation_other),
            "income": Rupiah(income),
            "programme": Text(PROGRAMMES[programme]),
            "amount": Rupiah(amount),
            "heirs": heirs,
        }
        choices = (*(Choice(key, label) for key, label in EDIT_LABELS.items()), Choice("confirm", CONFIRM))
        return Say(SUMMARY, params, choices, columns=2)

    @staticmethod
    def _registration(data: EnrollData, ctx: FlowContext) -> Registration:
        return Registration(
            nik=data.nik or "",
            birth_date=date.fromisoformat(data.birth_date or "1970-01-01"),
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

    @staticmethod
    def _welcome(data: EnrollData, number: str, ctx: FlowContext) -> tuple[Reply, ...]:
        rules = ctx.rules
        month = first_iuran_month(ctx.today, rules)
        programme = Programme(data.programme or Programme.JKK_JKM.value)
        amount = monthly_iuran(
            data.income or rules.min_income, programme, data.occupations, month, rules
        ).total
        text = Say(
            REGISTERED,
            {
                "number": number,
                "month": Month(month),
                "amount": Rupiah(amount),
                "due": Day(due_date(month, rules), weekday=True),
                "jkm_full": Rupiah(rules.jkm_full_benefit),
                "jkm_early": Rupiah(rules.jkm_early_benefit),
            },
        )
        card = Card(
            name=data.name or "", number=number, programme=PROGRAMMES[programme.value], caption=CARD_CAPTION
        )
        return (text, card)


def _price(ctx: FlowContext) -> Text:
    """Describe this month's cheapest iuran, for other sectors and for transport."""
    rules: Rules = ctx.rules or DEFAULT_RULES
    month = first_iuran_month(ctx.today, rules)
    other = monthly_iuran(rules.min_income, Programme.JKK_JKM, ("pedagang",), month, rules)
    transport = monthly_iuran(rules.min_income, Programme.JKK_JKM, ("ojol",), month, rules)
    params = {"month": Month(month), "amount": Rupiah(other.total), "transport": Rupiah(transport.total)}
    if other.total != transport.total:
        return Text(PRICE_SPLIT, params)
    return Text(PRICE_DISCOUNTED if other.discounted else PRICE_SAME, params)


FLOW = EnrollmentFlow()
