"""Add a newer Kemendagri edition to the vendored region codes (`bot/domain/wilayah/wilayah.csv`).

    python scripts/rebuild_wilayah.py 2027 path/to/wilayah.sql

The input is the `db/wilayah.sql` of the cahyadsn/wilayah project (MIT, see `bot/domain/wilayah/LICENSE`):
`INSERT INTO wilayah (kode, nama) VALUES ('11','Aceh'), ('11.01','Kabupaten Aceh Selatan'), …`. Only
province, kabupaten/kota and kecamatan codes are kept (villages are not needed for a NIK). A code in the
new edition gets the edition added and its name updated; a code missing from it keeps its older editions,
because a NIK keeps its code after a region is split or renumbered. Set `LATEST_EDITION` in
`bot/domain/regions.py` to the new edition afterwards and run the tests (`tests/flows/test_regions.py`).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "bot" / "domain" / "wilayah" / "wilayah.csv"
ROW = re.compile(r"\(\s*'(\d{2}(?:\.\d{2}){0,2})'\s*,\s*'((?:[^'\\]|\\.|'')*)'\s*\)")


def read_edition(sql: str) -> dict[str, str]:
    """Return code → name for the province, kabupaten/kota and kecamatan rows of a wilayah.sql."""
    found: dict[str, str] = {}
    for code, name in ROW.findall(sql):
        found[code] = " ".join(name.replace("''", "'").replace("\\'", "'").split())
    return found


def merge(rows: list[dict[str, str]], edition: str, codes: dict[str, str]) -> list[dict[str, str]]:
    """Add `edition` to the rows whose code it has, add its new codes; keep the rest as they are."""
    by_code = {row["code"]: dict(row) for row in rows}
    for code, name in codes.items():
        row = by_code.setdefault(
            code, {"code": code, "level": str(code.count(".") + 1), "name": name, "editions": ""}
        )
        editions = set(row["editions"].split()) | {edition}
        row["editions"] = " ".join(sorted(editions))
        row["name"] = name
    return sorted(by_code.values(), key=lambda row: [int(part) for part in row["code"].split(".")])


def main(argv: list[str]) -> int:
    """Merge the edition given on the command line into the vendored CSV."""
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    edition, source = argv[0], Path(argv[1])
    codes = read_edition(source.read_text(encoding="utf-8"))
    if not codes:
        print(f"{source}: no region rows found", file=sys.stderr)
        return 2
    with TARGET.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    merged = merge(rows, edition, codes)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "level", "name", "editions"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(merged)
    print(f"{TARGET}: {len(merged)} codes, {len(codes)} in edition {edition}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
