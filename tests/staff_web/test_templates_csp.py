"""The staff pages work under the strict CSP: no inline script or style, and the header is sent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import make_case

SRC = Path(__file__).resolve().parents[2] / "src" / "weerbaar"
TEMPLATE_DIRS = [
    SRC / "accounts" / "templates",
    SRC / "cases" / "templates",
    SRC / "directory" / "templates",
    SRC / "templates" / "workspace",
]
TEMPLATES = sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_no_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "<style" not in text
    assert not re.search(r"\sstyle=", text)
    assert not re.search(r"\son[a-z]+=", text)  # no inline event handlers


@pytest.mark.django_db
def test_case_page_sends_a_strict_csp_and_no_inline_styles(people, as_user):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    response = as_user(people["advisor"]).get(f"/werkruimte/zaken/{case.reference}")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    html = response.content.decode()
    assert not re.search(r"\sstyle=", html)
    assert "<script" not in html


@pytest.mark.django_db
def test_otp_setup_svg_has_no_inline_style(people, client):
    client.post("/medewerkers/inloggen", {"username": "anna", "password": "correct horse battery staple"})
    html = client.get("/medewerkers/tweestaps/instellen").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "style" not in svg
    assert "<script" not in svg
