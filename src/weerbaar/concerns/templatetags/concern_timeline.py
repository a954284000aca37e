"""Colours and labels of the timeline chart: one neutral hue per way, never a traffic light."""

from __future__ import annotations

from django import template

from weerbaar.concerns.timeline import WAY_LABELS

register = template.Library()

# Blues and purples of one contrast step each against white and each other: the way, not a level of danger.
COLOURS = {"online": "#8fb8de", "distance": "#4a7ab0", "in_person": "#6a4c93", "home": "#1f2a44"}


@register.filter
def way_colour(way: str) -> str:
    return COLOURS.get(way, "#999999")


@register.filter
def way_label(way: str) -> str:
    return str(WAY_LABELS.get(way, way))
