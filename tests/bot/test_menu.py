"""A worker meets the bot: greeting, menu, language, cancel, help."""

from __future__ import annotations

from tests.support.telegram import BotClient, RecordingRequest

MENU_ID = [
    "Daftar peserta",
    "Iuran & pengingat",
    "Lapor klaim",
    "Tanya manfaat",
    "Data saya",
    "Bantuan",
    "Bahasa / Language",
]


async def test_start_greets_in_indonesian_and_shows_the_menu(worker: BotClient) -> None:
    said = await worker.says("/start")
    assert said[0].startswith("Halo! Saya asisten pendaftaran BPJS Ketenagakerjaan")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    assert worker.last_buttons() == MENU_ID


async def test_commands_are_registered_in_both_languages(
    worker: BotClient, telegram: RecordingRequest
) -> None:
    registered = [c.params for c in telegram.calls if c.endpoint == "setMyCommands"]
    by_language = {p.get("language_code"): [cmd["command"] for cmd in p["commands"]] for p in registered}
    expected = [
        "start",
        "daftar",
        "iuran",
        "klaim",
        "manfaat",
        "datasaya",
        "berhenti",
        "bahasa",
        "hubungkan",  # a worker an agent enrolled links their own chat
        "bantuan",
        "batal",
    ]
    assert by_language == {None: expected, "en": expected}
    english = next(p for p in registered if p.get("language_code") == "en")
    assert english["commands"][0]["description"] == "Main menu"


async def test_language_switch_is_remembered(worker: BotClient) -> None:
    await worker.says("/bahasa")
    assert worker.last_buttons() == ["Bahasa Indonesia", "English"]
    said = await worker.taps("English")
    assert said[0] == "OK, I will speak English from now on."
    assert said[-1] == "What would you like to do? Tap one of the buttons:"
    said = await worker.says("/start")
    assert said[0].startswith("Hello!")
    await worker.says("/bahasa")
    said = await worker.taps("Bahasa Indonesia")
    assert said[0] == "Baik, saya akan memakai Bahasa Indonesia."


async def test_an_heir_typing_that_someone_died_starts_the_death_report(worker: BotClient) -> None:
    await worker.says("/start")
    said = await worker.says("ada yang meninggal")
    assert said[0].startswith("Turut berduka cita yang sedalam-dalamnya.")
    assert worker.last_buttons() == ["Setuju", "Tidak"]


async def test_the_help_names_exactly_the_commands_the_bot_has(
    worker: BotClient, telegram: RecordingRequest
) -> None:
    help_text = (await worker.says("/bantuan"))[0]
    registered = next(c.params for c in telegram.calls if c.endpoint == "setMyCommands")
    named = {line.split(" ")[1].lstrip("/") for line in help_text.splitlines() if line.startswith("• /")}
    assert named == {command["command"] for command in registered["commands"]} - {"bantuan"}


async def test_help_lists_the_commands_and_keeps_the_question(worker: BotClient) -> None:
    await worker.says("/bahasa")
    said = await worker.says("/bantuan")
    assert "/batal" in said[0]
    assert said[-1] == "Pilih bahasa / Choose your language:"


async def test_cancel_leaves_the_flow_and_shows_the_menu(worker: BotClient) -> None:
    await worker.says("/bahasa")
    said = await worker.says("/batal")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    said = await worker.taps("Bantuan")
    assert said[0].startswith("Cara memakai bot ini")


async def test_typed_menu_word_works_like_the_button(worker: BotClient) -> None:
    await worker.says("/start")
    said = await worker.says("bahasa")
    assert said == ["Pilih bahasa / Choose your language:"]
