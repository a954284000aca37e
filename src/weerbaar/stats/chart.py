"""The bar chart of the analysts' page: geometry computed here, so the template only places numbers into SVG.

Server-rendered inline SVG under the strict CSP (presentation attributes, no ``style``); a suppressed cell gets no
bar and the suppressed mark as its value; the table beside it is the text alternative. Only published (rounded)
counts are drawn, so the chart tells nothing the table does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from weerbaar.stats.disclosure import Cell

LABEL_WIDTH = 220
BAR_WIDTH = 360
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(labels: list[str], cells: list[Cell]) -> Chart:
    largest = max((cell.count or 0 for cell in cells), default=0) or 1
    bars = []
    for index, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        y = TOP + index * ROW_HEIGHT
        width = round(BAR_WIDTH * (cell.count or 0) / largest)
        bars.append(
            Bar(
                label=label,
                value_text=cell.label,
                y=y,
                text_y=y + BAR_HEIGHT - 3,
                width=width,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return Chart(
        width=LABEL_WIDTH + BAR_WIDTH + 60,
        height=TOP * 2 + len(bars) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )
