"""What a reporter is told about their claim without asking: a status change, a document to send again."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.domain.claims import ClaimStatus, StatusChange, sla_days, working_days_after
from bot.domain.rules import Rules
from bot.flows.base import N_, Choice, Day, Lines, Param, Rupiah, Say, Text
from bot.flows.claims import DOCUMENT_NAMES
from bot.flows.claims.texts import PROGRAMME_NAMES

STATUS_MESSAGES: Mapping[ClaimStatus, str] = {
    ClaimStatus.RECEIVED: N_("Klaim {number} diterima dan sedang diproses petugas BPJS Ketenagakerjaan."),
    ClaimStatus.MISSING_DOCUMENTS: N_(
        "Klaim {number}: dokumen masih kurang:\n{missing}\nKirim lewat /klaim → Status klaim."
    ),
    ClaimStatus.VERIFIED: N_(
        "Klaim {number} sudah diverifikasi dan dokumennya lengkap. {programme} dibayar paling lambat {by} "
        "({sla} hari kerja)."
    ),
    ClaimStatus.APPROVED: N_("Klaim {number} disetujui. Dana akan dikirim ke rekening ahli waris."),
    ClaimStatus.PAID: N_("Klaim {number} sudah dibayar. Periksa rekening yang Anda daftarkan."),
    ClaimStatus.DISPUTED: N_(
        "Klaim {number} diperiksa ulang petugas karena ada sanggahan atas laporan ini. Saya kabari hasilnya."
    ),
    ClaimStatus.REJECTED: N_(
        "Klaim {number} ditolak. Alasannya: {note}. Bila ada pertanyaan, hubungi 175 atau kantor cabang."
    ),
}
DEATH_REPORTED = N_(
    "Ada laporan kematian atas pendaftaran Anda (klaim {number}). Bila Anda membaca ini dan masih hidup, "
    "tekan tombol di bawah: petugas BPJS Ketenagakerjaan akan memeriksanya. Perlindungan Anda tidak berubah "
    "selama laporan diperiksa."
)
ALIVE = N_("Ini keliru, saya masih hidup")
ALIVE_COMMAND = "hidup"  # the button works as this command, whatever the conversation shows
VERIFIED_WITH_AMOUNT = N_(
    "Klaim {number} sudah diverifikasi dan dokumennya lengkap. {programme} sebesar {total} dibayar paling "
    "lambat {by} ({sla} hari kerja)."
)
WITH_NOTE = N_("{message}\nCatatan petugas: {note}")
RESEND = N_(
    "Maaf, dokumen {name} untuk klaim {number} tidak bisa saya ambil. Mohon kirim lagi lewat /klaim → "
    "Status klaim."
)


def status_message(change: StatusChange, today: date, rules: Rules) -> Say:
    """Return the one message for a status change: a rejection says why; any other note is added.

    Verified means the documents are complete: the payment clock starts (PP 44/2015 Pasal 37(2), 40(3)),
    and the reporter is told the date.
    """
    number, status, missing, note = change.number, change.status, change.missing, change.note
    days = sla_days(change.programme, rules)
    params: dict[str, Param] = {
        "number": number,
        "programme": Text(PROGRAMME_NAMES[change.programme.value]),
        "by": Day(working_days_after(today, days)),
        "sla": days,
        "total": Rupiah(change.total),
        "missing": Lines(tuple(Text(DOCUMENT_NAMES[key]) for key in missing if key in DOCUMENT_NAMES)),
        "note": (note or "")[:300],
    }
    text = STATUS_MESSAGES[status]
    if status is ClaimStatus.VERIFIED and change.total > 0:
        text = VERIFIED_WITH_AMOUNT  # verified: whoever reported may now hear the amount
    if not note or status is ClaimStatus.REJECTED:
        return Say(text, params)
    return Say(WITH_NOTE, {"message": Text(text, params), "note": note[:300]})


RESEND_TOO_LARGE = N_(
    "Maaf, dokumen {name} untuk klaim {number} terlalu besar (paling besar {max} MB). Mohon kirim foto "
    "saja, atau PDF yang lebih kecil, lewat /klaim → Status klaim."
)
RESEND_NOT_READABLE = N_(
    "Maaf, dokumen {name} untuk klaim {number} tidak bisa dibuka: bukan foto atau PDF yang utuh, atau "
    "kosong. Mohon kirim lagi lewat /klaim → Status klaim."
)
RESEND_REASONS: Mapping[str, str] = {"too_large": RESEND_TOO_LARGE, "not_readable": RESEND_NOT_READABLE}


def resend_request(kind: str, number: str, reason: str = "", max_mb: int = 20) -> Say:
    """Return the request to send a document again that could not be fetched or opened, and why."""
    params: dict[str, Param] = {
        "name": Text(DOCUMENT_NAMES.get(kind, DOCUMENT_NAMES["kk"])),
        "number": number,
        "max": max_mb,
    }
    return Say(RESEND_REASONS.get(reason, RESEND), params)


def death_reported(number: str) -> Say:
    """Return what a participant's own chat hears when someone reports their death."""
    return Say(DEATH_REPORTED, {"number": number}, (Choice(ALIVE_COMMAND, ALIVE),))
