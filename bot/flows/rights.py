"""The words for a standing and its rights: every statement of a right says what it depends on.

One place for how the bot tells a family or a worker what is paid now, what after the arrears (and how
much they are), and what not, with the article that decides it. The decisions themselves are in
`bot/domain/standing.py` and `bot/domain/rights.py`; this module only words them.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.claims import Cause, Programme
from bot.domain.participants import ParticipantStatus
from bot.domain.rights import (
    AccidentCover,
    Benefit,
    Cover,
    DeathRights,
    Right,
    Rule,
    death_rights,
)
from bot.domain.rules import Rules
from bot.domain.standing import Standing
from bot.flows.base import N_, Day, Month, Param, Rupiah, Say, Text

# The article a family reads beside a right.
RULE_NAMES: Mapping[Rule, str] = {
    Rule.UNKNOWN: N_("aturan umum"),
    Rule.NOT_YET_PAID: N_("PP 44/2015 Pasal 11"),
    Rule.JKM_FULL: N_("PP 82/2019; Permenaker 1/2025"),
    Rule.JKM_EARLY: N_("Permenaker 1/2025"),
    Rule.DEATH_IN_ARREARS: N_("PP 44/2015 Pasal 42 ayat 1"),
    Rule.DEATH_INACTIVE: N_("PP 44/2015 Pasal 42 ayat 2"),
    Rule.JKK: N_("PP 44/2015 Pasal 25 dan 37"),
    Rule.ACCIDENT_IN_ARREARS: N_("PP 44/2015 Pasal 39 ayat 1"),
    Rule.ACCIDENT_INACTIVE: N_("PP 44/2015 Pasal 39 ayat 2"),
    Rule.SUDDEN_DEATH_AT_WORK: N_("Permenaker 5/2021"),
    Rule.SCHOLARSHIP_JKM: N_("PP 82/2019"),
    Rule.SCHOLARSHIP_JKK: N_("PP 82/2019"),
    Rule.REFUND: N_("ketentuan BPJS Ketenagakerjaan"),
}

# --- A death, told to the family (the claims report) ----------------------------------------------

DEATH_RIGHTS: Mapping[tuple[Right, bool], str] = {
    (Right.FULL, False): N_(
        "Menurut catatan kami, iuran sudah terbayar untuk {months} bulan kepesertaan sebelum meninggal, jadi "
        "ahli waris berhak atas JKM {total}: santunan kematian {lump}, santunan berkala {periodic}, dan "
        "biaya pemakaman {funeral} ({rule})."
    ),
    (Right.FULL, True): N_(
        "Menurut catatan kami, iuran sudah terbayar untuk {months} bulan kepesertaan, jadi ahli waris berhak "
        "atas JKM {total}. Tetapi saat meninggal ada tunggakan {count} bulan ({owed}). Biaya pemakaman "
        "{funeral} dibayar lebih dulu; santunan kematian {lump} dan santunan berkala {periodic} dibayar "
        "setelah ahli waris melunasi tunggakan ({rule})."
    ),
    (Right.EARLY, False): N_(
        "Menurut catatan kami, masa kepesertaan dengan iuran terbayar belum 3 bulan saat meninggal (baru "
        "{months} bulan penuh), jadi JKM yang dibayarkan {total} ({rule})."
    ),
    (Right.EARLY, True): N_(
        "Menurut catatan kami, masa kepesertaan dengan iuran terbayar belum 3 bulan saat meninggal (baru "
        "{months} bulan penuh), jadi JKM yang dibayarkan {total}. Ada juga tunggakan {count} bulan "
        "({owed}): bagian biaya pemakaman dibayar lebih dulu, sisanya setelah ahli waris melunasi "
        "tunggakan ({rule})."
    ),
    (Right.JKK_DEATH, False): N_(
        "Meninggal karena kecelakaan kerja diklaim lewat JKK: santunan {lump} (48 x penghasilan {income}, "
        "paling sedikit santunan kematian JKM), santunan berkala {periodic}, dan biaya pemakaman "
        "{funeral}; seluruhnya {total} ({rule})."
    ),
    (Right.JKK_DEATH, True): N_(
        "Meninggal karena kecelakaan kerja diklaim lewat JKK: santunan {lump} (48 x penghasilan {income}), "
        "santunan berkala {periodic}, dan biaya pemakaman {funeral}; seluruhnya {total}. Tetapi saat "
        "meninggal ada tunggakan {count} bulan ({owed}): seluruh santunan JKK dibayar setelah tunggakan "
        "dilunasi ({rule})."
    ),
    (Right.NONE_INACTIVE, False): N_(
        "Menurut catatan kami, saat meninggal iuran {count} bulan berturut-turut belum dibayar, lebih dari "
        "3 bulan, jadi kepesertaan nonaktif dan ahli waris tidak berhak atas JKM atau JKK ({rule}). Bila "
        "ada pembayaran yang belum tercatat, bawa bukti bayar ke kantor cabang BPJS Ketenagakerjaan atau "
        "hubungi 175."
    ),
    (Right.NONE_UNPAID, False): N_(
        "Menurut catatan kami, belum ada iuran yang tercatat saat itu, jadi perlindungan belum berlaku dan "
        "ahli waris tidak berhak atas santunan ({rule}). Bila sudah membayar tetapi belum tercatat, hubungi "
        "175 dengan bukti bayar."
    ),
    (Right.UNKNOWN, False): N_(
        "Peserta ini tidak ada di catatan bot ini, jadi saya tidak bisa menyebut jumlahnya. Aturan umumnya: "
        "JKM {full} bila iuran sudah 3 bulan kepesertaan (sebelumnya {early}); dengan tunggakan sampai 3 "
        "bulan, biaya pemakaman dibayar lebih dulu dan sisanya setelah tunggakan dilunasi; lebih dari 3 "
        "bulan tidak ada hak. Meninggal karena kecelakaan kerja lewat JKK, 48 x penghasilan yang dilaporkan."
    ),
}
SUDDEN_AS_JKK = N_(
    "Meninggal mendadak saat bekerja dihitung kecelakaan kerja bila iuran sudah {needed} bulan; menurut "
    "catatan kami sudah {months} bulan, jadi diklaim lewat JKK ({rule})."
)
SUDDEN_AS_JKM = N_(
    "Meninggal mendadak saat bekerja dihitung kecelakaan kerja bila iuran sudah {needed} bulan; menurut "
    "catatan kami baru {months} bulan, jadi diklaim lewat JKM ({rule})."
)
PAY_ARREARS = N_(
    "Tunggakan dibayar dengan NIK almarhum/almarhumah di bank, kantor pos, minimarket mitra, atau kantor "
    "cabang BPJS Ketenagakerjaan."
)
REFUND = N_(
    "Iuran yang sudah dibayar untuk {count} bulan sesudah meninggal ({amount}) dikembalikan kepada ahli "
    "waris bersama klaim."
)
LAPSED = N_(
    "Kepesertaan ini pernah nonaktif lalu aktif lagi. Angka di atas hanya menghitung iuran sejak aktif "
    "lagi; apakah iuran sebelumnya ikut dihitung, BPJS Ketenagakerjaan yang menentukan. Tanyakan ke 175 "
    "atau kantor cabang dengan bukti bayar."
)
SCHOLARSHIP = N_(
    "Beasiswa untuk paling banyak {children} anak, per anak per tahun: TK dan SD {sd}, SMP {smp}, SMA "
    "{sma}, kuliah {college} (seluruhnya paling banyak {max})."
)
SCHOLARSHIP_AFTER_ARREARS = N_(
    "Beasiswa untuk paling banyak {children} anak, setelah tunggakan dilunasi, per anak per tahun: TK dan "
    "SD {sd}, SMP {smp}, SMA {sma}, kuliah {college} (seluruhnya paling banyak {max})."
)


def rule(value: Rule) -> Text:
    """Return the article that decides a right, as the reader sees it."""
    return Text(RULE_NAMES[value])


def _standing_params(standing: Standing | None) -> dict[str, Param]:
    if standing is None:
        return {"months": 0, "count": 0, "owed": Rupiah(0)}
    return {
        "months": standing.membership,
        "count": len(standing.arrears),
        "owed": Rupiah(standing.owed),
    }


def death_params(rights: DeathRights, rules: Rules) -> dict[str, Param]:
    """Return the figures every death text may use."""
    standing = rights.standing
    lump = rights.amount(Benefit.JKK_LUMP_SUM) or rights.amount(Benefit.LUMP_SUM)
    return {
        **_standing_params(standing),
        "total": Rupiah(rights.total),
        "lump": Rupiah(lump),
        "periodic": Rupiah(rights.amount(Benefit.PERIODIC)),
        "funeral": Rupiah(rights.amount(Benefit.FUNERAL)),
        "income": Rupiah(standing.income if standing else 0),
        "full": Rupiah(rules.jkm_full_benefit),
        "early": Rupiah(rules.jkm_early_benefit),
        "rule": rule(rights.rule),
    }


def scholarship_params(rules: Rules) -> dict[str, Param]:
    """Return the scholarship figures by school level."""
    per_level = {level: amount for level, amount, _years in rules.scholarship_by_level}
    return {
        "children": rules.scholarship_children,
        "sd": Rupiah(per_level["SD"]),
        "smp": Rupiah(per_level["SMP"]),
        "sma": Rupiah(per_level["SMA"]),
        "college": Rupiah(per_level["Perguruan tinggi"]),
        "max": Rupiah(rules.scholarship_max),
    }


PAYING = (Right.FULL, Right.EARLY, Right.JKK_DEATH)


def death_said(rights: DeathRights, cause: Cause, rules: Rules) -> list[Say]:
    """Return what the family is told about a death: the right with its condition, then what else."""
    standing = rights.standing
    said: list[Say] = []
    if cause is Cause.SUDDEN_AT_WORK and standing is not None and rights.right in PAYING:
        sudden = SUDDEN_AS_JKK if rights.programme is Programme.JKK else SUDDEN_AS_JKM
        params: dict[str, Param] = {
            "needed": rules.sudden_death_jkk_months,
            "months": standing.membership,
            "rule": rule(Rule.SUDDEN_DEATH_AT_WORK),
        }
        said.append(Say(sudden, params))
    in_arrears = standing is not None and standing.in_arrears and rights.right in PAYING
    said.append(Say(DEATH_RIGHTS[rights.right, in_arrears], death_params(rights, rules)))
    if in_arrears:
        said.append(Say(PAY_ARREARS))
    if rights.scholarship:
        text = SCHOLARSHIP_AFTER_ARREARS if in_arrears else SCHOLARSHIP
        said.append(Say(text, scholarship_params(rules)))
    if standing is not None and standing.ahead and rights.right not in (Right.NONE_UNPAID, Right.UNKNOWN):
        refund: dict[str, Param] = {"count": len(standing.ahead), "amount": Rupiah(standing.refund)}
        said.append(Say(REFUND, refund))
    if standing is not None and standing.lapsed and rights.right in PAYING:
        said.append(Say(LAPSED))
    return said


# --- A work accident, told to the worker or their family ------------------------------------------

ACCIDENT_COVER: Mapping[Cover, str] = {
    Cover.ACTIVE: N_(
        "Menurut catatan kami, kepesertaan aktif saat kecelakaan: perawatan ditanggung JKK. Berobat di "
        "fasilitas kesehatan mitra BPJS Ketenagakerjaan (PLKK) tanpa membayar lebih dulu; di tempat lain "
        "bayar dulu, lalu klaim dengan kuitansi. Santunan tunai (pengganti penghasilan selama tidak bisa "
        "bekerja, santunan cacat) dibayar setelah sembuh dan dokumen lengkap ({rule})."
    ),
    Cover.IN_ARREARS: N_(
        "Menurut catatan kami, ada tunggakan iuran {count} bulan ({owed}) saat kecelakaan. Perawatan tetap "
        "ditanggung JKK; berobat di fasilitas kesehatan mitra (PLKK) tanpa membayar lebih dulu. Santunan "
        "tunai dibayar setelah sembuh dan setelah tunggakan dilunasi ({rule}). Tunggakan dibayar dengan NIK "
        "peserta di bank, kantor pos, minimarket mitra, atau aplikasi JMO."
    ),
    Cover.INACTIVE: N_(
        "Mohon maaf, menurut catatan kami iuran {count} bulan berturut-turut belum dibayar saat kecelakaan, "
        "lebih dari 3 bulan, jadi kepesertaan nonaktif dan kecelakaan ini tidak ditanggung JKK ({rule}). "
        "Yang bisa dilakukan sekarang: berobat dengan BPJS Kesehatan (JKN) bila punya; bila ada "
        "pembayaran yang belum tercatat, bawa bukti bayar ke kantor cabang atau hubungi 175. Agar "
        "terlindungi lagi mulai bulan depan, bayar iuran {month} dengan NIK peserta."
    ),
    Cover.UNPAID: N_(
        "Menurut catatan kami, belum ada iuran yang tercatat saat kecelakaan, jadi perlindungan JKK belum "
        "berlaku ({rule}). Bila sudah membayar tetapi belum tercatat, hubungi 175 dengan bukti bayar."
    ),
    Cover.UNKNOWN: N_(
        "Peserta ini tidak ada di catatan bot ini. Aturan umumnya: bila kepesertaan aktif, perawatan "
        "ditanggung JKK di fasilitas kesehatan mitra (PLKK) tanpa membayar lebih dulu, dan santunan tunai "
        "dibayar setelah sembuh; dengan tunggakan sampai 3 bulan, santunan tunai menunggu tunggakan "
        "dilunasi; lebih dari 3 bulan tidak ditanggung. Petugas akan memeriksa kepesertaannya."
    ),
}


def accident_said(cover: AccidentCover) -> Say:
    """Return what the accident report tells about the worker's cover."""
    params: dict[str, Param] = {**_standing_params(cover.standing), "rule": rule(cover.rule)}
    if cover.standing is not None:
        params["month"] = Month(cover.standing.next_month)
    return Say(ACCIDENT_COVER[cover.cover], params)


# --- The worker's own JKM (/manfaat) ----------------------------------------------------------------

YOUR_JKM: Mapping[tuple[Right, bool], str] = {
    (Right.FULL, False): N_(
        "JKM untuk keluarga Anda: {total}, karena iuran sudah terbayar untuk {months} bulan kepesertaan "
        "({rule})."
    ),
    (Right.FULL, True): N_(
        "JKM untuk keluarga Anda: {total}, karena iuran sudah terbayar untuk {months} bulan kepesertaan. "
        "Tetapi ada tunggakan {count} bulan ({owed}): selama belum dilunasi, hanya biaya pemakaman "
        "{funeral} yang langsung dibayar, sisanya setelah tunggakan dilunasi ({rule}). Bayar dengan NIK "
        "Anda; bila tunggakan lebih dari 3 bulan, kepesertaan nonaktif."
    ),
    (Right.EARLY, False): N_(
        "JKM untuk keluarga Anda saat ini {total}, karena masa kepesertaan dengan iuran terbayar baru "
        "{months} bulan; {full} setelah iuran 3 bulan kepesertaan. Iuran yang dibayar di muka dihitung "
        "setelah bulannya lewat ({rule})."
    ),
    (Right.EARLY, True): N_(
        "JKM untuk keluarga Anda saat ini {total}, karena masa kepesertaan dengan iuran terbayar baru "
        "{months} bulan. Ada tunggakan {count} bulan ({owed}): selama belum dilunasi, hanya bagian biaya "
        "pemakaman yang langsung dibayar ({rule}). Bayar dengan NIK Anda."
    ),
    (Right.NONE_INACTIVE, False): N_(
        "JKM untuk keluarga Anda: saat ini tidak ada, karena iuran {count} bulan berturut-turut belum "
        "dibayar (nonaktif). Untuk aktif lagi, bayar iuran {month} ({amount}) dengan NIK Anda, lalu "
        "pastikan status Anda ke BPJS Ketenagakerjaan di 175: BPJS yang menentukan sejak kapan "
        "perlindungan berlaku lagi."
    ),
    (Right.NONE_UNPAID, False): N_(
        "JKM untuk keluarga Anda: belum ada, karena iuran pertama Anda belum tercatat. Perlindungan mulai "
        "setelah iuran pertama tercatat."
    ),
}


def own_jkm_said(standing: Standing, amount_next: int, rules: Rules) -> Say:
    """Return what a worker's family would get today, with its condition (`amount_next`: next iuran)."""
    rights = death_rights(standing, Cause.ILLNESS, rules)
    in_arrears = standing.in_arrears and rights.right in (Right.FULL, Right.EARLY)
    params = death_params(rights, rules)
    params["month"] = Month(standing.next_month)
    params["amount"] = Rupiah(amount_next)
    return Say(YOUR_JKM[rights.right, in_arrears], params)


# --- Status, as `/iuran` shows it --------------------------------------------------------------------

STATUS_REGISTERED = N_("terdaftar, belum terlindungi. Perlindungan mulai setelah iuran pertama tercatat.")
STATUS_ACTIVE = N_("aktif, terlindungi JKK dan JKM.")
STATUS_IN_ARREARS = N_(
    "aktif, dengan tunggakan {count} bulan ({owed}). Hak JKK dan JKM tetap ada, tetapi santunan tunai baru "
    "dibayar setelah tunggakan dilunasi (PP 44/2015 Pasal 39 dan 42). Bila tunggakan lebih dari {max} "
    "bulan, kepesertaan nonaktif."
)
STATUS_INACTIVE = N_(
    "nonaktif: iuran lebih dari {max} bulan berturut-turut belum dibayar, jadi tidak ada hak JKK dan JKM. "
    "Untuk aktif kembali, bayar iuran {month} dengan NIK Anda dan pastikan ke BPJS Ketenagakerjaan di 175."
)
ARREARS = N_("{count} bulan ({owed})")
NO_ARREARS = N_("tidak ada")
DECEASED = N_(
    "Peserta ini tercatat meninggal dunia pada {day} (klaim {source}). Iuran tidak perlu dibayar lagi, dan "
    "pengingat sudah dihentikan.{refund} Status klaim: /klaim → Status klaim dari HP pelapor, atau "
    "telepon 175."
)
DECEASED_REFUND = N_(
    " Iuran yang sudah dibayar untuk {count} bulan sesudahnya ({amount}) dikembalikan kepada ahli waris "
    "bersama klaim."
)


def status_text(standing: Standing, rules: Rules) -> Text:
    """Return the status line of `/iuran`: aktif, aktif with arrears, nonaktif, or not yet protected."""
    params: dict[str, Param] = {
        **_standing_params(standing),
        "max": rules.max_arrears_months,
        "month": Month(standing.next_month),
    }
    if standing.status is ParticipantStatus.REGISTERED:
        return Text(STATUS_REGISTERED)
    if standing.status is ParticipantStatus.INACTIVE:
        return Text(STATUS_INACTIVE, params)
    return Text(STATUS_IN_ARREARS if standing.arrears else STATUS_ACTIVE, params)


def arrears_text(standing: Standing) -> Text:
    """Return the arrears line of `/iuran`: how many months and what they cost."""
    if not standing.arrears or standing.status is ParticipantStatus.REGISTERED:
        return Text(NO_ARREARS)
    return Text(ARREARS, _standing_params(standing))


def deceased_said(standing: Standing, died_on: Day, source: str) -> Say:
    """Return what the deceased's own chat hears: no status of protection, what happens to the iuran."""
    refund: Param = ""
    if standing.ahead:
        refund = Text(DECEASED_REFUND, {"count": len(standing.ahead), "amount": Rupiah(standing.refund)})
    return Say(DECEASED, {"day": died_on, "source": source, "refund": refund})
