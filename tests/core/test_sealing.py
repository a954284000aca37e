"""The sealing base (core/sealing.py): round trips, what the associated data binds, the caching rule, declarations."""

from __future__ import annotations

import pickle
from collections import OrderedDict

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.cases.choices import MessageSender
from weerbaar.cases.models import Case, CaseMessage, CaseNote, StatusChange
from weerbaar.core import crypto
from weerbaar.core.sealing import Sealed, SealedPart, SealedRecord, SealingError, sealed_models, sealed_records
from weerbaar.council.models import CouncilRequest
from weerbaar.network.models import Consent, Referral
from weerbaar.telephony.models import Call

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def new_case(pk: int = 1, reference: str = "WB-AAAA-AAAA") -> Case:
    case = Case(pk=pk, reference=reference)
    case.give_data_key()
    return case


@given(text=st.text(), request=st.dictionaries(st.text(max_size=10), json_values, max_size=5))
def test_a_record_round_trips_its_own_fields(text, request):
    case = new_case()
    case.seal("sealed_request", request)
    assert case.open("sealed_request") == request
    call = Call(call_id="call-1")
    call.give_data_key()
    call.seal("sealed_from", text)
    assert call.caller_number() == text


@given(data=st.binary(), part=st.text(alphabet="abcdef0123456789/:", min_size=1, max_size=44))
def test_a_record_round_trips_blobs_bound_to_their_part(data, part):
    case = new_case()
    blob = case.seal_blob(part, data)
    assert case.open_blob(part, blob) == data
    with pytest.raises(crypto.DecryptionError):
        case.open_blob(part + "x", blob)


@given(text=st.text(), pk=st.integers(min_value=1, max_value=2**40), other=st.integers(min_value=1, max_value=2**40))
def test_a_part_round_trips_and_is_bound_to_its_id(text, pk, other):
    case = new_case()
    note = CaseNote(pk=pk, case=case)
    note.seal("sealed_text", text)
    assert note.open("sealed_text") == text
    assert note.open("sealed_text", under=case) == text
    moved = CaseNote(pk=other, case=case, sealed_text=note.sealed_text)
    if other != pk:
        with pytest.raises(crypto.DecryptionError):
            moved.open("sealed_text")


@given(text=st.text(min_size=1))
def test_a_part_is_bound_to_its_type_field_sender_and_case(text):
    case = new_case()
    message = CaseMessage(pk=7, case=case, sender=MessageSender.ADVISOR)
    message.seal("sealed_text", text)
    flipped = CaseMessage(pk=7, case=case, sender=MessageSender.OFFICE_HOLDER, sealed_text=message.sealed_text)
    as_note = CaseNote(pk=7, case=case, sealed_text=message.sealed_text)
    as_reason = StatusChange(pk=7, case=case, sealed_reason=message.sealed_text)
    other_case = CaseMessage(pk=7, case=new_case(2, "WB-BBBB-BBBB"), sender=MessageSender.ADVISOR)
    other_case.sealed_text = message.sealed_text
    for row, field in ((flipped, "sealed_text"), (as_note, "sealed_text"), (as_reason, "sealed_reason")):
        with pytest.raises(crypto.DecryptionError):
            row.open(field)
    with pytest.raises(crypto.DecryptionError):
        other_case.open("sealed_text")
    with pytest.raises(crypto.DecryptionError):  # opened under the wrong case: refused, not the other's text
        message.open("sealed_text", under=other_case.case)


def test_the_associated_data_names_type_id_field_and_bound_columns():
    case = new_case()
    assert case.aad("sealed_request") == "case:WB-AAAA-AAAA|request"
    message = CaseMessage(pk=12, case=case, sender=MessageSender.OFFICE_HOLDER)
    assert message.aad("sealed_text") == "case:WB-AAAA-AAAA|case_message:12|text|sender=office_holder|author_id=None"
    assert CaseNote(pk=3, case=case, author_id=5).aad("sealed_text") == "case:WB-AAAA-AAAA|case_note:3|text|author_id=5"
    referral = Referral(pk=9, case=case, partner_id=2)
    assert referral.aad("sealed_question") == "case:WB-AAAA-AAAA|referral:9|question|partner_id=2"
    consent = Consent(pk=4, referral=referral)
    assert consent.aad("sealed_contact") == "case:WB-AAAA-AAAA|consent:4|contact|referral_id=9"
    council = CouncilRequest(reference="RG-AAAA-AAAA")
    assert council.aad("sealed_notes") == "council:RG-AAAA-AAAA|notes"
    assert Call(call_id="c-1").aad("sealed_from") == "call:c-1|from"


def test_empty_values_open_empty_and_none_clears():
    case = new_case()
    note = CaseNote(pk=1, case=case, sealed_text=b"")
    assert note.open("sealed_text") == ""
    reason = StatusChange(pk=1, case=case)
    reason.seal("sealed_reason", None)
    assert reason.sealed_reason is None
    assert reason.open("sealed_reason") == ""
    assert CouncilRequest(reference="RG-A", sealed_notes=None).open("sealed_notes") == {}


def test_programming_errors_are_named():
    case = new_case()
    with pytest.raises(SealingError, match="not a declared sealed field"):
        case.seal("reference", "x")
    with pytest.raises(SealingError, match="once it has its id"):
        CaseNote(case=case).seal("sealed_text", "x")
    with pytest.raises(SealingError, match="is not under"):
        CaseNote(pk=1, case=case).seal("sealed_text", "x", under=new_case(2, "WB-BBBB-BBBB"))
    with pytest.raises(SealingError, match="has no data key"):
        Case(reference="WB-CCCC-CCCC").data_key()


def test_the_data_key_is_cached_while_the_wrapped_key_is_unchanged(monkeypatch):
    case = new_case()
    sealed_key = case.data_key()
    calls = []
    unwrap = crypto.unwrap_data_key
    monkeypatch.setattr(crypto, "unwrap_data_key", lambda *a, **kw: calls.append(1) or unwrap(*a, **kw))
    assert case.data_key() == sealed_key
    assert calls == []  # given, so cached
    rotated = OrderedDict([("rotated", b"r" * 32), *settings.KEY_ENCRYPTION_KEYS.items()])
    with override_settings(KEY_ENCRYPTION_KEYS=rotated):
        assert case.rewrap_key()
        assert case.data_key() == sealed_key
        assert len(calls) == 2  # the re-wrap and the next use unwrap again
        assert case.data_key() == sealed_key
        assert len(calls) == 2
        case.wrapped_key = b"\x00" * 60  # crypto-shredded: the cached key is not used
        with pytest.raises(crypto.DecryptionError):
            case.data_key()


def test_a_pickled_record_leaves_its_plain_key_behind():
    case = new_case()
    key = case.data_key()
    assert key not in pickle.dumps(case)
    assert pickle.loads(pickle.dumps(case)).data_key() == key  # noqa: S301 - our own bytes  # unwrapped again from the wrapped key


def test_the_key_holders_are_every_sealed_record():
    assert set(sealed_records()) == {Case, CouncilRequest, Call}
    prefixes = [model.key_prefix for model in sealed_records()]
    assert len(prefixes) == len(set(prefixes))


def test_every_sealed_column_is_declared_and_every_part_type_is_unique():
    kinds = []
    for model in apps.get_models():
        binary = {f.name for f in model._meta.get_fields() if isinstance(f, models.BinaryField)}
        sealed_columns = {name for name in binary if name.startswith("sealed_")}
        if not issubclass(model, Sealed):
            assert not sealed_columns, f"{model.__name__} has sealed columns but is no SealedRecord/SealedPart"
            continue
        assert set(model.sealed_fields) == sealed_columns, model.__name__
        assert set(model.sealed_fields.values()) <= {"text", "json", "bytes"}
        if issubclass(model, SealedPart):
            kinds.append(model.sealed_as)
            for column in model.sealed_binds:
                model._meta.get_field(column)
        else:
            assert issubclass(model, SealedRecord)
    assert len(kinds) == len(set(kinds))
    assert len(list(sealed_models())) == len(kinds) + len(list(sealed_records()))
