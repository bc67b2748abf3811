"""Turn transport-neutral replies into text and buttons in the user's language.

This is the only place that translates and formats: flows hand over msgids and typed parameters.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.dates import format_date
from babel.numbers import format_currency

from bot.delivery.messages import Button, Rendered
from bot.flows.base import N_, Card, Day, Lines, Month, Param, Picture, Reply, Rupiah, Say, Text
from bot.turn.card import participant_card
from bot.turn.i18n import translate

BABEL_LOCALES = {"id": "id_ID", "en": "en"}


def rupiah(amount: int) -> str:
    """Format whole rupiah the Indonesian way (`Rp16.800`) in every language."""
    return format_currency(amount, "IDR", format="¤#,##0", currency_digits=False, locale="id_ID")


def format_param(value: Param, language: str) -> str:
    """Format one typed parameter."""
    locale = BABEL_LOCALES.get(language, "id_ID")
    match value:
        case Rupiah(amount=amount):
            return rupiah(amount)
        case Day(value=day, weekday=True):
            return format_date(day, format="full", locale=locale)
        case Day(value=day):
            return format_date(day, format="long", locale=locale)
        case Month(value=day):
            return format_date(day, format="MMMM y", locale=locale)
        case Text(msgid=msgid, params=params):
            return text(msgid, params, language)
        case Lines(items=items):
            return "\n".join(format_param(item, language) for item in items)
        case int():
            return str(value)
        case _:
            return str(value)


def text(msgid: str, params: Mapping[str, Param], language: str) -> str:
    """Translate `msgid` and fill in its formatted parameters."""
    translated = translate(msgid, language)
    if not params:
        return translated
    return translated.format_map({key: format_param(value, language) for key, value in params.items()})


CARD_TITLE = N_("Kartu Peserta BPU · BPJS Ketenagakerjaan")
CARD_NUMBER = N_("Nomor pendaftaran")
CARD_NOTE = N_("Peserta aktif: iuran sudah tercatat.")
RECEIPT_TITLE = N_("BUKTI PENDAFTARAN · bukan kartu peserta")
RECEIPT_NOTE = N_("Perlindungan mulai setelah iuran pertama tercatat.")


def render(reply: Reply, language: str) -> Rendered:
    """Render one reply."""
    if isinstance(reply, Card):
        png = participant_card(
            title=text(RECEIPT_TITLE if reply.receipt else CARD_TITLE, {}, language),
            name=reply.name,
            number_label=text(CARD_NUMBER, {}, language),
            number=reply.number,
            programme=text(reply.programme, {}, language),
            note=text(RECEIPT_NOTE if reply.receipt else CARD_NOTE, {}, language),
        )
        return Rendered(text=text(reply.caption, reply.params, language), photo=png)
    if isinstance(reply, Picture):
        return Rendered(text=text(reply.caption, reply.params, language), photo=reply.png)
    assert isinstance(reply, Say)
    buttons = [Button(c.key, text(c.label, c.params, language)) for c in reply.choices]
    columns = max(1, reply.columns)
    rows = tuple(tuple(buttons[i : i + columns]) for i in range(0, len(buttons), columns))
    request_label = text(reply.request_label, {}, language) if reply.request_label else None
    request = reply.request.value if reply.request else None
    return Rendered(text(reply.text, reply.params, language), rows, request, request_label)
