"""Extract msgids and update the `id` and `en` catalogs (run after changing any user-facing text).

Indonesian source strings are the msgids, so the `id` catalog is filled with them; `en` entries that are
new are left empty for a translator (test_catalogs.py fails until they are filled).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "messages.pot"


def main() -> int:
    """Extract, update, and fill the Indonesian catalog."""
    run = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(
        [
            *run,
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "_",
            "--no-location",
            "--sort-output",
            "-o",
            str(POT),
            ".",
        ],
        check=True,
        cwd=ROOT,
    )
    for language in ("id", "en"):
        po = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        subprocess.run(
            [*run, action, "-i", str(POT), "-d", "locales", "-l", language]
            + (["--ignore-obsolete", "--no-fuzzy-matching"] if action == "update" else []),
            check=True,
            cwd=ROOT,
        )
        if language == "id":
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language)
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
            with po.open("wb") as handle:
                write_po(handle, catalog, no_location=True, sort_output=True)
            # Indonesian has no grammatical plural; Babel's default header says two forms.
            text = po.read_text(encoding="utf-8")
            text = re.sub(r'"Plural-Forms: [^"]*"', r'"Plural-Forms: nplurals=1; plural=0;\\n"', text)
            po.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
