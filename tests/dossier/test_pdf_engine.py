"""The dossier's own user-agent stylesheet (templates/guidance/pdf/ua.css, see guidance.pdf) draws exactly what
WeasyPrint's full HTML5 sheet draws, names every element the dossier uses, and is really used."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.dossier.builders import build_case
from tests.factories import UserFactory, make_case
from weerbaar.accounts import policy
from weerbaar.guidance import dossier, pdf

pytestmark = pytest.mark.django_db

UA = dossier.PDF_TEMPLATE_DIR / "ua.css"
INLINE_WITHOUT_RULES = {"span"}  # inline by default, nothing to style


@pytest.fixture
def rendered(reference_data, monkeypatch):
    """The arguments the dossier passed to ``pdf.write_pdf`` for a case with every part (incidents with evidence
    and a police report, damage with a receipt, the step plan)."""
    advisor = UserFactory(username="adv", role="advisor")
    case, _code = make_case(state="claimed", advisor=advisor)
    build_case(advisor, case, incidents=3, images=4)
    calls: list[tuple[str, dict]] = []
    write = pdf.write_pdf

    def spy(html: str, **kwargs):
        calls.append((html, kwargs))
        return write(html, **kwargs)

    monkeypatch.setattr(pdf, "write_pdf", spy)
    dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference))
    ((html, kwargs),) = calls
    return html, kwargs


def pages(data: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_dossier_uses_its_own_sheet_and_draws_the_same_pages(rendered, monkeypatch):
    html, kwargs = rendered
    assert kwargs["user_agent"] == UA
    asked: list[bool] = []
    ua_stylesheets = pdf._HTML._ua_stylesheets

    def counting(self, forms=False):
        sheets = ua_stylesheets(self, forms)
        asked.append(self.user_agent is not None and sheets == [self.user_agent])
        return sheets

    monkeypatch.setattr(pdf._HTML, "_ua_stylesheets", counting)
    own = pdf.write_pdf(html, **kwargs)
    assert asked  # WeasyPrint still asks the hook ...
    assert all(asked)  # ... and gets the dossier's sheet
    asked.clear()
    default = pdf.write_pdf(html, **{**kwargs, "user_agent": None})
    assert asked
    assert not any(asked)
    # the same drawing operators on every page: the smaller sheet changes nothing that is printed
    assert len(pages(own)) >= 4
    assert pages(own) == pages(default)


def test_every_element_of_the_dossier_is_named_in_the_sheet(rendered):
    html, _kwargs = rendered
    used = set(re.findall(r"<([a-z][a-z0-9]*)", html))
    selectors = " ".join(re.findall(r"^([^{/*@][^{]*)\{", UA.read_text(), flags=re.M))
    named = set(re.findall(r"[a-z][a-z0-9]*", selectors))
    assert used - INLINE_WITHOUT_RULES <= named, used - named
