"""Routing (intake/routing.py) and the one set of help-request rules (intake/validation.py)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.factories import help_request_payload
from weerbaar.cases.choices import Affected, Channel, Concern, OfficeRole
from weerbaar.cases.models import Case, StatusChange
from weerbaar.core.errors import InvalidInput
from weerbaar.core.models import AuditEntry
from weerbaar.intake import services as intake_services
from weerbaar.intake.models import FollowUpCredential
from weerbaar.intake.routing import association_code_for
from weerbaar.intake.services import help_request_submit
from weerbaar.intake.validation import validate_help_request

FIELDS = {
    "role",
    "municipalityCode",
    "provinceCode",
    "name",
    "email",
    "phone",
    "preferredContact",
    "concerns",
    "affected",
    "description",
    "acuteDanger",
    "consentToShare",
}
ROUTES = [
    ("burgemeester", "ngb"),
    ("wethouder", "wethoudersvereniging"),
    ("raadslid", "nvvr"),
    ("statenlid", "statenlidnu"),
    ("gedeputeerde", "bzk"),
    ("other", "bzk"),
]
db_hypothesis = hsettings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def payload_for(role: str, **overrides):
    base = {"role": role}
    if role in ("statenlid", "gedeputeerde"):
        base.update(municipalityCode=None, provinceCode="PV27")
    elif role == "other":
        base.update(municipalityCode=None)
    return help_request_payload(**{**base, **overrides})


def rows() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        FollowUpCredential.objects.count(),
        AuditEntry.objects.count(),
        StatusChange.objects.count(),
    )


def invalid_names(raw) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        validate_help_request(raw, channel=Channel.API)
    return [p["name"] for p in info.value.invalid_params]


# --- routing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "association"), ROUTES)
def test_role_routes_to_its_association(role, association):
    assert association_code_for(role) == association


@pytest.mark.parametrize(("role", "association"), ROUTES)
def test_intake_routes_the_case_by_role(reference_data, role, association):
    submitted = help_request_submit(raw=payload_for(role), channel=Channel.WEB)
    assert submitted.case.association.code == association
    assert submitted.case.role == role


def test_every_role_has_a_route():
    assert {role for role, _ in ROUTES} == set(OfficeRole.values)


@pytest.mark.parametrize("role", ["commissaris", "waterschapsbestuurder", "", "BURGEMEESTER"])
def test_unlisted_roles_fall_back_to_the_ministry(role):
    assert association_code_for(role) == "bzk"


# --- field rules ----------------------------------------------------------------------------------


def test_the_example_payload_is_valid(reference_data):
    data = validate_help_request(help_request_payload(), channel=Channel.API)
    assert data.association.code == "nvvr"
    assert data.municipality.code == "GM0363"
    # The province of a municipal case follows from its municipality.
    case = help_request_submit(raw=help_request_payload(), channel=Channel.API).case
    assert case.province.code == "PV27"


@pytest.mark.parametrize("role", ["burgemeester", "wethouder", "raadslid"])
def test_municipal_roles_need_a_municipality(reference_data, role):
    assert "municipalityCode" in invalid_names(help_request_payload(role=role, municipalityCode=None))
    assert "municipalityCode" in invalid_names(help_request_payload(role=role, municipalityCode=""))


@pytest.mark.parametrize("role", ["statenlid", "gedeputeerde"])
def test_provincial_roles_need_a_province(reference_data, role):
    assert "provinceCode" in invalid_names(help_request_payload(role=role, municipalityCode=None))
    validate_help_request(payload_for(role), channel=Channel.API)


def test_provincial_case_is_not_tied_to_a_municipality(reference_data):
    data = validate_help_request(payload_for("statenlid", municipalityCode="GM0363"), channel=Channel.API)
    assert data.municipality is None
    assert data.province.code == "PV27"


@pytest.mark.parametrize("code", ["GM9999", "gm99", "PV27", "X"])
def test_unknown_municipality_code_is_refused(reference_data, code):
    assert "municipalityCode" in invalid_names(help_request_payload(municipalityCode=code))


def test_municipality_code_is_case_insensitive(reference_data):
    assert validate_help_request(help_request_payload(municipalityCode="gm0363"), channel=Channel.API).municipality


def test_unknown_province_code_is_refused(reference_data):
    assert "provinceCode" in invalid_names(payload_for("statenlid", provinceCode="PV99"))


def test_municipality_and_province_must_agree(reference_data):
    assert "provinceCode" in invalid_names(help_request_payload(municipalityCode="GM0363", provinceCode="PV28"))


@pytest.mark.parametrize("preferred", ["phone", "email"])
def test_phone_or_email_is_required_unless_only_via_weerbaar(reference_data, preferred):
    assert "phone" in invalid_names(help_request_payload(phone="", email="", preferredContact=preferred))
    validate_help_request(help_request_payload(phone="", preferredContact="email"), channel=Channel.API)
    validate_help_request(help_request_payload(email="", preferredContact="phone"), channel=Channel.API)


@pytest.mark.parametrize("channel", [Channel.API, Channel.WEB, Channel.PHONE])
def test_only_via_weerbaar_needs_neither_phone_nor_email(reference_data, channel):
    """ "Alleen via Weerbaar": replies come only in Mijn zaak, so the most privacy-wary leave both out."""
    new_case = validate_help_request(
        help_request_payload(phone="", email="", preferredContact="portal"), channel=channel
    )
    assert (new_case.phone, new_case.email, new_case.preferred_contact) == ("", "", "portal")


def test_preferred_contact_must_have_its_channel(reference_data):
    assert "phone" in invalid_names(help_request_payload(phone="", preferredContact="phone"))
    assert "email" in invalid_names(help_request_payload(email="", preferredContact="email"))
    assert "preferredContact" in invalid_names(help_request_payload(preferredContact="pigeon"))
    assert "preferredContact" in invalid_names(help_request_payload(preferredContact=None))


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@b.nl", "a b@c.nl"])
def test_bad_email_is_refused(reference_data, email):
    assert "email" in invalid_names(help_request_payload(email=email))


@pytest.mark.parametrize("phone", ["12", "call me", "06-123", "+31 (0)6 1234 5678 9999 99999 9"])
def test_bad_phone_is_refused(reference_data, phone):
    assert "phone" in invalid_names(help_request_payload(phone=phone))


@pytest.mark.parametrize("concerns", [[], None, ["threat", "gossip"], "threat", [1]])
def test_concerns_must_be_a_non_empty_list_of_known_values(reference_data, concerns):
    assert "concerns" in invalid_names(help_request_payload(concerns=concerns))


@pytest.mark.parametrize("affected", [["neighbours"], "self", [None]])
def test_affected_must_be_known_values(reference_data, affected):
    assert "affected" in invalid_names(help_request_payload(affected=affected))


@pytest.mark.parametrize("description", ["", "   \n ", None, "x" * 10_001, 42, "a\x00b"])
def test_description_must_be_1_to_10000_characters_of_text(reference_data, description):
    assert "description" in invalid_names(help_request_payload(description=description))


def test_description_of_exactly_10000_characters_is_accepted(reference_data):
    assert (
        len(validate_help_request(help_request_payload(description="x" * 10_000), channel=Channel.API).description)
        == 10_000
    )


@pytest.mark.parametrize("field", ["acuteDanger", "consentToShare"])
@pytest.mark.parametrize("value", ["true", "false", 1, 0, "yes", [], {}])
def test_booleans_are_strict(reference_data, field, value):
    assert invalid_names(help_request_payload(**{field: value})) == [field]


@pytest.mark.parametrize("name", ["", "  ", None, "x" * 151, 7])
def test_name_is_required_text(reference_data, name):
    assert "name" in invalid_names(help_request_payload(name=name))


def test_unknown_role_is_refused(reference_data):
    assert "role" in invalid_names(help_request_payload(role="koning"))


@pytest.mark.parametrize("body", [[], "text", None, 3])
def test_body_must_be_an_object(reference_data, body):
    assert invalid_names(body) == ["body"]


def test_every_bad_field_is_named_at_once_in_camel_case(reference_data):
    raw = {
        "role": "raadslid",
        "municipalityCode": "GM0000",
        "name": "",
        "email": "nope",
        "phone": "x",
        "preferredContact": "fax",
        "concerns": [],
        "affected": ["aliens"],
        "description": "",
        "acuteDanger": "yes",
        "consentToShare": "no",
    }
    names = set(invalid_names(raw))
    assert names == FIELDS - {"role", "provinceCode"}


def test_acute_danger_makes_the_case_urgent_and_says_112_first(reference_data):
    submitted = help_request_submit(raw=help_request_payload(acuteDanger=True), channel=Channel.API)
    assert submitted.case.urgent
    assert "112" in submitted.next_steps[0]
    calm = help_request_submit(raw=help_request_payload(acuteDanger=False), channel=Channel.API)
    assert not calm.case.urgent
    assert "112" not in calm.next_steps[0]


# --- nothing half-written ----------------------------------------------------------------------------


def test_invalid_request_writes_nothing(reference_data):
    before = rows()
    with pytest.raises(InvalidInput):
        help_request_submit(raw=help_request_payload(description=""), channel=Channel.WEB)
    assert rows() == before


def test_failure_after_the_case_is_written_rolls_everything_back(reference_data, monkeypatch):
    def broken(code):
        raise RuntimeError("storage failed")

    monkeypatch.setattr(intake_services, "follow_up_code_hash", broken)
    before = rows()
    with pytest.raises(RuntimeError):
        help_request_submit(raw=help_request_payload(), channel=Channel.WEB)
    assert rows() == before


# --- properties -----------------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(
    json_scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=8
)
plausible = {
    "role": st.sampled_from([*OfficeRole.values, "koning", ""]) | json_values,
    "municipalityCode": st.sampled_from(["GM0363", "GM0599", "gm0014", "GM9999", "", "GM\x00"]) | json_values,
    "provinceCode": st.sampled_from(["PV27", "PV28", "PV99", "", "PV\x00"]) | json_values,
    "name": st.text(max_size=200) | json_values,
    "email": st.sampled_from(["a@b.nl", "x", "", "a\x00@b.nl"]) | json_values,
    "phone": st.sampled_from(["06 12345678", "+31612345678", "12", ""]) | json_values,
    "preferredContact": st.sampled_from(["phone", "email", "portal", "x"]) | json_values,
    "concerns": st.lists(st.sampled_from([*Concern.values, "x"]), max_size=4) | json_values,
    "affected": st.lists(st.sampled_from([*Affected.values, "x"]), max_size=3) | json_values,
    "description": st.text(max_size=300) | json_values,
    "acuteDanger": st.booleans() | json_values,
    "consentToShare": st.booleans() | json_values,
}
random_bodies = (
    st.fixed_dictionaries({}, optional=plausible).flatmap(
        lambda d: st.dictionaries(st.text(max_size=10), json_values, max_size=3).map(lambda extra: {**extra, **d})
    )
    | json_values
)


@db_hypothesis
@given(random_bodies)
def test_any_json_body_is_either_valid_or_invalid_input_never_a_crash(reference_data, body):
    before = rows()
    with rolled_back():
        error = None
        try:
            help_request_submit(raw=body, channel=Channel.API)
        except InvalidInput as exc:
            error = exc
        if error is None:
            assert rows()[0] == before[0] + 1
        else:
            assert error.invalid_params
            assert {p["name"] for p in error.invalid_params} <= FIELDS | {"body"}
            assert all(p["reason"] for p in error.invalid_params)
            assert rows() == before


safe_text = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=150).filter(str.strip)


@st.composite
def valid_payloads(draw):
    role = draw(st.sampled_from(OfficeRole.values))
    municipality, province = draw(st.sampled_from([("GM0363", "PV27"), ("GM0599", "PV28"), ("GM0014", "PV20")]))
    has_phone, has_email = draw(st.sampled_from([(True, True), (True, False), (False, True)]))
    preferred = draw(st.sampled_from(["portal"] + (["phone"] if has_phone else []) + (["email"] if has_email else [])))
    payload = {
        "role": role,
        "name": draw(safe_text),
        "phone": draw(st.from_regex(r"\A06 [0-9]{8}\Z")) if has_phone else draw(st.sampled_from(["", None])),
        "email": draw(st.from_regex(r"\A[a-z]{1,10}@[a-z]{1,10}\.nl\Z")) if has_email else "",
        "preferredContact": preferred,
        "concerns": draw(st.lists(st.sampled_from(Concern.values), min_size=1, max_size=4)),
        "affected": draw(st.lists(st.sampled_from(Affected.values), max_size=3)),
        "description": draw(
            st.text(
                st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), min_size=1, max_size=2000
            ).filter(str.strip)
        ),
        "acuteDanger": draw(st.booleans()),
        "consentToShare": draw(st.booleans()),
    }
    if role in ("burgemeester", "wethouder", "raadslid"):
        payload["municipalityCode"] = municipality
        if draw(st.booleans()):
            payload["provinceCode"] = province
    elif role in ("statenlid", "gedeputeerde"):
        payload["provinceCode"] = province
    return payload


@db_hypothesis
@given(valid_payloads(), st.sampled_from(list(Channel)))
def test_valid_payload_always_creates_a_routed_case(reference_data, payload, channel):
    with rolled_back():
        submitted = help_request_submit(raw=payload, channel=channel)
        case = Case.objects.get(pk=submitted.case.pk)
        assert case.association.code == association_code_for(payload["role"])
        assert case.status == "new"
        assert case.urgent == payload["acuteDanger"]
        assert FollowUpCredential.objects.filter(case=case).count() == 1
        assert AuditEntry.objects.filter(object_id=case.reference, action="case.created").count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("municipalityCode", "GM\x00"),
        ("municipalityCode", "\x00"),
        ("provinceCode", "PV\x00"),
        ("provinceCode", "P\x00"),
    ],
)
def test_nul_byte_in_a_code_is_invalid_input_not_a_database_error(reference_data, field, value):
    # PostgreSQL refuses NUL bytes in queries; such input must be refused before it reaches the database.
    assert field in invalid_names(payload_for("raadslid", **{field: value}))
