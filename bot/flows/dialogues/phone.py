"""The worker's phone number: typed or shared as a contact; their own only."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.validators import (
    PhoneProblem,
    parse_phone,
)
from bot.flows.base import (
    N_,
    ContactShared,
    Event,
    Request,
    Say,
)
from bot.flows.dialogues.common import one_question, refused, typed
from bot.flows.kit import (
    RETURN,
    Invalid,
    Question,
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
    return refused(PHONE_PROBLEMS, result) if isinstance(result, PhoneProblem) else result


PHONE = one_question(
    "phone",
    Question(
        "ask_phone",
        ask=lambda _d, _c: Say(PHONE_QUESTION, request=Request.CONTACT, request_label=SHARE_PHONE),
        read=lambda e, _d, _c: read_phone(e),
        store="value",
        help=PHONE_HELP,
        goes=RETURN,
    ),
)
