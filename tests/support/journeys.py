"""The happy path of enrolment as steps, so a test can bring a worker to any question."""

from __future__ import annotations

from tests.support.telegram import BotClient

NIK = "1471055708850001"  # Kota Pekanbaru, Riau; born 17 August 1985; female (+40 on the day)

# (question state reached after this step, how, what)
HAPPY_PATH: list[tuple[str, str, object]] = [
    ("ask_consent", "says", "/daftar"),
    ("ask_nik", "taps", "Setuju"),
    ("confirm_nik", "says", NIK),
    ("ask_name", "taps", "Ya, benar"),
    ("ask_phone", "says", "Siti Aminah"),
    ("ask_regency", "says", "0812 3456 7890"),
    ("ask_address", "taps_first", "Kota Pekanbaru"),  # the NIK's own regency
    ("ask_occupation", "says", "Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03"),
    ("ask_occupation_second", "taps", "Pedagang pasar"),
    ("ask_income", "taps", "Lanjut"),
    ("ask_programme", "taps", "Rp1 juta"),
    ("ask_heir_name", "taps_first", "JKK + JKM: Rp8.400/bulan"),  # the cheaper programme
    ("ask_heir_relation", "says", "Budi Santoso"),
    ("ask_heir_phone", "taps", "Suami/istri"),
    ("ask_more_heirs", "says", "0813 1111 2222"),
    ("confirm_summary", "taps", "Lanjut"),
]


async def step(worker: BotClient, how: str, what: object) -> list[str]:
    if how == "says":
        return await worker.says(str(what))
    if how == "taps":
        return await worker.taps(str(what))
    if how == "taps_first":
        return await worker.taps(worker.last_buttons()[0])
    if how == "sends":
        return await worker.sends(**what)  # type: ignore[arg-type]
    raise ValueError(how)


async def reach(worker: BotClient, question: str, *, nik: str = NIK) -> list[str]:
    """Walk the happy path until `question` is asked; return what the bot said last."""
    said: list[str] = []
    for reached, how, what in HAPPY_PATH:
        said = await step(worker, how, nik if what == NIK else what)
        if reached == question:
            return said
    raise ValueError(f"no question {question!r} on the happy path")


async def register(worker: BotClient, *, nik: str = NIK) -> str:
    """Complete a registration; return the registration number."""
    await reach(worker, "confirm_summary", nik=nik)
    said = await worker.taps("Konfirmasi")
    return said[0].split("Nomor pendaftaran: ")[1].split("\n")[0]
