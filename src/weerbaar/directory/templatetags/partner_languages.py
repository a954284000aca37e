"""Show a partner's languages by name ("Nederlands, Arabisch") instead of their ISO 639-1 codes."""

from __future__ import annotations

from django import template

from weerbaar.directory.forms import language_name

register = template.Library()


@register.filter
def language_names(codes: list[str] | None) -> str:
    return ", ".join(language_name(code) for code in codes or [])
