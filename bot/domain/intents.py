"""What a typed message asks for besides an answer: help, going back, or a menu request. Pure.

Workers type the way they talk ("bisa diulang?", "mau daftar", "dftar", "ada yang meninggal"); these
are understood at every question and at the menu instead of being refused as wrong answers.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

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


def occupation_from_text(text: str) -> str | None:
    """Return the occupation key a typed answer names ("narik becak" → "becak"), or None."""
    lowered = " ".join(text.lower().split())
    if len(lowered) > 60:
        return None
    for pattern, key in _OCCUPATION_WORDS:
        if re.search(pattern, lowered):
            return key
    return None
