"""Indonesian provinces and kabupaten/kota with their Kepmendagri codes, from python-stdnum's `id/loc` data.

The same list python-stdnum uses to validate a NIK's region, so a NIK's code and a chosen domicile always
come from one maintained source.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from stdnum import numdb


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
    """A kabupaten or kota: four-digit code (province + regency) and display name."""

    code: str
    name: str

    @property
    def province_code(self) -> str:
        """Return the two-digit province code."""
        return self.code[:2]


# Kalimantan Barat/Tengah are WIB; the rest of Kalimantan, Bali, Nusa Tenggara and Sulawesi are WITA;
# Maluku and Papua are WIT (Keppres 41/1987).
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}


def _timezone(code: str) -> TimeZone:
    if code in _WITA:
        return TimeZone.WITA
    if code[0] in "89":
        return TimeZone.WIT
    return TimeZone.WIB


def _regency_name(code: str, raw: str) -> str:
    # Kepmendagri numbers kota from 71 up; kabupaten below.
    name = raw.title().replace("Dki ", "DKI ")
    return f"Kota {name}" if int(code[2:]) >= 71 else f"Kabupaten {name}"


@cache
def _data() -> tuple[dict[str, Province], dict[str, Regency]]:
    provinces: dict[str, Province] = {}
    regencies: dict[str, Regency] = {}
    database = numdb.get("id/loc")
    for _length, low, _high, props, children in database.prefixes:
        if "name_id" not in props:
            continue
        provinces[low] = Province(low, props["name_id"], _timezone(low))
        for _child_length, child_low, _child_high, child_props, _ in children:
            if "name_id" in child_props:
                code = low + child_low
                regencies[code] = Regency(code, _regency_name(code, child_props["name_id"]))
    return provinces, regencies


def province(code: str) -> Province | None:
    """Return the province with this two-digit code."""
    return _data()[0].get(code)


def regency(code: str) -> Regency | None:
    """Return the kabupaten/kota with this four-digit code."""
    return _data()[1].get(code)


def regencies_in(province_code: str) -> list[Regency]:
    """Return the kabupaten/kota of a province, by code."""
    return [r for code, r in sorted(_data()[1].items()) if code.startswith(province_code)]


def _key(name: str) -> str:
    name = re.sub(r"\b(kabupaten|kab|kota|kodya|kotamadya|adm|administrasi)\b\.?", " ", name.lower())
    return " ".join(re.sub(r"[^a-z ]", " ", name).split())


def match_regency(typed: str, prefer_province: str | None = None, limit: int = 5) -> list[Regency]:
    """Match a typed kabupaten/kota name, typo-tolerant; the preferred province's matches come first.

    "Kota" or "Kabupaten" in what was typed narrows the match when both exist (Kota/Kabupaten Bandung).
    """
    wanted = _key(typed)
    if not wanted:
        return []
    lowered = typed.lower()
    kind = None
    if re.search(r"\bkota\b", lowered):
        kind = "Kota "
    elif re.search(r"\bkab(upaten)?\b", lowered):
        kind = "Kabupaten "
    candidates = list(_data()[1].values())
    if kind:
        candidates = [r for r in candidates if r.name.startswith(kind)]
    keys: dict[str, list[Regency]] = {}
    for candidate in candidates:
        keys.setdefault(_key(candidate.name), []).append(candidate)
    found: list[Regency] = []
    for key in difflib.get_close_matches(wanted, list(keys), n=limit * 2, cutoff=0.75):
        found.extend(keys[key])
    exact = [r for r in found if _key(r.name) == wanted]
    if exact:
        found = exact
    found.sort(key=lambda r: (r.province_code != prefer_province,))
    return found[:limit]
