"""The engine and flows without Telegram or a database: sessions round-trip through JSON at every step."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.flows import language
from bot.flows.base import ChoiceMade, CommandReceived, TextReceived
from bot.flows.engine import Engine, Frame, Session
from bot.flows.kit import FINISH, Flow, Go, InvalidTransition, Screen
from bot.flows.registry import FLOWS
from tests.support.transcript import Transcript


def test_language_is_switched_and_the_menu_follows() -> None:
    chat = Transcript()
    assert chat.says("/bahasa") == [language.QUESTION]
    assert chat.where == ("language", "ask_language")
    chat.taps("English")
    assert chat.session.language == "en"
    assert chat.where == ("menu", "menu")


def test_a_wrong_answer_reasks_without_changing_the_session() -> None:
    chat = Transcript()
    chat.says("/bahasa")
    before = chat.stored()
    said = chat.send(TextReceived("Jawa"))
    assert said == ["Mohon pilih salah satu tombol di bawah, ya.", language.QUESTION]
    assert chat.stored() == before


@dataclass(frozen=True)
class Nothing:
    pass


def test_an_undeclared_transition_is_refused_when_it_happens() -> None:
    rogue = Flow(
        "language",
        Nothing,
        (
            Screen(
                "ask_language",
                ask=language.ask_language,
                handle=lambda _e, d, _c: Go("nowhere", d),
                targets=(FINISH,),
            ),
        ),
        entry=language.ENTRY,
    )
    chat = Transcript({**FLOWS, "language": rogue})
    chat.says("/bahasa")
    with pytest.raises(InvalidTransition, match="ask_language -> nowhere"):
        chat.send(ChoiceMade("en"))


def test_every_registered_flow_and_sub_dialogue_is_there() -> None:
    assert {"menu", "language", "enrollment", "privacy", "iuran", "stop"} <= set(FLOWS)
    assert {
        "nik",
        "name",
        "phone",
        "domicile",
        "address",
        "occupation",
        "income",
        "programme",
        "heirs",
    } <= set(FLOWS)


def test_a_session_stored_by_an_older_version_goes_home_keeping_drafts() -> None:
    chat = Transcript()
    drafts = {"enrollment": {"state": "ask_name", "data": {"consent_at": "2026-11-01T10:00:00+07:00"}}}
    chat.session = Session(flow="payments", state="loading", drafts=drafts)
    said = chat.says("halo")
    assert said[0].startswith("Halo! Saya asisten pendaftaran")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    assert chat.where == ("menu", "menu")
    assert chat.session.drafts == drafts


def test_cancel_inside_a_sub_dialogue_keeps_the_flow_that_called_it() -> None:
    chat = Transcript()
    chat.says("/daftar")
    chat.taps("Setuju")
    chat.says("1471055708850001")
    chat.taps("Ya, benar")
    assert chat.where == ("name", "ask_name")
    assert [f.flow for f in chat.session.stack] == ["enrollment"]
    chat.says("/batal")
    assert chat.session.stack == ()
    assert chat.session.drafts["enrollment"]["state"] == "ask_name"
    said = chat.says("/daftar")
    assert said == [
        "Anda pernah mulai mendaftar dan jawaban Anda masih tersimpan. Lanjutkan dari yang terakhir?"
    ]
    assert chat.taps("Lanjutkan") == ["Ketik nama lengkap Anda, sama persis dengan di KTP."]


def test_a_stack_naming_a_flow_that_no_longer_exists_goes_home() -> None:
    engine = Engine(FLOWS)
    session = Session(flow="name", state="ask_name", stack=(Frame("gone", "x", {}),))
    chat = Transcript()
    chat.engine = engine
    chat.session = session
    chat.says("halo")
    assert chat.where == ("menu", "menu")


def test_commands_reach_their_flows() -> None:
    chat = Transcript()
    assert chat.send(CommandReceived("iuran"))[0].startswith("Anda belum terdaftar sebagai peserta BPU")
    assert chat.where == ("menu", "menu")


def test_cancel_at_a_top_level_question_keeps_the_answers_too() -> None:
    from tests.flows.test_enrollment_answers import reach

    chat = Transcript()
    reach(chat, "confirm_summary")  # the summary is the enrolment's own screen, not a sub-dialogue
    chat.says("/batal")
    assert list(chat.session.drafts) == ["enrollment"]
    assert chat.says("/daftar") == [
        "Anda pernah mulai mendaftar dan jawaban Anda masih tersimpan. Lanjutkan dari yang terakhir?"
    ]
