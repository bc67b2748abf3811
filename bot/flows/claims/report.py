"""The report: who reports, about whom, what happened, what the family is owed, and sending it.

A death is reported by an heir (or anyone, told that only an heir can claim); a work accident by the
worker or their family. The rights are read from our records and explained before anything is sent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from bot.domain.claims import (
    REPORTER_RELATIONS,
    ClaimKind,
    is_heir,
    report_deadline_close,
    report_deadline_passed,
    sla_days,
    within_claim_window,
)
from bot.domain.dates import DateProblem, parse_date
from bot.domain.participants import is_registration_number
from bot.domain.rules import Rules
from bot.flows import dialogues as ask
from bot.flows import rights
from bot.flows.base import Day, Event, FlowContext, Lines, Param, Say, Text
from bot.flows.claim_register import (
    AssessStanding,
    ClaimSubmitted,
    FindParticipant,
    LookupsExhausted,
    ParticipantFound,
    ParticipantNoted,
    StandingRead,
    SubmitClaim,
)
from bot.flows.claims.data import (
    ClaimData,
    assessment,
    before_registration,
    cause,
    cover,
    documents,
    is_death,
    pays,
    programme,
    whom,
)
from bot.flows.claims.texts import (
    ACCIDENT_CLOSE,
    ACCIDENT_CONSENT,
    ACCIDENT_INTRO,
    ACCIDENT_LATE,
    ACCIDENT_ON,
    ACCIDENT_TOO_OLD,
    AGREE,
    BEFORE_REGISTRATION,
    BY_KPJ,
    BY_NIK,
    BY_NUMBER,
    CANCEL_REPORT,
    CAUSE_HELP,
    CAUSE_LABELS,
    CAUSE_QUESTION,
    CHECKLIST,
    CHECKLIST_DEATH,
    CLAIM_STATUS,
    CONDOLENCES,
    DATE_PROBLEMS,
    DEATH_CONSENT,
    DECLINED,
    DIED_ON,
    DISAGREE,
    DOCUMENT_NAMES,
    FACILITY_QUESTION,
    ID_QUESTION,
    KPJ_OF,
    KPJ_WRONG,
    LOOKUP_LIMIT,
    MATCH_QUESTION,
    MENU_QUESTION,
    NIK_OF,
    NO,
    NOT_AN_HEIR,
    NUMBER_OF,
    NUMBER_WRONG,
    PLACE_ACCIDENT,
    PLACE_BAD,
    PLACE_DEATH,
    PROGRAMME_NAMES,
    RELATION_HELP,
    RELATION_QUESTION,
    RELATIONS,
    REPORT_ACCIDENT,
    REPORT_DEATH,
    SUBMIT,
    SUBMIT_QUESTION,
    SUBMITTED,
    SUBMITTED_ACCIDENT,
    SUBMITTED_NO_RIGHT,
    TEXT_BAD,
    WHAT_QUESTION,
    WHO_FAMILY,
    WHO_QUESTION,
    WHO_SELF,
    YES,
)
from bot.flows.kit import (
    FINISH,
    Action,
    Branch,
    Call,
    Choose,
    Consent,
    Go,
    Invalid,
    Node,
    Option,
    Question,
)
from bot.flows.labels import BACK_TO_MENU

# --- The claims menu and consent -------------------------------------------------------------------

MENU: Choose[ClaimData] = Choose(
    "menu",
    ask=lambda _d, _c: Say(MENU_QUESTION),
    options=(
        Option(
            "death", REPORT_DEATH, goes="ask_consent", say=(Say(CONDOLENCES),), value=ClaimKind.DEATH.value
        ),
        Option(
            "accident",
            REPORT_ACCIDENT,
            goes="ask_consent",
            say=(Say(ACCIDENT_INTRO),),
            value=ClaimKind.ACCIDENT.value,
        ),
        Option("status", CLAIM_STATUS, goes="listing", value=None),
        Option("back", BACK_TO_MENU, goes=FINISH, value=None),
    ),
    store="kind",
    progress=False,
)


def start(kind: ClaimKind) -> Go:
    """Begin a report of `kind` (a typed "ada yang meninggal" begins a death report)."""
    first = Say(CONDOLENCES if kind is ClaimKind.DEATH else ACCIDENT_INTRO)
    return Go("ask_consent", ClaimData(kind=kind.value), (first,))


CONSENT: Consent[ClaimData] = Consent(
    "ask_consent",
    question=lambda d: DEATH_CONSENT if is_death(d) else ACCIDENT_CONSENT,
    agree=AGREE,
    disagree=DISAGREE,
    declined=DECLINED,
)

# --- Who reports, and about whom -------------------------------------------------------------------


def _ask_relation(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(RELATION_QUESTION, columns=2) if is_death(data) else Say(WHO_QUESTION)


def _relations(data: ClaimData, _ctx: FlowContext) -> tuple[Option, ...]:
    if not is_death(data):
        return (Option("self", WHO_SELF, goes="ask_phone"), Option("family", WHO_FAMILY, goes="ask_phone"))
    return tuple(
        Option(k, RELATIONS[k], goes="ask_phone", say=() if is_heir(k) else (Say(NOT_AN_HEIR),))
        for k in REPORTER_RELATIONS
    )


def _read_number(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    digits = "".join(text.split())
    return digits if is_registration_number(digits) else Invalid(NUMBER_WRONG)


def _read_kpj(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    digits = "".join(c for c in text if not c.isspace() and c not in ".-")
    return digits if digits.isascii() and digits.isdigit() and 8 <= len(digits) <= 13 else Invalid(KPJ_WRONG)


def _identified(kind: str) -> Any:
    """Store the number with the kind of the question that read it (whatever was chosen before)."""

    def store(data: ClaimData, value: str) -> ClaimData:
        return replace(data, id_kind=kind, id_value=value)

    return store


def _find(data: ClaimData, _ctx: FlowContext) -> FindParticipant:
    if data.id_kind == "nik":
        return FindParticipant(nik=data.id_value, phone=data.phone)
    return FindParticipant(number=data.id_value, phone=data.phone)


def _found(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    """Only the participant or an heir they named hears whether the number is registered."""
    if isinstance(event, ParticipantFound):
        found = replace(data, participant_id=event.participant_id, initials=event.initials, privileged=True)
        return Go("confirm_match", found)
    unknown = replace(data, participant_id=None, initials=None, privileged=False)
    if isinstance(event, ParticipantNoted):
        return Go("ask_event_on", replace(unknown, participant_id=event.participant_id))
    if isinstance(event, LookupsExhausted):
        return Go("ask_event_on", unknown, (Say(LOOKUP_LIMIT, {"limit": event.limit}),))
    return Go("ask_event_on", unknown)


def _after_id(data: ClaimData, _value: str, _ctx: FlowContext) -> str:
    return "ask_event_on" if data.id_kind == "kpj" else "finding"


_ID_GOES = Branch(_after_id, ("finding", "ask_event_on"))


# --- What happened ---------------------------------------------------------------------------------


def _ask_event_on(data: ClaimData, _ctx: FlowContext) -> Say:
    return Say(DIED_ON if is_death(data) else ACCIDENT_ON)


def _read_date(event: Event, _data: ClaimData, ctx: FlowContext) -> date | Invalid:
    if isinstance(text := ask.typed(event), Invalid):
        return text
    result = parse_date(text, ctx.today)
    return Invalid(DATE_PROBLEMS[result]) if isinstance(result, DateProblem) else result


def _read_text(limit: int) -> Any:
    def read(event: Event, _data: ClaimData, _ctx: FlowContext) -> str | Invalid:
        if isinstance(text := ask.typed(event), Invalid):
            return text
        value = " ".join(text.split())
        if not 3 <= len(value) <= limit or not any(c.isalpha() for c in value):
            return Invalid(PLACE_BAD if limit <= 150 else TEXT_BAD)
        return value

    return read


def _after_place(data: ClaimData, _value: str, _ctx: FlowContext) -> str:
    return "ask_cause" if is_death(data) else "ask_what"


def _assess(data: ClaimData, ctx: FlowContext) -> AssessStanding:
    return AssessStanding(data.participant_id, data.event_on or ctx.today)


def _assessed(event: Event, data: ClaimData, _ctx: FlowContext) -> Go:
    if isinstance(event, StandingRead) and event.standing is not None:
        data = replace(data, standing=event.standing, registered_on=event.registered_on)
    else:
        data = replace(data, standing=None, registered_on=None)
    return Go("confirm_submit", replace(data, documents=documents(data)))


def _before_registration(data: ClaimData) -> list[Say]:
    if before_registration(data) and data.registered_on is not None:
        return [Say(BEFORE_REGISTRATION, {"registered": Day(data.registered_on)})]
    return []


def _ask_submit(data: ClaimData, ctx: FlowContext) -> tuple[Say, ...]:
    # Anyone but the participant or a named heir hears the general rules: no private fact of anyone.
    told = data if data.privileged else replace(data, standing=None, registered_on=None)
    said: list[Say] = _before_registration(told)
    if is_death(told):
        said += rights.death_said(assessment(told, ctx.rules), cause(told), ctx.rules)
    elif data.event_on is not None:
        said.append(rights.accident_said(cover(told)))
        if not within_claim_window(data.event_on, ctx.today, ctx.rules):
            said.append(Say(ACCIDENT_TOO_OLD))
        elif report_deadline_passed(data.event_on, ctx.today, ctx.rules):
            said.append(Say(ACCIDENT_LATE))
        elif report_deadline_close(data.event_on, ctx.today, ctx.rules):
            deadline = data.event_on + timedelta(hours=ctx.rules.accident_report_hours)
            said.append(Say(ACCIDENT_CLOSE, {"deadline": Day(deadline)}))
    names = Lines(tuple(Text(DOCUMENT_NAMES[key]) for key in data.documents))
    checklist = CHECKLIST_DEATH if "surat_ahli_waris" in data.documents else CHECKLIST
    said.append(Say(checklist, {"documents": names}))
    said.append(Say(SUBMIT_QUESTION))
    return tuple(said)


def _submission(data: ClaimData, ctx: FlowContext) -> SubmitClaim:
    details: dict[str, Any] = {
        "reporter_name": data.reporter_name,
        "relation": data.relation,
        "phone": data.phone,
        "id_kind": data.id_kind,
        "id_value": data.id_value,
        "event_on": data.event_on.isoformat() if data.event_on else None,
        "place": data.place,
        "cause": cause(data).value,
        "what": data.what,
        "facility": data.facility,
        "consent_at": data.consent_at,
        **_assessed_details(data, ctx.rules),
    }
    return SubmitClaim(
        kind=data.kind or ClaimKind.DEATH.value,
        programme=programme(data, ctx.rules).value,
        participant_id=data.participant_id,
        event_on=data.event_on or ctx.today,
        details=details,
        documents=data.documents,
        language=ctx.language,
    )


def _assessed_details(data: ClaimData, rules: Rules) -> dict[str, Any]:
    """What the operator reads of the assessment told to the reporter."""
    if is_death(data):
        assessed = assessment(data, rules)
        return {"right": assessed.right.value, "total": assessed.total, "rule": assessed.rule.value}
    covered = cover(data)
    return {"right": covered.cover.value, "rule": covered.rule.value}


def _submitted(event: Event, data: ClaimData, ctx: FlowContext) -> Go:
    number = event.number if isinstance(event, ClaimSubmitted) else ""
    under = programme(data, ctx.rules)
    params: dict[str, Param] = {
        "number": number,
        "programme": Text(PROGRAMME_NAMES[under.value]),
        "sla": sla_days(under, ctx.rules),
    }
    text = SUBMITTED if is_death(data) else SUBMITTED_ACCIDENT
    no_right = data.privileged and not pays(data, ctx.rules)
    said = Say(SUBMITTED_NO_RIGHT if no_right else text, params)
    return Go("documents", replace(data, number=number, missing=data.documents), (said,))


NODES: tuple[Node, ...] = (
    CONSENT,
    Call("ask_reporter", flow=ask.NAME, into="reporter_name"),
    Choose(
        "ask_relation",
        ask=_ask_relation,
        options=_relations,
        store="relation",
        may_go=("ask_phone",),
        help=RELATION_HELP,
    ),
    Call("ask_phone", flow=ask.PHONE, into="phone"),
    Choose(
        "ask_id_kind",
        ask=lambda d, _c: Say(ID_QUESTION, {"whom": whom(d)}),
        options=(
            Option("nik", BY_NIK, goes="ask_nik"),
            Option("number", BY_NUMBER, goes="ask_number"),
            Option("kpj", BY_KPJ, goes="ask_kpj"),
        ),
        store="id_kind",
    ),
    Question(
        "ask_nik",
        ask=lambda d, _c: Say(NIK_OF, {"whom": whom(d)}),
        read=ask.read_anyones_nik,
        store=_identified("nik"),
        help=ask.NIK_HELP,
        goes=_ID_GOES,
    ),
    Question(
        "ask_number",
        ask=lambda d, _c: Say(NUMBER_OF, {"whom": whom(d)}),
        read=_read_number,
        store=_identified("number"),
        goes=_ID_GOES,
    ),
    Question(
        "ask_kpj",
        ask=lambda d, _c: Say(KPJ_OF, {"whom": whom(d)}),
        read=_read_kpj,
        store=_identified("kpj"),
        goes=_ID_GOES,
    ),
    Action("finding", effect=_find, handle=_found, targets=("confirm_match", "ask_event_on")),
    Choose(
        "confirm_match",
        ask=lambda d, _c: Say(MATCH_QUESTION, {"initials": d.initials or ""}),
        options=(
            Option("yes", YES, goes="ask_event_on"),
            Option(
                "no",
                NO,
                goes="ask_id_kind",
                forget=("participant_id", "initials", "id_value", "privileged"),
            ),
        ),
    ),
    Question("ask_event_on", ask=_ask_event_on, read=_read_date, store="event_on"),
    Question(
        "ask_place",
        ask=lambda d, _c: Say(PLACE_DEATH if is_death(d) else PLACE_ACCIDENT),
        read=_read_text(150),
        store="place",
        goes=Branch(_after_place, ("ask_cause", "ask_what")),
    ),
    Choose(
        "ask_cause",
        ask=lambda _d, _c: Say(CAUSE_QUESTION),
        options=tuple(Option(k, v, goes="assessing") for k, v in CAUSE_LABELS.items()),
        store="cause",
        help=CAUSE_HELP,
    ),
    Question("ask_what", ask=lambda _d, _c: Say(WHAT_QUESTION), read=_read_text(300), store="what"),
    Question(
        "ask_facility", ask=lambda _d, _c: Say(FACILITY_QUESTION), read=_read_text(150), store="facility"
    ),
    Action("assessing", effect=_assess, handle=_assessed, targets=("confirm_submit",)),
    Choose(
        "confirm_submit",
        ask=_ask_submit,
        options=(
            Option("submit", SUBMIT, goes="submitting", value=None),
            Option("cancel", CANCEL_REPORT, goes=FINISH, say=(Say(DECLINED),), value=None),
        ),
    ),
    Action("submitting", effect=_submission, handle=_submitted, targets=("documents",)),
)
