"""The coverage chart's geometry, computed here so the template only places ready numbers into SVG.

Server-rendered inline SVG under a strict CSP: no ``style`` attributes, only SVG presentation
attributes (``fill``, ``x``, ``width``…) and classes. The table beside it is the text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from weerbaar.council.selectors import Coverage

LABEL_WIDTH = 150
BAR_WIDTH = 380
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 8
WIDTH = LABEL_WIDTH + BAR_WIDTH + 110


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    text_y: int
    width: int
    value_x: int
    marked: bool  # the province itself had a session (Provinciale or Gedeputeerde Staten)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_width: int
    bar_height: int
    bars: list[Bar]
    target_bar: Bar | None


def coverage_chart(coverage: Coverage) -> Chart:
    bars = []
    for index, province in enumerate(coverage.provinces):
        y = TOP + index * ROW_HEIGHT
        share = province.covered / province.municipalities_total if province.municipalities_total else 0
        width = round(BAR_WIDTH * share)
        bars.append(
            Bar(
                label=province.name,
                value_text=f"{province.covered}/{province.municipalities_total}",
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=width,
                value_x=LABEL_WIDTH + width + 8,
                marked=province.provincial_session,
            )
        )
    target_bar = None
    bottom = TOP + len(bars) * ROW_HEIGHT
    if coverage.target:
        y = bottom + ROW_HEIGHT
        width = round(BAR_WIDTH * min(1.0, coverage.sessions_held / coverage.target))
        target_bar = Bar(
            label="",
            value_text=f"{coverage.sessions_held}/{coverage.target}",
            y=y,
            text_y=y + BAR_HEIGHT - 4,
            width=width,
            value_x=LABEL_WIDTH + width + 8,
            marked=False,
        )
        bottom = y + ROW_HEIGHT
    return Chart(
        width=WIDTH,
        height=bottom + TOP,
        label_width=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
        target_bar=target_bar,
    )
