"""Field rules shared by every app's validation module (one rule set per app, built from these)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weerbaar.core.errors import Errors


def text_field(raw: dict[str, Any], name: str, errors: Errors, *, max_length: int, required: bool = False) -> str:
    """A trimmed text of at most ``max_length`` characters; a missing optional one is ""."""
    value = raw.get(name)
    if value is None or value == "":
        if required:
            errors.add(name, _("Vul dit in."))
        return ""
    if not isinstance(value, str):
        errors.add(name, _("Moet tekst zijn."))
        return ""
    value = value.strip()
    if "\x00" in value:
        errors.add(name, _("Bevat ongeldige tekens."))
        return ""
    if required and not value:
        errors.add(name, _("Vul dit in."))
    elif len(value) > max_length:
        errors.add(name, _("Maximaal %(n)s tekens.") % {"n": max_length})
    return value
