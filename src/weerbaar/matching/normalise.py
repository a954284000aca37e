"""Normalisation of perpetrator identifiers: every way of writing one identifier gives one normal form.

Each kind has one rule (docs/matching.md):

- phone: E.164 with ``phonenumbers`` (a number without country code is Dutch);
- e-mail: the domain IDNA-encoded and lowercased, the local part as typed (exact form), plus a *weak* form with
  the local part lowercased, its ``+tag`` and dots removed (``j.jansen+x@gmail.com`` is ``jjansen@gmail.com``);
- handle: per platform; a numeric account id (stable, where the platform has one) or the handle lowercased without
  ``@`` or profile address;
- licence plate: a Dutch plate in one of the side codes, uppercased, separators dropped;
- name with birth: a name only together with a year or date of birth (weak): the name without accents, case,
  punctuation or extra spaces, and the birth year. A name alone is refused: it never raises a match.

Every rule raises ``InvalidInput`` with a reason for the ``value`` (or ``platform``) field, never echoing the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext as _

from weerbaar.core.errors import InvalidInput
from weerbaar.matching.choices import IdentifierKind, Platform

MAX_VALUE = 200
EXACT = "exact"
WEAK = "weak"


@dataclass(frozen=True)
class Form:
    """One normal form of an identifier: ``weak`` forms are marked as such for the coordinators."""

    kind: str
    strength: str  # EXACT or WEAK
    value: str

    def token_input(self) -> bytes:
        return f"{self.kind}|{self.strength}|{self.value}".encode()


def _refuse(reason: str, field: str = "value") -> InvalidInput:
    return InvalidInput(_("Controleer de gemarkeerde velden."), invalid_params=[{"name": field, "reason": reason}])


def phone(value: str) -> list[Form]:
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        raise _refuse(_("Dit is geen telefoonnummer.")) from None
    if not phonenumbers.is_possible_number(number):
        raise _refuse(_("Dit is geen telefoonnummer."))
    return [Form(IdentifierKind.PHONE, EXACT, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))]


_LOCAL = re.compile(r"[^\s@]{1,64}")


def email(value: str) -> list[Form]:
    local, at, domain = value.strip().rpartition("@")
    domain = domain.strip().rstrip(".")
    if not at or not _LOCAL.fullmatch(local) or not domain or "." not in domain:
        raise _refuse(_("Dit is geen e-mailadres."))
    try:
        ascii_domain = domain.lower().encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise _refuse(_("Dit is geen e-mailadres.")) from None
    weak_local = local.lower().split("+", 1)[0].replace(".", "")
    forms = [Form(IdentifierKind.EMAIL, EXACT, f"{local}@{ascii_domain}")]
    if weak_local:
        forms.append(Form(IdentifierKind.EMAIL, WEAK, f"{weak_local}@{ascii_domain}"))
    return forms


_PROFILE = re.compile(r"^(?:https?://)?(?:www\.|m\.|mobile\.)?[a-z0-9.-]+\.[a-z]{2,}/(?:@)?", re.IGNORECASE)
_HANDLE = re.compile(r"[\w.\-]{1,100}")


def handle(value: str, platform: str) -> list[Form]:
    if platform not in Platform.values:
        raise _refuse(_("Kies het platform."), "platform")
    text = _PROFILE.sub("", value.strip()).strip().strip("/").removeprefix("@")
    if not _HANDLE.fullmatch(text):
        raise _refuse(_("Geef de gebruikersnaam of het account-id, zonder spaties."))
    if text.isdigit():  # the platform's stable account id: it survives a change of handle
        return [Form(IdentifierKind.HANDLE, EXACT, f"{platform}:id:{int(text)}")]
    return [Form(IdentifierKind.HANDLE, EXACT, f"{platform}:{text.lower()}")]


# Dutch side codes 1-14 (RDW), letters L and digits D, separators dropped.
SIDE_CODES = (
    "LLDDDD",
    "DDDDLL",
    "DDLLDD",
    "LLDDLL",
    "LLLLDD",
    "DDLLLL",
    "DDLLLD",
    "DLLLDD",
    "LLDDDL",
    "LDDDLL",
    "LLLDDL",
    "LDDLLL",
    "DLLDDD",
    "DDDLLD",
)


def licence_plate(value: str) -> list[Form]:
    plate = re.sub(r"[\s\-.\u00b7\u2013]", "", value).upper()
    shape = "".join("L" if c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" else "D" if c in "0123456789" else "?" for c in plate)
    if shape not in SIDE_CODES:
        raise _refuse(_("Dit is geen Nederlands kenteken (bijvoorbeeld 12-ABC-3)."))
    return [Form(IdentifierKind.LICENCE_PLATE, EXACT, plate)]


_BIRTH = re.compile(r"^(?P<name>.*?)[\s,;]+(?:(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.])?(?P<year>\d{4})$")


def _plain_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = re.sub(r"[^\w\s]", " ", letters.casefold())
    letters = re.sub(r"[\d_]", " ", letters)
    return " ".join(letters.split())


def name_with_birth(value: str) -> list[Form]:
    found = _BIRTH.match(value.strip())
    name = _plain_name(found["name"]) if found else ""
    if found is None or not name:
        raise _refuse(
            _("Een naam alleen kan niet: geef de naam met het geboortejaar of de geboortedatum (Jan de Vries, 1975).")
        )
    year = int(found["year"])
    if not 1900 <= year <= 2100:
        raise _refuse(_("Geef een geboortejaar tussen 1900 en 2100."))
    if found["day"] and not (1 <= int(found["day"]) <= 31 and 1 <= int(found["month"]) <= 12):
        raise _refuse(_("Geef een geldige geboortedatum (dag-maand-jaar)."))
    return [Form(IdentifierKind.NAME_WITH_BIRTH, WEAK, f"{name}|{year}")]


def normalise(kind: str, value: str, platform: str = "") -> list[Form]:
    """The normal forms of one identifier (the first is its main form); ``InvalidInput`` when it is not one."""
    if not isinstance(value, str) or not value.strip():
        raise _refuse(_("Vul dit in."))
    if len(value) > MAX_VALUE:
        raise _refuse(_("Maximaal %(n)s tekens.") % {"n": MAX_VALUE})
    if kind == IdentifierKind.PHONE:
        return phone(value)
    if kind == IdentifierKind.EMAIL:
        return email(value)
    if kind == IdentifierKind.HANDLE:
        return handle(value, platform)
    if kind == IdentifierKind.LICENCE_PLATE:
        return licence_plate(value)
    if kind == IdentifierKind.NAME_WITH_BIRTH:
        return name_with_birth(value)
    raise _refuse(_("Kies een soort: %(kinds)s.") % {"kinds": ", ".join(IdentifierKind.values)}, "kind")
