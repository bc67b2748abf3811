"""Match a typed benefit question to the right answer, despite slang, abbreviations and typos. Pure.

Words are normalised (slang table), stemmed (Sastrawi, Indonesian), corrected to the knowledge base's
vocabulary when mistyped (rapidfuzz), then ranked with BM25 (rank-bm25) over every paraphrase of every
topic. Below the confidence threshold there is no answer: the caller says so honestly, never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rank_bm25 import BM25Plus
from rapidfuzz import fuzz, process
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory


# Workers' spellings → the word the knowledge base uses.
def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SLANG: Mapping[str, str] = {
    "brp": "berapa", "brapa": "berapa", "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak",
    "ngga": "tidak", "enggak": "tidak", "tdk": "tidak", "g": "tidak", "sy": "saya", "aku": "saya",
    "gw": "saya", "gue": "saya", "kalo": "kalau", "klo": "kalau", "klu": "kalau", "dpt": "dapat",
    "dapet": "dapat", "yg": "yang", "utk": "untuk", "gimana": "bagaimana", "gmn": "bagaimana",
    "gmana": "bagaimana", "sdh": "sudah", "udah": "sudah", "udh": "sudah", "blm": "belum", "tp": "tapi",
    "jg": "juga", "krn": "karena", "dr": "dari", "dgn": "dengan", "pas": "saat", "lg": "lagi", "bs": "bisa",
    "bisa2": "bisa", "duit": "uang", "bini": "istri", "laki": "suami", "mati": "meninggal",
    "wafat": "meninggal", "meningal": "meninggal", "ninggal": "meninggal", "almarhum": "meninggal",
    "nunggak": "tunggak", "telat": "terlambat", "tlat": "terlambat", "ojek": "ojol", "ngojek": "ojol",
    "ngojol": "ojol", "narik": "kerja", "nyupir": "kerja", "ortu": "orangtua", "anak2": "anak",
    "skolah": "sekolah", "sekola": "sekolah", "rs": "rumah sakit", "jmo": "jmo", "hp": "telepon",
    "tlp": "telepon", "telp": "telepon", "no": "nomor", "nmr": "nomor", "kpn": "kapan", "dmn": "dimana",
    "bpjstk": "bpjs", "jamsostek": "bpjs", "cair": "cair", "nyairin": "cair", "berobat": "obat",
    "gratis": "tanggung", "ditanggung": "tanggung", "tanggungan": "tanggung", "dibayarin": "tanggung",
    "mahal": "mahal", "murah": "murah", "termurah": "murah", "plg": "paling", "bln": "bulan",
    "thn": "tahun", "th": "tahun", "jt": "juta", "rb": "ribu", "kerjaan": "kerja", "kuliah": "kuliah",
    "sakit": "sakit", "cacat": "cacat", "kecelakan": "kecelakaan", "kcelakaan": "kecelakaan",
    "iuaran": "iuran", "iurn": "iuran", "beasiswanya": "beasiswa", "santunannya": "santunan",
    "bayarnya": "bayar", "daftarnya": "daftar", "piye": "bagaimana", "opo": "apa", "ora": "tidak",
    "ndak": "tidak", "nda": "tidak", "endak": "tidak", "kagak": "tidak", "elu": "kamu",
    "nyang": "yang", "ape": "apa", "napa": "kenapa", "kudu": "harus", "mesti": "harus", "piro": "berapa",
    "dicairin": "cair", "dicairkan": "cair", "pencairan": "cair", "ngajuin": "aju", "ngajukan": "aju",
    "ngomong": "bicara", "wa": "whatsapp", "iurane": "iuran", "iurannya": "iuran",
    "gpp": "tidak apa", "kecatat": "tercatat", "berenti": "berhenti", "ane": "saya",
}  # fmt: skip
# Questions about these are not benefit questions, however many words they share with one (loans, jobs,
# games, shopping): answered with the honest fallback.
OFF_TOPIC = _set(
    """pinjam pinjaman utang hutang kredit cicil loan lowong loker togel judi slot bola skor resep masak
    cuaca zodiak ramal emas pulsa ongkir tiktok youtuber youtube game oli servis"""
)
STOPWORDS = _set(
    """yang dan di ke dari saya apa apakah itu ini ya dong sih nih kah tidak bisa ada mau kalau untuk dengan
    juga pak bu mas mbak kak bang tolong mohon tanya min admin the a an is are i my me do does what how
    can will if of to for in on at it be am please tahu kasih bagaimana gimana berapa kapan dimana mana
    siapa kenapa harus boleh sudah belum lagi aja saja deh kok kan kamu anda kemana dimana gmn sama
    buat apa2 itu gitu gini tuh to yen carane opo iki kuwi ane gua lu yah ok oke terus trus lalu
    happens what's there any"""
)
_WORD = re.compile(r"[a-z0-9]+")
THRESHOLD = 3.0  # BM25+ score below which there is no answer (tuned on tests/qa: benchmarks/qa.py)
MIN_COVERAGE = 0.6  # share of the question's content words the knowledge base knows


@dataclass(frozen=True)
class Match:
    """The best topic for a question, how sure, and whether that is sure enough to answer."""

    topic: str | None
    score: float
    coverage: float

    @property
    def answered(self) -> bool:
        """Tell whether the match is good enough to answer with."""
        return self.topic is not None and self.score >= THRESHOLD and self.coverage >= MIN_COVERAGE


@cache
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@cache
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """Return the normalised, stemmed content words of a text."""
    found: list[str] = []
    for raw in _WORD.findall(text.lower()):
        for word in SLANG.get(raw, raw).split():
            if word not in STOPWORDS:
                found.append(word if word.isdigit() else _stem(word))
    return found


class Matcher:
    """BM25 over the knowledge base (one document per topic: all its paraphrases), with typo correction."""

    def __init__(self, paraphrases: Mapping[str, Iterable[str]]) -> None:
        self.topics = list(paraphrases)
        documents = [[word for text in texts for word in words(text)] for texts in paraphrases.values()]
        self.vocabulary = sorted({word for document in documents for word in document})
        self.known = frozenset(self.vocabulary)
        self.index = BM25Plus(documents)

    def _correct(self, word: str) -> str | None:
        if word in self.known:
            return word
        if len(word) < 4 or word.isdigit():
            return None
        found = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=84)
        if found is None or abs(len(found[0]) - len(word)) > 2:
            return None
        return str(found[0])

    def match(self, text: str) -> Match:
        """Return the best topic for `text`."""
        asked = words(text)
        if not asked or any(word in OFF_TOPIC or _stem(word) in OFF_TOPIC for word in asked):
            return Match(None, 0.0, 0.0)
        corrected = [c for word in asked if (c := self._correct(word)) is not None]
        coverage = len(corrected) / len(asked)
        if not corrected:
            return Match(None, 0.0, coverage)
        scores = [float(score) for score in self.index.get_scores(corrected)]
        best = max(range(len(scores)), key=lambda index: scores[index])
        return Match(self.topics[best], scores[best], coverage)
