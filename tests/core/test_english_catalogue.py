"""The English catalogue is complete: Dutch comes first, English second, and never a guess.

msgmerge marks a new Dutch string it thinks resembles an old one as *fuzzy* with the old English; compilemessages
leaves fuzzy entries out, so the page silently shows Dutch — or, once someone clears the flag without reading, the
wrong English ("Gepubliceerd" as "Cancelled"). This test fails on either, and on an empty translation.
"""

from __future__ import annotations

import re
from pathlib import Path

import weerbaar

CATALOGUE = Path(weerbaar.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> list[tuple[str, bool, str]]:
    """(msgid, fuzzy, msgstr) per live entry; plural entries give their first form."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) "(.*)"$', line)
            if match:
                current = match.group(1).replace("[0]", "")
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            entries.append((fields["msgid"], fuzzy, fields.get("msgstr", "")))
    return entries


def test_the_catalogue_is_read():
    assert len(_entries()) > 1000


def test_no_entry_is_fuzzy():
    fuzzy = [msgid for msgid, is_fuzzy, _ in _entries() if is_fuzzy]
    assert fuzzy == [], f"fuzzy English for: {fuzzy[:10]}"


def test_every_entry_has_english():
    missing = [msgid for msgid, _, msgstr in _entries() if not msgstr]
    assert missing == [], f"no English for: {missing[:10]}"
