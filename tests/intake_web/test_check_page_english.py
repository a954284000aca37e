"""The check page in English (issue 11 point 9: "Acuut gevaar" and "Wat er is gebeurd" stayed Dutch there, their
labels never reached the catalogue), and a test that every gettext call in the code is one makemessages finds."""

from __future__ import annotations

import re
from pathlib import Path

from tests.intake_web.conftest import answers

SRC = Path(__file__).resolve().parents[2] / "src/weerbaar"
# The names makemessages extracts (Django's xgettext keywords) and what we import under them.
KNOWN = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext"}


def _check_page_terms(web) -> tuple[list[str], list[str]]:
    response = web.post("/hulp-vragen", {**answers(), "step": "contact", "nav": "next"})
    main = response.content.decode().split('id="main"', 1)[1]
    terms = re.findall(r"<dt[^>]*>(.*?)</dt>", main, re.S)
    values = re.findall(r"<dd[^>]*>(.*?)</dd>", main, re.S)
    return terms, values


def test_the_english_check_page_has_english_labels_and_answers(web):
    web.cookies["django_language"] = "en"
    terms, values = _check_page_terms(web)
    assert terms == [
        "Acute danger",
        "Position",
        "Municipality",
        "Province",
        "Subject",
        "Affected",
        "What happened",
        "Name",
        "Phone number",
        "Email address",
        "Contact by",
        "Email when something is new",
        "Sharing with network partners",
    ]
    assert values[0] == "No"
    assert values[1] == "Municipal councillor"


def test_the_dutch_check_page_keeps_its_dutch_labels(web):
    terms, _values = _check_page_terms(web)
    assert terms[0] == "Acuut gevaar"
    assert "Wat er is gebeurd" in terms


def test_translation_functions_are_imported_under_names_makemessages_extracts():
    aliases = []
    for path in SRC.rglob("*.py"):
        for name, alias in re.findall(r"import (\w*gettext\w*) as (\w+)", path.read_text(encoding="utf-8")):
            if alias not in KNOWN:
                aliases.append(f"{path.relative_to(SRC)}: {name} as {alias}")
    assert aliases == []
