"""How register keys are shown: occupations, heir relations, programmes, statuses (msgids)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.participants import HEIR_RELATION_KEYS, OCCUPATION_KEYS, ParticipantStatus
from bot.flows.base import N_

OCCUPATIONS: Mapping[str, str] = {
    "ojol": N_("Ojek online"),
    "ojek_pangkalan": N_("Ojek pangkalan"),
    "kurir": N_("Kurir"),
    "sopir": N_("Sopir / angkot"),
    "becak": N_("Tukang becak"),
    "pedagang": N_("Pedagang pasar"),
    "pkl": N_("PKL"),
    "petani": N_("Petani"),
    "nelayan": N_("Nelayan"),
    "buruh": N_("Buruh harian lepas"),
    "lainnya": N_("Lainnya"),
}
HEIR_RELATIONS: Mapping[str, str] = {
    "pasangan": N_("Suami/istri"),
    "anak": N_("Anak"),
    "orang_tua": N_("Ayah/ibu"),
    "kakek_nenek": N_("Kakek/nenek"),
    "cucu": N_("Cucu"),
    "saudara": N_("Saudara kandung"),
    "mertua": N_("Mertua"),
    "wasiat": N_("Lainnya (wasiat)"),
}
PROGRAMMES: Mapping[str, str] = {
    "jkk_jkm": N_("JKK + JKM"),
    "jkk_jkm_jht": N_("JKK + JKM + JHT"),
}
# Buttons every flow may show.
BACK_TO_MENU = N_("Kembali ke menu")
CANCEL = N_("Batal")

# The "change" buttons of enrolment's summary and of `/datasaya`.
CHANGE_LABELS: Mapping[str, str] = {
    "phone": N_("Ubah HP"),
    "regency": N_("Ubah kab/kota"),
    "address": N_("Ubah alamat"),
    "occupation": N_("Ubah pekerjaan"),
    "income": N_("Ubah penghasilan"),
    "programme": N_("Ubah program"),
    "heirs": N_("Ubah ahli waris"),
}
STATUS_LABELS: Mapping[ParticipantStatus, str] = {
    ParticipantStatus.REGISTERED: N_("terdaftar, menunggu iuran pertama (belum terlindungi)"),
    ParticipantStatus.ACTIVE: N_("aktif"),
    ParticipantStatus.INACTIVE: N_("nonaktif: iuran tertunggak, perlindungan JKK/JKM berhenti"),
    ParticipantStatus.ANONYMISED: N_("data pribadi sudah dihapus"),
}

assert tuple(OCCUPATIONS) == OCCUPATION_KEYS, "every occupation key has a label"
assert tuple(HEIR_RELATIONS) == HEIR_RELATION_KEYS, "every heir relation has a label"
