"""What a typed message asks for besides an answer: help, going back, or a menu request. Pure.

Workers type the way they talk ("bisa diulang?", "mau daftar", "dftar", "ada yang meninggal"); these
are understood at every question and at the menu instead of being refused as wrong answers.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.domain.iuran import Programme

# "?", "apa itu NIK?", "maksudnya?", "bisa diulang?", "tidak tahu", "gak ngerti", "what is a NIK?"
_HELP = re.compile(
    r"^\s*(\?+|apa\s+(itu|sih|maksud|ya)\b.*|maksud(nya)?\b.*|what\s+(is|does|do)\b.*|help\??|"
    r"bantu(an)?\s*\?*|tolong\s+(jelas|bantu).*|"
    r"(bisa\s+|tolong\s+|coba\s+)?(di\s*)?ulang(i|in)?(\s+(lagi|dong|ya|pertanyaan\w*))?\s*\?*|"
    r"(saya\s+|aku\s+|sy\s+)?(tidak|tdk|gak|ga|nggak|ngga|enggak|belum)\s+(tahu|tau|ngerti|mengerti|paham)\b.*|"
    r"bingung\b.*|kurang\s+(jelas|paham|ngerti)\b.*|i\s+don'?t\s+(know|understand)\b.*|"
    r"(can\s+you\s+)?repeat\b.*|what\??|hah\?*|ha\?+)\s*$",
    re.IGNORECASE,
)
_BACK = re.compile(
    r"^\s*(kembali|balik|mundur|sebelumnya|pertanyaan\s+sebelumnya|back|go\s+back|previous)"
    r"(\s+(ke\s+)?(pertanyaan\s+)?(sebelumnya|tadi))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def is_help_request(text: str) -> bool:
    """Tell whether `text` asks what the current question means rather than answering it."""
    return len(text) <= 80 and _HELP.match(text) is not None


def is_back_request(text: str) -> bool:
    """Tell whether `text` asks to go back to the previous question ("kembali", "back")."""
    return len(text) <= 40 and _BACK.match(text) is not None


# What people type at the menu, by the menu key it means. Phrases first (whole words), then single words
# with typos ("dftar", "iuarn").
_REQUESTS: tuple[tuple[str, str], ...] = (
    (r"\b(meninggal|wafat|almarhum|almarhumah|alm|mati|tewas|kematian|berpulang)\b", "meninggal"),
    (r"\b(klaim|claim|kecelakaan|celaka|santunan\s+cair|pencairan)\b", "klaim"),
    (r"\b(bayar|iuran|tagihan|setor|tunggakan|jatuh\s+tempo|pengingat|pay|payment)\b", "iuran"),
    (
        r"\b(daftar|mendaftar|daftarkan|registrasi|register|gabung|ikut\s+bpjs|jadi\s+peserta|sign\s*up)\b",
        "daftar",
    ),
    (r"\b(data\s+saya|data\s+sy|ubah\s+data|ganti\s+data|hapus\s+data|my\s+data)\b", "datasaya"),
    (r"\b(manfaat|benefit|jkk|jkm|jht|beasiswa)\b", "manfaat"),
    (r"\b(bahasa|language|english|inggris)\b", "bahasa"),
    (r"\b(bantuan|help|tolong|menu)\b", "bantuan"),
)
_WORDS = {
    "daftar": "daftar",
    "iuran": "iuran",
    "bayar": "iuran",
    "klaim": "klaim",
    "meninggal": "meninggal",
    "manfaat": "manfaat",
    "bantuan": "bantuan",
    "bahasa": "bahasa",
}


def menu_request(text: str) -> str | None:
    """Return the menu key a typed request means ("mau daftar" → "daftar"), or None."""
    lowered = " ".join(text.lower().replace("/", " ").split())
    if not lowered or len(lowered) > 80:
        return None
    for pattern, key in _REQUESTS:
        if re.search(pattern, lowered):
            return key
    for word in lowered.split():
        if len(word) >= 4:
            found = process.extractOne(word, list(_WORDS), scorer=fuzz.ratio, score_cutoff=80)
            if found is not None:
                return _WORDS[found[0]]
    return None


# Occupations as people name them, by register key (PP 50/2025's "ojol, opang, sopir, kurir" included).
_OCCUPATION_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(opang|ojek\s+pangkalan|ojek\s+pengkolan|pangkalan|ojek\s+konvensional)\b", "ojek_pangkalan"),
    (
        r"\b(ojol|ojek\s+online|ngojek|ngojol|ojek|gojek|grab|maxim|shopeefood|gofood|driver\s+online)\b",
        "ojol",
    ),
    (r"\b(kurir|kurír|paket|antar\s+barang|ekspedisi|courier)\b", "kurir"),
    (r"\b(sopir|supir|angkot|nyopir|driver|pengemudi|taksi|truk|bus)\b", "sopir"),
    (r"\b(becak|narik\s+becak|bentor|tukang\s+becak)\b", "becak"),
    (r"\b(pkl|kaki\s+lima|gerobak|keliling|asongan)\b", "pkl"),
    (r"\b(dagang|pedagang|jualan|jual|berjualan|warung|toko|kios|lapak|pasar)\b", "pedagang"),
    (r"\b(tani|petani|bertani|sawah|kebun|ladang|berkebun|peternak|ternak)\b", "petani"),
    (r"\b(nelayan|melaut|mancing|tambak|ikan)\b", "nelayan"),
    (r"\b(buruh|kuli|serabutan|harian|tukang\s+bangunan|bangunan|proyek)\b", "buruh"),
)


def occupation_from_text(text: str, longest: int | None = 60) -> str | None:
    """Return the occupation key a typed text names ("narik becak" → "becak"), or None.

    An answer to the occupation question longer than `longest` is not an occupation; a benefit question
    ("1,5 juta 3 program ojol") is read whole (`longest=None`).
    """
    lowered = " ".join(text.lower().split())
    if longest is not None and len(lowered) > longest:
        return None
    for pattern, key in _OCCUPATION_WORDS:
        if re.search(pattern, lowered):
            return key
    return None


# Programmes as people name them. Refusals of JHT first: "jkk jkm aja, tanpa jht" is two programmes.
_WITHOUT_JHT = re.compile(
    r"\b(tanpa|tidak|tdk|gak|ga|nggak|ngga|enggak|ndak|kagak|no|without|bukan)\s+(pakai\s+|pake\s+|ikut\s+)?jht\b|"
    r"\b(2|dua)\s+program\b|\bjkk\s*(\+|dan|&|sama)?\s*jkm\s+(aja|saja|doang|only)\b|\bjht\s+(tidak|gak|ga|nggak)\b"
)
_WITH_JHT = re.compile(
    r"\b(3|tiga)\s+program\b|\b(plus|tambah|dengan|pakai|pake|sama|ikut|with|and|dan|\+)\s*jht\b|"
    r"\bjkk\s*(\+|dan|&|,)?\s*jkm\s*(\+|dan|&|,)?\s*jht\b|\bjht\b"
)
_TWO = re.compile(r"\bjkk\s*(\+|dan|&|,|sama)?\s*jkm\b")


def programme_from_text(text: str) -> Programme | None:
    """Return the programme a typed text names ("3 program", "plus JHT", "jkk jkm aja"), or None."""
    lowered = " ".join(text.lower().split())
    if _WITHOUT_JHT.search(lowered):
        return Programme.JKK_JKM
    if _WITH_JHT.search(lowered):
        return Programme.JKK_JKM_JHT
    if _TWO.search(lowered):
        return Programme.JKK_JKM
    return None
