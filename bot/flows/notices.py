"""What the bot says on its own initiative: iuran reminders and the activation notice. Pure."""

from __future__ import annotations

from bot.domain.iuran import due_date
from bot.domain.participants import ParticipantStatus
from bot.domain.reminders import Kind, NoticeFacts
from bot.domain.rules import Rules
from bot.domain.sponsors import add_months
from bot.flows.base import N_, Card, Choice, Day, Month, Param, Reply, Rupiah, Say, Text
from bot.flows.labels import PROGRAMMES
from bot.flows.prices import month_price

HOW_TO_PAY = N_(
    "Cara bayar: sebutkan NIK Anda sebagai kode bayar di bank, kantor pos, minimarket mitra BPJS "
    "Ketenagakerjaan, atau aplikasi JMO."
)
BEFORE = N_(
    "Pengingat iuran BPJS Ketenagakerjaan: iuran {month} sebesar {amount} jatuh tempo {due}.\n"
    "{how}\nAbaikan pesan ini bila sudah membayar. Matikan pengingat: /berhenti"
)
BEFORE_FIRST = N_(
    "Pengingat iuran BPJS Ketenagakerjaan: iuran pertama Anda ({month}) sebesar {amount} jatuh tempo {due}. "
    "Perlindungan baru berlaku setelah iuran pertama tercatat.\n{how}\nMatikan pengingat: /berhenti"
)
DUE = N_(
    "Hari ini batas bayar iuran {month}: {amount}.\n{how}\n"
    "Abaikan pesan ini bila sudah membayar. Matikan pengingat: /berhenti"
)
AFTER = N_(
    "Iuran {month} ({amount}) belum tercatat, sudah lewat {late} hari dari batas {due}. "
    "Tunggakan Anda: {arrears} bulan ({owed}). Selama tunggakan paling lama {max} bulan, hak JKK dan JKM "
    "tetap ada, tetapi santunan "
    "baru dibayar setelah tunggakan lunas; lewat {max} bulan, perlindungan berhenti (nonaktif).\n"
    "{how}\nMatikan pengingat: /berhenti"
)
AFTER_FIRST = N_(
    "Iuran pertama Anda ({month}, {amount}) belum tercatat, jadi Anda belum terlindungi. "
    "Bayar kapan saja agar perlindungan mulai berlaku.\n{how}\nMatikan pengingat: /berhenti"
)
WARNING = N_(
    "PENTING: tunggakan iuran Anda sudah {arrears} bulan ({owed}). Bila iuran {month} ({amount}) juga tidak "
    "dibayar sampai {due}, tunggakan lebih dari {max} bulan: perlindungan JKK dan JKM Anda berhenti "
    "(nonaktif) dan ahli waris tidak bisa menerima santunan JKM. Bayar tunggakan sebelum tanggal itu.\n"
    "{how}\nMatikan pengingat: /berhenti"
)
INACTIVE = N_(
    "Perlindungan BPJS Ketenagakerjaan Anda nonaktif karena iuran lebih dari {max} bulan berturut-turut "
    "belum dibayar: tidak ada hak JKK dan JKM. Untuk aktif kembali, bayar iuran {month} ({amount}) dengan "
    "NIK Anda, lalu pastikan ke BPJS Ketenagakerjaan di 175.\nMatikan pengingat: /berhenti"
)
ACTIVATED = N_(
    "Pembayaran iuran Anda sudah tercatat. Perlindungan BPJS Ketenagakerjaan Anda aktif mulai {since}; "
    "iuran terbayar sampai {paid_through}. Ini kartu peserta Anda."
)
REACTIVATED = N_(
    "Pembayaran iuran Anda sudah tercatat; iuran terbayar sampai {paid_through}. Karena sebelumnya nonaktif, "
    "pastikan status kepesertaan Anda ke BPJS Ketenagakerjaan di 175."
)
SPONSOR_ACTIVATED = N_(
    "Iuran BPJS Ketenagakerjaan Anda untuk {month} sudah dibayar oleh {sponsor}. Anda terlindungi JKK dan "
    "JKM mulai {since}; {sponsor} membayar iuran Anda sampai {until}. Ini kartu peserta Anda."
)
SPONSORED = N_(
    "Iuran BPJS Ketenagakerjaan Anda untuk {month} sudah dibayar oleh {sponsor}: Anda terlindungi bulan ini. "
    "{sponsor} membayar iuran Anda sampai {until}."
)
HANDOVER = N_(
    "Iuran BPJS Ketenagakerjaan Anda dibayar oleh {sponsor} sampai {until}. Setelah itu, agar tetap "
    "terlindungi JKK dan JKM, Anda bisa membayar sendiri: {amount} per bulan mulai {next}, jatuh tempo "
    "{due}. Lanjut bayar sendiri?"
)
CONTINUE_COMMAND = "lanjutbayar"  # the handover's buttons work as these commands, whatever the screen shows
LATER_COMMAND = "nantisaja"
CONTINUE_LABEL = N_("Lanjut bayar sendiri")
LATER_LABEL = N_("Nanti saja")
CARD_CAPTION = N_("Kartu peserta digital Anda. Simpan gambar ini; nomor pendaftaran ada di kode QR.")


def notice(facts: NoticeFacts, rules: Rules) -> tuple[Reply, ...]:
    """Return the messages for one planned notice."""
    month = facts.month
    state = facts.coverage
    due = due_date(month, rules)
    told, late = facts.told_as(rules)
    params: dict[str, Param] = {
        "month": Month(month),
        "amount": month_price(facts.terms, month, rules),
        "due": Day(due, weekday=True),
        "late": late,
        "how": Text(HOW_TO_PAY),
        "arrears": max(state.arrears, 1),
        "owed": Rupiah(facts.owed(rules)),
        "max": rules.max_arrears_months,
    }
    match facts.kind:
        case Kind.ACTIVATED:
            paid: dict[str, Param] = {
                "since": Day(facts.activated_on or month),
                "paid_through": Month(state.paid_through or month),
            }
            programme = PROGRAMMES.get(facts.terms.programme, PROGRAMMES["jkk_jkm"])
            card = Card(facts.name, facts.registration_number, programme, CARD_CAPTION)
            return (Say(ACTIVATED, paid), card)
        case Kind.REACTIVATED:
            return (Say(REACTIVATED, {"paid_through": Month(state.paid_through or month)}),)
        case Kind.SPONSOR_ACTIVATED | Kind.SPONSORED | Kind.HANDOVER if facts.sponsored is not None:
            return _sponsor_notice(facts, rules)
    if state.status is ParticipantStatus.INACTIVE:
        current = state.current_month
        return (
            Say(
                INACTIVE,
                {
                    "month": Month(current),
                    "amount": Rupiah(facts.terms.iuran(current, rules)),
                    "max": rules.max_arrears_months,
                },
            ),
        )
    first = state.status is ParticipantStatus.REGISTERED
    text = {
        Kind.BEFORE: BEFORE_FIRST if first else BEFORE,
        Kind.WARNING: WARNING,
        Kind.DUE: DUE,
        Kind.AFTER: AFTER_FIRST if first else AFTER,
    }[told]
    return (Say(text, params),)


def _sponsor_notice(facts: NoticeFacts, rules: Rules) -> tuple[Reply, ...]:
    """What a sponsored worker hears: a month paid (the first time with the card), or the handover."""
    sponsored = facts.sponsored
    assert sponsored is not None
    params: dict[str, Param] = {
        "month": Month(facts.month),
        "sponsor": sponsored.sponsor,
        "until": Month(sponsored.last_month),
    }
    if facts.kind is Kind.HANDOVER:
        after = add_months(sponsored.last_month, 1)
        params |= {
            "amount": month_price(facts.terms, after, rules),
            "next": Month(after),
            "due": Day(due_date(after, rules)),
        }
        choices = (Choice(CONTINUE_COMMAND, CONTINUE_LABEL), Choice(LATER_COMMAND, LATER_LABEL))
        return (Say(HANDOVER, params, choices),)
    if facts.kind is Kind.SPONSOR_ACTIVATED:
        params["since"] = Day(facts.activated_on or facts.month)
        programme = PROGRAMMES.get(facts.terms.programme, PROGRAMMES["jkk_jkm"])
        card = Card(facts.name, facts.registration_number, programme, CARD_CAPTION)
        return (Say(SPONSOR_ACTIVATED, params), card)
    return (Say(SPONSORED, params),)
