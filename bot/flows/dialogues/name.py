"""The worker's full name, as on the KTP."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.validators import (
    NameProblem,
    parse_name,
)
from bot.flows.base import (
    N_,
    Event,
)
from bot.flows.dialogues.common import ask_text, one_question, refused, typed
from bot.flows.kit import (
    RETURN,
    Invalid,
    Question,
)

# --- Name ------------------------------------------------------------------------------------------

NAME_QUESTION = N_("Ketik nama lengkap Anda, sama persis dengan di KTP.")
NAME_HELP = N_(
    "Tulis nama seperti tertulis di KTP, termasuk gelar atau nama keluarga bila ada di KTP. "
    "Nama ini dipakai untuk mencocokkan data Anda di BPJS Ketenagakerjaan."
)
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
    return refused(NAME_PROBLEMS, result) if isinstance(result, NameProblem) else result


NAME = one_question(
    "name",
    Question(
        "ask_name",
        ask=ask_text(NAME_QUESTION),
        read=lambda e, _d, _c: read_name(e),
        store="value",
        help=NAME_HELP,
        goes=RETURN,
    ),
)
