"""The timeline's series, as pure functions over plain values (no database): tested against hand-computed fixtures.

A week starts on Monday. Adult support is averaged on ``ADULT_SUPPORT_LEVEL`` (2 in close proximity, 1 nearby,
0 faded); interactions are weekly totals (started by the student, started by peers); quality is the weekly average
of the logs that rated it. A week with no log has no value (None), so the charts leave a gap rather than a zero.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class LogPoint:
    """One facilitation log, reduced to what the charts use."""

    date: datetime.date
    support_level: int  # ADULT_SUPPORT_LEVEL: 2 close, 1 nearby, 0 faded
    by_student: int
    by_peers: int
    quality: int | None = None


@dataclass(frozen=True)
class Week:
    start: datetime.date
    logs: int
    support: float | None
    by_student: int | None
    by_peers: int | None
    quality: float | None

    @property
    def interactions(self) -> int | None:
        return None if self.by_student is None else self.by_student + self.by_peers


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def weekly_series(points, *, start: datetime.date, end: datetime.date) -> list[Week]:
    """One ``Week`` per week from the week of ``start`` to the week of ``end`` (inclusive); points outside are
    ignored."""
    first, last = week_start(start), week_start(end)
    buckets: dict[datetime.date, list[LogPoint]] = {}
    for point in points:
        if start <= point.date <= end:
            buckets.setdefault(week_start(point.date), []).append(point)
    weeks, monday = [], first
    while monday <= last:
        logs = buckets.get(monday, [])
        weeks.append(
            Week(
                start=monday,
                logs=len(logs),
                support=_average([p.support_level for p in logs]),
                by_student=sum(p.by_student for p in logs) if logs else None,
                by_peers=sum(p.by_peers for p in logs) if logs else None,
                quality=_average([p.quality for p in logs if p.quality is not None]),
            )
        )
        monday += datetime.timedelta(days=7)
    return weeks


# --- Chart geometry (server-side SVG: the template draws what these compute) ---

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 70, 14, 14, 40


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    css: str
    paths: list[str]  # "x,y x,y ..." polylines, split where a week has no value
    dots: list[tuple[float, float, str]]  # x, y, the value as text


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[Line]
    y_ticks: list[tuple[float, str]]  # y, label
    x_ticks: list[tuple[float, str]]  # x, label
    markers: list[tuple[float, str]]  # x, label: the vertical lines
    plot_top: int
    plot_bottom: int
    plot_left: int
    plot_right: int


def chart(weeks: list[Week], series, *, y_max: float, y_labels: dict | None = None, markers=()) -> Chart:
    """Coordinates for a line chart of ``weeks``: ``series`` is ((key, label, css), ...) naming ``Week`` attributes;
    ``markers`` ((date, label), ...) become vertical lines at their day's place in the weeks."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(weeks), 1)
    step = plot_w / count
    y_max = y_max or 1

    def x_of(index: float) -> float:
        return round(LEFT + step * (index + 0.5), 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_h - plot_h * value / y_max, 1)

    lines = []
    for key, label, css in series:
        paths, current, dots = [], [], []
        for index, week in enumerate(weeks):
            value = getattr(week, key)
            if value is None:
                if current:
                    paths.append(" ".join(current))
                current = []
                continue
            x, y = x_of(index), y_of(value)
            current.append(f"{x},{y}")
            dots.append((x, y, f"{value:g}"))
        if current:
            paths.append(" ".join(current))
        lines.append(Line(key=key, label=label, css=css, paths=paths, dots=dots))
    if y_labels:
        y_ticks = [(y_of(v), text) for v, text in sorted(y_labels.items())]
    else:
        tick = max(1, round(y_max / 4))
        y_ticks = [(y_of(v), str(v)) for v in range(0, int(y_max) + 1, tick)]
    every = max(1, -(-count // 5))  # at most 5 labels (readable on a phone)
    x_ticks = [(x_of(i), f"{w.start:%b} {w.start.day}") for i, w in enumerate(weeks) if i % every == 0]
    placed = []
    if weeks:
        for day, label in markers:
            index = (day - weeks[0].start).days / 7 - 0.5 + 1 / 14
            if -0.5 <= index < count - 0.5:
                placed.append((x_of(index), label))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        markers=placed,
        plot_top=TOP,
        plot_bottom=TOP + plot_h,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
    )
