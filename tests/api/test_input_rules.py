"""Each input's limits are declared once: the rule set, the web form and the OpenAPI document agree.

For every text input of a rule set the table names the constant the rule set checks, the body it sits in and the
form that offers it on the web. The test asks the rule set itself (one character over is refused, the limit is
not), the served OpenAPI document (``maxLength``) and the form field (``max_length``, when the form sets one), so a
limit can no longer be 200 in the form and 100 in the validation and the docs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest

from tests.openapi_contract import served_document
from weerbaar.aftercare import forms as aftercare_forms
from weerbaar.aftercare import validation as aftercare_rules
from weerbaar.cases import forms as case_forms
from weerbaar.cases import services as case_services
from weerbaar.cases.choices import Channel
from weerbaar.cases.choices import Status as CaseStatus
from weerbaar.core.errors import InvalidInput
from weerbaar.council import forms as council_forms
from weerbaar.council import validation as council_rules
from weerbaar.directory import forms as directory_forms
from weerbaar.directory import validation as directory_rules
from weerbaar.guidance import rules as guidance_rules
from weerbaar.guidance import validation as guidance_validation
from weerbaar.incidents import forms as incident_forms
from weerbaar.incidents import validation as incident_rules
from weerbaar.intake import forms as intake_forms
from weerbaar.intake import validation as intake_rules
from weerbaar.network import forms as network_forms
from weerbaar.network import validation as network_rules
from weerbaar.telephony import numbers as telephony_numbers
from weerbaar.telephony import validation as telephony_rules


@dataclass(frozen=True)
class TextInput:
    rule_set: Callable[[dict[str, Any]], Any]
    component: str  # the request body's schema in the OpenAPI document
    name: str  # the API name (lowerCamelCase); "a.b" for a member of a list of objects
    limit: int  # the constant the rule set checks
    form: Callable[[], Any] | None  # makes the web form offering it (its PARAMS map API names onto form fields)
    param: str = ""  # the invalidParams name the rule set answers with, when it differs from ``name``
    form_field: str = ""  # the form's field, when the form has no PARAMS map
    fill: Callable[[int], str] | None = None  # a valid value of n characters, when plain letters are not one
    pattern_caps: bool = False  # a stricter pattern refuses a value at the limit: only "one over" is asked

    def value(self, n: int) -> str:
        return self.fill(n) if self.fill else "a" * n

    def body(self, value: str) -> dict[str, Any]:
        outer, _, inner = self.name.partition(".")
        return {outer: [{"kind": "name", inner: value}]} if inner else {self.name: value}


def _email(n: int) -> str:
    """A valid e-mail address of exactly n characters (n >= 69): local part 64, domain labels of at most 63."""
    rest = n - len("a" * 64 + "@") - len(".nl")
    labels = []
    while rest > 64:
        labels.append("b" * 63)
        rest -= 64
    labels.append("b" * rest)
    return "a" * 64 + "@" + ".".join(labels) + ".nl"


def _phone(n: int) -> str:
    return "+" + "1" * (n - 1)


def _url(n: int) -> str:
    return "https://example.org/" + "a" * (n - len("https://example.org/"))


def _council_request(raw: dict[str, Any]) -> Any:
    return council_rules.validate_council_request({"body": "waterschap", **raw})


def _council_step(raw: dict[str, Any]) -> Any:
    return council_rules.validate_step(raw, needs_notes=True, needs_session=True, needs_follow_up=False,
                                       needs_reason=True)  # fmt: skip


def _case_text(name: str) -> Callable[[dict[str, Any]], Any]:
    """The text rule of case notes, messages (both ways) and a status change's reason (``cases.services``)."""
    return lambda raw: case_services._text(raw.get(name, ""), name)


def _call_event(raw: dict[str, Any]) -> Any:
    return telephony_rules.validate_call_event(json.dumps(raw).encode())


def _evidence_details(raw: dict[str, Any]) -> Any:
    return incident_rules.validate_evidence_details(raw.get("sourceUrl"), None)


TEXT_INPUTS = [
    TextInput(incident_rules.validate_incident, "IncidentInputRequest", "platform", incident_rules.MAX_PLATFORM,
              incident_forms.IncidentForm),
    TextInput(incident_rules.validate_incident, "IncidentInputRequest", "description",
              incident_rules.MAX_DESCRIPTION, incident_forms.IncidentForm),
    TextInput(incident_rules.validate_incident, "IncidentInputRequest", "witnesses", incident_rules.MAX_WITNESSES,
              incident_forms.IncidentForm),
    TextInput(incident_rules.validate_incident, "IncidentInputRequest", "perpetratorIdentifiers.value",
              incident_rules.MAX_IDENTIFIER, incident_forms.IncidentForm, param="perpetratorIdentifiers[0].value"),
    TextInput(incident_rules.validate_police_report, "PoliceReportInputRequest", "policeUnit",
              incident_rules.MAX_SHORT, incident_forms.PoliceReportForm),
    TextInput(incident_rules.validate_police_report, "PoliceReportInputRequest", "policeReference",
              incident_rules.MAX_SHORT, incident_forms.PoliceReportForm),
    TextInput(incident_rules.validate_police_report, "PoliceReportInputRequest", "notes", incident_rules.MAX_NOTES,
              incident_forms.PoliceReportForm),
    TextInput(incident_rules.validate_damage_item, "DamageItemInputRequest", "description", incident_rules.MAX_NOTES,
              incident_forms.DamageForm),
    TextInput(_evidence_details, "EvidenceUploadRequest", "sourceUrl", incident_rules.MAX_URL,
              incident_forms.EvidenceForm, fill=_url),
    # directory: a partner of the network
    *[
        TextInput(directory_rules.partner_input, "PartnerInputRequest", name, limit, directory_forms.PartnerForm,
                  form_field=field, fill=fill)
        for name, limit, field, fill in [
            ("name", directory_rules.MAX_NAME, "name", None),
            ("organisation", directory_rules.MAX_ORGANISATION, "organisation", None),
            ("contactName", directory_rules.MAX_NAME, "contact_name", None),
            ("email", directory_rules.MAX_EMAIL, "email", _email),
            ("phone", directory_rules.MAX_PHONE, "phone", _phone),
            ("notes", directory_rules.MAX_NOTES, "notes", None),
        ]
    ],
    # council: the public request, and the team's steps
    *[
        TextInput(_council_request, "CouncilRequestInputRequest", name, limit, council_forms.CouncilRequestForm,
                  fill=fill, pattern_caps=caps)
        for name, limit, fill, caps in [
            ("waterBoard", council_rules.MAX_WATER_BOARD, None, False),
            ("contactName", council_rules.MAX_NAME, None, False),
            ("contactFunction", council_rules.MAX_FUNCTION, None, False),
            ("contactEmail", council_rules.MAX_EMAIL, _email, False),
            ("contactPhone", council_rules.MAX_PHONE, _phone, True),  # the pattern allows 24 characters
            ("preferredPeriod", council_rules.MAX_PERIOD, None, False),
            ("situation", council_rules.MAX_TEXT, None, False),
        ]
    ],
    *[
        TextInput(_council_step, "CouncilStatusChangeInputRequest", name, limit, council_forms.StepForm)
        for name, limit in [
            ("localSituation", council_rules.MAX_TEXT),
            ("protocol", council_rules.MAX_TEXT),
            ("codeOfConduct", council_rules.MAX_TEXT),
            ("place", council_rules.MAX_PLACE),
            ("reason", council_rules.MAX_TEXT),
        ]
    ],
    # intake: the help request (web, phone and API alike)
    *[
        TextInput(partial(intake_rules.validate_help_request, channel=Channel.API), "HelpRequestInputRequest", name,
                  limit, intake_forms.PhoneIntakeForm, fill=fill, pattern_caps=caps)
        for name, limit, fill, caps in [
            ("name", intake_rules.MAX_NAME, None, False),
            ("email", intake_rules.MAX_EMAIL, _email, False),
            ("phone", intake_rules.MAX_PHONE, _phone, True),  # the pattern allows 24 characters
            ("description", intake_rules.MAX_DESCRIPTION, None, False),
        ]
    ],
    # cases: notes, messages (staff and office holder) and a status change's reason
    TextInput(_case_text("text"), "TextInputRequest", "text", case_services.MAX_TEXT, case_forms.NoteForm,
              form_field="text"),
    TextInput(_case_text("text"), "TextInputRequest", "text", case_services.MAX_TEXT, case_forms.MessageForm,
              form_field="text"),
    TextInput(_case_text("text"), "MessageInputRequest", "text", case_services.MAX_TEXT, intake_forms.PortalMessageForm,
              form_field="text"),
    TextInput(_case_text("reason"), "StatusChangeInputRequest", "reason", case_services.MAX_TEXT,
              partial(case_forms.StatusChangeForm, source=CaseStatus.CLOSED, target=CaseStatus.IN_PROGRESS),
              form_field="reason"),
    # aftercare: an own check-in question, the advisor's follow-up and the office holder's answer
    TextInput(lambda raw: aftercare_rules.validate_question(question=raw.get("question")), "CheckInInputRequest",
              "question", aftercare_rules.MAX_QUESTION, partial(aftercare_forms.CheckInAddForm, members=[]),
              form_field="question"),
    TextInput(lambda raw: aftercare_rules.validate_follow_up(text=raw.get("text")), "AftercareTextInputRequest",
              "text", aftercare_rules.MAX_TEXT, aftercare_forms.FollowUpForm, form_field="text"),
    TextInput(lambda raw: aftercare_rules.validate_answer(text=raw.get("text"), mood=None), "AnswerInputRequest",
              "text", aftercare_rules.MAX_TEXT, aftercare_forms.AnswerForm, form_field="text"),
    # telephony: a call event (no web form: the telephone exchange sends it)
    TextInput(_call_event, "CallEventInputRequest", "advisor", telephony_rules.USERNAME_MAX, None),
    TextInput(_call_event, "CallEventInputRequest", "from", telephony_numbers.MAX_INPUT, None, fill=_phone,
              pattern_caps=True),  # forty digits are no phone number
    # network: referrals and consent
    TextInput(partial(network_rules.validate_proposal, allowed_items=set(), partner_ids=set()),
              "ReferralProposalInputRequest", "question", network_rules.MAX_QUESTION,
              partial(network_forms.ProposeForm, partners=[], items=[])),
    TextInput(partial(network_rules.validate_consent, proposed_items=set(), recorded=True),
              "ReferralRecordedConsentInputRequest", "contact", network_rules.MAX_CONTACT,
              partial(network_forms.ConsentForm, items=[], recorded=True)),
    TextInput(partial(network_rules.validate_consent, proposed_items=set(), recorded=False),
              "ReferralConsentInputRequest", "contact", network_rules.MAX_CONTACT,
              partial(network_forms.ConsentForm, items=[], recorded=False)),
    TextInput(partial(network_rules.validate_answer, action="complete"),
              "ReferralPartnerStatusChangeInputRequest", "text", network_rules.MAX_ANSWER,
              partial(network_forms.AnswerForm, label="text"), form_field="text"),
]  # fmt: skip


def _ids(item: TextInput) -> str:
    return f"{item.component}.{item.name}"


def _refused_names(item: TextInput, value: str) -> set[str]:
    try:
        item.rule_set(item.body(value))
    except InvalidInput as error:
        return {param["name"] for param in error.invalid_params}
    return set()


@pytest.mark.django_db
@pytest.mark.parametrize("item", TEXT_INPUTS, ids=_ids)
def test_the_rule_set_checks_the_declared_limit(item):
    name = item.param or item.name
    if not item.pattern_caps:
        assert name not in _refused_names(item, item.value(item.limit))
    assert name in _refused_names(item, item.value(item.limit + 1))


@pytest.mark.parametrize("item", TEXT_INPUTS, ids=_ids)
def test_the_openapi_document_states_the_same_limit(item):
    schemas = served_document()["components"]["schemas"]
    outer, _, inner = item.name.partition(".")
    schema = schemas[item.component]["properties"][outer]
    if inner:
        schema = schemas[schema["items"]["$ref"].rsplit("/", 1)[-1]]["properties"][inner]
    # an optional e-mail address is documented as "an address or the empty string" (oneOf)
    assert {alternative.get("maxLength") for alternative in schema.get("oneOf", [schema])} - {0} == {item.limit}


@pytest.mark.django_db
@pytest.mark.parametrize("item", [item for item in TEXT_INPUTS if item.form], ids=_ids)
def test_the_web_form_does_not_offer_a_different_limit(item):
    form = item.form()
    if item.form_field:
        name = item.form_field
    else:
        key = f"{item.name.partition('.')[0]}[0].value" if "." in item.name else item.name
        name = form.PARAMS[key]
    field = form.fields[name]
    assert getattr(field, "max_length", None) in (None, item.limit)


def test_choices_in_the_document_are_the_rule_sets_choices():
    from weerbaar.incidents.choices import (
        AffectedPerson,
        IdentifierKind,
        IncidentChannel,
        Perpetrators,
        ReportKind,
        Threatened,
        Victim,
    )

    schemas = served_document()["components"]["schemas"]
    for enum, choices in [
        ("ChannelEnum", IncidentChannel),
        ("AffectedPersonEnum", AffectedPerson),
        ("IdentifierKindEnum", IdentifierKind),
        ("ReportKindEnum", ReportKind),
        ("VictimEnum", Victim),
        ("ThreatenedEnum", Threatened),
        ("PerpetratorsEnum", Perpetrators),
    ]:
        assert set(schemas[enum]["enum"]) == set(choices.values), enum


# --- Inputs that are not text: a choice, a boolean or a date, each with the one constant its rule set checks -------


@dataclass(frozen=True)
class ChoiceInput:
    rule_set: Callable[[dict[str, Any]], Any]
    component: str
    name: str
    choices: tuple[str, ...]  # the constant the rule set checks


@dataclass(frozen=True)
class BooleanInput:
    rule_set: Callable[[dict[str, Any]], Any]
    component: str
    name: str


@dataclass(frozen=True)
class DateInput:
    rule_set: Callable[[dict[str, Any]], Any]
    component: str
    name: str
    latest: Callable[[], date]  # the last day the rule set allows (the limit it checks)


def _assessment(raw: dict[str, Any]) -> Any:
    """The assessment rule set with a valid body around the one input under test."""
    base = {"role": "raadslid", "relatedToOffice": True, "acuteDanger": False, "online": False,
            "learnedOn": "2026-01-10", "acts": ["threat_other"]}  # fmt: skip
    return guidance_validation.validate_facts({**base, **raw})


def _help_request(raw: dict[str, Any]) -> Any:
    """The help request's rule set with a valid body (with an e-mail address) around the one input under test."""
    base = {"role": "burgemeester", "municipalityCode": "", "name": "Sam", "email": "sam@example.org",
            "preferredContact": "email", "concerns": ["threat"], "description": "Een dreigbrief."}  # fmt: skip
    return intake_rules.validate_help_request({**base, **raw}, channel=Channel.API)


CHOICE_INPUTS = [
    ChoiceInput(_assessment, "AssessmentInputRequest", "victim", guidance_rules.VICTIMS),
    ChoiceInput(_assessment, "AssessmentInputRequest", "threatened", guidance_rules.THREATENED),
    ChoiceInput(_assessment, "AssessmentInputRequest", "perpetrators", guidance_rules.PERPETRATORS),
    ChoiceInput(_assessment, "AssessmentInputRequest", "acts", tuple(guidance_rules.ACTS)),
]
BOOLEAN_INPUTS = [
    BooleanInput(_assessment, "AssessmentInputRequest", "demand"),
    BooleanInput(_assessment, "AssessmentInputRequest", "seriousInjury"),
    BooleanInput(_help_request, "HelpRequestInputRequest", "notifyByEmail"),
]
DATE_INPUTS = [
    DateInput(_assessment, "AssessmentInputRequest", "learnedOn", guidance_validation.local_today),
    DateInput(_assessment, "AssessmentInputRequest", "lastLearnedOn", guidance_validation.local_today),
]


def _refused(rule_set: Callable[[dict[str, Any]], Any], body: dict[str, Any]) -> set[str]:
    try:
        rule_set(body)
    except InvalidInput as error:
        return {param["name"] for param in error.invalid_params}
    return set()


def _choice_body(item: ChoiceInput, value: Any) -> dict[str, Any]:
    return {item.name: [value] if item.name == "acts" else value}


def _property(component: str, name: str) -> dict[str, Any]:
    schemas = served_document()["components"]["schemas"]
    schema = schemas[component]["properties"][name]
    if "items" in schema:
        schema = schema["items"]
    while "$ref" in schema or "allOf" in schema:
        ref = schema["$ref"] if "$ref" in schema else schema["allOf"][0]["$ref"]
        schema = schemas[ref.rsplit("/", 1)[-1]]
    return schema


@pytest.mark.parametrize("item", CHOICE_INPUTS, ids=lambda item: f"{item.component}.{item.name}")
def test_the_rule_set_accepts_exactly_its_choices(item):
    for value in item.choices:
        assert item.name not in _refused(item.rule_set, _choice_body(item, value)), value
    for value in ("unknown", "", 1, True):
        assert item.name in _refused(item.rule_set, _choice_body(item, value)), value


@pytest.mark.parametrize("item", CHOICE_INPUTS, ids=lambda item: f"{item.component}.{item.name}")
def test_the_openapi_document_lists_the_same_choices(item):
    assert set(_property(item.component, item.name)["enum"]) == set(item.choices)


@pytest.mark.django_db
@pytest.mark.parametrize("item", BOOLEAN_INPUTS, ids=lambda item: f"{item.component}.{item.name}")
def test_a_boolean_input_takes_json_booleans_only(item):
    assert item.name not in _refused(item.rule_set, {item.name: True})
    assert item.name not in _refused(item.rule_set, {item.name: False})
    for value in ("true", 1, 0, "yes"):
        assert item.name in _refused(item.rule_set, {item.name: value}), value
    assert _property(item.component, item.name)["type"] == "boolean"


@pytest.mark.parametrize("item", DATE_INPUTS, ids=lambda item: f"{item.component}.{item.name}")
def test_a_date_input_allows_up_to_its_latest_day(item):
    latest = item.latest()
    body = {"learnedOn": "2026-01-10"} if item.name == "lastLearnedOn" else {}
    assert item.name not in _refused(item.rule_set, {**body, item.name: latest.isoformat()})
    assert item.name in _refused(item.rule_set, {**body, item.name: (latest + timedelta(days=1)).isoformat()})
    for value in ("2026-02-30", "20260110", 20260110, "10-01-2026"):
        assert item.name in _refused(item.rule_set, {**body, item.name: value}), value
    schema = _property(item.component, item.name)
    assert (schema["type"], schema["format"]) == ("string", "date")


# Issue 10: the facts the legal rules need of an incident. Not text, so no length: each is a choice, a flag or a
# date, and the rule set, the document and the web form must agree on what it takes.
@dataclass(frozen=True)
class FactInput:
    name: str  # the API name
    kind: str  # "choice", "flag" or "date"
    wrong: Any  # a value the rule set refuses, naming the input
    choices: Any = None  # the TextChoices of a choice


def _fact_inputs() -> list[FactInput]:
    from weerbaar.incidents.choices import Perpetrators, Threatened, Victim

    return [
        FactInput("victim", "choice", "neighbour", Victim),
        FactInput("threatened", "choice", "everything", Threatened),
        FactInput("perpetrators", "choice", "crowd", Perpetrators),
        FactInput("demand", "flag", "yes"),
        FactInput("seriousInjury", "flag", 1),
        FactInput("lastLearnedOn", "date", "25-11-2026"),
    ]


FACT_INPUTS = _fact_inputs()


def _fact_body(item: FactInput, value: Any) -> dict[str, Any]:
    body = {
        "occurredOn": "2026-11-01",
        "learnedOn": "2026-11-02",
        "channel": "email",
        "acts": ["stalking", "threat_other", "assault"],
        "relatedToOffice": True,
    }
    return {**body, item.name: value}


def _fact_refused(item: FactInput, value: Any) -> bool:
    try:
        incident_rules.validate_incident(_fact_body(item, value), today=date(2026, 12, 7))
    except InvalidInput as error:
        return item.name in {param["name"] for param in error.invalid_params}
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("item", FACT_INPUTS, ids=lambda item: item.name)
def test_the_rule_set_refuses_a_wrong_fact_by_its_name(item):
    assert _fact_refused(item, item.wrong)
    right = list(item.choices.values) if item.choices else ([True, False] if item.kind == "flag" else ["2026-11-20"])
    assert not any(_fact_refused(item, value) for value in right)


@pytest.mark.parametrize("item", FACT_INPUTS, ids=lambda item: item.name)
def test_the_openapi_document_states_the_same_facts(item):
    schemas = served_document()["components"]["schemas"]
    schema = schemas["IncidentInputRequest"]["properties"][item.name]
    if item.kind == "choice":
        enum = schemas[schema["allOf"][0]["$ref"].rsplit("/", 1)[-1]]["enum"]
        assert set(enum) == set(item.choices.values)
    elif item.kind == "flag":
        assert schema["type"] == "boolean"
    else:
        assert (schema["type"], schema["format"]) == ("string", "date")


@pytest.mark.django_db
@pytest.mark.parametrize("item", FACT_INPUTS, ids=lambda item: item.name)
def test_the_web_form_offers_the_same_facts(item):
    form = incident_forms.IncidentForm()
    field = form.fields[form.PARAMS[item.name]]
    if item.kind == "choice":
        assert {value for value, _label in field.choices} - {""} == set(item.choices.values)
    elif item.kind == "flag":
        assert {value for value, _label in field.choices} == {"yes", "no"}
    else:
        assert field.widget.input_type == "date"
