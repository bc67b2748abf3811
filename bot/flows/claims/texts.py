"""What the claims flow says: every text of the report, the documents and the status list."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.claims import Cause, ClaimKind, Programme
from bot.domain.dates import DateProblem
from bot.flows.base import N_
from bot.flows.labels import HEIR_RELATIONS

MENU_QUESTION = N_("Lapor klaim. Apa yang ingin Anda laporkan?")
REPORT_DEATH = N_("Lapor meninggal dunia")
REPORT_ACCIDENT = N_("Lapor kecelakaan kerja")
CLAIM_STATUS = N_("Status klaim")
CONDOLENCES = N_(
    "Turut berduka cita yang sedalam-dalamnya. Saya bantu pelan-pelan, satu pertanyaan setiap kali. "
    "Anda bisa berhenti kapan saja dengan /batal dan melanjutkan nanti; jawaban Anda tersimpan."
)
DEATH_CONSENT = N_(
    "Untuk laporan ini saya mencatat data almarhum/almarhumah dan data Anda sebagai pelapor (nama, "
    "hubungan keluarga, nomor HP, dokumen). Data dipakai hanya untuk klaim ini dan dilihat petugas BPJS "
    "Ketenagakerjaan (UU Pelindungan Data Pribadi). Setuju?"
)
ACCIDENT_INTRO = N_(
    "Semoga lekas pulih. Kecelakaan kerja, termasuk di jalan pergi atau pulang kerja, diklaim lewat JKK. "
    "Laporkan dalam 2 x 24 jam setelah kejadian, ke BPJS Ketenagakerjaan (lewat laporan ini) dan ke Dinas "
    "Tenaga Kerja setempat. Saya periksa dulu kepesertaannya, lalu saya jelaskan apa yang ditanggung."
)
ACCIDENT_CONSENT = N_(
    "Untuk laporan ini saya mencatat data peserta yang celaka dan data pelapor (nama, nomor HP, dokumen). "
    "Data dipakai hanya untuk klaim ini dan dilihat petugas BPJS Ketenagakerjaan. Setuju?"
)
AGREE = N_("Setuju")
DISAGREE = N_("Tidak")
DECLINED = N_(
    "Baik, tidak ada yang dicatat. Klaim juga bisa diajukan langsung di kantor cabang BPJS "
    "Ketenagakerjaan; informasi di telepon 175."
)
RELATION_QUESTION = N_(
    "Apa hubungan Anda dengan almarhum/almarhumah? Urutan ahli waris diatur PP 44/2015: suami/istri "
    "dan anak lebih dulu, lalu orang tua, kakek/nenek, cucu, lalu saudara kandung, lalu mertua."
)
RELATION_HELP = N_(
    "Ahli waris yang menerima santunan ditentukan PP 44/2015, berurutan: (1) suami/istri dan anak; "
    "(2) bila tidak ada: orang tua, kakek/nenek, cucu; (3) saudara kandung; (4) mertua; (5) yang ditunjuk "
    "dalam wasiat. Siapa pun boleh melapor."
)
NOT_AN_HEIR = N_(
    "Terima kasih sudah melapor. Anda boleh melaporkan, tetapi klaim dibayarkan kepada ahli waris "
    "(suami/istri dan anak lebih dulu). Ajak ahli waris menyiapkan dokumen; mereka juga bisa melapor sendiri."
)
RELATIONS: Mapping[str, str] = {**HEIR_RELATIONS, "bukan_keluarga": N_("Bukan keluarga")}
WHO_QUESTION = N_("Siapa yang melapor?")
WHO_SELF = N_("Saya sendiri (peserta)")
WHO_FAMILY = N_("Keluarga atau teman")
ID_QUESTION = N_("Dengan apa {whom} terdaftar? Pilih yang Anda punya.")
WHOM_DECEASED = N_("almarhum/almarhumah")
WHOM_WORKER = N_("peserta")
BY_NIK = N_("NIK (KTP)")
BY_NUMBER = N_("Nomor pendaftaran bot ini")
BY_KPJ = N_("Nomor KPJ (kartu peserta)")
NIK_OF = N_("Ketik NIK {whom}: 16 angka di KTP.")
NUMBER_OF = N_(
    "Ketik nomor pendaftaran {whom} (15 angka, atau 11 untuk yang lama; ada di bukti pendaftaran)."
)
KPJ_OF = N_("Ketik nomor KPJ {whom} (angka di kartu peserta BPJS Ketenagakerjaan).")
NUMBER_WRONG = N_(
    "Nomor itu tidak cocok: ada angka yang salah ketik (angka terakhir adalah angka pemeriksa). "
    "Coba periksa lagi, ya."
)
KPJ_WRONG = N_("Nomor KPJ berisi 8 sampai 13 angka. Coba periksa kartu peserta lagi, ya.")
MATCH_QUESTION = N_("Di pendaftaran kami ada peserta berinisial {initials} Benar ini orangnya?")
YES = N_("Ya, benar")
NO = N_("Bukan")
LOOKUP_LIMIT = N_(
    "Batas pemeriksaan NIK dan nomor pendaftaran dari chat ini ({limit} sehari) sudah tercapai, jadi nomor "
    "itu tidak saya periksa. Laporan tetap bisa dibuat; petugas akan mencocokkan datanya."
)
DIED_ON = N_("Kapan meninggalnya? Ketik tanggalnya, contoh: 12-11-2026, atau “kemarin”.")
ACCIDENT_ON = N_("Kapan kecelakaannya? Ketik tanggalnya, contoh: 12-11-2026, atau “hari ini”.")
DATE_PROBLEMS: Mapping[DateProblem, str] = {
    DateProblem.NOT_A_DATE: N_(
        "Saya tidak bisa membaca tanggal itu. Tulis misalnya 12-11-2026 atau 12 November 2026."
    ),
    DateProblem.FUTURE: N_("Tanggal itu belum lewat. Tulis tanggal kejadian yang sebenarnya, ya."),
    DateProblem.TOO_EARLY: N_("Tanggal itu terlalu lama. Tulis tanggal setelah tahun 1900, ya."),
}
PLACE_DEATH = N_("Di mana meninggalnya? Contoh: RSUD Wamena, atau di rumah, Kampung Wesaput.")
PLACE_ACCIDENT = N_("Di mana kecelakaannya terjadi? Contoh: Jl. Sudirman dekat pasar, Pekanbaru.")
PLACE_BAD = N_("Mohon tulis tempatnya dengan huruf, 3 sampai 150 huruf.")
CAUSE_QUESTION = N_("Apa penyebabnya?")
CAUSE_LABELS: Mapping[str, str] = {
    Cause.ILLNESS.value: N_("Sakit / wajar"),
    Cause.WORK_ACCIDENT.value: N_("Kecelakaan kerja / di jalan kerja"),
    Cause.OTHER_ACCIDENT.value: N_("Kecelakaan lain"),
    Cause.SUDDEN_AT_WORK.value: N_("Mendadak saat bekerja"),
}
CAUSE_HELP = N_(
    "Kecelakaan kerja termasuk kecelakaan di jalan pergi atau pulang kerja; klaimnya lewat JKK (paling "
    "lambat 5 tahun). Meninggal mendadak saat bekerja (di tempat kerja, atau dalam 24 jam setelah "
    "serangan di sana) juga dihitung kecelakaan kerja bila iuran sudah 12 bulan. Meninggal karena sakit "
    "atau kecelakaan lain diklaim lewat JKM."
)
WHAT_QUESTION = N_("Apa yang terjadi? Ceritakan singkat, contoh: jatuh dari motor saat antar penumpang.")
FACILITY_QUESTION = N_("Di mana dirawat? Contoh: RSUD Dok II Jayapura, atau Puskesmas Sentani.")
TEXT_BAD = N_("Mohon tulis dengan huruf, 3 sampai 300 huruf.")
BEFORE_REGISTRATION = N_(
    "Tanggal itu sebelum pendaftaran di bot ini ({registered}), jadi pendaftaran ini belum melindungi "
    "saat itu. Laporan tetap bisa dibuat bila ada kepesertaan lain; petugas akan memeriksanya."
)
CHECKLIST = N_("Dokumen yang perlu disiapkan (foto atau PDF):\n{documents}")
CHECKLIST_DEATH = N_(
    "Dokumen yang perlu disiapkan (foto atau PDF):\n{documents}\nSurat keterangan ahli waris dibuat di "
    "kantor kelurahan atau desa, lalu diketahui camat."
)
SUBMIT_QUESTION = N_("Kirim laporan sekarang? Dokumen bisa dikirim sesudahnya, kapan saja.")
SUBMIT = N_("Kirim laporan")
CANCEL_REPORT = N_("Batal")
SUBMITTED = N_(
    "Laporan tercatat. Nomor klaim: {number}. {programme} dibayar paling lambat {sla} hari kerja setelah "
    "dokumen lengkap; begitu petugas menyatakan dokumen lengkap, saya kabari tanggalnya. Saya kabari "
    "setiap ada perubahan status."
)
SUBMITTED_ACCIDENT = N_(
    "Laporan tercatat. Nomor klaim: {number}. Santunan tunai {programme} dibayar paling lambat {sla} hari "
    "kerja setelah sembuh dan dokumen lengkap; begitu petugas menyatakan dokumen lengkap, saya kabari "
    "tanggalnya. Saya kabari setiap ada perubahan status."
)
SUBMITTED_NO_RIGHT = N_(
    "Laporan tercatat. Nomor klaim: {number}. Menurut catatan kami belum ada santunan yang bisa dibayarkan; "
    "petugas BPJS Ketenagakerjaan akan memeriksa catatan pembayaran dan mengabari Anda lewat chat ini."
)
ACCIDENT_LATE = N_(
    "Kecelakaan ini sudah lebih dari 2 x 24 jam yang lalu. Tetap laporkan sekarang: laporan terlambat "
    "tidak membuat klaim ditolak, tetapi bukti lebih mudah diperiksa bila segera."
)
ACCIDENT_CLOSE = N_(
    "Batas lapor 2 x 24 jam hampir lewat (sampai {deadline}). Kirim laporan ini sekarang, dan dokumen "
    "menyusul."
)
ACCIDENT_TOO_OLD = N_(
    "Kecelakaan ini sudah lebih dari 5 tahun yang lalu, lewat batas klaim JKK. Laporan tetap dicatat; "
    "petugas akan memeriksanya."
)
DOCUMENTS_QUESTION = N_("Dokumen klaim {number}:\n{lines}\nPilih dokumen untuk dikirim, atau “Selesai”.")
DOCUMENT_HAVE = N_("✓ {name}")
DOCUMENT_MISSING = N_("• {name} (belum)")
SEND_DOCUMENT = N_("Kirim foto atau file PDF: {name}.")
DOCUMENT_TYPE = N_("Mohon kirim foto atau file PDF, ya.")
DOCUMENT_TOO_BIG = N_(
    "File itu terlalu besar (paling besar {max} MB). Kirim foto saja, atau PDF yang lebih kecil."
)
DOCUMENT_RECEIVED = N_("Diterima: {name}.")
WHICH_DOCUMENT = N_("Ini dokumen apa? Pilih salah satu untuk {what}.")
WHICH_FILE_THIS = N_("foto ini")
WHICH_FILE_NEXT = N_("foto berikutnya")
WHICH_PDF_THIS = N_("file PDF ini")
WHICH_PDF_NEXT = N_("file PDF berikutnya")
SKIP_FILE = N_("Bukan dokumen klaim")
SKIPPED_FILE = N_("Baik, file itu tidak disimpan.")
DOCUMENT_REPLACED = N_("Diterima: {name} (menggantikan yang sebelumnya).")
DONE = N_("Selesai")
DONE_LATER = N_(
    "Baik. Dokumen yang belum bisa dikirim nanti lewat /klaim → Status klaim. Nomor klaim Anda: {number}."
)
NO_CLAIMS = N_("Anda belum punya laporan klaim.")
CLAIMS_QUESTION = N_("Laporan klaim Anda:\n{lines}\nPilih untuk mengirim atau mengganti dokumen.")
CLAIM_LINE = N_("{number}: {kind}, {status}{missing}")
MISSING_SUFFIX = N_(" (dokumen kurang {count})")
CLAIM_BUTTON = N_("Dokumen {number}")
KIND_LABELS: Mapping[str, str] = {
    ClaimKind.DEATH.value: N_("meninggal dunia"),
    ClaimKind.ACCIDENT.value: N_("kecelakaan kerja"),
}
STATUS_LABELS: Mapping[str, str] = {
    "diterima": N_("diterima"),
    "dokumen_kurang": N_("dokumen kurang"),
    "diverifikasi": N_("diverifikasi"),
    "disetujui": N_("disetujui"),
    "dibayar": N_("dibayar"),
    "ditolak": N_("ditolak"),
    "disanggah": N_("diperiksa ulang"),
}
DOCUMENT_NAMES: Mapping[str, str] = {
    "kartu_peserta": N_("Kartu peserta (KPJ)"),
    "ktp_almarhum": N_("KTP almarhum/almarhumah"),
    "ktp_ahli_waris": N_("KTP ahli waris"),
    "ktp_peserta": N_("KTP peserta"),
    "kk": N_("Kartu Keluarga"),
    "surat_kematian": N_("Surat keterangan kematian"),
    "surat_ahli_waris": N_("Surat keterangan ahli waris"),
    "buku_tabungan": N_("Buku tabungan ahli waris"),
    "buku_nikah": N_("Buku nikah"),
    "kronologi": N_("Kronologi kecelakaan"),
    "surat_dokter": N_("Surat keterangan dokter"),
    "laporan_polisi": N_("Laporan polisi (kecelakaan lalu lintas)"),
    "kuitansi": N_("Kuitansi perawatan"),
}
PROGRAMME_NAMES: Mapping[str, str] = {Programme.JKM.value: N_("JKM"), Programme.JKK.value: N_("JKK")}
ALLOWED_MIME = ("image/jpeg", "image/png", "image/webp", "application/pdf")
RESUME_QUESTION = N_("Ada laporan yang belum selesai. Lanjutkan dari yang terakhir?")
RESUME = N_("Lanjutkan")
RESTART = N_("Mulai ulang")
