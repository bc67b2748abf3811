"""Lapor klaim: an heir reports a death, a worker or their family a work accident; both follow the claim.

One question per message; what the family is owed is explained from our records (figures from the rules);
documents are sent as photos or PDFs, any of them later; a claim number and its status stay in /klaim.
The journeys live beside this: `report` (asking and sending), `documents`, `status`; the texts in `texts`.
"""

from __future__ import annotations

from bot.domain.claims import ClaimKind
from bot.flows.base import N_, FlowContext
from bot.flows.claims import documents, report, status
from bot.flows.claims.data import ClaimData
from bot.flows.claims.texts import DOCUMENT_NAMES, RESTART, RESUME, RESUME_QUESTION
from bot.flows.kit import Enter, Entry, Flow, Go, Resume

__all__ = ["DOCUMENT_NAMES", "ENTRY", "FLOW", "ClaimData"]

# Where a paused report may continue: every question of the report itself (not the menus, not the
# document list of a report already sent: that is reached through Status klaim).
RESUMABLE: tuple[str, ...] = tuple(node.state for node in report.NODES if not node.state.endswith("ing"))

RESUMING: Resume[ClaimData] = Resume(
    "ask_resume",
    question=RESUME_QUESTION,
    resume=RESUME,
    restart=RESTART,
    states=RESUMABLE,
    again=lambda _d, _c: Go("menu", ClaimData()),
    again_targets=("menu",),
)


def _enter(data: ClaimData, at: str | None, _ctx: FlowContext) -> Go:
    """Continue a report left unfinished (days ago, too), or start one.

    A typed "ada yang meninggal" (entry `death`) starts the death report, condolences first; otherwise
    the claims menu.
    """
    if (offer := RESUMING.offer(data, at)) is not None:
        return offer
    if at == "death":
        return report.start(ClaimKind.DEATH)
    return Go("menu", ClaimData())


ENTRY = Entry(
    command="klaim",
    describe=N_("Lapor klaim dan status klaim"),
    position=30,
    button=N_("Lapor klaim"),
    help=N_("lapor meninggal dunia atau kecelakaan kerja, dan status klaim"),
    typed={"meninggal": "death"},
    cancelled=N_("Baik, laporan dihentikan dulu. Jawaban Anda tersimpan: ketik /klaim untuk melanjutkan."),
)

FLOW: Flow[ClaimData] = Flow(
    "claims",
    ClaimData,
    (report.MENU, RESUMING, *report.NODES, *documents.NODES, *status.NODES),
    enter=Enter(_enter, ("menu", "ask_resume", "ask_consent")),
    entry=ENTRY,
)
