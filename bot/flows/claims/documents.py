"""A claim's documents: the list of what is needed, then one photo or PDF at a time."""

from __future__ import annotations

from dataclasses import replace

from bot.flows.base import Event, FileReceived, FlowContext, Lines, Say, Text
from bot.flows.claim_register import AttachDocument, DocumentAttached
from bot.flows.claims.data import ClaimData
from bot.flows.claims.texts import (
    ALLOWED_MIME,
    DOCUMENT_HAVE,
    DOCUMENT_MISSING,
    DOCUMENT_NAMES,
    DOCUMENT_RECEIVED,
    DOCUMENT_REPLACED,
    DOCUMENT_TOO_BIG,
    DOCUMENT_TYPE,
    DOCUMENTS_QUESTION,
    DONE,
    DONE_LATER,
    SEND_DOCUMENT,
)
from bot.flows.kit import FINISH, Action, Choose, Go, Invalid, Node, Option, Question


def _ask_documents(data: ClaimData, _ctx: FlowContext) -> Say:
    lines = Lines(
        tuple(
            Text(
                DOCUMENT_MISSING if key in data.missing else DOCUMENT_HAVE,
                {"name": Text(DOCUMENT_NAMES[key])},
            )
            for key in data.documents
        )
    )
    return Say(DOCUMENTS_QUESTION, {"number": data.number or "", "lines": lines}, columns=2)


def _documents(data: ClaimData, _ctx: FlowContext) -> tuple[Option, ...]:
    done = Say(DONE_LATER, {"number": data.number or ""})
    return (
        *(Option(f"d{key}", DOCUMENT_NAMES[key], goes="ask_document", value=key) for key in data.documents),
        Option("done", DONE, goes=FINISH, say=(done,), value=None),
    )


def _ask_document(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(SEND_DOCUMENT, {"name": Text(DOCUMENT_NAMES[data.doc_kind or "kk"])})


def _read_document(event: Event, _data: ClaimData, ctx: FlowContext) -> FileReceived | Invalid:
    if not isinstance(event, FileReceived) or event.mime not in ALLOWED_MIME:
        return Invalid(DOCUMENT_TYPE)
    if event.size > ctx.rules.document_max_bytes:
        return Invalid(DOCUMENT_TOO_BIG, {"max": ctx.rules.document_max_bytes // 1_000_000})
    return event


def _store_document(data: ClaimData, file: FileReceived) -> ClaimData:
    return replace(data, file=(file.file_id, file.unique_id, file.mime, str(file.size)))


def _attaching(data: ClaimData, _ctx: FlowContext) -> AttachDocument:
    file_id, unique_id, mime, size = data.file
    return AttachDocument(data.number or "", data.doc_kind or "", file_id, unique_id, mime, int(size))


def _attached(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if not isinstance(event, DocumentAttached) or not event.found:
        return Go(FINISH, ClaimData())
    name = Text(DOCUMENT_NAMES[event.kind])
    said = Say(DOCUMENT_REPLACED if event.replaced else DOCUMENT_RECEIVED, {"name": name})
    missing = tuple(k for k in data.missing if k != event.kind)
    return Go("documents", replace(data, missing=missing, doc_kind=None, file=()), (said,))


NODES: tuple[Node, ...] = (
    Choose(
        "documents",
        ask=_ask_documents,
        options=_documents,
        store="doc_kind",
        may_go=("ask_document", FINISH),
    ),
    Question("ask_document", ask=_ask_document, read=_read_document, store=_store_document, goes="attaching"),
    Action("attaching", effect=_attaching, handle=_attached, targets=("documents", FINISH)),
)
