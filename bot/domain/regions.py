"""Indonesian provinces, kabupaten/kota and kecamatan by their **Kemendagri** codes (what a NIK carries).

The data is vendored in `bot/domain/wilayah/` (every code of six Kemendagri editions, 2016–2025; source and
licence beside it; `scripts/rebuild_wilayah.py` adds a newer edition). python-stdnum's region list is
BPS-coded and names a third of all kabupaten/kota wrongly, so it is not used for regions.

A NIK never changes when its region is split or renumbered: a code from any edition is valid, and an old
code stands for today's kabupaten/kota (Merauke 91.01 is 93.01 since the 2022 Papua split).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files

from rapidfuzz import fuzz, process


class TimeZone(StrEnum):
    """Indonesia's three time zones, with their IANA names."""

    WIB = "Asia/Jakarta"
    WITA = "Asia/Makassar"
    WIT = "Asia/Jayapura"


@dataclass(frozen=True)
class Province:
    """A province: two-digit code, name and time zone."""

    code: str
    name: str
    timezone: TimeZone


@dataclass(frozen=True)
class Regency:
    """A kabupaten or kota of today: four-digit code (province + regency) and its Kemendagri name."""

    code: str
    name: str

    @property
    def province_code(self) -> str:
        """Return the two-digit province code."""
        return self.code[:2]


# Kalimantan Barat/Tengah are WIB; the rest of Kalimantan, Bali, Nusa Tenggara and Sulawesi are WITA;
# Maluku and Papua (all six provinces) are WIT (Keppres 41/1987).
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
# Provinces created from Papua and Papua Barat in 2022: where their regencies' old codes went.
_PAPUA_SPLIT = ("93", "94", "95", "96")
LATEST_EDITION = "2025"


def _timezone(code: str) -> TimeZone:
    if code in _WITA:
        return TimeZone.WITA
    if code[0] in "89":
        return TimeZone.WIT
    return TimeZone.WIB


def _display(raw: str) -> str:
    """Older editions write "KAB. MERAUKE"; the newest "Kabupaten Merauke"."""
    if not raw.isupper():
        return raw
    name = raw.title()
    name = re.sub(r"^Kab\. ", "Kabupaten ", name)
    return re.sub(r"^Kota Adm\. ", "Kota Administrasi ", name)


def _key(name: str) -> str:
    """Reduce a name to its words, without kind words ("Kota Adm.") and punctuation."""
    name = name.lower().replace("-", " ")
    name = re.sub(r"\b(kabupaten|kab|kota|kodya|kotamadya|adm|administrasi)\b\.?", " ", name)
    return " ".join(re.sub(r"[^a-z ]", " ", name).split())


def _kind(name: str) -> str:
    return "kota" if name.lower().startswith("kota") else "kabupaten"


def same_name(first: str, second: str) -> bool:
    """Tell whether two kabupaten/kota names are the same place name ("Kota Adm. X" and "Kota X")."""
    return _kind(first) == _kind(second) and _key(first) == _key(second)


@dataclass(frozen=True)
class _Wilayah:
    provinces: dict[str, Province]
    regencies: dict[str, Regency]  # today's, by code
    current: dict[str, str]  # any edition's regency code → today's code
    districts: dict[str, tuple[str, str]]  # kecamatan code → (name, today's regency code)


@cache
def _data() -> _Wilayah:
    provinces: dict[str, Province] = {}
    regencies: dict[str, Regency] = {}
    historic: dict[str, str] = {}
    districts: dict[str, tuple[str, str]] = {}
    source = files("bot.domain").joinpath("wilayah", "wilayah.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(source.splitlines()):
        code, level, name = row["code"].replace(".", ""), row["level"], _display(row["name"])
        latest = LATEST_EDITION in row["editions"].split()
        if level == "1":
            provinces[code] = Province(code, name, _timezone(code))
        elif level == "2" and latest:
            regencies[code] = Regency(code, name)
        elif level == "2":
            historic[code] = name
        elif level == "3":
            districts[code] = (name, code[:4])
    current = {code: code for code in regencies}
    by_name: dict[tuple[str, str], list[str]] = {}
    for code, regency in regencies.items():
        by_name.setdefault((_kind(regency.name), _key(regency.name)), []).append(code)
    for code, name in historic.items():
        candidates = by_name.get((_kind(name), _key(name)), [])
        # The same province first; else where Papua's and Papua Barat's regencies went in 2022.
        chosen = [c for c in candidates if c[:2] == code[:2]] or [
            c for c in candidates if c[:2] in _PAPUA_SPLIT
        ]
        if chosen:
            current[code] = chosen[0]
    districts = {
        code: (name, current[regency]) for code, (name, regency) in districts.items() if regency in current
    }
    return _Wilayah(provinces, regencies, current, districts)


def province(code: str) -> Province | None:
    """Return the province with this two-digit code."""
    return _data().provinces.get(code)


def regency(code: str) -> Regency | None:
    """Return today's kabupaten/kota for a four-digit code of any edition (None when unknown)."""
    data = _data()
    today = data.current.get(code)
    return data.regencies.get(today) if today else None


def current_code(code: str) -> str | None:
    """Return today's code for a kabupaten/kota code of any edition (itself when it is today's)."""
    return _data().current.get(code)


def is_known_regency(code: str) -> bool:
    """Tell whether a four-digit code is a kabupaten/kota in any Kemendagri edition (a valid NIK prefix)."""
    return code in _data().current


def all_regencies() -> list[Regency]:
    """Return today's kabupaten/kota, by code."""
    return [r for _, r in sorted(_data().regencies.items())]


def all_codes() -> list[str]:
    """Return every kabupaten/kota code of every edition, by code."""
    return sorted(_data().current)


def regencies_in(province_code: str) -> list[Regency]:
    """Return the kabupaten/kota of a province, by code."""
    return [r for r in all_regencies() if r.code.startswith(province_code)]


# Names people type for a kabupaten/kota, beyond its official name (checked in tests/flows/test_regions.py).
ALIASES: dict[str, tuple[str, ...]] = {
    "jaksel": ("3174",),
    "jakarta selatan": ("3174",),
    "jakbar": ("3173",),
    "jakarta barat": ("3173",),
    "jakpus": ("3171",),
    "jakarta pusat": ("3171",),
    "jakut": ("3172",),
    "jakarta utara": ("3172",),
    "jaktim": ("3175",),
    "jakarta timur": ("3175",),
    "jakarta": ("3171", "3172", "3173", "3174", "3175"),
    "jogja": ("3471",),
    "jogjakarta": ("3471",),
    "yogya": ("3471",),
    "yogyakarta": ("3471",),
    "jogya": ("3471",),
    "solo": ("3372",),
    "makasar": ("7371",),
    "ujung pandang": ("7371",),
    "bandung": ("3273", "3204"),
    "bekasi": ("3275", "3216"),
    "bogor": ("3271", "3201"),
    "tangerang": ("3671", "3603"),
    "tangsel": ("3674",),
    "depok": ("3276",),
    "semarang": ("3374", "3322"),
    "malang": ("3573", "3507"),
    "medan": ("1271",),
    "sby": ("3578",),
    "surabaya": ("3578",),
    "wamena": ("9501",),
}
FUZZY_CUTOFF = 82


@cache
def _names() -> dict[str, tuple[str, ...]]:
    """Every name to match: official names, aliases, kecamatan (→ their kabupaten/kota)."""
    names: dict[str, list[str]] = {}
    for regency_ in all_regencies():
        names.setdefault(_key(regency_.name), []).append(regency_.code)
    for code, (name, regency_code) in _data().districts.items():
        key = _key(name)
        if key and key not in names and code[:4] == regency_code:
            names.setdefault(f"kecamatan:{key}", []).append(regency_code)
    result = {key: tuple(dict.fromkeys(codes)) for key, codes in names.items()}
    for alias, codes in ALIASES.items():
        result[alias] = codes
    return result


def match_regency(typed: str, prefer_province: str | None = None, limit: int = 5) -> list[Regency]:
    """Match a typed kabupaten/kota as people type it: official name, alias, kecamatan, or with typos.

    "Kota" or "Kabupaten" in what was typed narrows the match when both exist (Kota/Kabupaten Bandung);
    the preferred province's matches come first.
    """
    lowered = typed.lower().strip()
    wanted = _key(lowered)
    if not wanted:
        return []
    kind = (
        "kota"
        if re.search(r"\bkota\b", lowered)
        else "kab"
        if re.search(r"\bkab(upaten)?\b", lowered)
        else None
    )
    names = _names()
    codes: tuple[str, ...] = ()
    for exact in (lowered, wanted):
        if exact in names:
            codes = names[exact]
            break
    else:
        if f"kecamatan:{wanted}" in names and wanted not in names:
            codes = names[f"kecamatan:{wanted}"]
    if not codes:
        official = [n for n in names if not n.startswith("kecamatan:")]
        found = process.extract(wanted, official, scorer=fuzz.ratio, limit=limit, score_cutoff=FUZZY_CUTOFF)
        if not found:
            districts = {n.removeprefix("kecamatan:"): n for n in names if n.startswith("kecamatan:")}
            found = [
                (districts[name], score, index)
                for name, score, index in process.extract(
                    wanted, list(districts), scorer=fuzz.ratio, limit=1, score_cutoff=90
                )
            ]
        best = found[0][1] if found else 0
        codes = tuple(c for name, score, _ in found if score >= best - 3 for c in names[name])
    matches = [r for code in dict.fromkeys(codes) if (r := regency(code))]
    if kind:
        narrowed = [
            r for r in matches if r.name.lower().startswith("kota" if kind == "kota" else "kabupaten")
        ]
        matches = narrowed or matches
    matches.sort(key=lambda r: r.province_code != prefer_province)
    return matches[:limit]
