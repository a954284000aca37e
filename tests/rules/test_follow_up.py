"""The office holder's follow-up access (intake/services.py): generic errors, rate limits, sessions, resets."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.factories import make_case
from weerbaar.core.errors import NotFound, RateLimited
from weerbaar.core.models import AuditEntry
from weerbaar.core.references import new_follow_up_code, normalise_follow_up_code
from weerbaar.intake.models import FollowUpCredential, FollowUpSession
from weerbaar.intake.services import (
    GENERIC_SIGN_IN_ERROR,
    follow_up_code_reset,
    follow_up_session_create,
    follow_up_session_resolve,
    follow_up_verify,
    intake_rate_limit,
)


def weerbaar(**overrides) -> override_settings:
    conf = copy.deepcopy(settings.WEERBAAR)
    conf.update(overrides)
    return override_settings(WEERBAAR=conf)


@pytest.fixture
def case_and_code(reference_data):
    return make_case()


def test_right_reference_and_code_sign_in(case_and_code):
    case, code = case_and_code
    principal = follow_up_verify(reference=case.reference, code=code, client="10.0.0.1")
    assert (principal.case_id, principal.reference) == (case.pk, case.reference)
    assert FollowUpCredential.objects.get(case=case).last_used_at is not None
    entry = AuditEntry.objects.filter(object_id=case.reference).latest("id")
    assert entry.action == "case.office_holder_signed_in"


def test_reference_and_code_may_be_typed_loosely(case_and_code):
    case, code = case_and_code
    loose_ref = case.reference.lower().replace("-", " ")
    loose_code = normalise_follow_up_code(code).lower().replace("0", "o").replace("1", "l")
    assert follow_up_verify(reference=loose_ref, code=loose_code, client="10.0.0.1").case_id == case.pk


def wrong_attempts(case, code, other_case_code):
    other_code = new_follow_up_code()
    return [
        ("wrong code", case.reference, other_code),
        ("code one character off", case.reference, code[:-1] + ("0" if code[-1] != "0" else "1")),
        ("unknown reference", "WB-0000-0000", code),
        ("malformed reference", "not a reference", code),
        ("empty reference", "", code),
        ("empty code", case.reference, ""),
        ("NUL byte in reference", case.reference[:-1] + "\x00", code),
        ("very long input", "W" * 10_000, "X" * 10_000),
        ("code of another case", case.reference, other_case_code),
    ]


def test_every_wrong_pair_gives_the_same_not_found(reference_data):
    case, code = make_case()
    _, other_code = make_case()
    attempts = wrong_attempts(case, code, other_code)
    messages = set()
    with weerbaar(FOLLOW_UP_RATE_LIMIT=0):
        for label, reference, attempt in attempts:
            with pytest.raises(NotFound) as info:
                follow_up_verify(reference=reference, code=attempt, client="10.0.0.2")
            messages.add((type(info.value), info.value.message, info.value.status))
            assert info.value.message == GENERIC_SIGN_IN_ERROR, label
    assert len(messages) == 1
    assert not AuditEntry.objects.filter(action="case.office_holder_signed_in").exists()


def test_attempts_are_limited_per_client_address(reference_data):
    case, code = make_case()
    with weerbaar(FOLLOW_UP_ADDRESS_RATE_LIMIT=3):
        for n in range(3):
            with pytest.raises(NotFound):
                follow_up_verify(reference=f"WB-0000-000{n}", code="x", client="192.0.2.1")
        # The limit holds even for the right pair, so guessing cannot continue by mixing in a good one.
        with pytest.raises(RateLimited) as info:
            follow_up_verify(reference=case.reference, code=code, client="192.0.2.1")
        assert info.value.status == 429
        assert info.value.retry_after > 0
        # Another address is not affected.
        assert follow_up_verify(reference=case.reference, code=code, client="192.0.2.2").case_id == case.pk


def test_attempts_are_limited_per_reference_and_address(reference_data):
    case, code = make_case()
    other, other_code = make_case()
    with weerbaar(FOLLOW_UP_RATE_LIMIT=3, FOLLOW_UP_ADDRESS_RATE_LIMIT=30):
        for n in range(3):
            with pytest.raises(NotFound):
                follow_up_verify(reference=case.reference, code=f"wrong{n}", client="198.51.100.1")
        # From that address this reference is now locked, even with the right code...
        with pytest.raises(RateLimited):
            follow_up_verify(reference=case.reference.lower(), code=code, client="198.51.100.1")
        # ...while the address may still sign in to another case.
        assert follow_up_verify(reference=other.reference, code=other_code, client="198.51.100.1")


def test_whoever_knows_a_reference_cannot_keep_its_office_holder_out(reference_data):
    """Finding 9: ten wrong codes for a reference from one address used to lock the right code out everywhere for
    a quarter of an hour. The lock is per reference *and* address: the office holder elsewhere still gets in."""
    case, code = make_case()
    with weerbaar(FOLLOW_UP_RATE_LIMIT=10):
        for n in range(10):
            with pytest.raises(NotFound):
                follow_up_verify(reference=case.reference, code=f"wrong{n}", client="203.0.113.66")
        with pytest.raises(RateLimited):
            follow_up_verify(reference=case.reference, code="wrong", client="203.0.113.66")
        assert follow_up_verify(reference=case.reference, code=code, client="192.0.2.77").case_id == case.pk


def test_rate_limit_zero_switches_it_off(case_and_code):
    case, code = case_and_code
    with weerbaar(FOLLOW_UP_RATE_LIMIT=0, FOLLOW_UP_ADDRESS_RATE_LIMIT=0):
        for _ in range(30):
            with pytest.raises(NotFound):
                follow_up_verify(reference=case.reference, code="wrong", client="203.0.113.1")
        assert follow_up_verify(reference=case.reference, code=code, client="203.0.113.1")


def test_session_token_resolves_to_its_case_and_is_stored_hashed(case_and_code):
    case, code = case_and_code
    principal = follow_up_verify(reference=case.reference, code=code, client="10.0.0.3")
    token, expires = follow_up_session_create(principal=principal)
    assert follow_up_session_resolve(token) == principal
    assert expires > timezone.now()
    stored = FollowUpSession.objects.get(case=case)
    assert token not in stored.token_hash
    assert stored.token_hash != token


@pytest.mark.parametrize("token", ["", "wbs_", "wbs_nonsense", "Bearer x", "wbs_" + "A" * 43])
def test_unknown_session_tokens_resolve_to_nobody(case_and_code, token):
    case, code = case_and_code
    follow_up_session_create(principal=follow_up_verify(reference=case.reference, code=code, client="10.0.0.4"))
    assert follow_up_session_resolve(token) is None


def test_follow_up_sessions_expire(case_and_code, monkeypatch):
    case, code = case_and_code
    with weerbaar(FOLLOW_UP_SESSION_SECONDS=600):
        token, expires = follow_up_session_create(
            principal=follow_up_verify(reference=case.reference, code=code, client="10.0.0.5")
        )
        start = timezone.now()
        assert expires <= start + timedelta(seconds=601)
        monkeypatch.setattr(timezone, "now", lambda: start + timedelta(seconds=599))
        assert follow_up_session_resolve(token) is not None
        monkeypatch.setattr(timezone, "now", lambda: start + timedelta(seconds=601))
        assert follow_up_session_resolve(token) is None


def test_code_reset_invalidates_the_old_code_and_sessions(staff, case_and_code):
    case, old_code = case_and_code
    principal = follow_up_verify(reference=case.reference, code=old_code, client="10.0.0.6")
    token, _ = follow_up_session_create(principal=principal)
    new_code = follow_up_code_reset(actor=staff.advisor, reference=case.reference)
    assert new_code != old_code
    with pytest.raises(NotFound):
        follow_up_verify(reference=case.reference, code=old_code, client="10.0.0.6")
    assert follow_up_session_resolve(token) is None
    assert not FollowUpSession.objects.filter(case=case).exists()
    assert follow_up_verify(reference=case.reference, code=new_code, client="10.0.0.6").case_id == case.pk
    entry = AuditEntry.objects.filter(action="case.follow_up_code_reset").get()
    assert (entry.object_id, entry.actor) == (case.reference, f"user:{staff.advisor.username}")


def test_reset_of_one_case_leaves_other_cases_alone(staff, reference_data):
    first, _ = make_case()
    second, second_code = make_case()
    token, _ = follow_up_session_create(
        principal=follow_up_verify(reference=second.reference, code=second_code, client="10.0.0.7")
    )
    follow_up_code_reset(actor=staff.advisor, reference=first.reference)
    assert follow_up_session_resolve(token) is not None
    assert follow_up_verify(reference=second.reference, code=second_code, client="10.0.0.7")


def test_stored_credential_is_a_keyed_hash_not_the_code(case_and_code):
    case, code = case_and_code
    stored = FollowUpCredential.objects.get(case=case).code_hash
    assert len(stored) == 64
    assert normalise_follow_up_code(code) not in stored.upper()


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_typed_input_gives_only_the_generic_not_found(case_and_code, data):
    case, real_code = case_and_code
    reference = data.draw(st.text(max_size=40) | st.just(case.reference) | st.just(case.reference.lower()))
    code = data.draw(st.text(max_size=60) | st.just(real_code[:-1]) | st.just(real_code + "X"))
    with weerbaar(FOLLOW_UP_RATE_LIMIT=0, FOLLOW_UP_ADDRESS_RATE_LIMIT=0), pytest.raises(NotFound) as info:
        follow_up_verify(reference=reference, code=code, client="10.9.9.9")
    assert info.value.message == GENERIC_SIGN_IN_ERROR


@pytest.mark.parametrize("limit", [1, 3])
def test_intake_is_rate_limited_per_client_address(db, limit):
    with weerbaar(INTAKE_RATE_LIMIT=limit):
        for _ in range(limit):
            intake_rate_limit("192.0.2.50")
        with pytest.raises(RateLimited):
            intake_rate_limit("192.0.2.50")
        intake_rate_limit("192.0.2.51")


def test_intake_rate_limit_zero_switches_it_off(db):
    with weerbaar(INTAKE_RATE_LIMIT=0):
        for _ in range(100):
            intake_rate_limit("192.0.2.52")
