"""Standard advice texts: validation, versions on every change, coordinator-only writes, idempotent seed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.advice.factories import AdviceTextFactory
from tests.factories import UserFactory
from weerbaar.accounts.models import Role
from weerbaar.advice import selectors, services
from weerbaar.advice.choices import AdviceTopic
from weerbaar.advice.models import AdviceText, AdviceTextVersion
from weerbaar.advice.seed import SEED_TEXTS
from weerbaar.advice.validation import normalise_body, validate_advice_text
from weerbaar.core.audit import audit_verify
from weerbaar.core.errors import Forbidden, InvalidInput, NotFound


def payload(**overrides):
    data = {
        "topic": "press",
        "title": "Eén woordvoerder",
        "language": "nl",
        "body": "Spreek af wie het woord voert.\r\n\r\n\r\nVerwijs naar de communicatieadviseur.  ",
        "active": True,
        "position": 3,
    }
    data.update(overrides)
    return data


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="cora", role=Role.COORDINATOR)


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="anna", role=Role.ADVISOR)


def test_body_keeps_paragraphs_with_one_line_end_and_one_empty_line():
    assert normalise_body("a  \r\n\r\n\r\nb\rc\n\n") == "a\n\nb\nc"


def test_validation_reports_every_bad_field_at_once():
    with pytest.raises(InvalidInput) as info:
        validate_advice_text({"topic": "weather", "title": "", "language": "de", "body": 5, "position": -1})
    names = {p["name"] for p in info.value.invalid_params}
    assert names == {"topic", "title", "language", "body", "position"}


def test_language_defaults_to_dutch():
    assert validate_advice_text(payload(language=None)).language == "nl"


@given(st.text(min_size=4, max_size=200).filter(lambda v: v not in ("home_security", "social_media")))
def test_validation_never_echoes_the_value(value):
    with pytest.raises(InvalidInput) as info:
        validate_advice_text({"topic": value, "title": value, "language": value, "body": value})
    needle = value.strip()
    assert all(not needle or needle not in p["reason"] for p in info.value.invalid_params)


@pytest.mark.django_db
def test_create_stores_plain_text_and_the_first_version(coordinator):
    text = services.advice_text_create(actor=coordinator, raw=payload())
    assert text.body == "Spreek af wie het woord voert.\n\nVerwijs naar de communicatieadviseur."
    assert text.updated_by == coordinator
    (version,) = text.versions.all()
    assert (version.number, version.body, version.updated_by) == (1, text.body, coordinator)
    assert audit_verify().ok


@pytest.mark.django_db
def test_an_advisor_may_not_write(advisor, coordinator):
    with pytest.raises(Forbidden):
        services.advice_text_create(actor=advisor, raw=payload())
    text = services.advice_text_create(actor=coordinator, raw=payload())
    with pytest.raises(Forbidden):
        services.advice_text_update(actor=advisor, text_id=text.pk, raw=payload(body="Anders"))
    with pytest.raises(Forbidden):
        services.advice_text_set_active(actor=advisor, text_id=text.pk, active=False)
    assert AdviceText.objects.get().body.startswith("Spreek af")


@pytest.mark.django_db
def test_each_change_is_a_new_version_and_saving_unchanged_adds_none(coordinator):
    text = services.advice_text_create(actor=coordinator, raw=payload())
    services.advice_text_update(actor=coordinator, text_id=text.pk, raw=payload())
    assert text.versions.count() == 1
    updated = services.advice_text_update(actor=coordinator, text_id=text.pk, raw=payload(body="Nieuwe tekst."))
    assert updated.version == 2
    assert list(text.versions.values_list("number", "body")) == [
        (2, "Nieuwe tekst."),
        (1, "Spreek af wie het woord voert.\n\nVerwijs naar de communicatieadviseur."),
    ]
    history = selectors.advice_text_history(text=updated)
    assert history[0].version.number == 2
    assert ("added", "Nieuwe tekst.") in history[0].changes
    assert ("removed", "Spreek af wie het woord voert.") in history[0].changes


@pytest.mark.django_db
def test_deactivating_is_a_version_and_hides_the_text_from_inserting(coordinator, advisor):
    text = services.advice_text_create(actor=coordinator, raw=payload())
    services.advice_text_set_active(actor=coordinator, text_id=text.pk, active=False)
    services.advice_text_set_active(actor=coordinator, text_id=text.pk, active=False)  # no second version
    assert text.versions.count() == 2
    with pytest.raises(NotFound):
        selectors.insertable_advice_text(user=advisor, text_id=text.pk)
    language, groups = selectors.advice_texts_for_message(user=advisor, case=None)
    assert (language, groups) == ("nl", [])


@pytest.mark.django_db
def test_a_title_is_unique_per_language(coordinator):
    services.advice_text_create(actor=coordinator, raw=payload())
    with pytest.raises(InvalidInput) as info:
        services.advice_text_create(actor=coordinator, raw=payload(body="Iets anders"))
    assert info.value.invalid_params[0]["name"] == "title"
    services.advice_text_create(actor=coordinator, raw=payload(language="en"))
    assert AdviceText.objects.count() == 2


@pytest.mark.django_db
def test_update_of_a_missing_text_is_not_found(coordinator):
    with pytest.raises(NotFound):
        services.advice_text_update(actor=coordinator, text_id=999, raw=payload())


def test_append_keeps_what_was_typed():
    assert selectors.append_to_message("Beste Sam,\n\n", "Tekst.") == "Beste Sam,\n\nTekst."
    assert selectors.append_to_message("  \n", "Tekst.") == "Tekst."


@pytest.mark.django_db
def test_texts_for_a_message_follow_the_case_language_else_dutch(advisor):
    AdviceTextFactory(title="NL", language="nl", topic="press")
    AdviceTextFactory(title="EN", language="en", topic="press")
    AdviceTextFactory(title="Oud", language="nl", topic="legal", active=False)

    class EnglishCase:
        language = "en"

    language, groups = selectors.advice_texts_for_message(user=advisor, case=object())
    assert language == "nl"
    assert [(g.topic, [t.title for t in g.texts]) for g in groups] == [("press", ["NL"])]
    language, groups = selectors.advice_texts_for_message(user=advisor, case=EnglishCase())
    assert [t.title for g in groups for t in g.texts] == ["EN"]


@pytest.mark.django_db
def test_seed_loads_every_topic_in_both_languages_once(coordinator):
    assert services.advice_texts_seed() == len(SEED_TEXTS)
    assert services.advice_texts_seed() == 0
    assert AdviceText.objects.count() == len(SEED_TEXTS) == AdviceTextVersion.objects.count()
    for language in ("nl", "en"):
        for topic in AdviceTopic.values:
            assert AdviceText.objects.filter(language=language, topic=topic).count() >= 2, (language, topic)


@pytest.mark.django_db
def test_seed_adds_nothing_once_a_coordinator_wrote_a_text(coordinator):
    services.advice_text_create(actor=coordinator, raw=payload())
    assert services.advice_texts_seed() == 0
    assert AdviceText.objects.count() == 1
