"""Who a participant is, as enrolment's summary and `/datasaya` list it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.flows.base import (
    N_,
    Day,
    Rupiah,
    Text,
)
from bot.flows.dialogues.nik import region_label, sex_label
from bot.flows.dialogues.occupation import occupation_names

PARTICULARS = N_(
    "NIK: {nik}\n"
    "Nama: {name}\n"
    "Lahir: {birth} ({sex})\n"
    "HP: {phone}\n"
    "Domisili: {region}\n"
    "Alamat: {address}\n"
    "Pekerjaan: {occupation}\n"
    "Penghasilan: {income} per bulan\n"
)


@dataclass(frozen=True)
class Particulars:
    """Who a participant is, as enrolment's summary and `/datasaya` list it."""

    nik: str
    name: str
    birth_date: date | None
    female: bool | None
    phone: str
    regency_code: str
    address: str
    occupations: tuple[str, ...]
    occupation_other: str | None
    income: int

    def lines(self) -> Text:
        """Return the lines "NIK: …" to "Penghasilan: … per bulan", each ending in a newline."""
        return Text(
            PARTICULARS,
            {
                "nik": self.nik,
                "name": self.name,
                "birth": Day(self.birth_date) if self.birth_date else "",
                "sex": sex_label(self.female),
                "phone": self.phone,
                "region": region_label(self.regency_code),
                "address": self.address,
                "occupation": occupation_names(self.occupations, self.occupation_other),
                "income": Rupiah(self.income),
            },
        )
