"""Gettext catalogs for the languages the bot speaks.

A compiled `.mo` is used only when it is newer than its `.po`; otherwise the `.po` is compiled in memory,
so a stale catalog can never be served.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib.resources import files
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "messages"


def locales_dir() -> Path:
    """Return the folder holding `<lang>/LC_MESSAGES/messages.po`."""
    return Path(str(files("locales")))


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Return the translations for `language` (unknown languages fall back to the default)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    folder = locales_dir() / language / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translate(msgid: str, language: str) -> str:
    """Translate one msgid."""
    return translations(language).gettext(msgid)
