"""Property: a notification link is a path inside Weerbaar that cannot carry free text."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from weerbaar.notifications.services import _check_link

PATH_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-.")


@given(st.text(PATH_CHARS, max_size=80))
@example("/werkruimte/zaken/WB-7K3M-Q9XD")
def test_plain_paths_are_accepted(tail):
    link = "/" + tail.lstrip("/")
    assert _check_link(link) == link


@given(st.text(min_size=1, max_size=40))
@example(" ")
@example("@")
@example("\n")
@example("é")
@example("%20")
def test_anything_outside_the_path_alphabet_is_refused(junk):
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-.?=&#")
    if set(junk) <= allowed:
        return  # only path characters: the other test's domain
    with pytest.raises(ValueError):
        _check_link("/werkruimte/" + junk)


@pytest.mark.parametrize("link", ["", "werkruimte", "//evil.example/x", "https://evil.example/", "/" + "a" * 500])
def test_not_a_local_path_is_refused(link):
    with pytest.raises(ValueError):
        _check_link(link)
