"""The signature check as a property: any body, any tampering with body, header or secret gives 401."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.telephony.conftest import SECRET, URL
from weerbaar.telephony.signature import sign, signature_valid

KEYS = [SECRET.encode()]


@given(body=st.binary(max_size=2048))
def test_a_correct_signature_of_any_body_is_valid(body):
    assert signature_valid(body, sign(body, SECRET), KEYS)


@given(body=st.binary(max_size=512), position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_change_to_the_body_invalidates_the_signature(body, position, flip):
    header = sign(body, SECRET)
    if body:
        i = position % len(body)
        tampered = body[:i] + bytes([body[i] ^ flip]) + body[i + 1 :]
    else:
        tampered = bytes([flip])
    assert not signature_valid(tampered, header, KEYS)
    assert not signature_valid(body + b" ", header, KEYS)


@given(body=st.binary(max_size=256), position=st.integers(min_value=0), char=st.sampled_from("0123456789abcdef"))
def test_any_change_to_the_digest_invalidates_it(body, position, char):
    header = sign(body, SECRET)
    digest = header.removeprefix("sha256=")
    i = position % len(digest)
    if digest[i] == char:
        return
    assert not signature_valid(body, "sha256=" + digest[:i] + char + digest[i + 1 :], KEYS)


@given(body=st.binary(max_size=256), header=st.text(max_size=80))
@example(body=b"{}", header="")
@example(body=b"{}", header="sha256=")
def test_an_arbitrary_header_is_not_a_valid_signature(body, header):
    assert not signature_valid(body, header, KEYS) or header.lower().strip() == sign(body, SECRET)


@given(body=st.binary(max_size=256), other=st.text(min_size=1, max_size=40))
def test_a_signature_with_another_secret_is_invalid(body, other):
    if other == SECRET:
        return
    assert not signature_valid(body, sign(body, other), KEYS)


def test_no_secret_configured_accepts_nothing():
    assert not signature_valid(b"{}", sign(b"{}", ""), [])


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=300), st.dictionaries(st.text(max_size=8), st.text(max_size=20)).map(str).map(str.encode)
    ),
    tamper=st.sampled_from(["body", "digest", "secret", "missing", "prefix"]),
)
def test_the_endpoint_refuses_every_tampered_request_with_401(telephony_secret, body, tamper):
    from weerbaar.telephony.models import Call

    header = sign(body, SECRET)
    sent = body
    if tamper == "body":
        sent = body + b"\n"
    elif tamper == "digest":
        header = header[:-1] + ("0" if header[-1] != "0" else "1")
    elif tamper == "secret":
        header = sign(body, SECRET + "x")
    elif tamper == "prefix":
        header = header.replace("sha256=", "sha1=")
    headers = {} if tamper == "missing" else {"HTTP_X_WEERBAAR_SIGNATURE": header}
    response = APIClient().post(URL, data=sent, content_type="application/json", **headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Call.objects.exists()
