"""Questions shared by enrolment and `/datasaya`: how each is asked, and how its answer is read.

A reader returns the parsed value or an `Invalid` naming a specific, friendly explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.domain import regions
from bot.domain.iuran import Programme, monthly_iuran
from bot.domain.rules import INCOME_BUTTONS, Rules
from bot.domain.validators import (
    AmountProblem,
    NameProblem,
    NikInfo,
    NikProblem,
    PhoneProblem,
    parse_income,
    parse_name,
    parse_nik,
    parse_phone,
)
from bot.flows.base import (
    N_,
    Choice,
    ChoiceMade,
    ContactShared,
    Event,
    Flow,
    FlowContext,
    Lines,
    Month,
    Param,
    Request,
    Rupiah,
    Say,
    Step,
    Text,
    TextReceived,
    ask,
)
from bot.flows.participants import HEIR_RELATIONS, OCCUPATIONS, PROGRAMMES, Heir


@dataclass(frozen=True)
class Invalid:
    """A refused answer: the explanation to give before asking again."""

    why: str
    params: Mapping[str, Param] = field(default_factory=dict)


def again(flow: Flow, state: StrEnum, data: Any, ctx: FlowContext, invalid: Invalid) -> Step:
    """Explain why the answer was refused and ask the same question again."""
    return ask(flow, state, data, ctx, Say(invalid.why, invalid.params))


TYPE_IT = N_("Untuk pertanyaan ini, mohon ketik jawabannya, ya.")
USE_BUTTONS = N_("Mohon pilih salah satu tombol di bawah, ya.")
SKIP = N_("Lewati")
NEXT = N_("Lanjut")


def typed(event: Event) -> str | Invalid:
    """Return typed text, or ask for typing when something else came."""
    if isinstance(event, TextReceived):
        return event.text.strip()
    return Invalid(TYPE_IT)


# --- NIK -------------------------------------------------------------------------------------------

NIK_QUESTION = N_("Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi.")
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
    NikProblem.TOO_YOUNG: N_("Maaf, peserta BPU minimal berusia {min_age} tahun saat mendaftar."),
    NikProblem.TOO_OLD: N_(
        "Maaf, pendaftaran peserta BPU hanya untuk usia di bawah {max_age} tahun. "
        "Untuk pertanyaan lain, hubungi BPJS Ketenagakerjaan di 175."
    ),
}


def read_nik(event: Event, today: date, rules: Rules) -> NikInfo | Invalid:
    """Read a typed NIK."""
    if isinstance(text := typed(event), Invalid):
        return text
    result = parse_nik(text, today, rules)
    if isinstance(result, NikInfo):
        return result
    digits = sum(c.isdigit() for c in text)
    return Invalid(
        NIK_PROBLEMS[result], {"count": digits, "min_age": rules.min_age, "max_age": rules.max_age_exclusive}
    )


def region_label(regency_code: str) -> Text:
    """Return "Kota Pekanbaru, Riau" for a regency code."""
    regency = regions.regency(regency_code)
    province = regions.province(regency_code[:2])
    province_name = province.name if province else ""
    if regency is None:
        return Text(N_("{province}"), {"province": province_name})
    return Text(N_("{regency}, {province}"), {"regency": regency.name, "province": province_name})


# --- Name ------------------------------------------------------------------------------------------

NAME_QUESTION = N_("Ketik nama lengkap Anda, sama persis dengan di KTP.")
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
    return Invalid(NAME_PROBLEMS[result]) if isinstance(result, NameProblem) else result


# --- Phone -----------------------------------------------------------------------------------------

PHONE_QUESTION = N_(
    "Berapa nomor HP Anda? Tekan tombol “Bagikan nomor HP” di bawah, atau ketik nomornya "
    "(contoh: 0812 3456 7890)."
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


def ask_phone(text: str = PHONE_QUESTION, params: Mapping[str, Param] | None = None) -> Say:
    """Ask for a phone number with the share-contact button."""
    return Say(text, params or {}, request=Request.CONTACT, request_label=SHARE_PHONE)


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
    return Invalid(PHONE_PROBLEMS[result]) if isinstance(result, PhoneProblem) else result


def read_optional_phone(event: Event) -> str | Invalid | None:
    """Read a phone number that may be skipped (heirs)."""
    if isinstance(event, ChoiceMade) and event.key == "skip":
        return None
    if isinstance(text := typed(event), Invalid):
        return Invalid(USE_BUTTONS)
    result = parse_phone(text)
    return Invalid(PHONE_PROBLEMS[result]) if isinstance(result, PhoneProblem) else result


# --- Domicile --------------------------------------------------------------------------------------

REGENCY_QUESTION = N_(
    "Di kabupaten/kota mana Anda tinggal sekarang? Pilih tombol, atau ketik nama kabupaten/kotanya."
)
REGENCY_PICK = N_("Ada beberapa yang mirip. Yang mana maksud Anda?")
REGENCY_UNKNOWN = N_(
    "Saya tidak menemukan kabupaten/kota “{typed}”. Coba ketik lagi tanpa singkatan, misalnya “Kota Bandung”."
)


def ask_regency(suggested: tuple[str, ...], *, picking: bool = False) -> Say:
    """Ask for the kabupaten/kota, offering `suggested` codes as buttons."""
    choices = tuple(
        Choice(f"r{code}", N_("{name}"), {"name": r.name})
        for code in suggested
        if (r := regions.regency(code))
    )
    return Say(REGENCY_PICK if picking else REGENCY_QUESTION, choices=choices)


def read_regency(
    event: Event, offered: tuple[str, ...], prefer_province: str | None
) -> str | tuple[str, ...] | Invalid:
    """Return a chosen regency code, several candidate codes to choose from, or why nothing matched."""
    if isinstance(event, ChoiceMade):
        code = event.key[1:]
        return code if event.key.startswith("r") and code in offered else Invalid(USE_BUTTONS)
    if isinstance(text := typed(event), Invalid):
        return text
    matches = regions.match_regency(text, prefer_province)
    if not matches:
        return Invalid(REGENCY_UNKNOWN, {"typed": text[:40]})
    if len(matches) == 1:
        return matches[0].code
    return tuple(m.code for m in matches)


ADDRESS_QUESTION = N_("Ketik alamat tempat tinggal Anda: jalan/gang, nomor, RT/RW, kelurahan/desa.")
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


# --- Occupation ------------------------------------------------------------------------------------

OCCUPATION_QUESTION = N_("Apa pekerjaan Anda? Pilih satu, atau dua kalau Anda punya dua pekerjaan.")
OCCUPATION_SECOND = N_("Sudah dipilih: {chosen}. Pilih satu lagi, atau tekan “Lanjut”.")
OCCUPATION_OTHER_QUESTION = N_("Ketik pekerjaan Anda (misalnya: tukang jahit).")
OCCUPATION_OTHER_BAD = N_("Mohon tulis pekerjaan Anda dengan huruf, 3 sampai 50 huruf.")


def ask_occupation(chosen: tuple[str, ...]) -> Say:
    """Offer the occupations not yet chosen, and "Lanjut" once one is chosen."""
    choices = [Choice(key, label) for key, label in OCCUPATIONS.items() if key not in chosen]
    if chosen:
        choices.append(Choice("next", NEXT))
        names = Text(N_("{first}"), {"first": Text(OCCUPATIONS[chosen[0]])})
        return Say(OCCUPATION_SECOND, {"chosen": names}, tuple(choices), columns=2)
    return Say(OCCUPATION_QUESTION, choices=tuple(choices), columns=2)


@dataclass(frozen=True)
class OccupationPick:
    """The occupations chosen so far and what to ask next: `other` (type it), `more`, or `done`."""

    chosen: tuple[str, ...]
    then: str


def pick_occupation(event: Event, chosen: tuple[str, ...]) -> OccupationPick | Invalid:
    """Add a tapped occupation (at most two; "Lanjut" once one is chosen)."""
    match event:
        case ChoiceMade(key="next") if chosen:
            return OccupationPick(chosen, "done")
        case ChoiceMade(key=key) if key in OCCUPATIONS and key not in chosen:
            picked = (*chosen, key)
            if key == "lainnya":
                return OccupationPick(picked, "other")
            return OccupationPick(picked, "done" if len(picked) == 2 else "more")
    return Invalid(USE_BUTTONS)


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


# --- Income and programme --------------------------------------------------------------------------

INCOME_QUESTION = N_(
    "Berapa kira-kira penghasilan Anda per bulan? Iuran dihitung dari angka ini. "
    "Pilih tombol, atau ketik nominalnya (contoh: 1,5 juta)."
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


def ask_income() -> Say:
    """Offer common incomes as buttons, plus "Nominal lain"."""
    choices = [Choice(f"i{amount}", INCOME_LABELS[amount]) for amount in INCOME_BUTTONS]
    choices.append(Choice("other", INCOME_OTHER))
    return Say(INCOME_QUESTION, choices=tuple(choices), columns=2)


def read_income(event: Event, rules: Rules) -> int | str | Invalid:
    """Return an income, "other" when the user wants to type one, or why the answer was refused."""
    if isinstance(event, ChoiceMade):
        if event.key == "other":
            return "other"
        amount = event.key[1:]
        if event.key.startswith("i") and amount.isdigit() and int(amount) in INCOME_BUTTONS:
            return int(amount)
        return Invalid(USE_BUTTONS)
    if isinstance(text := typed(event), Invalid):
        return text
    result = parse_income(text, rules)
    if isinstance(result, AmountProblem):
        return Invalid(
            INCOME_PROBLEMS[result], {"min": Rupiah(rules.min_income), "max": Rupiah(rules.max_income)}
        )
    return result


PROGRAMME_QUESTION = N_(
    "Pilih program perlindungan. Iuran untuk {month}, dengan penghasilan {income}:\n"
    "• JKK: jaminan kecelakaan kerja\n• JKM: santunan kematian untuk ahli waris\n"
    "• JHT (pilihan): tabungan hari tua"
)
PROGRAMME_CHOICE = N_("{programme}: {amount}/bulan")


def ask_programme(income: int, occupations: tuple[str, ...], month: date, rules: Rules) -> Say:
    """Offer both programmes, each with its monthly iuran for this income, sector and month."""
    choices = tuple(
        Choice(
            key,
            PROGRAMME_CHOICE,
            {
                "programme": Text(label),
                "amount": Rupiah(monthly_iuran(income, Programme(key), occupations, month, rules).total),
            },
        )
        for key, label in PROGRAMMES.items()
    )
    return Say(PROGRAMME_QUESTION, {"month": Month(month), "income": Rupiah(income)}, choices)


def read_programme(event: Event) -> str | Invalid:
    """Read a programme button."""
    if isinstance(event, ChoiceMade) and event.key in PROGRAMMES:
        return event.key
    return Invalid(USE_BUTTONS)


# --- Heirs -----------------------------------------------------------------------------------------

HEIR_NAME_QUESTION = N_(
    "Siapa ahli waris Anda, yang menerima santunan bila terjadi risiko meninggal? "
    "Ketik nama lengkapnya, atau tekan “Lewati”. Anda bisa mencatat sampai {max} orang."
)
HEIR_RELATION_QUESTION = N_("Apa hubungan {name} dengan Anda?")
HEIR_PHONE_QUESTION = N_("Nomor HP {name}? Ketik nomornya, atau tekan “Lewati”.")
MORE_HEIRS_QUESTION = N_("Ahli waris tercatat: {count} orang. Tambah ahli waris lain?")
ADD_HEIR = N_("Tambah ahli waris")


def ask_heir_name(rules: Rules) -> Say:
    """Ask for an heir's name, skippable."""
    return Say(HEIR_NAME_QUESTION, {"max": rules.max_heirs}, (Choice("skip", SKIP),))


def read_heir_name(event: Event) -> str | Invalid | None:
    """Read an heir's name, or None when skipped."""
    if isinstance(event, ChoiceMade) and event.key == "skip":
        return None
    if isinstance(event, ChoiceMade):
        return Invalid(USE_BUTTONS)
    return read_name(event)


def ask_heir_relation(name: str) -> Say:
    """Ask how the heir is related, in the regulation's order."""
    return Say(
        HEIR_RELATION_QUESTION,
        {"name": name},
        tuple(Choice(key, label) for key, label in HEIR_RELATIONS.items()),
        columns=2,
    )


def read_heir_relation(event: Event) -> str | Invalid:
    """Read a relationship button."""
    if isinstance(event, ChoiceMade) and event.key in HEIR_RELATIONS:
        return event.key
    return Invalid(USE_BUTTONS)


def ask_heir_phone(name: str) -> Say:
    """Ask for the heir's phone, skippable."""
    return Say(HEIR_PHONE_QUESTION, {"name": name}, (Choice("skip", SKIP),))


def add_heir(
    event: Event, name: str | None, relation: str | None, heirs: tuple[Heir, ...]
) -> tuple[Heir, ...] | Invalid:
    """Read the heir's phone (or "Lewati") and return the heirs with this one added."""
    phone = read_optional_phone(event)
    if isinstance(phone, Invalid):
        return phone
    return (*heirs, Heir(name or "", relation or "wasiat", phone))


FEMALE = N_("perempuan")
MALE = N_("laki-laki")
NO_HEIRS = N_("belum ada")
HEIR_LINE = N_("{name} ({relation})")


def sex_label(female: bool | None) -> Text:
    """Return "perempuan" or "laki-laki"."""
    return Text(FEMALE if female else MALE)


def heir_lines(heirs: tuple[Heir, ...]) -> Lines | Text:
    """List heirs one per line ("Budi Santoso (Suami/istri)"), or say there are none."""
    if not heirs:
        return Text(NO_HEIRS)
    return Lines(
        tuple(Text(HEIR_LINE, {"name": h.name, "relation": Text(HEIR_RELATIONS[h.relation])}) for h in heirs)
    )


def ask_more_heirs(count: int, rules: Rules) -> Say:
    """Offer to add another heir while the limit allows."""
    choices = (
        (Choice("add", ADD_HEIR), Choice("next", NEXT))
        if count < rules.max_heirs
        else (Choice("next", NEXT),)
    )
    return Say(MORE_HEIRS_QUESTION, {"count": count}, choices)
