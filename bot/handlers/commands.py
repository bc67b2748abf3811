"""The commands shown in Telegram's menu, with their descriptions as msgids."""

from __future__ import annotations

from bot.flows.base import N_

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Menu utama")),
    ("daftar", N_("Daftar peserta BPU")),
    ("iuran", N_("Iuran & pengingat")),
    ("klaim", N_("Lapor klaim dan status klaim")),
    ("manfaat", N_("Tanya manfaat JKK, JKM, JHT")),
    ("datasaya", N_("Lihat, ubah, atau hapus data saya")),
    ("berhenti", N_("Matikan pengingat iuran")),
    ("bahasa", N_("Ganti bahasa")),
    ("bantuan", N_("Bantuan")),
    ("batal", N_("Batalkan langkah yang sedang berjalan")),
)
