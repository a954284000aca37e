"""The ``axe`` helper itself: it reports a violation (so a clean result means something), on a page it injected axe
into before as well as on a new one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CLEAN = (
    '<!doctype html><html lang="nl"><head><title>Schoon</title></head><body><main><h1>Schoon</h1></main></body></html>'
)
BROKEN = (
    '<!doctype html><html lang="nl"><head><title>Kapot</title></head><body><main><h1>Kapot</h1>'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
)


def test_the_axe_helper_fails_on_a_violation_and_passes_a_clean_page(page, axe):
    page.set_content(CLEAN)
    axe(page, context="clean")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.gif>')")
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)"):
        axe(page, context="same document, axe already there")
    page.set_content(BROKEN)
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)"):
        axe(page, context="new document")
