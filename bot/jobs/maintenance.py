"""One-off data repairs that need the data key: `bpu-bot participants recompute-regions` (also at start).

Before the Kemendagri data was vendored, regions came from python-stdnum's BPS-coded list: a worker who
took the suggested kabupaten/kota stored the NIK's own code (right digits, wrong name shown), and one who
typed another place stored that place's BPS code. Both are recomputed here; the time zone follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from stdnum import numdb

from bot.domain import regions
from storage.crypto import Vault
from storage.db import Database
from storage.models import Counter, Participant

REGIONS_PENDING = "regions_pending"  # counter set by migration 0007 when participants existed


@cache
def _bps_names() -> dict[str, str]:
    """BPS kabupaten/kota code → name, from python-stdnum's list (the codes the bot used to store)."""
    names: dict[str, str] = {}
    for _length, low, _high, _props, children in numdb.get("id/loc").prefixes:
        for _child_length, child_low, _child_high, child_props, _ in children:
            if "name_id" in child_props:
                code = low + child_low
                kind = "Kota" if int(child_low) >= 71 else "Kabupaten"
                names[code] = f"{kind} {child_props['name_id'].title()}"
    return names


def from_bps(code: str) -> str | None:
    """Return today's Kemendagri code of the kabupaten/kota that BPS numbers `code`, matched by name."""
    name = _bps_names().get(code)
    if name is None:
        return None
    kind = "Kota" if name.startswith("Kota") else "Kabupaten"
    in_province = [
        r for r in regions.match_regency(name, prefer_province=code[:2]) if r.name.startswith(kind)
    ]
    exact = [r for r in in_province if regions.same_name(r.name, name)]
    found = exact or in_province
    return found[0].code if found else None


def region_of(nik: str, stored_code: str) -> str | None:
    """Decide a participant's kabupaten/kota today from the NIK and the code stored before."""
    if stored_code == nik[:4]:
        return regions.current_code(nik[:4])  # the NIK's own region, as suggested at enrolment
    return from_bps(stored_code) or regions.current_code(nik[:4])


@dataclass
class Recomputed:
    """What the repair changed."""

    seen: int = 0
    changed: int = 0


def _batch(session: Session, vault: Vault, after: int, size: int, result: Recomputed) -> int | None:
    rows = list(
        session.execute(
            select(Participant)
            .where(Participant.id > after, Participant.personal.is_not(None))
            .order_by(Participant.id)
            .limit(size)
        ).scalars()
    )
    for row in rows:
        result.seen += 1
        nik = vault.open(row.personal or "{}").get("nik", "")
        code = region_of(nik, row.regency_code) if nik else None
        if code is None:
            continue
        province = regions.province(code[:2])
        timezone = (province.timezone if province else regions.TimeZone.WIB).value
        if (row.regency_code, row.province_code, row.timezone) != (code, code[:2], timezone):
            row.regency_code, row.province_code, row.timezone = code, code[:2], timezone
            result.changed += 1
    return rows[-1].id if rows else None


async def recompute_regions(
    db: Database, vault: Vault, *, size: int = 500, progress: Callable[[int], Any] | None = None
) -> Recomputed:
    """Recompute every participant's region and time zone, a batch per transaction; clear the flag."""
    result = Recomputed()
    after: int | None = 0
    while after is not None:
        start = after
        after = await db.run(lambda s, a=start: _batch(s, vault, a, size, result), long=True)
        if progress is not None:
            progress(result.seen)
    await db.run(lambda s: s.execute(update(Counter).where(Counter.name == REGIONS_PENDING).values(value=0)))
    return result


async def regions_pending(db: Database) -> bool:
    """Tell whether migration 0007 asked for the regions to be recomputed."""
    found = await db.run(
        lambda s: s.execute(select(Counter.value).where(Counter.name == REGIONS_PENDING)).scalar()
    )
    return bool(found)
