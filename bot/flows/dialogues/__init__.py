"""Sub-dialogues written once and called from any flow, each returning its value to the caller.

One module each: NIK, name, phone, domicile, address, occupation, income, programme and heirs, for enrolment,
`/datasaya` and claims. A reader returns the parsed value or an `Invalid` naming a friendly explanation.
"""

from __future__ import annotations

from typing import Any

from bot.flows.dialogues.address import ADDRESS
from bot.flows.dialogues.common import typed
from bot.flows.dialogues.domicile import DOMICILE, Domicile, domicile_from
from bot.flows.dialogues.heirs import HEIRS, heir_lines
from bot.flows.dialogues.income import INCOME
from bot.flows.dialogues.name import NAME
from bot.flows.dialogues.nik import NEW_NIK, NIK_HELP, NIK_PROBLEMS, NikAnswer, read_anyones_nik
from bot.flows.dialogues.occupation import OCCUPATION
from bot.flows.dialogues.particulars import Particulars
from bot.flows.dialogues.phone import PHONE
from bot.flows.dialogues.programme import PROGRAMME, ProgrammeChoice
from bot.flows.kit import Flow, Invalid

SUB_DIALOGUES: tuple[Flow[Any], ...] = (
    NEW_NIK,
    NAME,
    PHONE,
    DOMICILE,
    ADDRESS,
    OCCUPATION,
    INCOME,
    PROGRAMME,
    HEIRS,
)

__all__ = [
    "ADDRESS",
    "DOMICILE",
    "HEIRS",
    "INCOME",
    "NAME",
    "NEW_NIK",
    "NIK_HELP",
    "NIK_PROBLEMS",
    "OCCUPATION",
    "PHONE",
    "PROGRAMME",
    "SUB_DIALOGUES",
    "Domicile",
    "Invalid",
    "NikAnswer",
    "Particulars",
    "ProgrammeChoice",
    "domicile_from",
    "heir_lines",
    "read_anyones_nik",
    "typed",
]
