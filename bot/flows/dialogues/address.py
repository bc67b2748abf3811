"""The worker's street address."""

from __future__ import annotations

from bot.flows.base import (
    N_,
    Event,
)
from bot.flows.dialogues.common import ask_text, one_question, typed
from bot.flows.kit import (
    RETURN,
    Invalid,
    Question,
)

# --- Address ---------------------------------------------------------------------------------------

ADDRESS_QUESTION = N_("Ketik alamat tempat tinggal Anda: jalan/gang, nomor, RT/RW, kelurahan/desa.")
ADDRESS_HELP = N_(
    "Tulis alamat tempat Anda tinggal sekarang, misalnya: Jl. Melati Gg. 3 No. 12, RT 02/RW 05, "
    "Kel. Sukamaju. Alamat dipakai bila petugas perlu mengirim surat atau menemui Anda."
)
ADDRESS_TOO_SHORT = N_(
    "Alamatnya terlalu singkat. Tulis nama jalan atau gang, RT/RW, dan kelurahan/desa, ya."
)
ADDRESS_TOO_LONG = N_("Alamatnya terlalu panjang: maksimal 200 huruf. Tulis yang penting saja, ya.")


def read_address(event: Event) -> str | Invalid:
    """Read a street address (free text, 5 to 200 characters)."""
    if isinstance(text := typed(event), Invalid):
        return text
    address = " ".join(text.split())
    if len(address) < 5:
        return Invalid(ADDRESS_TOO_SHORT)
    if len(address) > 200:
        return Invalid(ADDRESS_TOO_LONG)
    return address


ADDRESS = one_question(
    "address",
    Question(
        "ask_address",
        ask=ask_text(ADDRESS_QUESTION),
        read=lambda e, _d, _c: read_address(e),
        store="value",
        help=ADDRESS_HELP,
        goes=RETURN,
    ),
)
