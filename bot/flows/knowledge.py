"""The benefit knowledge base: topics, answers (msgids, translated like every other text), paraphrases.

The paraphrases are the questions workers type for each topic, in Indonesian and English, for the matcher.

Figures in answers are parameters filled from `Rules` (`bot/domain/rules.py`, each with its source), never
typed into a text. Every answer fits one message (600 characters, `tests/flows/test_message_length.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.base import N_


@dataclass(frozen=True)
class Topic:
    """One answer and what people ask to get it."""

    key: str
    label: str  # the topic button
    answer: str
    paraphrases: tuple[str, ...]  # Indonesian and English, as people type them


TOPICS: tuple[Topic, ...] = (
    Topic(
        "jkk",
        N_("JKK"),
        N_(
            "Jaminan Kecelakaan Kerja (JKK) menanggung kecelakaan saat bekerja dan di jalan pergi atau "
            "pulang kerja, juga penyakit akibat kerja: perawatan sesuai kebutuhan medis tanpa batas biaya "
            "(di fasilitas mitra PLKK tanpa bayar dulu), santunan selama tidak bisa bekerja, santunan cacat, "
            "dan bila meninggal {jkk_death}x penghasilan. Laporkan dalam 2 x 24 jam ke BPJS Ketenagakerjaan "
            "(/klaim) dan Disnaker setempat. Dengan tunggakan sampai {months} bulan, santunan tunai menunggu "
            "tunggakan lunas; lebih dari itu tidak ditanggung."
        ),
        (
            "apa itu jkk",
            "jaminan kecelakaan kerja",
            "kalau kecelakaan saat kerja ditanggung tidak",
            "kecelakaan pas narik ditanggung",
            "jatuh dari motor waktu antar penumpang dapat apa",
            "biaya rumah sakit kecelakaan kerja",
            "kecelakaan di jalan pulang kerja",
            "luka kena pisau waktu kerja",
            "berobat karena kecelakaan kerja gratis",
            "santunan cacat kecelakaan",
            "tidak bisa kerja karena kecelakaan dapat uang",
            "penyakit akibat kerja",
            "work accident insurance",
            "am i covered if i crash while working",
            "hospital bill after an accident at work",
            "what does jkk cover",
            "ditabrak saat kerja ditanggung",
            "tertabrak waktu ngojek",
            "kecelakaan lalu lintas saat kerja",
            "operasi karena kecelakaan",
            "kena mesin waktu kerja",
            "kecelakaan di laut waktu melaut",
            "jkk",
        ),
    ),
    Topic(
        "jkm",
        N_("JKM"),
        N_(
            "Jaminan Kematian (JKM) dibayar kepada ahli waris bila peserta meninggal bukan karena kecelakaan "
            "kerja: {jkm_full} (santunan kematian {jkm_lump}, santunan berkala {jkm_periodic}, pemakaman "
            "{jkm_funeral}) setelah 3 bulan kepesertaan dengan iuran terbayar (iuran di muka belum "
            "dihitung); sebelumnya {jkm_early}. Tunggakan sampai {months} bulan: pemakaman dulu, sisanya "
            "setelah tunggakan lunas; lebih dari itu tidak ada hak."
        ),
        (
            "apa itu jkm",
            "jaminan kematian",
            "santunan kematian berapa",
            "kalau meninggal dapat berapa",
            "uang duka bpjs",
            "suami meninggal keluarga dapat apa",
            "biaya pemakaman ditanggung",
            "ahli waris dapat santunan berapa",
            "meninggal karena sakit dapat santunan",
            "santunan berkala",
            "42 juta",
            "death benefit",
            "how much does my family get if i die",
            "funeral costs",
            "jkm",
            "keluarga dapat uang kalau peserta meninggal",
            "meninggal karena sakit",
            "istri meninggal santunan",
            "baru daftar lalu meninggal",
        ),
    ),
    Topic(
        "jht",
        N_("JHT"),
        N_(
            "Jaminan Hari Tua (JHT) adalah tabungan pilihan untuk BPU: iuran tambahan {jht_rate} persen dari "
            "penghasilan yang dilaporkan, tidak ikut potongan iuran. Saldonya beserta hasil "
            "pengembangannya diambil saat usia 56 tahun, berhenti bekerja, cacat total, atau meninggal. "
            "Pilih program JKK + JKM + JHT saat mendaftar atau lewat /datasaya."
        ),
        (
            "apa itu jht",
            "jaminan hari tua",
            "tabungan hari tua",
            "jht bisa dicairkan kapan",
            "jht wajib tidak",
            "pencairan jht",
            "saldo jht",
            "iuran jht berapa",
            "pensiun bpjs",
            "old age savings",
            "when can i take my jht",
            "is jht required",
            "jht",
            "ikut jht",
            "jht dicairkan",
            "ambil saldo jht",
            "berhenti kerja ambil jht",
            "jht dapat potongan",
            "jht optional",
            "perlu ikut jht tidak",
        ),
    ),
    Topic(
        "beasiswa",
        N_("Beasiswa anak"),
        N_(
            "Beasiswa untuk paling banyak {children} anak bila peserta meninggal, atau cacat total tetap "
            "karena kecelakaan kerja: lewat JKK tanpa masa iuran minimal; meninggal karena sebab lain bila "
            "iuran sudah 3 tahun. Cacat karena sakit tidak mendapat beasiswa. Per anak per tahun: TK dan SD "
            "{sd}, SMP {smp}, SMA {sma}, kuliah {college}; seluruhnya paling banyak {max}. Diajukan setiap "
            "tahun ajaran."
        ),
        (
            "beasiswa anak",
            "anak sy dpt beasiswa gak",
            "biaya sekolah anak kalau bapaknya meninggal",
            "beasiswa berapa",
            "anak kuliah dapat beasiswa",
            "syarat beasiswa bpjs",
            "beasiswa sd smp sma",
            "dana pendidikan anak",
            "scholarship for my children",
            "school fees for kids",
            "beasiswa cacat total",
            "beasiswa masa iuran tahun",
            "beasiswa diambil tiap tahun",
            "beasiswa tk",
            "anak sekolah dibiayai",
            "beasiswa kuliah",
        ),
    ),
    Topic(
        "iuran",
        N_("Iuran & potongan"),
        N_(
            "Iuran per bulan: JKK 1 persen dari penghasilan yang dilaporkan (paling sedikit {min_income}) "
            "ditambah JKM {jkm_flat}; JHT pilihan, tambahan 2 persen. Yang termurah {cheapest}. Ada "
            "potongan 50 persen JKK dan JKM dari pemerintah (PP 50/2025): ojol, opang, kurir dan sopir "
            "sampai {transport_until}, pekerja lain sampai {other_until}. Contoh: ketik “penghasilan 2 juta, "
            "petani”."
        ),
        (
            "brp iuran paling murah",
            "iuran berapa sebulan",
            "berapa iuran bpu",
            "iuran termurah",
            "potongan iuran",
            "diskon iuran ojol",
            "iuran 16800",
            "iuran 8400",
            "hitung iuran",
            "iurannya berapa kalau penghasilan 2 juta",
            "bayar berapa per bulan",
            "mahal tidak iurannya",
            "how much is the contribution",
            "monthly fee",
            "cheapest contribution",
            "discount for drivers",
            "iuran petani",
            "iuran pedagang",
            "iuran nelayan",
            "iuran jkk jkm",
            "iuran ojol",
            "iuran per bulan",
            "iurannya",
        ),
    ),
    Topic(
        "bayar",
        N_("Cara bayar"),
        N_(
            "Bayar iuran dengan menyebut NIK Anda sebagai kode bayar di bank, kantor pos, minimarket mitra "
            "BPJS Ketenagakerjaan, atau aplikasi JMO. Bayar paling lambat tanggal 15 setiap bulan (hari "
            "kerja berikutnya bila libur); bisa sekaligus 3, 6, atau 12 bulan. Pembayaran tercatat otomatis "
            "dan "
            "saya kabari; lihat statusnya di /iuran."
        ),
        (
            "cara bayar iuran",
            "bayar dimana",
            "bayar lewat apa",
            "bisa bayar di indomaret",
            "bayar di alfamart",
            "bayar pakai jmo",
            "kode bayar",
            "jatuh tempo tanggal berapa",
            "bayar tiap tanggal berapa",
            "bisa bayar sekaligus setahun",
            "how do i pay",
            "where can i pay",
            "due date",
            "bayar di kantor pos",
            "bayar pakai nik",
            "bayar di gojek atau grab",
            "sudah bayar belum tercatat",
            "batas bayar",
            "bayar lewat bank",
            "bayar ke mana",
            "pay the contribution",
        ),
    ),
    Topic(
        "telat",
        N_("Telat bayar / nonaktif"),
        N_(
            "Telat bayar tidak didenda. Dengan tunggakan sampai {months} bulan berturut-turut, hak JKK dan "
            "JKM tetap ada, tetapi santunan tunai baru dibayar setelah tunggakan dilunasi (biaya pemakaman "
            "JKM dibayar lebih dulu). Lebih dari {months} bulan, kepesertaan nonaktif dan tidak ada hak JKK "
            "dan JKM. Untuk aktif lagi, bayar iuran berikutnya dengan NIK Anda lalu pastikan ke 175."
        ),
        (
            "telat bayar",
            "lupa bayar iuran",
            "kalo telat bayar gimana",
            "denda telat",
            "nonaktif",
            "kepesertaan nonaktif",
            "nunggak 3 bulan",
            "belum bayar 2 bulan",
            "cara aktif lagi",
            "aktifkan kembali bpjs",
            "late payment",
            "what if i miss a payment",
            "reactivate membership",
            "lama tidak bayar",
            "berhenti bayar iuran",
            "tunggakan",
            "masih ditanggung kalau belum bayar",
            "pay late",
            "inactive membership",
            "keterlambatan",
        ),
    ),
    Topic(
        "daftar",
        N_("Syarat daftar"),
        N_(
            "Yang bisa mendaftar BPU: pekerja mandiri seperti ojol, pedagang, petani, nelayan, buruh harian, "
            "berusia {min_age} sampai di bawah {max_age} tahun. Cukup NIK (KTP), nomor HP, alamat, "
            "pekerjaan, perkiraan penghasilan, dan ahli waris. Daftar di sini lewat /daftar, sekitar 3 "
            "menit; "
            "perlindungan mulai setelah iuran pertama dibayar."
        ),
        (
            "syarat daftar",
            "cara daftar bpjs ketenagakerjaan",
            "dokumen apa untuk daftar",
            "umur berapa bisa daftar",
            "ibu rumah tangga bisa daftar",
            "pedagang bisa ikut",
            "petani bisa jadi peserta",
            "perlu ktp",
            "daftar bpu",
            "who can register",
            "what do i need to sign up",
            "requirements to join",
            "tukang becak bisa daftar",
            "perlu npwp",
            "bpu untuk siapa",
            "buruh harian daftar",
            "syarat ikut bpjs",
            "jadi peserta bpu",
            "ibu rumah tangga daftar",
        ),
    ),
    Topic(
        "klaim",
        N_("Klaim"),
        N_(
            "Klaim dilaporkan lewat /klaim: meninggal dunia (oleh ahli waris) atau kecelakaan kerja. Siapkan "
            "kartu peserta, KTP dan KK, surat kematian atau surat dokter, surat ahli waris, dan buku "
            "tabungan. "
            "Dokumen bisa dikirim sebagai foto. JKM dibayar paling lambat {jkm_sla} hari kerja setelah "
            "dokumen "
            "lengkap, JKK {jkk_sla} hari kerja."
        ),
        (
            "cara klaim",
            "klaim jkm",
            "klaim kecelakaan",
            "dokumen klaim apa saja",
            "berapa lama klaim cair",
            "lapor meninggal",
            "syarat klaim santunan",
            "how to claim",
            "claim documents",
            "how long until the claim is paid",
            "klaim online",
            "klaim ditolak",
            "santunan cair kapan",
            "claim death benefit",
            "klaim bawa dokumen apa",
            "mengajukan klaim",
            "prosedur klaim",
            "claim procedure",
            "surat untuk klaim",
        ),
    ),
    Topic(
        "kontak",
        N_("Kontak & kantor cabang"),
        N_(
            "Hubungi BPJS Ketenagakerjaan di 175 (telepon) atau datang ke kantor cabang terdekat membawa "
            "KTP. "
            "Status iuran dan klaim juga bisa dilihat di aplikasi JMO. Di bot ini: /iuran untuk iuran, "
            "/klaim "
            "untuk klaim, /datasaya untuk data Anda."
        ),
        (
            "nomor telepon bpjs",
            "call center",
            "kantor cabang terdekat",
            "alamat kantor bpjs",
            "mau bicara dengan petugas",
            "hubungi cs",
            "contact number",
            "branch office",
            "talk to a person",
            "kontak bpjs",
            "whatsapp bpjs",
            "hotline",
            "customer service",
            "nomor pengaduan",
            "jam buka kantor",
            "ketemu petugas",
        ),
    ),
)
TOPIC_BY_KEY = {topic.key: topic for topic in TOPICS}
