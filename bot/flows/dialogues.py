"""Sub-dialogues written once and called from any flow, each returning its value to the caller.

NIK, name, phone, domicile, address, occupation, income, programme and heirs, for enrolment,
`/datasaya` and later claims.

A reader returns the parsed value or an `Invalid` naming a specific, friendly explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.domain import regions
from bot.domain.amounts import DAYS_PER_MONTH, WEEKS_PER_MONTH, AmountReading, Period
from bot.domain.intents import occupation_from_text
from bot.domain.iuran import Programme, monthly_iuran
from bot.domain.participants import Heir
from bot.domain.rules import INCOME_BUTTONS, Rules
from bot.domain.validators import (
    AmountProblem,
    NameProblem,
    NikInfo,
    NikProblem,
    PhoneProblem,
    age_on,
    nik_birth_date,
    parse_income,
    parse_name,
    parse_nik,
    parse_phone,
)
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    ContactShared,
    Day,
    Event,
    FlowContext,
    Lines,
    Month,
    Param,
    Request,
    Rupiah,
    Say,
    Text,
    TextReceived,
)
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
    again,
    buttons,
    set_field,
    to,
)
from bot.flows.labels import HEIR_RELATIONS, OCCUPATIONS, PROGRAMMES
from bot.flows.register import CheckNik, NikChecked

TYPE_IT = N_("Untuk pertanyaan ini, mohon ketik jawabannya, ya.")
SKIP = N_("Lewati")
NEXT_BUTTON = N_("Lanjut")


def typed(event: Event) -> str | Invalid:
    """Return typed text, or ask for typing when something else came."""
    if isinstance(event, TextReceived):
        return event.text.strip()
    return Invalid(TYPE_IT)


def _problem(texts: Mapping[Any, str], problem: Any, **params: Param) -> Invalid:
    return Invalid(texts[problem], params)


# --- A sub-dialogue of one typed question ----------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """The value of a one-question sub-dialogue."""

    value: str | None = None


def one_question(name: str, question: Question[Typed, Any]) -> Flow[Typed]:
    """Return a sub-dialogue that asks `question` and returns what was read."""
    return Flow(name, Typed, (question,), returns=lambda data: data.value)


def ask_text(text: str) -> Any:
    """Return an `ask` that says `text`."""
    return lambda _data, _ctx: Say(text)


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


def read_nik(event: Event, _data: NikAnswer, ctx: FlowContext) -> NikInfo | Invalid:
    """Read a typed NIK."""
    if isinstance(text := typed(event), Invalid):
        return text
    rules = ctx.rules
    result = parse_nik(text, ctx.today, rules)
    if isinstance(result, NikInfo):
        return result
    digits = sum(c.isdigit() for c in text)
    age = age_on(nik_birth_date(text, ctx.today) or ctx.today, ctx.today)
    problem = _problem(
        NIK_PROBLEMS, result, count=digits, min_age=rules.min_age, max_age=rules.max_age_exclusive, age=age
    )
    return replace(problem, finish=True) if result in _AGE_PROBLEMS else problem


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
            ask_text(NIK_QUESTION),
            read_nik,
            _store_nik,
            help=NIK_HELP,
            goes=Branch(lambda _d, _v, _c: "checking_nik", ("checking_nik", FINISH)),
        ),
        Action(
            "checking_nik",
            lambda d, _c: CheckNik(d.nik or ""),
            _nik_checked,
            ("confirm_nik", "ask_nik", FINISH),
        ),
        Screen("confirm_nik", _ask_nik_confirmation, _confirm_nik, (RETURN, "ask_nik"), help=NIK_HELP),
    ),
    returns=lambda data: data,
)


# --- Name ------------------------------------------------------------------------------------------

NAME_QUESTION = N_("Ketik nama lengkap Anda, sama persis dengan di KTP.")
NAME_HELP = N_(
    "Tulis nama seperti tertulis di KTP, termasuk gelar atau nama keluarga bila ada di KTP. "
    "Nama ini dipakai untuk mencocokkan data Anda di BPJS Ketenagakerjaan."
)
NAME_PROBLEMS: Mapping[NameProblem, str] = {
    NameProblem.TOO_SHORT: N_("Nama terlalu pendek. Ketik nama lengkap sesuai KTP, minimal 2 huruf."),
    NameProblem.TOO_LONG: N_("Nama terlalu panjang: maksimal 100 huruf. Ketik nama sesuai KTP, ya."),
    NameProblem.BAD_CHARACTERS: N_(
        "Nama hanya boleh berisi huruf, spasi, titik, tanda petik (') dan tanda hubung (-). "
        "Coba ketik lagi, ya."
    ),
}


def read_name(event: Event) -> str | Invalid:
    """Read a name as on the KTP."""
    if isinstance(text := typed(event), Invalid):
        return text
    result = parse_name(text)
    return _problem(NAME_PROBLEMS, result) if isinstance(result, NameProblem) else result


NAME = one_question(
    "name",
    Question(
        "ask_name",
        ask_text(NAME_QUESTION),
        lambda e, _d, _c: read_name(e),
        set_field("value"),
        NAME_HELP,
        RETURN,
    ),
)


# --- Phone -----------------------------------------------------------------------------------------

PHONE_QUESTION = N_(
    "Berapa nomor HP Anda? Tekan tombol “Bagikan nomor HP” di bawah, atau ketik nomornya "
    "(contoh: 0812 3456 7890)."
)
PHONE_HELP = N_(
    "Nomor HP dipakai untuk menghubungi Anda soal kepesertaan dan klaim. Tombol “Bagikan nomor HP” "
    "mengirim nomor akun Telegram Anda, jadi tidak perlu mengetik."
)
SHARE_PHONE = N_("Bagikan nomor HP")
PHONE_PROBLEMS: Mapping[PhoneProblem, str] = {
    PhoneProblem.NOT_A_NUMBER: N_("Itu bukan nomor HP yang lengkap. Contoh yang benar: 0812 3456 7890."),
    PhoneProblem.NOT_INDONESIAN: N_("Mohon pakai nomor HP Indonesia (+62 atau 08…)."),
    PhoneProblem.NOT_MOBILE: N_("Itu tampaknya nomor telepon rumah. Mohon ketik nomor HP (08…)."),
}
NOT_OWN_CONTACT = N_(
    "Itu kontak orang lain. Tekan tombol “Bagikan nomor HP” untuk membagikan nomor Anda sendiri, "
    "atau ketik nomor Anda."
)


def read_phone(event: Event) -> str | Invalid:
    """Read a shared own contact or a typed number, normalised to +62."""
    if isinstance(event, ContactShared):
        if not event.own:
            return Invalid(NOT_OWN_CONTACT)
        result = parse_phone(event.phone if event.phone.startswith("+") else "+" + event.phone)
    elif isinstance(text := typed(event), Invalid):
        return text
    else:
        result = parse_phone(text)
    return _problem(PHONE_PROBLEMS, result) if isinstance(result, PhoneProblem) else result


PHONE = one_question(
    "phone",
    Question(
        "ask_phone",
        lambda _d, _c: Say(PHONE_QUESTION, request=Request.CONTACT, request_label=SHARE_PHONE),
        lambda e, _d, _c: read_phone(e),
        set_field("value"),
        PHONE_HELP,
        RETURN,
    ),
)


# --- Domicile --------------------------------------------------------------------------------------

REGENCY_QUESTION = N_(
    "Di kabupaten/kota mana Anda tinggal sekarang? Pilih tombol, atau ketik nama kabupaten/kotanya."
)
REGENCY_HELP = N_(
    "Tulis kabupaten atau kota tempat Anda tinggal sekarang, walau berbeda dengan alamat di KTP. "
    "Dari sini saya tahu zona waktu Anda (WIB, WITA, WIT) untuk jam pengingat."
)
REGENCY_PICK = N_("Ada beberapa yang mirip. Yang mana maksud Anda?")
REGENCY_UNKNOWN = N_(
    "Saya tidak menemukan kabupaten/kota “{typed}”. Coba ketik lagi tanpa singkatan, misalnya “Kota Bandung”."
)


@dataclass(frozen=True)
class Domicile:
    """The kabupaten/kota being asked: buttons offered, and the one chosen."""

    offered: tuple[str, ...] = ()
    picking: bool = False
    prefer_province: str | None = None
    code: str | None = None


def domicile_from(code: str) -> Domicile:
    """Start the domicile question offering `code` (the NIK's or the current kabupaten/kota)."""
    return Domicile(offered=(code,) if code else (), prefer_province=code[:2] or None)


def _ask_regency(data: Domicile, _ctx: FlowContext) -> Say:
    choices = tuple(
        Choice(f"r{code}", N_("{name}"), {"name": r.name})
        for code in data.offered
        if (r := regions.regency(code))
    )
    return Say(REGENCY_PICK if data.picking else REGENCY_QUESTION, choices=choices)


def read_regency(event: Event, data: Domicile, _ctx: FlowContext) -> str | tuple[str, ...] | Invalid:
    """Return a chosen regency code, several candidate codes to choose from, or why nothing matched."""
    if isinstance(event, ChoiceMade):
        code = event.key[1:]
        return code if event.key.startswith("r") and code in data.offered else Invalid(USE_BUTTONS)
    if isinstance(text := typed(event), Invalid):
        return text
    matches = regions.match_regency(text, data.prefer_province)
    if not matches:
        return Invalid(REGENCY_UNKNOWN, {"typed": text[:40]})
    if len(matches) == 1:
        return matches[0].code
    return tuple(m.code for m in matches)


def _store_regency(data: Domicile, answer: str | tuple[str, ...]) -> Domicile:
    if isinstance(answer, tuple):
        return replace(data, offered=answer, picking=True)
    return replace(data, code=answer)


DOMICILE: Flow[Domicile] = Flow(
    "domicile",
    Domicile,
    (
        Question(
            "ask_regency",
            _ask_regency,
            read_regency,
            _store_regency,
            REGENCY_HELP,
            Branch(lambda d, _v, _c: RETURN if d.code else "ask_regency", (RETURN, "ask_regency")),
        ),
    ),
    returns=lambda data: data.code,
)


# --- Address ---------------------------------------------------------------------------------------

ADDRESS_QUESTION = N_("Ketik alamat tempat tinggal Anda: jalan/gang, nomor, RT/RW, kelurahan/desa.")
ADDRESS_HELP = N_(
    "Tulis alamat tempat Anda tinggal sekarang, misalnya: Jl. Melati Gg. 3 No. 12, RT 02/RW 05, "
    "Kel. Sukamaju. Alamat dipakai bila petugas perlu mengirim surat atau menemui Anda."
)
ADDRESS_TOO_SHORT = N_(
    "Alamatnya terlalu singkat. Tulis nama jalan atau gang, RT/RW, dan kelurahan/desa, ya."
)
ADDRESS_TOO_LONG = N_("Alamatnya terlalu panjang: maksimal 200 huruf. Tulis yang penting saja, ya.")


def read_address(event: Event) -> str | Invalid:
    """Read a street address (free text, 5 to 200 characters)."""
    if isinstance(text := typed(event), Invalid):
        return text
    address = " ".join(text.split())
    if len(address) < 5:
        return Invalid(ADDRESS_TOO_SHORT)
    if len(address) > 200:
        return Invalid(ADDRESS_TOO_LONG)
    return address


ADDRESS = one_question(
    "address",
    Question(
        "ask_address",
        ask_text(ADDRESS_QUESTION),
        lambda e, _d, _c: read_address(e),
        set_field("value"),
        ADDRESS_HELP,
        RETURN,
    ),
)


# --- Occupation ------------------------------------------------------------------------------------

OCCUPATION_QUESTION = N_("Apa pekerjaan Anda? Pilih satu, atau dua kalau Anda punya dua pekerjaan.")
OCCUPATION_HELP = N_(
    "Pilih pekerjaan yang paling sering Anda lakukan untuk mendapat penghasilan. Untuk pengemudi seperti "
    "ojol, kurir dan sopir ada potongan iuran dari pemerintah (PP 50/2025)."
)
OCCUPATION_SECOND = N_("Sudah dipilih: {chosen}. Pilih satu lagi, atau tekan “Lanjut”.")
OCCUPATION_NOT_UNDERSTOOD = N_(
    "Saya belum mengenali pekerjaan itu. Pilih tombol yang paling dekat, atau “Lainnya” lalu ketik "
    "pekerjaan Anda."
)
OCCUPATION_OTHER_QUESTION = N_("Ketik pekerjaan Anda (misalnya: tukang jahit).")
OCCUPATION_OTHER_BAD = N_("Mohon tulis pekerjaan Anda dengan huruf, 3 sampai 50 huruf.")


@dataclass(frozen=True)
class Work:
    """The occupations chosen so far (at most two), the typed one for "Lainnya", and whether done."""

    chosen: tuple[str, ...] = ()
    other: str | None = None
    done: bool = False


def _ask_occupation(data: Work, _ctx: FlowContext) -> Say:
    """Offer the occupations not yet chosen, and "Lanjut" once one is chosen."""
    choices = [Choice(key, label) for key, label in OCCUPATIONS.items() if key not in data.chosen]
    if data.chosen:
        choices.append(Choice("next", NEXT_BUTTON))
        names = Text(N_("{first}"), {"first": Text(OCCUPATIONS[data.chosen[0]])})
        return Say(OCCUPATION_SECOND, {"chosen": names}, tuple(choices), columns=2)
    return Say(OCCUPATION_QUESTION, choices=tuple(choices), columns=2)


def read_occupation(event: Event, data: Work, _ctx: FlowContext) -> str | Invalid:
    """Read a tapped or typed occupation (not one chosen already), or "next" once one is chosen."""
    match event:
        case ChoiceMade(key="next") if data.chosen:
            return "next"
        case ChoiceMade(key=key) if key in OCCUPATIONS and key not in data.chosen:
            return key
        case TextReceived(text=text) if data.chosen and text.strip().lower() in ("lanjut", "sudah", "cukup"):
            return "next"
        case TextReceived(text=text):
            named = occupation_from_text(text)
            if named is not None and named not in data.chosen:
                return named
    return Invalid(OCCUPATION_NOT_UNDERSTOOD)


def _store_occupation(data: Work, key: str) -> Work:
    if key == "next":
        return replace(data, done=True)
    chosen = (*data.chosen, key)
    return replace(data, chosen=chosen, done=len(chosen) == 2 and key != "lainnya")


def _after_occupation(data: Work, key: str, _ctx: FlowContext) -> str:
    if key == "lainnya":
        return "ask_occupation_other"
    return RETURN if data.done else "ask_occupation"


def read_occupation_other(event: Event) -> str | Invalid:
    """Read a typed occupation."""
    if isinstance(text := typed(event), Invalid):
        return text
    value = " ".join(text.split())
    if not 3 <= len(value) <= 50 or not any(c.isalpha() for c in value):
        return Invalid(OCCUPATION_OTHER_BAD)
    return value


def occupation_names(occupations: tuple[str, ...], other: str | None) -> Text:
    """Return the chosen occupations as one text ("Ojek online, Kurir")."""
    names: list[Param] = [
        other if key == "lainnya" and other else Text(OCCUPATIONS[key]) for key in occupations
    ]
    if len(names) == 2:
        return Text(N_("{first}, {second}"), {"first": names[0], "second": names[1]})
    return Text(N_("{first}"), {"first": names[0] if names else ""})


OCCUPATION: Flow[Work] = Flow(
    "occupation",
    Work,
    (
        Question(
            "ask_occupation",
            _ask_occupation,
            read_occupation,
            _store_occupation,
            OCCUPATION_HELP,
            Branch(_after_occupation, ("ask_occupation_other", "ask_occupation", RETURN)),
        ),
        Question(
            "ask_occupation_other",
            ask_text(OCCUPATION_OTHER_QUESTION),
            lambda e, _d, _c: read_occupation_other(e),
            set_field("other"),
            OCCUPATION_HELP,
            Branch(
                lambda d, _v, _c: RETURN if len(d.chosen) >= 2 else "ask_occupation",
                (RETURN, "ask_occupation"),
            ),
        ),
    ),
    returns=lambda data: (data.chosen, data.other),
)


# --- Income ----------------------------------------------------------------------------------------

INCOME_QUESTION = N_(
    "Berapa kira-kira penghasilan Anda per bulan? Iuran dihitung dari angka ini. "
    "Pilih tombol, atau ketik nominalnya (contoh: 1,5 juta)."
)
INCOME_HELP = N_(
    "Perkiraan penghasilan bersih Anda sebulan, tidak perlu tepat. Iuran JKK 1 persen dari angka ini, jadi "
    "angka yang lebih kecil berarti iuran lebih murah, dan santunan kecelakaan juga dihitung dari angka ini."
)
INCOME_OTHER = N_("Nominal lain")
INCOME_TYPE_IT = N_("Ketik penghasilan per bulan, contoh: 1.750.000 atau 1,75 juta.")
INCOME_PROBLEMS: Mapping[AmountProblem, str] = {
    AmountProblem.NOT_AN_AMOUNT: N_(
        "Saya tidak bisa membaca nominal itu. Tulis angkanya, contoh: 1500000, 1.500.000, atau 1,5 juta."
    ),
    AmountProblem.TOO_LOW: N_(
        "Penghasilan yang dilaporkan paling sedikit {min}. Kalau penghasilan Anda lebih kecil, pilih {min}."
    ),
    AmountProblem.TOO_HIGH: N_("Penghasilan yang dilaporkan paling banyak {max}. Coba ketik lagi, ya."),
}
INCOME_LABELS: Mapping[int, str] = {
    1_000_000: N_("Rp1 juta"),
    1_500_000: N_("Rp1,5 juta"),
    2_000_000: N_("Rp2 juta"),
    2_500_000: N_("Rp2,5 juta"),
    3_000_000: N_("Rp3 juta"),
    5_000_000: N_("Rp5 juta"),
}


@dataclass(frozen=True)
class Income:
    """The declared income, once read; an income per day or week waits for its month to be confirmed."""

    amount: int | None = None
    per_period: int | None = None
    period: str | None = None


INCOME_PER_DAY = N_(
    "Sehari {amount}, dengan {days} hari kerja sebulan, berarti sekitar {monthly} per bulan. Pakai angka ini?"
)
INCOME_PER_WEEK = N_(
    "Seminggu {amount}, berarti sekitar {monthly} per bulan ({weeks} minggu). Pakai angka ini?"
)
INCOME_USE = N_("Ya, pakai {monthly}")
INCOME_RETYPE = N_("Ketik per bulan")


def _ask_income(_data: Income, _ctx: FlowContext) -> Say:
    """Offer common incomes as buttons, plus "Nominal lain"."""
    choices = [Choice(f"i{amount}", INCOME_LABELS[amount]) for amount in INCOME_BUTTONS]
    choices.append(Choice("other", INCOME_OTHER))
    return Say(INCOME_QUESTION, choices=tuple(choices), columns=2)


def read_income(event: Event, rules: Rules, *, buttons: bool = True) -> int | AmountReading | str | Invalid:
    """Return an income (a month's, or a day's/week's to confirm), "other", or why it was refused."""
    if isinstance(event, ChoiceMade):
        amount = event.key[1:]
        if buttons and event.key == "other":
            return "other"
        if buttons and event.key.startswith("i") and amount.isdigit() and int(amount) in INCOME_BUTTONS:
            return int(amount)
        return Invalid(USE_BUTTONS if buttons else INCOME_TYPE_IT)
    if isinstance(text := typed(event), Invalid):
        return text
    result = parse_income(text, rules)
    if isinstance(result, AmountProblem):
        return _problem(INCOME_PROBLEMS, result, min=Rupiah(rules.min_income), max=Rupiah(rules.max_income))
    return result


def _store_income(data: Income, value: int | AmountReading | str) -> Income:
    if isinstance(value, AmountReading):
        return Income(per_period=value.amount, period=value.period.value)
    return Income(value) if isinstance(value, int) else data


def _after_income(data: Income, _value: object, _ctx: FlowContext) -> str:
    if data.amount:
        return RETURN
    return "confirm_income" if data.per_period else "ask_income_amount"


def _monthly(data: Income) -> int:
    return AmountReading(data.per_period or 0, Period(data.period or Period.MONTH.value)).monthly()


def _ask_income_confirmation(data: Income, _ctx: FlowContext) -> Say:
    monthly = Rupiah(_monthly(data))
    params: dict[str, Param] = {
        "amount": Rupiah(data.per_period or 0),
        "monthly": monthly,
        "days": DAYS_PER_MONTH,
        "weeks": WEEKS_PER_MONTH,
    }
    text = INCOME_PER_DAY if data.period == Period.DAY.value else INCOME_PER_WEEK
    choices = (Choice("yes", INCOME_USE, {"monthly": monthly}), Choice("retype", INCOME_RETYPE))
    return Say(text, params, choices)


_confirm_income = buttons(
    "confirm_income",
    {
        "yes": lambda d, _c: Go(RETURN, Income(_monthly(d))),
        "retype": lambda _d, _c: Go("ask_income_amount", Income()),
    },
)
_INCOME_GOES = Branch(_after_income, (RETURN, "ask_income_amount", "confirm_income"))


INCOME: Flow[Income] = Flow(
    "income",
    Income,
    (
        Question(
            "ask_income",
            _ask_income,
            lambda e, _d, c: read_income(e, c.rules),
            _store_income,
            INCOME_HELP,
            _INCOME_GOES,
        ),
        Question(
            "ask_income_amount",
            ask_text(INCOME_TYPE_IT),
            lambda e, _d, c: read_income(e, c.rules, buttons=False),
            _store_income,
            INCOME_HELP,
            _INCOME_GOES,
        ),
        Screen(
            "confirm_income",
            _ask_income_confirmation,
            _confirm_income,
            (RETURN, "ask_income_amount"),
            INCOME_HELP,
        ),
    ),
    returns=lambda data: data.amount,
)


# --- Programme -------------------------------------------------------------------------------------

PROGRAMME_QUESTION = N_(
    "Pilih program perlindungan. Iuran untuk {month}, dengan penghasilan {income}:\n"
    "• JKK: Jaminan Kecelakaan Kerja\n• JKM: Jaminan Kematian, untuk ahli waris\n"
    "• JHT (pilihan): Jaminan Hari Tua, tabungan"
)
PROGRAMME_HELP = N_(
    "JKK menanggung biaya perawatan bila Anda celaka saat bekerja atau di jalan pergi/pulang kerja. "
    "JKM memberi santunan kepada ahli waris bila Anda meninggal. JHT adalah tabungan yang bisa diambil "
    "nanti, dengan iuran tambahan 2 persen."
)
PROGRAMME_CHOICE = N_("{programme}: {amount}/bulan")


@dataclass(frozen=True)
class ProgrammeChoice:
    """What the programme prices depend on, and the programme chosen."""

    income: int = 0
    occupations: tuple[str, ...] = ()
    month: date | None = None
    programme: str | None = None


def _ask_programme(data: ProgrammeChoice, ctx: FlowContext) -> Say:
    """Offer both programmes, each with its monthly iuran for this income, sector and month."""
    rules = ctx.rules
    month = data.month or ctx.today.replace(day=1)
    income = data.income or rules.min_income
    choices = tuple(
        Choice(
            key,
            PROGRAMME_CHOICE,
            {
                "programme": Text(label),
                "amount": Rupiah(monthly_iuran(income, Programme(key), data.occupations, month, rules).total),
            },
        )
        for key, label in PROGRAMMES.items()
    )
    return Say(PROGRAMME_QUESTION, {"month": Month(month), "income": Rupiah(income)}, choices)


def read_programme(event: Event, _data: ProgrammeChoice, _ctx: FlowContext) -> str | Invalid:
    """Read a programme button."""
    if isinstance(event, ChoiceMade) and event.key in PROGRAMMES:
        return event.key
    return Invalid(USE_BUTTONS)


PROGRAMME: Flow[ProgrammeChoice] = Flow(
    "programme",
    ProgrammeChoice,
    (
        Question(
            "ask_programme", _ask_programme, read_programme, set_field("programme"), PROGRAMME_HELP, RETURN
        ),
    ),
    returns=lambda data: data.programme,
)


# --- Heirs -----------------------------------------------------------------------------------------

HEIR_NAME_QUESTION = N_(
    "Siapa keluarga yang Anda catat sebagai ahli waris? Urutan penerima santunan diatur undang-undang "
    "(suami/istri dan anak lebih dulu); catatan ini memudahkan keluarga saat mengurus klaim. Ketik nama "
    "lengkapnya, atau tekan “Lewati”. Bisa sampai {max} orang."
)
HEIR_HELP = N_(
    "Ahli waris adalah keluarga yang menerima santunan JKM bila Anda meninggal. Urutannya diatur undang-"
    "undang: suami/istri dan anak lebih dulu. Mencatat nama di sini memudahkan keluarga saat mengurus klaim."
)
HEIR_RELATION_QUESTION = N_("Apa hubungan {name} dengan Anda?")
HEIR_PHONE_QUESTION = N_("Nomor HP {name}? Ketik nomornya, atau tekan “Lewati”.")
MORE_HEIRS_QUESTION = N_("Ahli waris tercatat: {count} orang. Tambah ahli waris lain?")
ADD_HEIR = N_("Tambah ahli waris")
NO_HEIRS = N_("belum ada")
HEIR_LINE = N_("{name} ({relation})")


@dataclass(frozen=True)
class Heirs:
    """The heirs named so far, and the one being added."""

    heirs: tuple[Heir, ...] = ()
    name: str | None = None
    relation: str | None = None


def _read_heir_name(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid | None:
    if isinstance(event, ChoiceMade):
        return None if event.key == "skip" else Invalid(USE_BUTTONS)
    return read_name(event)


def _read_heir_relation(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid:
    if isinstance(event, ChoiceMade) and event.key in HEIR_RELATIONS:
        return event.key
    return Invalid(USE_BUTTONS)


def _read_heir_phone(event: Event, _data: Heirs, _ctx: FlowContext) -> str | Invalid | None:
    if isinstance(event, ChoiceMade) and event.key == "skip":
        return None
    if isinstance(typed(event), Invalid):
        return Invalid(USE_BUTTONS)
    return read_phone(event)


def _add_heir(data: Heirs, phone: str | None) -> Heirs:
    heir = Heir(data.name or "", data.relation or "wasiat", phone)
    return Heirs((*data.heirs, heir))


def _ask_more(data: Heirs, ctx: FlowContext) -> Say:
    more = len(data.heirs) < ctx.rules.max_heirs
    choices = (
        (Choice("add", ADD_HEIR), Choice("next", NEXT_BUTTON)) if more else (Choice("next", NEXT_BUTTON),)
    )
    return Say(MORE_HEIRS_QUESTION, {"count": len(data.heirs)}, choices)


def _add_another(data: Heirs, ctx: FlowContext) -> Go:
    if len(data.heirs) < ctx.rules.max_heirs:
        return Go("ask_heir_name", data)
    return again("ask_more_heirs", data, USE_BUTTONS)


_more_heirs = buttons("ask_more_heirs", {"add": _add_another, "next": to(RETURN)})


def heir_lines(heirs: tuple[Heir, ...]) -> Lines | Text:
    """List heirs one per line ("Budi Santoso (Suami/istri)"), or say there are none."""
    if not heirs:
        return Text(NO_HEIRS)
    return Lines(
        tuple(
            Text(HEIR_LINE, {"name": _short(h.name), "relation": Text(HEIR_RELATIONS[h.relation])})
            for h in heirs
        )
    )


def _short(name: str, limit: int = 32) -> str:
    """Cut a long name for a list (five heirs of 100 letters would not fit one message)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


PARTICULARS = N_(
    "NIK: {nik}\n"
    "Nama: {name}\n"
    "Lahir: {birth} ({sex})\n"
    "HP: {phone}\n"
    "Domisili: {region}\n"
    "Alamat: {address}\n"
    "Pekerjaan: {occupation}\n"
    "Penghasilan: {income} per bulan\n"
)


@dataclass(frozen=True)
class Particulars:
    """Who a participant is, as enrolment's summary and `/datasaya` list it."""

    nik: str
    name: str
    birth_date: date | None
    female: bool | None
    phone: str
    regency_code: str
    address: str
    occupations: tuple[str, ...]
    occupation_other: str | None
    income: int

    def lines(self) -> Text:
        """Return the lines "NIK: …" to "Penghasilan: … per bulan", each ending in a newline."""
        return Text(
            PARTICULARS,
            {
                "nik": self.nik,
                "name": self.name,
                "birth": Day(self.birth_date) if self.birth_date else "",
                "sex": sex_label(self.female),
                "phone": self.phone,
                "region": region_label(self.regency_code),
                "address": self.address,
                "occupation": occupation_names(self.occupations, self.occupation_other),
                "income": Rupiah(self.income),
            },
        )


HEIRS: Flow[Heirs] = Flow(
    "heirs",
    Heirs,
    (
        Question(
            "ask_heir_name",
            lambda _d, c: Say(HEIR_NAME_QUESTION, {"max": c.rules.max_heirs}, (Choice("skip", SKIP),)),
            _read_heir_name,
            set_field("name"),
            HEIR_HELP,
            Branch(
                lambda d, _v, _c: "ask_heir_relation" if d.name else RETURN, ("ask_heir_relation", RETURN)
            ),
        ),
        Question(
            "ask_heir_relation",
            lambda d, _c: Say(
                HEIR_RELATION_QUESTION,
                {"name": d.name or ""},
                tuple(Choice(key, label) for key, label in HEIR_RELATIONS.items()),
                columns=2,
            ),
            _read_heir_relation,
            set_field("relation"),
            HEIR_HELP,
        ),
        Question(
            "ask_heir_phone",
            lambda d, _c: Say(HEIR_PHONE_QUESTION, {"name": d.name or ""}, (Choice("skip", SKIP),)),
            _read_heir_phone,
            _add_heir,
            HEIR_HELP,
            Branch(
                lambda d, _v, c: "ask_more_heirs" if len(d.heirs) < c.rules.max_heirs else RETURN,
                ("ask_more_heirs", RETURN),
            ),
        ),
        Screen("ask_more_heirs", _ask_more, _more_heirs, ("ask_heir_name", RETURN), HEIR_HELP),
    ),
    returns=lambda data: data.heirs,
)

SUB_DIALOGUES: tuple[Flow[Any], ...] = (
    NEW_NIK,
    NAME,
    PHONE,
    DOMICILE,
    ADDRESS,
    OCCUPATION,
    INCOME,
    PROGRAMME,
    HEIRS,
)
