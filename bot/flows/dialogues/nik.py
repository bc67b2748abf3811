"""NIK: typed, checked against the register (a keyed hash, within a daily limit), confirmed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.domain import regions
from bot.domain.validators import (
    NikInfo,
    NikProblem,
    age_on,
    nik_birth_date,
    parse_nik,
)
from bot.flows.base import (
    N_,
    Choice,
    Day,
    Event,
    FlowContext,
    Say,
    Text,
)
from bot.flows.dialogues.common import ask_text, typed
from bot.flows.kit import (
    FINISH,
    RETURN,
    Action,
    Branch,
    Flow,
    Go,
    Invalid,
    Question,
    Screen,
    buttons,
    to,
)
from bot.flows.register import CheckNik, NikChecked

# --- NIK: typed, checked against the register, confirmed -------------------------------------------

NIK_QUESTION = N_("Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi.")
NIK_HELP = N_(
    "NIK (Nomor Induk Kependudukan) adalah 16 angka di bagian atas KTP Anda, di bawah nama provinsi dan "
    "kabupaten/kota. Anak atau orang yang belum punya KTP bisa melihatnya di Kartu Keluarga."
)
NIK_PROBLEMS: Mapping[NikProblem, str] = {
    NikProblem.NOT_DIGITS: N_("NIK hanya berisi angka. Coba ketik lagi 16 angka NIK di KTP Anda, ya."),
    NikProblem.TOO_SHORT: N_(
        "NIK harus 16 angka; yang Anda ketik baru {count} angka. Coba periksa KTP lagi, ya."
    ),
    NikProblem.TOO_LONG: N_("NIK harus 16 angka; yang Anda ketik {count} angka. Coba periksa KTP lagi, ya."),
    NikProblem.BAD_DATE: N_(
        "Angka ke-7 sampai ke-12 NIK adalah tanggal lahir, dan tanggal itu tidak ada di kalender. "
        "Coba periksa KTP lagi, ya."
    ),
    NikProblem.BAD_REGION: N_(
        "Empat angka pertama NIK adalah kode wilayah, dan kode itu tidak saya kenal. "
        "Coba periksa KTP lagi, ya."
    ),
    NikProblem.TOO_YOUNG: N_(
        "Menurut NIK ini Anda berusia {age} tahun, sedangkan peserta BPU minimal berusia {min_age} tahun. "
        "Anda bisa mendaftar lewat /daftar setelah berusia {min_age} tahun. Kalau NIK tadi salah ketik, "
        "ketik /daftar untuk mencoba lagi."
    ),
    NikProblem.TOO_OLD: N_(
        "Menurut NIK ini Anda berusia {age} tahun, sedangkan pendaftaran BPU hanya untuk yang belum "
        "berusia {max_age} tahun, jadi tidak bisa saya daftarkan. Untuk pilihan lain, tanyakan ke kantor "
        "cabang BPJS Ketenagakerjaan atau telepon 175. Keluarga yang lebih muda tetap bisa mendaftar "
        "lewat /daftar. Kalau NIK tadi salah ketik, ketik /daftar untuk mencoba lagi."
    ),
}
# Said once; the enrolment ends at the menu instead of asking for a NIK that cannot change.
_AGE_PROBLEMS = (NikProblem.TOO_YOUNG, NikProblem.TOO_OLD)
# Worded for the owner, without telling a stranger anything about the registration (who, when, where).
NIK_TAKEN = N_(
    "NIK ini tidak bisa didaftarkan lewat chat ini. Kalau Anda pernah mendaftar, buka /datasaya dari akun "
    "Telegram yang dulu dipakai mendaftar, atau datang ke kantor cabang BPJS Ketenagakerjaan membawa KTP "
    "(telepon 175). Kalau ada salah ketik, silakan ketik NIK yang benar."
)
NIK_LIMIT = N_(
    "Hari ini sudah {count} NIK berbeda diperiksa dari chat ini, jadi NIK lain belum bisa saya periksa. "
    "Silakan coba lagi besok, atau datang ke kantor cabang BPJS Ketenagakerjaan membawa KTP."
)
NIK_CONFIRM = N_("Dari NIK itu: lahir {birth}, {sex}, terdaftar di {region}. Benar?")
YES_RIGHT = N_("Ya, benar")
NO_RETYPE = N_("Bukan, ketik ulang")
RETYPE_NIK = N_("Baik, silakan ketik ulang NIK Anda.")
FEMALE = N_("perempuan")
MALE = N_("laki-laki")


@dataclass(frozen=True)
class NikAnswer:
    """A NIK being asked: what it encodes, once read."""

    nik: str | None = None
    birth_date: date | None = None
    female: bool | None = None


def reading(event: Event, ctx: FlowContext, *, any_age: bool = False) -> NikInfo | Invalid:
    """Read a typed NIK: its structure, date and Kemendagri region; its holder's age unless `any_age`.

    Someone else's NIK (a deceased participant's) is checked with `any_age`: their age is no reason to
    refuse it.
    """
    if isinstance(text := typed(event), Invalid):
        return text
    rules = replace(ctx.rules, min_age=0, max_age_exclusive=200) if any_age else ctx.rules
    result = parse_nik(text, ctx.today, rules)
    if isinstance(result, NikInfo):
        return result
    digits = sum(c.isdigit() for c in text)
    age = age_on(nik_birth_date(text, ctx.today) or ctx.today, ctx.today)
    known = result if result in NIK_PROBLEMS else NikProblem.NOT_DIGITS
    problem = Invalid(
        NIK_PROBLEMS[known],
        {"count": digits, "min_age": rules.min_age, "max_age": rules.max_age_exclusive, "age": age},
    )
    return replace(problem, finish=True) if result in _AGE_PROBLEMS else problem


def read_nik(event: Event, _data: NikAnswer, ctx: FlowContext) -> NikInfo | Invalid:
    """Read the worker's own NIK."""
    return reading(event, ctx)


def read_anyones_nik(event: Event, _data: object, ctx: FlowContext) -> str | Invalid:
    """Read the NIK of someone else (a deceased participant), whatever their age."""
    read = reading(event, ctx, any_age=True)
    return read.nik if isinstance(read, NikInfo) else read


def _store_nik(data: NikAnswer, info: NikInfo) -> NikAnswer:
    return NikAnswer(info.nik, info.birth_date, info.female)


def _nik_checked(event: Event, data: NikAnswer, _ctx: FlowContext) -> Go:
    if isinstance(event, NikChecked) and event.available:
        return Go("confirm_nik", data)
    if isinstance(event, NikChecked) and event.limit is not None:
        return Go(FINISH, NikAnswer(), (Say(NIK_LIMIT, {"count": event.limit}),))
    return Go("ask_nik", NikAnswer(), (Say(NIK_TAKEN),))


def sex_label(female: bool | None) -> Text:
    """Return "perempuan" or "laki-laki"."""
    return Text(FEMALE if female else MALE)


def region_label(regency_code: str) -> Text:
    """Return "Kota Pekanbaru, Riau" for a regency code."""
    regency = regions.regency(regency_code)  # today's, also for a code from before a split
    province = regions.province(regency.code[:2] if regency else regency_code[:2])
    province_name = province.name if province else ""
    if regency is None:
        return Text(N_("{province}"), {"province": province_name})
    return Text(N_("{regency}, {province}"), {"regency": regency.name, "province": province_name})


def _ask_nik_confirmation(data: NikAnswer, _ctx: FlowContext) -> Say:
    return Say(
        NIK_CONFIRM,
        {
            "birth": Day(data.birth_date) if data.birth_date else "",
            "sex": sex_label(data.female),
            "region": region_label((data.nik or "")[:4]),
        },
        (Choice("yes", YES_RIGHT), Choice("no", NO_RETYPE)),
    )


_confirm_nik = buttons(
    "confirm_nik",
    {"yes": to(RETURN), "no": lambda _d, _c: Go("ask_nik", NikAnswer(), (Say(RETYPE_NIK),))},
)


NEW_NIK: Flow[NikAnswer] = Flow(
    "nik",
    NikAnswer,
    (
        Question(
            "ask_nik",
            ask=ask_text(NIK_QUESTION),
            read=read_nik,
            store=_store_nik,
            help=NIK_HELP,
            goes=Branch(lambda _d, _v, _c: "checking_nik", ("checking_nik", FINISH)),
        ),
        Action(
            "checking_nik",
            effect=lambda d, _c: CheckNik(d.nik or ""),
            handle=_nik_checked,
            targets=("confirm_nik", "ask_nik", FINISH),
        ),
        Screen(
            "confirm_nik",
            ask=_ask_nik_confirmation,
            handle=_confirm_nik,
            targets=(RETURN, "ask_nik"),
            help=NIK_HELP,
        ),
    ),
    returns=lambda data: data,
)
