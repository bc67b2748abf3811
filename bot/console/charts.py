"""Bar charts drawn as SVG on the server: the geometry here, the drawing in the template (no script)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.console.queries import Series

WIDTH, HEIGHT, AXIS = 600, 160, 14  # viewBox units; AXIS: room for the day labels


@dataclass(frozen=True)
class Bar:
    """One day's bar."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class Tick:
    """A day label under the bars."""

    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A bar chart of one series."""

    title: str
    width: int
    height: int
    top: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]


def bar_chart(series: Series) -> Chart:
    """Lay out one bar a day, scaled to the busiest day, with a label every week."""
    count = len(series.values)
    slot = WIDTH / count
    top = max(max(series.values), 1)
    room = HEIGHT - AXIS - 12
    bars = tuple(
        Bar(
            round(n * slot + 1, 1),
            round(HEIGHT - AXIS - room * value / top, 1),
            round(slot - 2, 1),
            round(room * value / top, 1),
            day.strftime("%d-%m"),
            value,
        )
        for n, (day, value) in enumerate(zip(series.days, series.values, strict=True))
    )
    ticks = tuple(
        Tick(round(n * slot, 1), day.strftime("%d-%m")) for n, day in enumerate(series.days) if n % 7 == 0
    )
    return Chart(series.name, WIDTH, HEIGHT, top, bars, ticks)
