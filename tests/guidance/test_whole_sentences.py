"""The dossier's damage texts are whole sentences in Dutch and English (issue 11 point 9: the PDF read "… niet
betaald. dan schiet de Staat …" and "… zedenmisdrijven. tot € 5.000"): no sentence begins in lower case."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.damage import damage_routes

# A full stop that ends a sentence, then a word in lower case; abbreviations (art., lid, nr.) are not sentence ends.
BROKEN = re.compile(r"(?<!\bart)(?<!\bnr)(?<!\bbijv)(?<!\be\.g)(?<!\bi\.e)\. (?=[a-zà-ü€])")


def test_the_pattern_finds_the_sentences_of_the_finding():
    assert BROKEN.search("Heeft de dader niet betaald. dan schiet de Staat het bedrag voor")
    assert BROKEN.search("bij geweld- en zedenmisdrijven. tot € 5.000")
    assert not BROKEN.search("volgens art. 36f Sr. De Staat betaalt")


@settings(max_examples=60, deadline=None)
@given(
    role=st.sampled_from(rules.ROLES),
    acts=st.sets(st.sampled_from(sorted(rules.ACTS)), min_size=1, max_size=4),
    language=st.sampled_from(["nl", "en"]),
)
def test_every_damage_route_is_whole_sentences(role, acts, language):
    routes = damage_routes(role=role, incidents=[(date(2026, 11, 20), sorted(acts))], language=language)
    assert routes
    for route in routes:
        assert route.text[0].isupper(), route.text
        assert route.text.rstrip().endswith((".", ")")), route.text
        assert not BROKEN.search(route.text), route.text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_state_advance_is_one_sentence_with_its_limit(language):
    routes = damage_routes(role="raadslid", incidents=[(date(2026, 11, 20), ["insult"])], language=language)
    text = next(r.text for r in routes if r.code == "injured_party")
    if language == "nl":
        assert "niet alles betaald, dan betaalt de Staat het restant als voorschot" in text
        assert "zedenmisdrijven, tot € 5.000 bij andere misdrijven." in text
    else:
        assert not BROKEN.search(text)
