"""Status klaim: the reporter's own claims, each opening its document list."""

from __future__ import annotations

from dataclasses import replace

from bot.flows.base import Choice, Event, FlowContext, Lines, Say, Text
from bot.flows.claim_register import ClaimsListed, ListClaims
from bot.flows.claims.data import ClaimData
from bot.flows.claims.texts import (
    CLAIM_BUTTON,
    CLAIM_LINE,
    CLAIMS_QUESTION,
    KIND_LABELS,
    MISSING_SUFFIX,
    NO_CLAIMS,
    STATUS_LABELS,
)
from bot.flows.kit import FINISH, Action, Go, Node, Screen, buttons, to
from bot.flows.labels import BACK_TO_MENU


def _listed(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    claims = event.claims if isinstance(event, ClaimsListed) else ()
    if not claims:
        return Go(FINISH, ClaimData(), (Say(NO_CLAIMS),))
    rows = tuple(
        "|".join((c.number, c.kind, c.status, ",".join(c.documents), ",".join(c.missing))) for c in claims
    )
    return Go("claims", replace(data, listed=rows))


def _rows(data: ClaimData) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for row in data.listed:
        number, kind, status, documents, missing = row.split("|")
        rows.append(
            (
                number,
                kind,
                status,
                tuple(filter(None, documents.split(","))),
                tuple(filter(None, missing.split(","))),
            )
        )
    return rows


def _ask_claims(data: ClaimData, _ctx: FlowContext) -> Say:
    lines = Lines(
        tuple(
            Text(
                CLAIM_LINE,
                {
                    "number": number,
                    "kind": Text(KIND_LABELS[kind]),
                    "status": Text(STATUS_LABELS[status]),
                    "missing": Text(MISSING_SUFFIX, {"count": len(missing)}) if missing else "",
                },
            )
            for number, kind, status, _documents, missing in _rows(data)
        )
    )
    choices = (
        *(Choice(f"c{number}", CLAIM_BUTTON, {"number": number}) for number, *_ in _rows(data)),
        Choice("back", BACK_TO_MENU),
    )
    return Say(CLAIMS_QUESTION, {"lines": lines}, choices)


def _pick_claim(key: str, data: ClaimData, _ctx: FlowContext) -> Go | None:
    for number, kind, _status, documents, missing in _rows(data):
        if key == f"c{number}":
            chosen = replace(data, number=number, kind=kind, documents=documents, missing=missing, listed=())
            return Go("documents", chosen)
    return None


_on_claims = buttons("claims", {"back": to(FINISH)}, _pick_claim)

NODES: tuple[Node, ...] = (
    Action("listing", effect=lambda _d, _c: ListClaims(), handle=_listed, targets=("claims", FINISH)),
    Screen("claims", ask=_ask_claims, handle=_on_claims, targets=("documents", FINISH), progress=False),
)
