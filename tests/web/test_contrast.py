"""Badge colours meet WCAG AA (4.5:1) — computed from the theme's own tokens, not left to axe's "needs review".

Utrecht's defaults put white text on yellow (#FFCC00, about 1.5:1: the "wacht op uw keuze" badge) and on a light
green; the theme sets a pair for every status-badge variant, and this test resolves each pair's ``var()`` chain in
``theme.css`` and computes the ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

THEME = Path(__file__).resolve().parents[2] / "src/weerbaar/static_src/theme.css"
# Every variant of Utrecht's status badge, and our own info badge (app.css).
VARIANTS = (
    "",
    "danger",
    "error",
    "invalid",
    "inactive",
    "warning",
    "safe",
    "success",
    "valid",
    "active",
    "neutral",
    "info",
)
NAMED = {"white": "#ffffff", "black": "#000000"}


def _tokens() -> dict[str, str]:
    text = re.sub(r"/\*.*?\*/", "", THEME.read_text(encoding="utf-8"), flags=re.S)
    return {name: value.strip() for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", text)}


def _resolve(value: str, tokens: dict[str, str]) -> str:
    for _ in range(10):
        match = re.fullmatch(r"var\((--[\w-]+)\)", value)
        if not match:
            break
        value = tokens[match.group(1)]
    return NAMED.get(value, value)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    assert len(digits) == 6, hex_colour
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_the_contrast_formula_matches_known_pairs():
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffcc00") < 1.7  # Utrecht's warning badge: the finding of issue 11


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_status_badge_has_text_at_4_5_to_1(variant):
    tokens = _tokens()
    infix = f"-{variant}" if variant else ""
    background = _resolve(tokens[f"--utrecht-status-badge{infix}-background-color"], tokens)
    colour = _resolve(tokens[f"--utrecht-status-badge{infix}-color"], tokens)
    assert contrast(background, colour) >= 4.5, f"{variant or 'default'}: {colour} on {background}"
