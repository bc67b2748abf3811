"""The handover: a month before a sponsor's last month, the worker chooses to go on paying, or not now.

The notice (`notices.HANDOVER`) carries two buttons that work as commands, whatever the conversation
shows: "Lanjut bayar sendiri" turns the iuran reminders on from the month after the sponsor's last;
"Nanti saja" lets the coverage end with that month, and says how to come back.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.sponsors import SponsorshipState, add_months
from bot.flows.base import N_, Event, FlowContext, Month, Param, Say
from bot.flows.kit import FINISH, Action, Enter, Entry, Flow, Go
from bot.flows.notices import CONTINUE_COMMAND, LATER_COMMAND
from bot.flows.sponsor_register import DecideHandover, HandoverDecided


@dataclass(frozen=True)
class HandoverData:
    """Nothing to collect: the tap is the whole answer."""


CONTINUING = N_(
    "Terima kasih! Mulai {next}, iuran Anda bayar sendiri; saya kirim pengingat sebelum jatuh tempo. "
    "Sampai {until}, iuran tetap dibayar oleh {sponsor}. Atur pengingat lewat /iuran."
)
LATER = N_(
    "Baik. Iuran Anda dibayar oleh {sponsor} sampai {until}; sesudah itu perlindungan berhenti bila tidak "
    "dibayar. Bila berubah pikiran, tekan lagi “Lanjut bayar sendiri” atau bayar iuran kapan saja dengan "
    "NIK Anda; lihat /iuran."
)
NOT_SPONSORED = N_(
    "Iuran Anda tidak dibayar oleh program mana pun, jadi tidak ada yang perlu dipilih di sini."
)


def _decided(event: Event, data: HandoverData, _ctx: FlowContext) -> Go:
    sponsored = event.sponsored if isinstance(event, HandoverDecided) else None
    if sponsored is None:
        return Go(FINISH, data, (Say(NOT_SPONSORED),))
    params: dict[str, Param] = {
        "sponsor": sponsored.sponsor,
        "until": Month(sponsored.last_month),
        "next": Month(add_months(sponsored.last_month, 1)),
    }
    said = CONTINUING if sponsored.state == SponsorshipState.CONTINUING.value else LATER
    return Go(FINISH, data, (Say(said, params),))


def _flow(name: str, command: str, go_on: bool, describe: str) -> Flow[HandoverData]:
    return Flow(
        name,
        HandoverData,
        (
            Action(
                "deciding", effect=lambda _d, _c: DecideHandover(go_on), handle=_decided, targets=(FINISH,)
            ),
        ),
        enter=Enter(lambda d, _at, _c: Go("deciding", d), ("deciding",)),
        entry=Entry(command=command, describe=describe, position=96 if go_on else 97, listed=False),
    )


CONTINUE_FLOW = _flow("handover_continue", CONTINUE_COMMAND, True, N_("Lanjut bayar iuran sendiri"))
LATER_FLOW = _flow("handover_later", LATER_COMMAND, False, N_("Nanti saja"))
