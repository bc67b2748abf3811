"""The words of benefit questions: how workers spell them, in which languages, and which say nothing. Pure.

`bot/domain/qa.py` normalises every question and every way of asking an entry with these tables before
matching, so a question in slang, in English, or with Javanese, Sundanese or Betawi words meets the
knowledge base's Indonesian. Tuned on the dev set only (tests/qa/dev.tsv; README, "Benefit answers").
"""

from __future__ import annotations

from collections.abc import Mapping


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Workers' spellings → the word the knowledge base uses.
SLANG: Mapping[str, str] = {
    "brp": "berapa", "brapa": "berapa", "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak",
    "ngga": "tidak", "enggak": "tidak", "tdk": "tidak", "g": "tidak", "sy": "saya", "aku": "saya",
    "gw": "saya", "gue": "saya", "kalo": "kalau", "klo": "kalau", "klu": "kalau", "dpt": "dapat",
    "dapetin": "dapat", "dapet": "dapat", "yg": "yang", "utk": "untuk", "gimana": "bagaimana",
    "gmn": "bagaimana", "gmana": "bagaimana", "sdh": "sudah", "udah": "sudah", "udh": "sudah",
    "blm": "belum", "tp": "tapi", "jg": "juga", "krn": "karena", "dr": "dari", "dgn": "dengan",
    "pas": "saat", "lg": "lagi", "bs": "bisa", "bisa2": "bisa", "duit": "uang", "bini": "istri",
    "laki": "suami", "mati": "meninggal", "wafat": "meninggal", "meningal": "meninggal",
    "ninggal": "meninggal", "almarhum": "meninggal", "nunggak": "tunggak", "telat": "terlambat",
    "tlat": "terlambat", "ojek": "ojol", "ngojek": "ojol", "ngojol": "ojol", "narik": "kerja",
    "nyupir": "kerja", "ortu": "orangtua", "anak2": "anak", "skolah": "sekolah", "sekola": "sekolah",
    "nguburin": "kubur", "ngubur": "kubur", "dikubur": "kubur", "nguburkan": "kubur", "aktifin": "aktif",
    "ngaktifin": "aktif", "diaktifin": "aktif", "diwakilin": "diwakilkan", "wakilin": "diwakilkan",
    "nganter": "antar", "nganterin": "antar", "telpon": "telepon", "nelpon": "telepon", "protes": "komplain",
    "komplen": "komplain", "parkir": "pekerja parkir",
    "rs": "rumah sakit", "jmo": "jmo", "hp": "telepon", "tlp": "telepon", "telp": "telepon", "no": "nomor",
    "nmr": "nomor", "kpn": "kapan", "dmn": "dimana", "bpjstk": "bpjs", "jamsostek": "bpjs", "cair": "cair",
    "nyairin": "cair", "berobat": "obat", "gratis": "tanggung", "ditanggung": "tanggung",
    "tanggungan": "tanggung", "dibayarin": "tanggung", "mahal": "mahal", "murah": "murah",
    "termurah": "murah", "plg": "paling", "bln": "bulan", "thn": "tahun", "th": "tahun", "jt": "juta",
    "rb": "ribu", "kerjaan": "kerja", "kuliah": "kuliah", "sakit": "sakit", "cacat": "cacat",
    "kecelakan": "kecelakaan", "kcelakaan": "kecelakaan", "iuaran": "iuran", "iurn": "iuran",
    "beasiswanya": "beasiswa", "santunannya": "santunan", "bayarnya": "bayar", "daftarnya": "daftar",
    "piye": "bagaimana", "opo": "apa", "ora": "tidak", "ndak": "tidak", "nda": "tidak", "endak": "tidak",
    "kagak": "tidak", "elu": "kamu", "nyang": "yang", "ape": "apa", "napa": "kenapa", "kudu": "harus",
    "mesti": "harus", "piro": "berapa", "dicairin": "cair", "dicairkan": "cair", "pencairan": "cair",
    "ngajuin": "aju", "ngajukan": "aju", "ngomong": "bicara", "wa": "whatsapp", "iurane": "iuran",
    "iurannya": "iuran", "gpp": "tidak apa", "inget": "ingat", "ingetin": "ingat", "due": "jatuh tempo",
    "deadline": "batas", "pendapatan": "penghasilan", "pemasukan": "penghasilan", "gajian": "penghasilan",
    "kecatat": "tercatat", "berenti": "berhenti", "ane": "saya", "autodebet": "autodebit",
    "ngelaporin": "lapor", "dihidupin": "aktif", "hidupin": "aktif", "kmtian": "kematian",
}  # fmt: skip

# English → the Indonesian word the knowledge base uses (questions in English meet Indonesian entries).
ENGLISH: Mapping[str, str] = {
    "customer": "cs", "service": "cs", "contact": "kontak", "person": "petugas", "officer": "petugas",
    "talk": "bicara", "store": "minimarket", "shop": "toko", "convenience": "minimarket", "should": "harus",
    "before": "sebelum", "signing": "daftar", "prepare": "siapkan", "need": "perlu", "needed": "perlu",
    "latest": "paling lambat", "continue": "lanjut", "receive": "terima", "receives": "terima",
    "ordinary": "biasa", "add": "tambah", "adding": "tambah", "online": "online", "long": "lama",
    "limit": "batas", "apply": "aju", "lapse": "nonaktif", "what": "apa", "when": "kapan",
    "where": "dimana", "who": "siapa", "why": "kenapa", "how": "bagaimana", "pay": "bayar", "paid": "bayar",
    "paying": "bayar", "payment": "bayar", "payments": "bayar", "contribution": "iuran",
    "contributions": "iuran", "fee": "iuran", "fees": "iuran", "premium": "iuran", "monthly": "bulan",
    "month": "bulan", "months": "bulan", "year": "tahun", "years": "tahun", "yearly": "tahun",
    "day": "hari", "daily": "hari", "week": "minggu", "weekly": "minggu", "cheapest": "murah",
    "cheap": "murah", "minimum": "minimal", "lowest": "murah", "highest": "tinggi", "maximum": "maksimal",
    "discount": "diskon", "discounted": "diskon", "reduced": "kurang", "register": "daftar",
    "registered": "daftar", "registering": "daftar", "registration": "daftar", "join": "daftar",
    "joining": "daftar", "sign": "daftar", "signup": "daftar", "enrol": "daftar", "enroll": "daftar",
    "member": "peserta", "membership": "peserta", "participant": "peserta", "eligible": "daftar",
    "card": "kartu", "lost": "hilang", "lose": "hilang", "id": "ktp", "accident": "kecelakaan",
    "accidents": "kecelakaan", "crash": "kecelakaan", "crashed": "kecelakaan", "injured": "kecelakaan",
    "injury": "kecelakaan", "work": "kerja", "working": "kerja", "job": "kerja", "jobs": "kerja",
    "commute": "perjalanan", "commuting": "perjalanan", "way": "jalan", "home": "rumah",
    "hospital": "rumah sakit", "treatment": "obat", "covered": "tanggung", "cover": "tanggung",
    "coverage": "tanggung", "protected": "lindung", "protection": "lindung", "die": "meninggal",
    "died": "meninggal", "dies": "meninggal", "death": "meninggal", "dead": "meninggal",
    "funeral": "pemakaman", "burial": "pemakaman", "family": "keluarga", "grandfather": "kakek",
    "grandmother": "nenek", "father": "bapak", "mother": "ibu", "parents": "orangtua", "son": "anak",
    "daughter": "anak", "brother": "saudara", "sister": "saudara", "heir": "ahli waris",
    "heirs": "ahli waris", "wife": "istri", "husband": "suami", "children": "anak", "child": "anak",
    "kids": "anak", "kid": "anak", "school": "sekolah", "scholarship": "beasiswa", "university": "kuliah",
    "claim": "klaim", "claims": "klaim", "documents": "dokumen", "document": "dokumen", "papers": "dokumen",
    "late": "terlambat", "penalty": "denda", "fine": "denda", "inactive": "nonaktif", "reactivate": "aktif",
    "active": "aktif", "arrears": "tunggak", "pension": "pensiun", "retirement": "pensiun",
    "savings": "tabungan", "balance": "saldo", "withdraw": "cair", "withdrawal": "cair",
    "partial": "sebagian", "phone": "telepon", "number": "nomor", "call": "telepon", "office": "kantor",
    "branch": "cabang", "complaint": "pengaduan", "complain": "pengaduan", "website": "situs",
    "app": "aplikasi", "age": "umur", "old": "umur", "income": "penghasilan", "earn": "penghasilan",
    "earnings": "penghasilan", "salary": "gaji", "wage": "upah", "subsidy": "subsidi",
    "unemployment": "kehilangan pekerjaan", "laid": "phk", "disability": "cacat", "disabled": "cacat",
    "disease": "penyakit", "illness": "sakit", "sick": "sakit", "remind": "ingat", "reminder": "ingat",
    "advance": "muka", "automatic": "otomatis", "automatically": "otomatis", "debit": "autodebit",
    "wallet": "dompet", "driver": "ojol", "drivers": "ojol", "farmer": "petani", "farmers": "petani",
    "fisherman": "nelayan", "fishermen": "nelayan", "trader": "pedagang", "vendor": "pedagang",
    "vendors": "pedagang", "freelancer": "pekerja lepas", "informal": "mandiri", "group": "kelompok",
    "someone": "orang lain", "else": "lain", "track": "lacak", "status": "status",
    "account": "rekening", "tax": "npwp", "interest": "hasil", "receipt": "bukti", "proof": "bukti",
    "data": "data", "delete": "hapus", "privacy": "privasi", "moved": "pindah", "move": "pindah",
    "city": "kota", "address": "alamat", "change": "ubah", "update": "ubah", "health": "kesehatan",
    "housing": "rumah", "loan": "pinjaman", "stop": "berhenti", "stopped": "berhenti", "quit": "berhenti",
    "benefit": "santunan", "benefits": "manfaat", "programme": "program", "programs": "program",
    "programmes": "program", "which": "apa", "every": "tiap", "each": "tiap", "worker": "pekerja",
    "workers": "pekerja", "self": "mandiri", "employed": "mandiri", "recover": "sembuh",
    "recovering": "sembuh", "recovery": "sembuh", "deducted": "potong", "deduct": "potong",
    "package": "program", "plan": "program", "while": "selama", "still": "masih", "get": "dapat",
    "gets": "dapat", "can": "bisa", "cost": "biaya", "costs": "biaya", "pays": "bayar",
    "seller": "pedagang", "sellers": "pedagang", "sell": "jual", "selling": "jual", "employee": "karyawan",
    "employees": "karyawan", "behind": "tunggak", "skip": "tidak bayar", "skipped": "tidak bayar",
    "cashier": "kasir", "losing": "hilang", "finger": "jari", "fingers": "jari", "hearing": "dengar",
    "aid": "alat bantu", "aids": "alat bantu", "dentures": "gigi palsu", "treated": "obat",
    "owe": "tagihan", "owed": "tagihan", "bill": "tagihan", "already": "sudah", "face": "wajah",
    "verification": "verifikasi", "verify": "verifikasi", "failing": "gagal", "fails": "gagal",
    "failed": "gagal", "incomplete": "belum lengkap", "missing": "kurang", "allowance": "santunan",
    "refund": "kembali", "refunded": "kembali",
    "joined": "daftar", "without": "tanpa", "now": "sekarang", "hit": "tabrak", "report": "lapor",
    "reported": "lapor", "recovered": "sembuh", "hand": "tangan", "machine": "mesin",
    "compensation": "santunan", "ambulance": "ambulans", "lung": "paru", "days": "hari", "rate": "persen",
    "part": "sebagian", "conditions": "syarat", "requirements": "syarat", "until": "sampai", "baby": "bayi",
    "three": "tiga", "two": "dua", "most": "paling", "full": "penuh", "amount": "jumlah",
    "depend": "beda", "occupation": "pekerjaan", "auto": "otomatis", "debited": "autodebit",
    "together": "bersama", "ahead": "muka", "check": "cek", "prove": "bukti", "proves": "bukti",
    "changes": "ubah", "follow": "lacak", "hotline": "telepon", "doctor": "dokter", "nurse": "perawat",
    "deceased": "meninggal", "statement": "surat", "certificate": "surat", "heir's": "ahli waris",
    "hospitals": "rumah sakit", "compulsory": "wajib", "mandatory": "wajib",
}  # fmt: skip
# Indonesian words with one meaning, read as the word the knowledge base uses (on both sides: the ways of
# asking too), so that "berkas" meets "dokumen" and "langkah" meets "cara" whichever an entry was asked with.
SYNONYMS: Mapping[str, str] = {
    "berkas": "dokumen", "berkasnya": "dokumen", "persyaratan": "syarat", "persyaratannya": "syarat",
    "langkah": "cara", "langkah2": "cara", "prosedur": "cara", "prosedurnya": "cara", "tahapan": "cara",
    "setengah": "sebagian", "separuh": "sebagian", "ngadu": "pengaduan",
    "mengadu": "pengaduan", "aduan": "pengaduan", "rame2": "bersama", "ramai2": "bersama",
    "bareng": "bersama", "barengan": "bersama", "bareng2": "bersama", "pemkab": "pemda", "pemkot": "pemda",
    "pemprov": "pemda", "nambah": "tambah", "nambahin": "tambah", "ngobrol": "bicara", "bayarin": "bayar",
    "bayarkan": "bayar", "berbunga": "hasil", "keluarin": "keluar",
    "gopay": "dompet digital", "ovo": "dompet digital", "shopeepay": "dompet digital",
    "linkaja": "dompet digital", "bujangan": "belum nikah", "lajang": "belum nikah", "kepotong": "potong",
    # Small numbers as words, the way most ways of asking spell them ("2 bulan" is "dua bulan").
    "1": "satu", "2": "dua", "3": "tiga", "4": "empat", "5": "lima", "6": "enam", "7": "tujuh",
    "8": "delapan", "9": "sembilan", "10": "sepuluh", "12": "dua belas",
}  # fmt: skip
# Lines of work, read as one word: a worker names theirs in passing ("saya tukang cukur, ...", "saya penjual
# bakso keliling, ..."), and the entry that happens to have been asked with that trade must not win for it.
# Transport work stays itself: the potongan for ojol, kurir, sopir and becak depends on it.
TRADES = _set(
    """pedagang penjual jualan dagang berdagang petani tani nelayan buruh kuli tukang penjahit pemulung
    seniman cukur las bangunan bakso gorengan kue sayur warung kelontong pengrajin montir bengkel peternak
    pkl asongan keliling serabutan"""
)
TRADE = "okupasi"  # the one word they are read as (a word no question uses)
# English question words whose meaning is in the pair, not in either word ("many" says nothing alone).
ENGLISH_PAIRS: Mapping[str, str] = {
    "how much": "berapa", "how many": "berapa", "how long": "berapa lama", "how old": "umur berapa",
    "job loss": "jkp", "lost my job": "jkp",
}  # fmt: skip
# Indonesian names of two words for one thing the knowledge base names in one ("pemerintah kabupaten" pays
# iuran as the pemda does).
PHRASES: Mapping[str, str] = {
    "pemerintah kabupaten": "pemda", "pemerintah kota": "pemda", "pemerintah provinsi": "pemda",
    "pemerintah daerah": "pemda", "orang tua": "orangtua",
}  # fmt: skip
# Words Sastrawi cuts too far, so that unrelated words meet: "peserta" is not "serta" (and), "meninggal" not
# "tinggal" (to live, to be left behind: "kartu ketinggalan"), "perawatan" is "rawat". Surface word → stem.
STEMS: Mapping[str, str] = {
    "peserta": "peserta", "pesertanya": "peserta", "kepesertaan": "peserta", "kepesertaannya": "peserta",
    "meninggal": "meninggal", "meninggalnya": "meninggal", "kematian": "meninggal", "perawatan": "rawat",
    "perawatannya": "rawat",
}  # fmt: skip
# Javanese, Sundanese and Betawi words workers mix into Indonesian → the Indonesian word.
REGIONAL: Mapping[str, str] = {
    # Javanese
    "piye": "bagaimana", "pripun": "bagaimana", "kepiye": "bagaimana", "opo": "apa", "nopo": "apa",
    "ora": "tidak", "mboten": "tidak", "durung": "belum", "dereng": "belum", "wis": "sudah",
    "uwis": "sudah", "sampun": "sudah", "iso": "bisa", "saged": "bisa", "oleh": "boleh", "piro": "berapa",
    "pinten": "berapa", "sopo": "siapa", "sinten": "siapa", "ngendi": "dimana", "pundi": "dimana",
    "kapan": "kapan", "mbayar": "bayar", "mbayari": "bayar", "bayari": "bayar", "ndaftar": "daftar",
    "daftarke": "daftar", "didaftarke": "daftar", "bojo": "istri", "bojoku": "istri", "bapakku": "bapak",
    "ibuku": "ibu", "anakku": "anak", "kabeh": "semua", "wae": "saja", "ilang": "hilang",
    "kartuku": "kartu", "dodol": "jual", "dodolan": "jual", "nggo": "untuk", "kanggo": "untuk",
    "duwe": "punya", "nduwe": "punya", "gadah": "punya", "mati": "meninggal", "seda": "meninggal",
    "tilar": "meninggal", "lara": "sakit", "kerjo": "kerja", "nyambut": "kerja", "gawe": "kerja",
    "tagihanku": "tagihan", "yuswa": "umur", "sepuh": "tua", "nampa": "terima", "dewe": "sendiri",
    "cilik": "kecil", "iki": "ini", "kuwi": "itu", "karo": "dan", "utawa": "atau", "po": "apa",
    "yo": "ya", "ae": "saja", "sing": "yang", "kudu": "harus", "dilunasi": "lunas", "kulo": "saya",
    "kula": "saya", "awakku": "saya", "panjenengan": "anda", "sampeyan": "anda", "badhe": "mau",
    "pengen": "mau", "arep": "mau", "mawon": "saja", "taksih": "masih", "isih": "masih", "iseh": "masih",
    "ra": "tidak", "sasi": "bulan", "sasine": "bulan", "wulan": "bulan", "warsa": "tahun", "dino": "hari",
    "wingi": "kemarin", "sesuk": "besok", "mlebu": "masuk", "metu": "keluar", "siji": "satu", "loro": "dua",
    "telu": "tiga", "telung": "tiga", "papat": "empat", "limang": "lima", "dijupuk": "ambil",
    "njupuk": "ambil", "mendet": "ambil", "separo": "sebagian", "sithik": "sedikit", "akeh": "banyak",
    "saka": "dari", "seko": "dari", "teko": "dari", "nang": "di", "ning": "di", "lan": "dan",
    "diwenehi": "diberi", "wenehi": "beri", "ngerti": "tahu", "ngertos": "tahu", "melu": "ikut",
    "tumut": "ikut", "gerah": "sakit", "tiwas": "meninggal", "ciloko": "kecelakaan",
    "kacilakan": "kecelakaan", "makarya": "kerja", "bakul": "pedagang", "bayare": "bayar",
    "daftare": "daftar", "kertu": "kartu", "anake": "anak", "bojone": "istri", "garwa": "istri",
    "ingkang": "yang", "menawi": "kalau", "nek": "kalau", "lek": "kalau", "kados": "seperti",
    "endi": "mana", "ngopo": "kenapa", "angsal": "dapat", "entuk": "dapat", "olih": "dapat",
    "larang": "mahal", "ndisik": "dulu", "turah": "sisa", "turahane": "sisa", "bali": "kembali",
    "eling": "ingat", "elingke": "ingat", "sadurunge": "sebelum", "wong": "orang", "liya": "lain",
    "ngubungi": "hubungi", "sambat": "komplain", "prei": "libur", "tibo": "jatuh", "mangkat": "berangkat",
    "dudu": "bukan", "tekan": "sampai", "jeneng": "nama", "nggowo": "bawa", "kutha": "kota",
    "disimpen": "simpan", "sedulur": "saudara", "diwakilke": "diwakilkan", "diajukke": "aju",
    "ngajukke": "aju", "dilaporke": "lapor", "kacatet": "tercatat", "enom": "muda", "rega": "harga",
    "menyang": "ke", "sesasi": "sebulan",
    # Sundanese
    "kumaha": "bagaimana", "naon": "apa", "teu": "tidak", "henteu": "tidak", "abdi": "saya", "bade": "mau",
    "hoyong": "mau", "tiasa": "bisa", "sabaraha": "berapa", "saha": "siapa", "dimana": "dimana",
    "kamana": "kemana", "kedah": "harus", "mayar": "bayar", "gaduh": "punya", "ngiring": "ikut",
    "patani": "petani", "pun": "sudah", "parantos": "sudah", "acan": "belum", "teras": "lalu",
    "carana": "cara", "kartuna": "kartu", "pupus": "meninggal", "maot": "meninggal", "upami": "kalau",
    "lamun": "kalau", "leungit": "hilang", "ical": "hilang", "panghandapna": "paling murah",
    "pangmurahna": "paling murah", "tilu": "tiga", "hiji": "satu", "opat": "empat", "sasih": "bulan",
    "mulih": "pulang", "wangsul": "pulang", "damel": "kerja", "dicandak": "ambil", "nyandak": "ambil",
    "iraha": "kapan", "salaki": "suami", "pamajikan": "istri", "budak": "anak", "murangkalih": "anak",
    "kacilakaan": "kecelakaan", "kenging": "dapat", "meunang": "dapat", "sakedik": "sedikit",
    "dibayar": "bayar", "ngadaptar": "daftar", "daptar": "daftar", "gering": "sakit", "nyeri": "sakit",
    "ti": "dari", "jeung": "dan", "nalika": "saat", "ujug": "mendadak", "kaasup": "termasuk",
    "sareng": "dan", "atanapi": "atau", "anu": "yang", "cageur": "sembuh", "salajengna": "selanjutnya",
    "suku": "kaki", "gaganti": "ganti", "artos": "uang", "ramo": "jari", "pegat": "putus", "kana": "ke",
    "kusabab": "karena", "padamelan": "pekerjaan", "unggal": "setiap", "dinten": "hari",
    "pamakaman": "pemakaman", "sabagian": "sebagian", "nambihan": "tambah", "tambihan": "tambah",
    "pangmirahna": "paling murah", "pangmahalna": "paling mahal", "pangseueurna": "paling banyak",
    "pinuh": "penuh", "sesana": "sisa", "ngagentos": "ganti", "panghasilan": "penghasilan",
    "dilaporkeun": "lapor", "ngalaporkeun": "lapor", "benten": "beda", "numutkeun": "menurut",
    "tiheula": "dulu", "uih": "kembali", "mayarkeun": "bayar", "batur": "orang lain", "mariksa": "cek",
    "tos": "sudah", "kadaftar": "terdaftar", "didaftarkeun": "daftar", "ngadaptarkeun": "daftar",
    "nomer": "nomor", "ngalih": "pindah", "kapesertaan": "kepesertaan", "dugi": "sampai",
    "ngahubungan": "hubungi", "sanes": "bukan", "nembe": "baru", "sasasih": "sebulan", "ema": "ibu",
    "cacad": "cacat", "kulawarga": "keluarga", "bapa": "bapak", "mamang": "paman", "labuh": "jatuh",
    "katabrak": "tabrak", "watesna": "batas", "wates": "batas", "lami": "lama", "robih": "ubah",
    "serat": "surat", "peryogi": "perlu", "nami": "nama", "ngora": "muda", "naha": "kenapa",
    "sakola": "sekolah", "janten": "jadi", "deui": "lagi", "sadayana": "semua", "mimiti": "mulai",
    "kaluar": "keluar", "nyalira": "sendiri", "emutan": "ingatkan", "babarengan": "bersama", "keur": "sedang",
    "ieu": "ini", "nu": "yang", "oge": "juga", "diajukeun": "aju", "ngajukeun": "aju",
    # Betawi
    "aye": "saya", "ane": "saya", "gua": "saya", "elu": "kamu", "lu": "kamu", "kagak": "tidak",
    "kaga": "tidak", "nyang": "yang", "ape": "apa", "gimane": "bagaimana", "kenape": "kenapa",
    "udeh": "sudah", "ude": "sudah", "ame": "sama", "emak": "ibu", "babe": "bapak", "ikutan": "ikut",
    "umurnye": "umur", "taon": "tahun", "mao": "mau", "pegimane": "bagaimana", "bener": "benar",
    "duit": "uang", "kerje": "kerja", "mane": "mana", "aje": "saja", "berape": "berapa", "kene": "kena",
    "kite": "kita", "ade": "ada", "nyok": "ayo", "pegimana": "bagaimana", "bokap": "bapak", "nyokap": "ibu",
}  # fmt: skip
# Questions about these are not benefit questions, however many words they share with one (loans, jobs,
# games, shopping): answered with the honest fallback. Matched on the words as typed (after spelling), so
# "cicilan motor" is off-topic while "iuran dicicil" is not.
OFF_TOPIC = _set(
    """pinjam pinjaman pinjol kredit cicilan loan lowongan loker togel judi slot bola skor resep
    cuaca zodiak ramal emas pulsa ongkir tiktok youtuber youtube game oli servis kue film lagu dangdut
    paspor sim pajak tiket kereta pesawat arisan bansos zakat presiden pemilu election weather
    recipe football mosque bake bread kua pdam pln listrik token prakerja kursus sembako blt pkh kip
    sampah kebersihan keamanan kas komplek cpns pns zonasi spp atm haji umroh garansi lpdp pip
    stnk bpkb deposito suspend masjid infak sedekah kurban qurban"""
)
# Programme names that make a question a benefit question even beside an off-topic word: "pinjaman
# perumahan MLT" asks about MLT, "pinjaman online" does not. Words like "iuran" or "santunan" do not count:
# "iuran sampah" and "santunan anak yatim" are someone else's.
STRONG = _set(
    """bpjs bpu jamsostek bpjamsostek ketenagakerjaan jkk jkm jht jp jkp rtw mlt bsu kepesertaan jmo
    perisai perumahan"""
)
# What happens to a worker: beside one of these, an off-topic word is where it happened ("meninggal tersengat
# listrik waktu menjahit", "kecelakaan waktu antar token listrik"), and the question is a benefit question.
EVENTS = _set("""meninggal kecelakaan celaka tewas cedera luka tersengat kesetrum tersetrum""")
# A question must name at least one of these (stems) to be answered: what the knowledge base is about.
# "harga cabe hari ini" or "jual hp bekas" share words with entries, but nothing a benefit question names.
ANCHORS = _set(
    """bpjs bpu jamsostek ketenagakerjaan iuran bayar jkk jkm jht jp jkp rtw mlt bsu beasiswa santun klaim
    cair kecelakaan celaka meninggal mati tewas wafat waris daftar peserta kepesertaan kartu kpj nik ktp
    tunggak telat terlambat denda nonaktif aktif diskon potong subsidi pensiun phk jaminan manfaat pemakaman
    kubur duka cacat lumpuh sakit penyakit jmo lapak asik perisai agen program premi tanggung juta kontak
    lindung saldo tabung tagih tagihan tua sekolah anak kuliah dokumen surat rekening npwp tempo jatuh
    175 kantor cabang hubung cs call telepon pengaduan komplain keluh data hapus privasi pindah ubah ganti
    magang honorer ojol opang kurir sopir becak pedagang petani nelayan buruh usaha kerja pekerja okupasi
    penghasilan upah gaji ingat autodebit otomatis muka sekaligus struk bukti kelompok paguyuban wadah
    lacak status dirawat rawat obat operasi ambulans transport kacamata palsu homecare dokter disnaker
    umur usia tua lansia stmb biaya hilang kehilangan situs website lapor laporan petugas cedera
    luka patah tulang jatuh tabrak mesin tuli nikah keluarga istri suami"""
)
# Words that say nothing about what is asked. Question words are kept (not here): "berapa", "kapan",
# "siapa", "dimana" tell an amount from a deadline from an heir.
STOPWORDS = _set(
    """yang dan di ke dari saya apakah itu ini ya dong sih nih kah tidak bisa ada mau kalau untuk dengan
    juga pak bu mas mbak kak bang tolong mohon tanya min admin the a an is are i my me do does can will if
    of to for in on at it be am please tahu kasih bagaimana gimana sudah belum lagi aja saja deh kok kan
    kamu anda gmn sama buat apa2 gitu gini tuh yen carane iki kuwi ane gua lu yah ok oke terus trus lalu
    happens what's there any get much many he she they we you our your his her their him them us
    tersebut adalah merupakan bagi atas oleh akan telah seorang para jika apabila bila
    ketika hendak agar supaya mohon informasi penjelasan mengenai terkait perihal segmen hal
    dong deh nggih nuwun punten mangga atuh euy mah ingin bertanya nanya sebagai gara"""
)
