"""Geometry of the instruments' pictures, drawn as SVG on the server so they work without
JavaScript (each picture has a table beside it for screen readers). Pure Python."""

from collections import defaultdict
from dataclasses import dataclass

#: The krachtenveld map: stance −2…+2 left to right, influence 1…5 bottom to top.
MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 500, 360, 40
CELL_W = (MAP_WIDTH - 2 * MAP_MARGIN) / 5
CELL_H = (MAP_HEIGHT - 2 * MAP_MARGIN) / 5


@dataclass(frozen=True)
class Dot:
    number: int
    x: float
    y: float
    relationship: str


def map_dots(actors: list[tuple[int, int, str]]) -> list[Dot]:
    """`actors`: (influence 1–5, stance −2…+2, relationship) in the order of the table. Each is
    a numbered dot in its cell; actors sharing a cell are set side by side, wrapping in rows."""
    per_cell: dict[tuple[int, int], int] = defaultdict(int)
    dots = []
    for number, (influence, stance, relationship) in enumerate(actors, start=1):
        slot = per_cell[(influence, stance)]
        per_cell[(influence, stance)] += 1
        column, row = slot % 3, slot // 3
        left = MAP_MARGIN + (stance + 2) * CELL_W
        top = MAP_MARGIN + (5 - influence) * CELL_H
        dots.append(Dot(number, left + CELL_W * (column + 1) / 4, top + 14 + row * 22, relationship))
    return dots


def map_grid() -> dict:
    """Lines and axis positions of the map."""
    columns = [MAP_MARGIN + i * CELL_W for i in range(6)]
    rows = [MAP_MARGIN + i * CELL_H for i in range(6)]
    return {
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "columns": columns,
        "rows": rows,
        "left": MAP_MARGIN,
        "right": MAP_WIDTH - MAP_MARGIN,
        "top": MAP_MARGIN,
        "bottom": MAP_HEIGHT - MAP_MARGIN,
        "middle": MAP_WIDTH / 2,
        "centre_y": MAP_HEIGHT / 2,
    }


#: The mirror chart: one group of bars per item, one bar per moment, scale 1–5.
BAR_LEFT, BAR_WIDTH, BAR_HEIGHT, BAR_GAP = 10, 300, 8, 6


@dataclass(frozen=True)
class Bar:
    moment_index: int
    y: float
    width: float
    value: int


def mirror_bars(values: tuple[int | None, ...]) -> list[Bar]:
    """Bars for one item across the moments (None: not taken, no bar)."""
    return [
        Bar(index, index * (BAR_HEIGHT + 2), BAR_WIDTH * value / 5, value)
        for index, value in enumerate(values)
        if value is not None
    ]
