"""Tanya manfaat: topic buttons and typed questions, answered right and short, or honestly not at all.

A typed question is masked (no NIK, phone, e-mail or account number is kept), matched against the
knowledge base (`bot/domain/qa.py`), answered with the rules' figures, with this worker's own figures when
they are registered, or with a calculation when they give an income; below the threshold the fallback
offers the topics and 175. Every answer shown is recorded (masked) with its rating; unanswered questions
are there for operators (`bpu-bot qa unanswered`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from bot.domain.amounts import DAYS_PER_MONTH, WEEKS_PER_MONTH, Period
from bot.domain.calculators import (
    IuranFigure,
    JkkDeathFigure,
    JkmFigure,
    ScholarshipFigure,
    calculate,
)
from bot.domain.intents import menu_request
from bot.domain.iuran import due_date
from bot.domain.masking import mask_personal
from bot.domain.qa import Match, Matcher
from bot.domain.standing import standing_of
from bot.flows import rights
from bot.flows.answer_figures import answer_params
from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Day,
    Event,
    FlowContext,
    Month,
    Param,
    Reply,
    Rupiah,
    Say,
    Text,
    TextReceived,
)
from bot.flows.kit import FINISH, SWITCH, Action, Enter, Entry, Flow, Go, Screen
from bot.flows.knowledge import ENTRY_BY_KEY, KNOWLEDGE, TOPIC_BY_KEY, TOPICS
from bot.flows.labels import BACK_TO_MENU, OCCUPATIONS, PROGRAMMES
from bot.flows.menu import asks
from bot.flows.prices import month_price, price_text
from bot.flows.qa_register import (
    AnswerRated,
    QuestionRecorded,
    RateAnswer,
    RecordQuestion,
    RedactQuestion,
)

TOPICS_QUESTION = N_("Tanya manfaat. Pilih topik, atau ketik pertanyaan Anda.")
FALLBACK = N_(
    "Maaf, untuk pertanyaan itu saya belum punya jawaban yang pasti. Pilih topik di bawah, atau tanyakan "
    "ke BPJS Ketenagakerjaan di 175."
)
PRIVACY_NOTE = N_(
    "Demi keamanan, jangan kirim NIK, nomor HP, atau nomor rekening di pertanyaan; saya tidak menyimpannya. "
    "Bila ingin mendaftar atau mengubah data, pakai /daftar atau /datasaya."
)
HELPFUL = N_("Membantu?")
THUMBS_UP = N_("👍")
THUMBS_DOWN = N_("👎")
ASK_AGAIN = N_("Tanya lagi")
THANKS = N_("Terima kasih atas penilaiannya.")
OTHERS_QUESTION = N_("Maaf, jawaban itu belum tepat. Mungkin maksud Anda salah satu ini?")
YOUR_IURAN = N_("Iuran Anda untuk {month}: {amount}, jatuh tempo {due}.")
YOUR_STATUS = N_("Status Anda: {status}")
CALC_IURAN = N_(
    "Dengan penghasilan {income}, {programme}, pekerjaan {occupation}: iuran {month} JKK {jkk} + JKM {jkm}"
    "{jht}, jadi {total}. Mulai {month}: {price}."
)
CALC_JHT = N_(" + JHT {amount}")
# A daily or weekly income, worked out to the month the way enrolment does (bot/domain/amounts.py).
EARNED_DAILY = N_("{amount} sehari x {count} hari kerja = {income} sebulan")
EARNED_WEEKLY = N_("{amount} seminggu x {count} minggu = {income} sebulan")
CALC_JKM = N_("Dengan iuran {months} bulan, JKM yang dibayarkan {amount}.")
CALC_JKK_DEATH = N_(
    "Bila meninggal karena kecelakaan kerja dengan penghasilan {income}: santunan {lump} (48 x penghasilan, "
    "paling sedikit {minimum}), ditambah santunan berkala {periodic} dan biaya pemakaman {funeral}."
)
ANY_WORK = N_("Lainnya")
CALC_SCHOLARSHIP = N_(
    "Beasiswa {level}: {amount} per anak per tahun, paling lama {years} tahun, jadi {total} per anak "
    "(untuk paling banyak {children} anak)."
)
# A level of `Rules.scholarship_by_level` as shown.
LEVEL_NAMES = {
    "TK": N_("TK"),
    "SD": N_("SD"),
    "SMP": N_("SMP"),
    "SMA": N_("SMA"),
    "Perguruan tinggi": N_("Perguruan tinggi"),
}


@dataclass(frozen=True)
class BenefitsData:
    """The answer being rated and the question waiting to be recorded."""

    question_id: int | None = None
    pending_topic: str | None = None
    pending_text: str = ""
    pending_score: float = 0.0
    pending_answered: bool = False
    # The question just answered (masked) and the entries it was next closest to: offered after a 👎.
    asked: str = ""
    others: tuple[str, ...] = ()
    corrects: int | None = None  # the question whose answer missed, while its other entries are offered
    # The digits the chat's last question ended with, and where it was kept: a number split over two
    # messages is masked in both (the first is redacted when the second shows it was part of a number).
    tail: str = ""
    last_question_id: int | None = None


# --- Answers ---------------------------------------------------------------------------------------


@cache
def _matcher() -> Matcher:
    """Build the index once, on the first question (not at import: most turns never ask one)."""
    return Matcher(KNOWLEDGE.paraphrases(), KNOWLEDGE.off_topic)


def match(text: str) -> Match:
    """Match a question against the knowledge base."""
    return _matcher().match(text)


def entry_answer(key: str, ctx: FlowContext) -> list[Reply]:
    """The entry's answer, then this worker's own figures where the entry says they matter."""
    entry = ENTRY_BY_KEY[key]
    said: list[Reply] = [Say(entry.answer, answer_params(ctx.rules, ctx.today))]
    participant = ctx.participant
    if participant is None or entry.own is None:
        return said
    rules = ctx.rules
    if participant.deceased_on is not None:
        return said  # the family holds the phone now: no figures of protection
    standing = standing_of(participant, ctx.today, rules)
    month = standing.next_month
    amount = participant.terms.iuran(month, rules)
    if entry.own in ("iuran", "status"):
        params: dict[str, Param] = {
            "month": Month(month),
            "amount": month_price(participant.terms, month, rules),
            "due": Day(due_date(month, rules), weekday=True),
        }
        said.append(Say(YOUR_IURAN, params))
    if entry.own == "status" and (standing.arrears or not entry.broad):
        said.append(Say(YOUR_STATUS, {"status": rights.status_text(standing, rules)}))
    if entry.own == "jkm":
        said.append(rights.own_jkm_said(standing, amount, rules))
    return said


def calculation(text: str, topic: str | None, ctx: FlowContext) -> Say | None:
    """Answer with a calculation when the question gives the numbers (`bot/domain/calculators.py`)."""
    match calculate(text, topic, ctx.today, ctx.rules):
        case JkmFigure(months=months, amount=amount):
            return Say(CALC_JKM, {"months": months, "amount": Rupiah(amount)})
        case JkkDeathFigure() as death:
            params: dict[str, Param] = {
                "income": Rupiah(death.income),
                "lump": Rupiah(death.lump),
                "minimum": Rupiah(death.minimum),
                "periodic": Rupiah(death.periodic),
                "funeral": Rupiah(death.funeral),
            }
            return Say(CALC_JKK_DEATH, params)
        case ScholarshipFigure() as grant:
            shown: dict[str, Param] = {
                "level": Text(LEVEL_NAMES[grant.level]),
                "amount": Rupiah(grant.amount),
                "years": grant.years,
                "total": Rupiah(grant.total),
                "children": grant.children,
            }
            return Say(CALC_SCHOLARSHIP, shown)
        case IuranFigure() as figure:
            iuran = figure.iuran
            income: Param = Rupiah(figure.income)
            if figure.earned is not None:
                daily = figure.earned.period is Period.DAY
                income = Text(
                    EARNED_DAILY if daily else EARNED_WEEKLY,
                    {
                        "amount": Rupiah(figure.earned.amount),
                        "count": DAYS_PER_MONTH if daily else WEEKS_PER_MONTH,
                        "income": Rupiah(figure.income),
                    },
                )
            price = price_text(figure.income, figure.programme, figure.occupations, figure.month, ctx.rules)
            occupation = Text(OCCUPATIONS[figure.occupation]) if figure.occupation else Text(ANY_WORK)
            return Say(
                CALC_IURAN,
                {
                    "income": income,
                    "programme": Text(PROGRAMMES[figure.programme.value]),
                    "occupation": occupation,
                    "month": Month(figure.month),
                    "jkk": Rupiah(iuran.jkk),
                    "jkm": Rupiah(iuran.jkm),
                    "jht": Text(CALC_JHT, {"amount": Rupiah(iuran.jht)}) if iuran.jht else "",
                    "total": Rupiah(iuran.total),
                    "price": price,
                },
            )
    return None


# --- The flow --------------------------------------------------------------------------------------


def _topics_say(text: str = TOPICS_QUESTION) -> Say:
    choices = (*(Choice(f"t{topic.key}", topic.label) for topic in TOPICS), Choice("menu", BACK_TO_MENU))
    return Say(text, choices=choices, columns=2)


def _ask_topics(_data: BenefitsData, _ctx: FlowContext) -> Say:
    return _topics_say()


def _ask_rating(_data: BenefitsData, _ctx: FlowContext) -> Say:
    choices = (
        Choice("up", THUMBS_UP),
        Choice("down", THUMBS_DOWN),
        Choice("again", ASK_AGAIN),
        Choice("menu", BACK_TO_MENU),
    )
    return Say(HELPFUL, choices=choices, columns=2)


def _question(text: str, data: BenefitsData, ctx: FlowContext) -> Go:
    """Answer a typed question, or start the flow a typed request names ("mau daftar")."""
    request = menu_request(text)
    asking = asks(text)
    if request is not None and request not in ("manfaat", "bantuan") and not asking:
        return Go(SWITCH, BenefitsData(), switch_to=request)  # "mau daftar", "ada yang meninggal"
    masked = mask_personal(text, before=data.tail)
    redact = (RedactQuestion(data.last_question_id),) if masked.joined and data.last_question_id else ()
    found = match(re.sub(r"\[\w+\]", " ", masked.text))  # the masks are not words of the question
    before: list[Reply] = [Say(PRIVACY_NOTE)] if masked.found else []
    if found.answered and found.topic is not None:
        calculated = calculation(masked.text, ENTRY_BY_KEY[found.topic].topic, ctx)
        before += [calculated] if calculated is not None else entry_answer(found.topic, ctx)
    else:
        calculated = calculation(masked.text, None, ctx)
        if calculated is not None:
            before.append(calculated)
            found = replace(found, topic="iuran", score=max(found.score, 0.0))
    recorded = replace(
        data,
        pending_topic=found.topic if (found.answered or calculated is not None) else None,
        pending_text=masked.text[:300],
        pending_score=found.score,
        pending_answered=found.answered or calculated is not None,
        tail=masked.tail,
        others=found.others if found.answered and calculated is None else (),
    )
    if not recorded.pending_answered:
        return Go("recording_fallback", recorded, tuple(before), effects=redact)
    return Go("recording", recorded, tuple(before), effects=redact)


def _on_topics(event: Event, data: BenefitsData, ctx: FlowContext) -> Go:
    match event:
        case ChoiceMade(key="menu"):
            return Go(FINISH, BenefitsData())
        case ChoiceMade(key=key) if key.startswith("t") and key[1:] in TOPIC_BY_KEY:
            topic = key[1:]
            chosen = replace(
                data, pending_topic=topic, pending_text=f"[{topic}]", pending_score=0.0, pending_answered=True
            )
            return Go("recording", chosen, tuple(entry_answer(topic, ctx)))
        case TextReceived(text=text) if text.strip():
            return _question(text.strip(), data, ctx)
    return Go("topics", data, (Say(USE_BUTTONS),))  # a photo, a location: not a question


def _record(data: BenefitsData, ctx: FlowContext) -> RecordQuestion:
    return RecordQuestion(
        data.pending_text,
        data.pending_topic,
        data.pending_score,
        data.pending_answered,
        ctx.language,
        data.corrects,
    )


def _recorded(event: Event, data: BenefitsData, _ctx: FlowContext) -> Go:
    question_id = event.question_id if isinstance(event, QuestionRecorded) else None
    rated = BenefitsData(
        question_id=question_id, asked=data.pending_text, others=data.others, **_carried(data, question_id)
    )
    return Go("rating", rated)


def _recorded_fallback(event: Event, data: BenefitsData, _ctx: FlowContext) -> Go:
    question_id = event.question_id if isinstance(event, QuestionRecorded) else None
    return Go("topics", BenefitsData(**_carried(data, question_id)), (Say(FALLBACK),))


def _carried(data: BenefitsData, question_id: int | None) -> dict[str, Any]:
    """What the next question needs of this one: the digits it ended with, and where it was kept."""
    return {"tail": data.tail, "last_question_id": question_id}


def _on_rating(event: Event, data: BenefitsData, ctx: FlowContext) -> Go:
    match event:
        case ChoiceMade(key="up" | "down" as key) if data.question_id is not None:
            return Go("rating_saved", replace(data, pending_answered=key == "up"))
        case ChoiceMade(key="again"):
            return Go("topics", BenefitsData())
        case ChoiceMade(key="menu"):
            return Go(FINISH, BenefitsData())
        case TextReceived(text=text) if text.strip():
            carried = BenefitsData(tail=data.tail, last_question_id=data.question_id)
            return _question(text.strip(), carried, ctx)
    return Go("rating", data, (Say(HELPFUL_BUTTONS),))


HELPFUL_BUTTONS = N_("Tekan 👍 atau 👎, atau ketik pertanyaan lain.")


def _rate(data: BenefitsData, _ctx: FlowContext) -> RateAnswer:
    return RateAnswer(data.question_id or 0, data.pending_answered)


def _rated(event: Event, data: BenefitsData, _ctx: FlowContext) -> Go:
    said = (Say(THANKS),) if isinstance(event, AnswerRated) else ()
    if not data.pending_answered and data.others:  # 👎: the entries it was next closest to, one tap away
        offered = BenefitsData(
            asked=data.asked, others=data.others, corrects=data.question_id, tail=data.tail
        )
        return Go("others", offered)
    return Go("topics", BenefitsData(), said)


def _ask_others(data: BenefitsData, _ctx: FlowContext) -> Say:
    choices = (
        *(Choice(f"e{key}", ENTRY_BY_KEY[key].question) for key in data.others),
        Choice("again", ASK_AGAIN),
        Choice("menu", BACK_TO_MENU),
    )
    return Say(OTHERS_QUESTION, choices=choices)


def _on_others(event: Event, data: BenefitsData, ctx: FlowContext) -> Go:
    """One of the other entries chosen: its answer, kept with the question as asked, and rated again."""
    match event:
        case ChoiceMade(key=key) if key.startswith("e") and key[1:] in data.others:
            chosen = replace(
                data,
                pending_topic=key[1:],
                pending_text=data.asked,
                pending_score=0.0,
                pending_answered=True,
                others=(),
            )
            return Go("recording", chosen, tuple(entry_answer(key[1:], ctx)))
        case ChoiceMade(key="again"):
            return Go("topics", BenefitsData())
        case ChoiceMade(key="menu"):
            return Go(FINISH, BenefitsData())
        case TextReceived(text=text) if text.strip():
            return _question(text.strip(), BenefitsData(tail=data.tail), ctx)
    return Go("others", data, (Say(USE_BUTTONS),))  # a forged button, a sticker: the same choice again


def _enter(_data: BenefitsData, at: str | None, ctx: FlowContext) -> Go:
    """From the menu's typed question (entry `q:<text>`), answer at once; else show the topics."""
    if at and at.startswith("q:"):
        return _question(at[2:], BenefitsData(), ctx)
    return Go("topics", BenefitsData())


_TARGETS = ("recording", "recording_fallback", "topics", FINISH, SWITCH)
ENTRY = Entry(
    command="manfaat",
    describe=N_("Tanya manfaat JKK, JKM, JHT"),
    position=40,
    button=N_("Tanya manfaat"),
    help=N_("tanya manfaat JKK, JKM, JHT, iuran"),
    answers=True,
)

FLOW: Flow[BenefitsData] = Flow(
    "benefits",
    BenefitsData,
    (
        Screen("topics", ask=_ask_topics, handle=_on_topics, targets=_TARGETS, progress=False),
        Action("recording", effect=_record, handle=_recorded, targets=("rating",)),
        Action("recording_fallback", effect=_record, handle=_recorded_fallback, targets=("topics",)),
        Screen(
            "rating",
            ask=_ask_rating,
            handle=_on_rating,
            targets=("rating_saved", "rating", *_TARGETS),
            progress=False,
        ),
        Action("rating_saved", effect=_rate, handle=_rated, targets=("topics", "others")),
        Screen("others", ask=_ask_others, handle=_on_others, targets=(*_TARGETS, "others"), progress=False),
    ),
    enter=Enter(_enter, ("topics", "recording", "recording_fallback", SWITCH)),
    entry=ENTRY,
)
