"""A claim's documents: the list of what is needed, then one photo or PDF at a time.

A family often sends photos straight away, several at once as an album: a file sent without choosing a
document first is kept, read from its caption when that names a document, else asked about ("Ini dokumen
apa?"), one question per file; files arriving meanwhile wait their turn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.flows.base import Event, FileReceived, FlowContext, Lines, Param, Say, Text
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
    SKIP_FILE,
    SKIPPED_FILE,
    WHICH_DOCUMENT,
    WHICH_FILE_NEXT,
    WHICH_FILE_THIS,
    WHICH_PDF_NEXT,
    WHICH_PDF_THIS,
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


def read_upload(event: Event, ctx: FlowContext, wrong_type: str, too_big: str) -> FileReceived | Invalid:
    """Read a photo or PDF sent as asked; anything else, or a file over the limit, is explained."""
    if not isinstance(event, FileReceived) or event.mime not in ALLOWED_MIME:
        return Invalid(wrong_type)
    if event.size > ctx.rules.document_max_bytes:
        return Invalid(too_big, {"max": ctx.rules.document_max_bytes // 1_000_000})
    return event


def _read_document(event: Event, _data: ClaimData, ctx: FlowContext) -> FileReceived | Invalid:
    return read_upload(event, ctx, DOCUMENT_TYPE, DOCUMENT_TOO_BIG)


def _kept(file: FileReceived) -> tuple[str, ...]:
    return (file.file_id, file.unique_id, file.mime, str(file.size))


def _store_document(data: ClaimData, file: FileReceived) -> ClaimData:
    return replace(data, file=_kept(file))


# What a caption may call each document (Indonesian as families write it, and English).
CAPTION_WORDS: Mapping[str, tuple[str, ...]] = {
    "kartu_peserta": ("kartu peserta", "kartu bpjs", "kpj", "membership card"),
    "ktp_almarhum": ("ktp almarhum", "ktp almarhumah", "ktp alm", "ktp yang meninggal"),
    "ktp_ahli_waris": ("ktp ahli waris", "ktp saya", "ktp pelapor", "heir id"),
    "ktp_peserta": ("ktp peserta", "ktp"),
    "kk": ("kartu keluarga", "kk", "family card"),
    "surat_kematian": ("surat kematian", "keterangan kematian", "akta kematian", "death certificate"),
    "surat_ahli_waris": ("surat ahli waris", "keterangan ahli waris", "surat waris", "heir letter"),
    "buku_tabungan": ("buku tabungan", "tabungan", "rekening", "bank book"),
    "buku_nikah": ("buku nikah", "akta nikah", "surat nikah", "marriage"),
    "kronologi": ("kronologi", "chronology"),
    "surat_dokter": ("surat dokter", "keterangan dokter", "doctor"),
    "laporan_polisi": ("laporan polisi", "police report"),
    "kuitansi": ("kuitansi", "kwitansi", "nota", "receipt"),
}


def document_in_caption(caption: str, needed: tuple[str, ...]) -> str | None:
    """Return the document a caption names among `needed` (the longest phrase wins), or None."""
    words = " ".join(re.findall(r"[a-z0-9]+", caption.lower()))
    found = [
        (len(phrase), key)
        for key in needed
        for phrase in CAPTION_WORDS.get(key, ())
        if re.search(rf"\b{re.escape(phrase)}\b", words)
    ]
    return max(found)[1] if found else None


def _unasked(event: Event, data: ClaimData, ctx: FlowContext) -> Go | None:
    """A file sent at the document list: attach it by its caption, or ask what it is."""
    if not isinstance(event, FileReceived):
        return None
    read = _read_document(event, data, ctx)
    if isinstance(read, Invalid):
        return Go("documents", data, (Say(read.why, read.params),))  # why, and the list again
    named = document_in_caption(read.caption, data.documents)
    if named is not None:
        return Go("attaching", replace(data, doc_kind=named, file=_kept(read)))
    return Go("ask_which", replace(data, file=_kept(read), waiting=()))


def _queued(event: Event, data: ClaimData, ctx: FlowContext) -> Go | None:
    """A file arriving while another is asked about waits its turn (an album comes as several)."""
    if not isinstance(event, FileReceived):
        return None
    read = _read_document(event, data, ctx)
    if isinstance(read, Invalid):
        return Go("ask_which", data, (Say(read.why, read.params),))  # why, and the question again
    return Go("ask_which", replace(data, waiting=(*data.waiting, _kept(read))), quiet=True)


def _ask_which(data: ClaimData, _ctx: FlowContext) -> Say:
    pdf = len(data.file) > 2 and data.file[2] == "application/pdf"
    if data.doc_kind == _NEXT:
        what = WHICH_PDF_NEXT if pdf else WHICH_FILE_NEXT
    else:
        what = WHICH_PDF_THIS if pdf else WHICH_FILE_THIS
    params: dict[str, Param] = {"what": Text(what)}
    return Say(WHICH_DOCUMENT, params, columns=2)


_NEXT = "_next"  # doc_kind while asking about a file that waited: "the next photo"


_SKIP = "_skip"


def _which(data: ClaimData, _ctx: FlowContext) -> tuple[Option, ...]:
    offered = data.missing or data.documents
    skipped = (Say(SKIPPED_FILE),)
    return (
        *(Option(f"w{key}", DOCUMENT_NAMES[key], goes="attaching", value=key) for key in offered),
        Option(
            "skip", SKIP_FILE, goes="ask_which" if data.waiting else "documents", say=skipped, value=_SKIP
        ),
    )


def _store_which(data: ClaimData, chosen: str) -> ClaimData:
    """Keep the document chosen for the file, or drop the file and take the next one that waited."""
    return _following(data) if chosen == _SKIP else replace(data, doc_kind=chosen)


def _following(data: ClaimData) -> ClaimData:
    if data.waiting:
        return replace(data, file=data.waiting[0], waiting=data.waiting[1:], doc_kind=_NEXT)
    return replace(data, doc_kind=None, file=())


def _next_file(data: ClaimData, said: tuple[Say, ...]) -> Go:
    """Ask about the next file that waited, or go back to the list."""
    return Go("ask_which" if data.waiting else "documents", _following(data), said)


def _attaching(data: ClaimData, _ctx: FlowContext) -> AttachDocument:
    file_id, unique_id, mime, size = data.file
    return AttachDocument(data.number or "", data.doc_kind or "", file_id, unique_id, mime, int(size))


def _attached(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if not isinstance(event, DocumentAttached) or not event.found:
        return Go(FINISH, ClaimData())
    name = Text(DOCUMENT_NAMES[event.kind])
    said = Say(DOCUMENT_REPLACED if event.replaced else DOCUMENT_RECEIVED, {"name": name})
    missing = tuple(k for k in data.missing if k != event.kind)
    return _next_file(replace(data, missing=missing, doc_kind=None, file=()), (said,))


NODES: tuple[Node, ...] = (
    Choose(
        "documents",
        ask=_ask_documents,
        options=_documents,
        store="doc_kind",
        may_go=("ask_document", FINISH, "attaching", "ask_which"),
        other=_unasked,
    ),
    Question("ask_document", ask=_ask_document, read=_read_document, store=_store_document, goes="attaching"),
    Choose(
        "ask_which",
        ask=_ask_which,
        options=_which,
        store=_store_which,
        may_go=("attaching", "ask_which", "documents"),
        other=_queued,
        progress=False,
    ),
    Action("attaching", effect=_attaching, handle=_attached, targets=("documents", "ask_which", FINISH)),
)
