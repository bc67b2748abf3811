"""The flow kit: a new flow in a few lines, its graph checked when it is declared, help on request."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.flows import dialogues
from bot.flows.base import N_, Say
from bot.flows.engine import Engine, Session
from bot.flows.kit import (
    FINISH,
    NEXT,
    RETURN,
    Call,
    Choose,
    Entry,
    Flow,
    InvalidFlowDefinition,
    Option,
    Question,
    Screen,
    again,
)
from bot.flows.registry import FLOWS
from tests.support.transcript import CHAT, Transcript


@dataclass(frozen=True)
class Visit:
    """What a small "book a visit" flow collects."""

    day: str | None = None
    phone: str | None = None
    note: str | None = None


def read_day(event, _data, _ctx):
    text = dialogues.typed(event)
    if isinstance(text, dialogues.Invalid):
        return text
    return text if text.lower() in ("senin", "selasa") else dialogues.Invalid(N_("Pilih Senin atau Selasa."))


# The whole flow: two questions, a reused sub-dialogue that returns a value, a help text.
VISIT = Flow(
    "visit",
    Visit,
    (
        Question(
            "ask_day",
            ask=lambda _d, _c: Say(N_("Hari apa?")),
            read=read_day,
            store="day",
            help=N_("Senin/Selasa"),
        ),
        Call("ask_phone", flow=dialogues.PHONE, into="phone"),
        Question(
            "ask_note",
            ask=lambda _d, _c: Say(N_("Catatan?")),
            read=lambda e, _d, _c: dialogues.typed(e),
            store="note",
            goes=FINISH,
        ),
    ),
)


def test_a_new_flow_in_a_few_lines_runs_as_a_transcript() -> None:
    chat = Transcript({**FLOWS, "visit": VISIT})
    chat.session = Session(flow="visit", state="ask_day")  # as if a menu button had started it
    assert chat.says("?") == ["Senin/Selasa", "Hari apa?"]
    assert chat.says("Rabu") == ["Pilih Senin atau Selasa.", "Hari apa?"]
    said = chat.says("Senin")
    assert said[0].startswith("Berapa nomor HP Anda?")
    assert chat.where == ("phone", "ask_phone")
    assert chat.says("apa itu?")[0].startswith("Nomor HP dipakai untuk menghubungi Anda")
    assert chat.sends(contact={"phone_number": "+6281234567890", "user_id": CHAT}) == ["Catatan?"]
    assert chat.where == ("visit", "ask_note")
    assert chat.session.data["phone"] == "+6281234567890"
    said = chat.says("bawa KTP")
    assert said == ["Apa yang ingin Anda lakukan? Pilih salah satu tombol:"]


def node(state: str, goes: str = NEXT) -> Question:
    return Question(state, ask=lambda _d, _c: Say("?"), read=lambda _e, _d, _c: "x", store="day", goes=goes)


def test_an_undeclared_target_fails_when_the_flow_is_declared() -> None:
    with pytest.raises(InvalidFlowDefinition, match=r"'a' goes to undeclared state\(s\) \['ask_nowhere'\]"):
        Flow("bad", Visit, (node("a", "ask_nowhere"), node("b", FINISH)))


def test_an_unreachable_state_fails_when_the_flow_is_declared() -> None:
    with pytest.raises(InvalidFlowDefinition, match=r"unreachable states \['orphan'\]"):
        Flow("bad", Visit, (node("a", "b"), node("orphan", "b"), node("b", FINISH)))


def test_a_dead_end_fails_when_the_flow_is_declared() -> None:
    loop = Screen(
        "b", ask=lambda _d, _c: Say("?"), handle=lambda _e, d, _c: again("b", d, "?"), targets=("a",)
    )
    with pytest.raises(InvalidFlowDefinition, match=r"never reach an end \['a', 'b'\]"):
        Flow("bad", Visit, (node("a"), loop))


def test_next_after_the_last_node_and_return_outside_a_sub_dialogue_fail() -> None:
    with pytest.raises(InvalidFlowDefinition, match="nothing is declared after it"):
        Flow("bad", Visit, (node("a"),))
    with pytest.raises(InvalidFlowDefinition, match="not a sub-dialogue"):
        Flow("bad", Visit, (node("a", RETURN),))


@pytest.mark.parametrize(
    "asking", ["?", "apa itu NIK?", "Apa itu", "maksudnya?", "maksudnya apa", "what is NIK?"]
)
def test_asking_what_the_nik_question_means_gets_its_help_and_the_question(asking: str) -> None:
    chat = Transcript()
    chat.says("/daftar")
    chat.taps("Setuju")
    before = chat.stored()
    said = chat.says(asking)
    assert said[0].startswith("NIK (Nomor Induk Kependudukan) adalah 16 angka di bagian atas KTP Anda")
    assert said[1] == "Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi."
    assert chat.stored() == before


def test_every_question_of_enrolment_has_help() -> None:
    for flow in (*dialogues.SUB_DIALOGUES, FLOWS["enrollment"]):
        for state, declared in flow.nodes.items():
            if isinstance(declared, Question | Screen | Choose) and declared.progress:
                assert declared.help, f"{flow.name}.{state} has no help text"


def test_the_diagram_is_drawn_from_the_declarations() -> None:
    from bot.flows.diagram import mermaid

    drawn = mermaid(FLOWS["enrollment"])
    assert drawn.startswith("stateDiagram-v2")
    assert "ask_heirs: ask_heirs (calls heirs)" in drawn
    assert "confirm_summary --> saving" in drawn
    assert "ask_phone --> confirm_summary" in drawn  # a change from the summary comes back to it
    assert "saving --> [*]: finish" in drawn


# --- Adding a flow: its own module (the declaration below) and one line in the registry -------------

VISIT_ENTRY = Entry(
    command="kunjungan",
    describe=N_("Buat janji kunjungan"),
    position=45,
    button=N_("Janji kunjungan"),
    help=N_("buat janji kunjungan ke kantor cabang"),
    cancelled=N_("Baik, janji kunjungan dibatalkan."),
)
BOOKING = Flow(
    "visit",
    Visit,
    (
        Choose(
            "ask_day",
            ask=lambda _d, _c: Say(N_("Hari apa?")),
            options=(Option("senin", N_("Senin")), Option("selasa", N_("Selasa"))),
            store="day",
            typed=lambda text: text.strip().lower() if text.strip().lower() in ("senin", "selasa") else None,
        ),
        Question(
            "ask_note",
            ask=lambda _d, _c: Say(N_("Catatan?")),
            read=lambda e, _d, _c: dialogues.typed(e),
            store="note",
            ack=lambda d, _v, _c: (Say(N_("Dicatat: {day}."), {"day": d.day}),),
            goes=FINISH,
        ),
    ),
    entry=VISIT_ENTRY,
)


def test_a_flow_with_an_entry_is_in_the_menu_the_commands_and_help_and_says_its_own_cancel() -> None:
    from bot.flows import benefits, claims, enrollment, iuran, language, privacy, registry

    flows = registry.build(
        enrollment.FLOW,
        iuran.FLOW,
        claims.FLOW,
        benefits.FLOW,
        privacy.FLOW,
        iuran.STOP_FLOW,
        language.FLOW,
        BOOKING,  # the one line
        *dialogues.SUB_DIALOGUES,
    )
    chat = Transcript(flows)
    chat.says("/start")
    assert "Janji kunjungan" in chat.last_buttons()
    assert chat.last_buttons().index("Janji kunjungan") == chat.last_buttons().index("Tanya manfaat") + 1
    assert "• /kunjungan — buat janji kunjungan ke kantor cabang" in chat.says("/bantuan")[0]
    assert ("kunjungan", "Buat janji kunjungan") in Engine(flows).routes.commands()
    assert chat.taps("Janji kunjungan") == ["Hari apa?"]
    assert chat.says("Rabu") == ["Mohon pilih salah satu tombol di bawah, ya.", "Hari apa?"]
    assert chat.says("selasa") == ["Catatan?"]  # a typed answer matched to its button
    assert chat.says("/batal")[0] == "Baik, janji kunjungan dibatalkan."
    chat.says("/kunjungan")
    said = chat.taps("Senin")
    assert said == ["Catatan?"]
    assert chat.says("bawa KTP")[0] == "Dicatat: senin."  # said after a valid answer, before going on


def test_two_flows_claiming_one_command_fail_when_the_registry_is_built() -> None:
    from bot.flows import language, registry

    clash = Flow(
        "clash",
        Visit,
        (node("a", FINISH),),
        entry=Entry(command="bahasa", describe="x", position=99),
    )
    with pytest.raises(InvalidFlowDefinition, match="'bahasa' is claimed by"):
        registry.build(language.FLOW, clash)
