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
    from weerbaar.incidents.choices import AffectedPerson, IdentifierKind, IncidentChannel, ReportKind

    schemas = served_document()["components"]["schemas"]
    for enum, choices in [
        ("ChannelEnum", IncidentChannel),
        ("AffectedPersonEnum", AffectedPerson),
        ("IdentifierKindEnum", IdentifierKind),
        ("ReportKindEnum", ReportKind),
    ]:
        assert set(schemas[enum]["enum"]) == set(choices.values), enum
