"""The script that adds a newer Kemendagri edition keeps every old code and takes the new names."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("rebuild_wilayah", ROOT / "scripts" / "rebuild_wilayah.py")
assert spec is not None
assert spec.loader is not None
rebuild = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rebuild)


def vendored() -> list[dict[str, str]]:
    with (ROOT / "bot" / "domain" / "wilayah" / "wilayah.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_newer_edition_is_merged_and_nothing_old_is_lost() -> None:
    rows = vendored()
    latest = [r for r in rows if "2025" in r["editions"].split()]
    values = ", ".join(f"('{r['code']}','{r['name'].replace(chr(39), chr(39) * 2)}')" for r in latest)
    sql = (
        "INSERT INTO wilayah (kode, nama) VALUES " + values + ", ('97','Papua Contoh'), "
        "('97.01','Kabupaten Contoh'), ('97.01.01','Distrik D''Contoh'), ('97.01.01.2001','Kampung Contoh');"
    )
    codes = rebuild.read_edition(sql)
    assert codes["97.01.01"] == "Distrik D'Contoh"
    assert "97.01.01.2001" not in codes  # villages are not kept
    merged = {r["code"]: r for r in rebuild.merge(rows, "2027", codes)}
    assert len(merged) == len(rows) + 3
    assert merged["31.74"]["editions"].split()[-1] == "2027"
    assert "2027" not in merged["91.01"]["editions"]  # Merauke's old code stays valid, from its editions
    assert merged["97.01"] == {"code": "97.01", "level": "2", "name": "Kabupaten Contoh", "editions": "2027"}
