"""Normalisation: every way of writing one identifier gives one token; a name alone never counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core.errors import InvalidInput
from weerbaar.matching import tokens
from weerbaar.matching.normalise import EXACT, WEAK, normalise

KEY = b"m" * 32


def token_of(kind, value, platform=""):
    return tokens.token(KEY, normalise(kind, value, platform)[0])


# --- phone ------------------------------------------------------------------------------------------------

PHONE_VARIANTS = ["0612345678", "06-12345678", "06 12 34 56 78", "+31612345678", "+31 6 1234 5678", "0031612345678"]


@given(variant=st.sampled_from(PHONE_VARIANTS), spaces=st.lists(st.sampled_from([" ", "-", "(", ")"]), max_size=3))
def test_variants_of_one_phone_number_give_one_token(variant, spaces):
    written = (
        "".join(spaces) + variant if not variant.startswith("+") else variant + "".join(s for s in spaces if s == " ")
    )
    assert token_of("phone", written) == token_of("phone", "+31612345678")
    assert normalise("phone", written)[0].value == "+31612345678"


def test_another_phone_number_gives_another_token():
    assert token_of("phone", "0612345679") != token_of("phone", "0612345678")


@pytest.mark.parametrize("value", ["hallo", "12", "+999"])
def test_what_is_no_phone_number_is_refused(value):
    with pytest.raises(InvalidInput):
        normalise("phone", value)


# --- e-mail -----------------------------------------------------------------------------------------------


@given(
    domain_case=st.lists(st.booleans(), min_size=9, max_size=9),
    space_before=st.sampled_from(["", " ", "  "]),
    trailing_dot=st.booleans(),
)
def test_variants_of_one_email_domain_give_one_exact_token(domain_case, space_before, trailing_dot):
    domain = "".join(c.upper() if up else c for c, up in zip("gmail.com", domain_case, strict=True))
    written = f"{space_before}J.Jansen@{domain}{'.' if trailing_dot else ''}"
    assert token_of("email", written) == token_of("email", "J.Jansen@gmail.com")


def test_an_international_domain_is_idna_encoded():
    assert normalise("email", "piet@bücher.EXAMPLE")[0].value == "piet@xn--bcher-kva.example"
    assert token_of("email", "piet@BÜCHER.example") == token_of("email", "piet@xn--bcher-kva.example")


@given(
    dots=st.lists(st.integers(min_value=1, max_value=6), max_size=3),
    tag=st.sampled_from(["", "+weerbaar", "+x1"]),
    upper=st.booleans(),
)
def test_the_weak_email_form_drops_dots_tags_and_case(dots, tag, upper):
    local = "jjansen"
    for position in sorted(set(dots), reverse=True):
        local = local[:position] + "." + local[position:]
    local = (local.upper() if upper else local) + tag
    forms = normalise("email", f"{local}@gmail.com")
    assert forms[0].strength == EXACT
    assert forms[0].value == f"{local}@gmail.com"
    assert forms[1].strength == WEAK
    assert forms[1].value == "jjansen@gmail.com"


# --- licence plate ----------------------------------------------------------------------------------------


@given(
    separator=st.sampled_from(["-", " ", "", "."]),
    lower=st.booleans(),
    padding=st.sampled_from(["", " "]),
)
def test_variants_of_one_plate_give_one_token(separator, lower, padding):
    plate = separator.join(["12", "ABC", "3"])
    written = padding + (plate.lower() if lower else plate) + padding
    assert token_of("licence_plate", written) == token_of("licence_plate", "12-ABC-3")


@pytest.mark.parametrize("plate", ["AB-12-34", "12-34-AB", "12-AB-34", "AB-12-CD", "99-XXX-9", "X-999-XX", "1-AB-234"])
def test_every_side_code_is_accepted(plate):
    assert normalise("licence_plate", plate)[0].value == plate.replace("-", "")


@pytest.mark.parametrize("plate", ["ABCDEF", "123456", "AB-123-CD-4", "B-1"])
def test_what_is_no_dutch_plate_is_refused(plate):
    with pytest.raises(InvalidInput):
        normalise("licence_plate", plate)


# --- handles ----------------------------------------------------------------------------------------------


@given(prefix=st.sampled_from(["", "@", "https://x.com/", "https://www.x.com/@", "x.com/"]), upper=st.booleans())
def test_variants_of_one_handle_give_one_token(prefix, upper):
    handle = "Boze_Burger" if upper else "boze_burger"
    assert token_of("handle", prefix + handle, "x") == token_of("handle", "boze_burger", "x")


def test_a_handle_is_per_platform_and_an_account_id_is_its_own_form():
    assert token_of("handle", "boze_burger", "x") != token_of("handle", "boze_burger", "instagram")
    assert normalise("handle", "00123456", "x")[0].value == "x:id:123456"


def test_a_handle_needs_a_platform():
    with pytest.raises(InvalidInput) as refused:
        normalise("handle", "boze_burger", "")
    assert refused.value.invalid_params[0]["name"] == "platform"


# --- names ------------------------------------------------------------------------------------------------

NAMES = st.text(alphabet=st.characters(categories=["L", "Zs"]), min_size=1, max_size=40)


@given(name=NAMES)
def test_a_name_alone_never_counts(name):
    """Refused whatever the name: without a birth year nothing is stored, so nothing can match."""
    with pytest.raises(InvalidInput):
        normalise("name_with_birth", name)


@given(
    form=st.sampled_from(
        ["Jan de Vries, 1975", "jan de vries 12-03-1975", "JAN  DE VRIES; 1-1-1975", "Jan dé Vries 1975"]
    )
)
def test_a_name_with_birth_year_is_one_weak_form(form):
    forms = normalise("name_with_birth", form)
    assert [(f.strength, f.value) for f in forms] == [(WEAK, "jan de vries|1975")]


def test_a_name_with_another_birth_year_is_another_token():
    assert token_of("name_with_birth", "Jan de Vries 1975") != token_of("name_with_birth", "Jan de Vries 1976")


def test_the_token_is_keyed():
    form = normalise("phone", "0612345678")[0]
    assert tokens.token(b"a" * 32, form) != tokens.token(b"b" * 32, form)
    assert "31612345678" not in tokens.token(KEY, form)
