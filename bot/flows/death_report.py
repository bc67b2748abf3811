"""“Ini keliru, saya masih hidup”: a participant disputes a death reported for their registration.

Someone reported their death; their own chat was told, with this button (`claim_notices.death_reported`).
The tap alerts the officer (the claim is marked disputed) and the reminders come back at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.base import N_, Event, FlowContext, Say
from bot.flows.claim_notices import ALIVE_COMMAND
from bot.flows.claim_register import DeathReportDisputed, DisputeDeathReport
from bot.flows.kit import FINISH, Action, Enter, Entry, Flow, Go


@dataclass(frozen=True)
class AliveData:
    """Nothing to collect: the tap is the whole answer."""


DISPUTED = N_(
    "Terima kasih. Petugas sudah diberi tahu bahwa laporan itu keliru dan akan memeriksanya; pendaftaran, "
    "perlindungan, dan pengingat iuran Anda tetap berjalan. Bila ada pertanyaan, hubungi 175."
)
NOTHING_REPORTED = N_("Tidak ada laporan kematian yang sedang diperiksa untuk pendaftaran Anda.")


def _enter(data: AliveData, _at: str | None, _ctx: FlowContext) -> Go:
    return Go("disputing", data)


def _disputed(event: Event, data: AliveData, _ctx: FlowContext) -> Go:
    if isinstance(event, DeathReportDisputed) and event.number is not None:
        return Go(FINISH, data, (Say(DISPUTED),))
    return Go(FINISH, data, (Say(NOTHING_REPORTED),))


ENTRY = Entry(
    command=ALIVE_COMMAND,
    describe=N_("Laporan kematian atas nama saya keliru"),
    position=90,
    listed=False,
)

FLOW: Flow[AliveData] = Flow(
    "alive",
    AliveData,
    (Action("disputing", effect=lambda _d, _c: DisputeDeathReport(), handle=_disputed, targets=(FINISH,)),),
    enter=Enter(_enter, ("disputing",)),
    entry=ENTRY,
)
