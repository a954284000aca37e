"""Helpers for the public web tests: walk the multi-step help request like a browser without JavaScript."""

from __future__ import annotations

import re
from html import unescape

import pytest

STEP_FIELDS = {
    "danger": ["acute_danger"],
    "about": ["role", "municipality", "province"],
    "situation": ["concerns", "affected", "description"],
    "contact": ["name", "phone", "email", "preferred_contact", "notify_email", "consent"],
}


def answers(**overrides):
    """A complete, valid set of answers as the web form names them."""
    data = {
        "acute_danger": "no",
        "role": "raadslid",
        "municipality": "GM0363",
        "province": "",
        "concerns": ["threat", "online_harassment"],
        "affected": ["self"],
        "description": "Iemand stond vannacht voor mijn deur.\nHij riep dat hij terugkomt & <meer>.",
        "name": "Sam de Vries",
        "phone": "06 12345678",
        "email": "sam@example.org",
        "preferred_contact": "phone",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def hidden_inputs(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        found.setdefault(name, []).append(unescape(value))
    return found


def form_token(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the check page carries a one-time form token"
    return match.group(1)


@pytest.fixture
def web(reference_data, client):
    return client


@pytest.fixture
def check_page(web):
    """POST the contact step with all answers; returns (response, html) of the check page."""

    def _check(**overrides):
        data = {**answers(**overrides), "step": "contact", "nav": "next"}
        response = web.post("/hulp-vragen", data)
        html = response.content.decode()
        assert "Controleer uw antwoorden" in html, html
        return response, html

    return _check


@pytest.fixture
def submit(web, check_page):
    """Go to the check page and press "Hulpvraag versturen"; returns (response, html, token, posted data)."""

    def _submit(**overrides):
        _, html = check_page(**overrides)
        data = {**answers(**overrides), "step": "check", "nav": "submit", "form_token": form_token(html)}
        response = web.post("/hulp-vragen", data)
        return response, response.content.decode(), data

    return _submit
