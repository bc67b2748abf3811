"""`/datasaya`: see what the bot holds, correct it, or have it deleted (UU PDP No. 27/2022)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from bot.domain.iuran import Programme, monthly_iuran, next_month
from bot.flows import questions as q
from bot.flows.base import (
    N_,
    Choice,
    ChoiceMade,
    Day,
    DiscardDrafts,
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
    ForgetParticipant,
    Heir,
    LoadParticipant,
    ParticipantForgotten,
    ParticipantLoaded,
    ParticipantUpdated,
    ParticipantView,
    UpdateParticipant,
)


class PrivacyState(StrEnum):
    """Each state names the question awaited (or the register being consulted)."""

    LOADING = "loading"
    NOT_REGISTERED = "not_registered"
    SHOW = "show"
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
    SAVING = "saving"
    CONFIRM_DELETE = "confirm_delete"
    DELETING = "deleting"
    DONE = "done"


P = PrivacyState


@dataclass(frozen=True)
class PrivacyData:
    """The participant as loaded, and a correction in progress."""

    view: ParticipantView | None = None
    occupations: tuple[str, ...] = ()
    occupation_other: str | None = None
    income: int | None = None
    heirs: tuple[Heir, ...] = ()
    heir_name: str | None = None
    heir_relation: str | None = None
    regency_options: tuple[str, ...] = ()
    effective_from: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        return {
            "view": self.view.to_json() if self.view else None,
            "occupations": list(self.occupations),
            "occupation_other": self.occupation_other,
            "income": self.income,
            "heirs": [h.__dict__ for h in self.heirs],
            "heir_name": self.heir_name,
            "heir_relation": self.heir_relation,
            "regency_options": list(self.regency_options),
            "effective_from": self.effective_from,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> PrivacyData:
        """Build from `to_json` output."""
        if not raw:
            return cls()
        return cls(
            view=ParticipantView.from_json(raw["view"]) if raw.get("view") else None,
            occupations=tuple(raw.get("occupations", ())),
            occupation_other=raw.get("occupation_other"),
            income=raw.get("income"),
            heirs=tuple(Heir(**h) for h in raw.get("heirs", ())),
            heir_name=raw.get("heir_name"),
            heir_relation=raw.get("heir_relation"),
            regency_options=tuple(raw.get("regency_options", ())),
            effective_from=raw.get("effective_from"),
        )


NOT_REGISTERED = N_(
    "Anda belum terdaftar, jadi saya tidak menyimpan NIK, nama, atau data pribadi lain milik Anda. "
    "Yang tersimpan hanya pilihan bahasa dan jawaban pendaftaran yang belum selesai (bila ada)."
)
ERASE_DRAFTS = N_("Hapus jawaban yang belum selesai")
BACK = N_("Kembali ke menu")
DRAFTS_ERASED = N_("Jawaban pendaftaran yang belum selesai sudah dihapus.")
SHOWN = N_(
    "Data Anda yang tersimpan:\n"
    "Nomor pendaftaran: {number}\n"
    "Status: {status}\n"
    "NIK: {nik}\n"
    "Nama: {name}\n"
    "Lahir: {birth} ({sex})\n"
    "HP: {phone}\n"
    "Domisili: {region}\n"
    "Alamat: {address}\n"
    "Pekerjaan: {occupation}\n"
    "Penghasilan: {income} per bulan\n"
    "Program: {programme}\n"
    "Ahli waris: {heirs}\n"
    "Persetujuan data diberikan: {consent}\n"
    "{pending}"
    "Pilih yang ingin diubah, atau hapus data Anda. Nama, NIK dan tanggal lahir hanya bisa diubah "
    "di kantor cabang BPJS Ketenagakerjaan."
)
PENDING = N_("Mulai iuran {month}: penghasilan {income}, program {programme}, iuran {amount} per bulan.\n")
STATUS_LABELS: Mapping[str, str] = {
    "terdaftar": N_("terdaftar, menunggu iuran pertama (belum terlindungi)"),
    "aktif": N_("aktif"),
    "nonaktif": N_("nonaktif: iuran tertunggak, perlindungan JKK/JKM berhenti"),
}
ACTIONS: Mapping[str, str] = {
    "phone": N_("Ubah HP"),
    "regency": N_("Ubah kab/kota"),
    "address": N_("Ubah alamat"),
    "occupation": N_("Ubah pekerjaan"),
    "income": N_("Ubah penghasilan"),
    "programme": N_("Ubah program"),
    "heirs": N_("Ubah ahli waris"),
    "delete": N_("Hapus data saya"),
    "done": N_("Selesai"),
}
TARGETS: Mapping[str, PrivacyState] = {
    "phone": P.ASK_PHONE,
    "regency": P.ASK_REGENCY,
    "address": P.ASK_ADDRESS,
    "occupation": P.ASK_OCCUPATION,
    "income": P.ASK_INCOME,
    "programme": P.ASK_PROGRAMME,
    "heirs": P.ASK_HEIR_NAME,
}
SAVED = N_("Perubahan tersimpan.")
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
NO_KEEP = N_("Batal")
DELETED = N_("Data Anda sudah dihapus seluruhnya. Terima kasih sudah mencoba bot ini.")
ANONYMISED = N_(
    "Data pribadi Anda sudah dihapus. Catatan pembayaran tetap disimpan tanpa nama. "
    "Untuk urusan kepesertaan, hubungi kantor cabang BPJS Ketenagakerjaan atau 175."
)
GONE = N_("Data pendaftaran Anda tidak ditemukan lagi. Pilih /daftar untuk mendaftar.")


def _edges() -> dict[StrEnum, frozenset[StrEnum]]:
    questions = set(TARGETS.values())
    edges: dict[StrEnum, set[StrEnum]] = {state: set() for state in P}
    edges[P.LOADING] = {P.SHOW, P.NOT_REGISTERED, P.DONE}
    edges[P.NOT_REGISTERED] = {P.DONE}
    edges[P.SHOW] = {*questions, P.CONFIRM_DELETE, P.DONE}
    for state in questions:
        edges[state] = {P.SAVING}
    edges[P.ASK_OCCUPATION] = {P.ASK_OCCUPATION_OTHER, P.SAVING}
    edges[P.ASK_OCCUPATION_OTHER] = {P.ASK_OCCUPATION, P.SAVING}
    edges[P.ASK_INCOME] = {P.ASK_INCOME_AMOUNT, P.SAVING}
    edges[P.ASK_INCOME_AMOUNT] = {P.SAVING}
    edges[P.ASK_HEIR_NAME] = {P.ASK_HEIR_RELATION, P.SAVING}
    edges[P.ASK_HEIR_RELATION] = {P.ASK_HEIR_PHONE}
    edges[P.ASK_HEIR_PHONE] = {P.ASK_MORE_HEIRS, P.SAVING}
    edges[P.ASK_MORE_HEIRS] = {P.ASK_HEIR_NAME, P.SAVING}
    edges[P.SAVING] = {P.SHOW, P.DONE}
    edges[P.CONFIRM_DELETE] = {P.DELETING, P.SHOW}
    edges[P.DELETING] = {P.DONE}
    return {state: frozenset(targets) for state, targets in edges.items()}


class PrivacyFlow:
    """Show the participant's data; correct it one item at a time; delete or anonymise on request."""

    name: ClassVar[str] = "privacy"
    states: ClassVar[type[StrEnum]] = PrivacyState
    initial: ClassVar[StrEnum] = P.LOADING
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({P.DONE})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = _edges()
    data_type = PrivacyData

    def start(self, data: PrivacyData, ctx: FlowContext) -> Step:
        """Load the participant; the answer arrives as `ParticipantLoaded`."""
        return Step(P.LOADING, PrivacyData(), effects=(LoadParticipant(),))

    def prompt(self, state: StrEnum, data: PrivacyData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Render the question awaited in `state`."""
        view = data.view
        match state:
            case P.NOT_REGISTERED | P.LOADING:
                return (Say(NOT_REGISTERED, choices=(Choice("erase", ERASE_DRAFTS), Choice("back", BACK))),)
            case P.SHOW | P.SAVING if view is not None:
                return (self._shown(view, ctx),)
            case P.ASK_PHONE:
                return (q.ask_phone(),)
            case P.ASK_REGENCY:
                options = data.regency_options or ((view.regency_code,) if view else ())
                return (q.ask_regency(options, picking=bool(data.regency_options)),)
            case P.ASK_ADDRESS:
                return (Say(q.ADDRESS_QUESTION),)
            case P.ASK_OCCUPATION:
                return (q.ask_occupation(data.occupations),)
            case P.ASK_OCCUPATION_OTHER:
                return (Say(q.OCCUPATION_OTHER_QUESTION),)
            case P.ASK_INCOME:
                return (q.ask_income(),)
            case P.ASK_INCOME_AMOUNT:
                return (Say(q.INCOME_TYPE_IT),)
            case P.ASK_PROGRAMME if view is not None:
                month = _next_iuran_month(ctx)
                income = view.pending_income or view.income
                return (q.ask_programme(income, view.occupations, month, ctx.rules),)
            case P.ASK_HEIR_NAME:
                return (q.ask_heir_name(ctx.rules),)
            case P.ASK_HEIR_RELATION:
                return (q.ask_heir_relation(data.heir_name or ""),)
            case P.ASK_HEIR_PHONE:
                return (q.ask_heir_phone(data.heir_name or ""),)
            case P.ASK_MORE_HEIRS:
                return (q.ask_more_heirs(len(data.heirs), ctx.rules),)
            case P.CONFIRM_DELETE | P.DELETING if view is not None:
                text = DELETE_NEVER_ACTIVE if view.status == "terdaftar" else DELETE_ACTIVE
                choices = (Choice("yes", YES_DELETE), Choice("no", NO_KEEP))
                return (Say(text, {"number": view.registration_number}, choices),)
        return (Say(GONE),)

    def handle(self, state: StrEnum, data: PrivacyData, event: Event, ctx: FlowContext) -> Step:
        """Advance by one event."""
        match P(state), event:
            case P.LOADING, ParticipantLoaded(view=None):
                return ask(self, P.NOT_REGISTERED, data, ctx)
            case P.LOADING, ParticipantLoaded(view=view):
                return ask(self, P.SHOW, PrivacyData(view=view), ctx)
            case P.NOT_REGISTERED, ChoiceMade(key="erase"):
                return Step(P.DONE, PrivacyData(), (Say(DRAFTS_ERASED),), (DiscardDrafts(),), finished=True)
            case P.NOT_REGISTERED, ChoiceMade(key="back"):
                return Step(P.DONE, PrivacyData(), finished=True)
            case P.SHOW, ChoiceMade(key="done"):
                return Step(P.DONE, PrivacyData(), finished=True)
            case P.SHOW, ChoiceMade(key="delete"):
                return ask(self, P.CONFIRM_DELETE, data, ctx)
            case P.SHOW, ChoiceMade(key=key) if key in TARGETS:
                return ask(
                    self, TARGETS[key], replace(data, occupations=(), heirs=(), regency_options=()), ctx
                )
            case P.CONFIRM_DELETE, ChoiceMade(key="yes"):
                return Step(P.DELETING, data, effects=(ForgetParticipant(),))
            case P.CONFIRM_DELETE, ChoiceMade(key="no"):
                return ask(self, P.SHOW, data, ctx)
            case P.DELETING, ParticipantForgotten(outcome=outcome):
                said = DELETED if outcome == "deleted" else ANONYMISED
                return Step(P.DONE, PrivacyData(), (Say(said),), (DiscardDrafts(),), finished=True)
            case P.SAVING, ParticipantUpdated(view=view):
                return ask(self, P.SHOW, PrivacyData(view=view), ctx, *self._saved(data, ctx))
            case P.SAVING | P.DELETING, ParticipantLoaded(view=None):
                return Step(P.DONE, PrivacyData(), (Say(GONE),), finished=True)
        return self._answer(P(state), data, event, ctx)

    def _answer(self, state: PrivacyState, data: PrivacyData, event: Event, ctx: FlowContext) -> Step:
        """Read the answer to a correction question."""
        match state:
            case P.ASK_PHONE:
                return self._save(state, data, ctx, q.read_phone(event), "phone")
            case P.ASK_ADDRESS:
                return self._save(state, data, ctx, q.read_address(event), "address")
            case P.ASK_REGENCY:
                offered = data.regency_options or ((data.view.regency_code,) if data.view else ())
                answer = q.read_regency(event, offered, data.view.regency_code[:2] if data.view else None)
                if isinstance(answer, tuple):
                    return ask(self, state, replace(data, regency_options=answer), ctx)
                return self._save(state, data, ctx, answer, "regency_code")
            case P.ASK_OCCUPATION:
                return self._on_occupation(data, event, ctx)
            case P.ASK_OCCUPATION_OTHER:
                other = q.read_occupation_other(event)
                if isinstance(other, q.Invalid):
                    return q.again(self, state, data, ctx, other)
                data = replace(data, occupation_other=other)
                if len(data.occupations) < 2:
                    return ask(self, P.ASK_OCCUPATION, data, ctx)
                return self._save_occupation(data)
            case P.ASK_INCOME | P.ASK_INCOME_AMOUNT:
                income = q.read_income(event, ctx.rules)
                if income == "other":
                    if state is P.ASK_INCOME:
                        return ask(self, P.ASK_INCOME_AMOUNT, data, ctx)
                    income = q.Invalid(q.INCOME_TYPE_IT)
                return self._save(state, data, ctx, income, "income", effective_from=_next_iuran_month(ctx))
            case P.ASK_PROGRAMME:
                programme = q.read_programme(event)
                return self._save(
                    state, data, ctx, programme, "programme", effective_from=_next_iuran_month(ctx)
                )
            case P.ASK_HEIR_NAME:
                name = q.read_heir_name(event)
                if isinstance(name, q.Invalid):
                    return q.again(self, state, data, ctx, name)
                if name is None:
                    return self._save(state, data, ctx, data.heirs, "heirs")
                return ask(self, P.ASK_HEIR_RELATION, replace(data, heir_name=name), ctx)
            case P.ASK_HEIR_RELATION:
                relation = q.read_heir_relation(event)
                if isinstance(relation, q.Invalid):
                    return q.again(self, state, data, ctx, relation)
                return ask(self, P.ASK_HEIR_PHONE, replace(data, heir_relation=relation), ctx)
            case P.ASK_HEIR_PHONE:
                heirs = q.add_heir(event, data.heir_name, data.heir_relation, data.heirs)
                if isinstance(heirs, q.Invalid):
                    return q.again(self, state, data, ctx, heirs)
                data = replace(data, heirs=heirs, heir_name=None, heir_relation=None)
                if len(heirs) >= ctx.rules.max_heirs:
                    return self._save(state, data, ctx, heirs, "heirs")
                return ask(self, P.ASK_MORE_HEIRS, data, ctx)
            case P.ASK_MORE_HEIRS:
                if event == ChoiceMade("add") and len(data.heirs) < ctx.rules.max_heirs:
                    return ask(self, P.ASK_HEIR_NAME, data, ctx)
                if event == ChoiceMade("next"):
                    return self._save(state, data, ctx, data.heirs, "heirs")
        return q.again(self, state, data, ctx, q.Invalid(q.USE_BUTTONS))

    # --- helpers ------------------------------------------------------------------------------------

    def _save(
        self,
        state: PrivacyState,
        data: PrivacyData,
        ctx: FlowContext,
        value: object,
        field_name: str,
        *,
        effective_from: date | None = None,
    ) -> Step:
        if isinstance(value, q.Invalid):
            return q.again(self, state, data, ctx, value)
        change = UpdateParticipant({field_name: value}, effective_from)
        month = effective_from.isoformat() if effective_from else None
        return Step(P.SAVING, replace(data, regency_options=(), effective_from=month), effects=(change,))

    def _save_occupation(self, data: PrivacyData) -> Step:
        changes = {"occupations": data.occupations, "occupation_other": data.occupation_other}
        return Step(P.SAVING, data, effects=(UpdateParticipant(changes),))

    def _on_occupation(self, data: PrivacyData, event: Event, ctx: FlowContext) -> Step:
        pick = q.pick_occupation(event, data.occupations)
        if isinstance(pick, q.Invalid):
            return q.again(self, P.ASK_OCCUPATION, data, ctx, pick)
        data = replace(data, occupations=pick.chosen)
        if pick.then == "other":
            return ask(self, P.ASK_OCCUPATION_OTHER, data, ctx)
        if pick.then == "more":
            return ask(self, P.ASK_OCCUPATION, data, ctx)
        return self._save_occupation(data)

    @staticmethod
    def _saved(data: PrivacyData, ctx: FlowContext) -> tuple[Reply, ...]:
        if data.effective_from:
            return (Say(SAVED_FROM_NEXT_MONTH, {"month": Month(date.fromisoformat(data.effective_from))}),)
        return (Say(SAVED),)

    @staticmethod
    def _shown(view: ParticipantView, ctx: FlowContext) -> Say:
        heirs = q.heir_lines(view.heirs)
        pending: Text | str = ""
        if view.pending_from is not None:
            income = view.pending_income or view.income
            programme = view.pending_programme or view.programme
            amount = monthly_iuran(
                income, Programme(programme), view.occupations, view.pending_from, ctx.rules
            )
            pending = Text(
                PENDING,
                {
                    "month": Month(view.pending_from),
                    "income": Rupiah(income),
                    "programme": Text(PROGRAMMES[programme]),
                    "amount": Rupiah(amount.total),
                },
            )
        params = {
            "number": view.registration_number,
            "status": Text(STATUS_LABELS.get(view.status, STATUS_LABELS["terdaftar"])),
            "nik": "*" * 12 + view.nik_last4,
            "name": view.name,
            "birth": Day(view.birth_date),
            "sex": q.sex_label(view.female),
            "phone": view.phone,
            "region": q.region_label(view.regency_code),
            "address": view.address,
            "occupation": q.occupation_names(view.occupations, view.occupation_other),
            "income": Rupiah(view.income),
            "programme": Text(PROGRAMMES[view.programme]),
            "heirs": heirs,
            "consent": Day(date.fromisoformat(view.consent_at[:10])),
            "pending": pending,
        }
        choices = tuple(Choice(key, label) for key, label in ACTIONS.items())
        return Say(SHOWN, params, choices, columns=2)


def _next_iuran_month(ctx: FlowContext) -> date:
    """Income and programme changes apply from the iuran month after the current one."""
    return next_month(ctx.today.replace(day=1))


FLOW = PrivacyFlow()
