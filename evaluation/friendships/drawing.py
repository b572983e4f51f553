"""The friendship map's picture, computed on the server (no script): the students on a circle, focus students first
then peers; a thick line for a mutual friendship, an arrow for a one-way friend nomination, a thin dashed line for
time spent together without a friend nomination. The template draws it as SVG with a ``viewBox``, so it scales to a
phone; the table beside it says the same in words."""

import math
from dataclasses import dataclass

from . import network

# Wider than tall: the names on the left and right of the circle need room beside it.
WIDTH, HEIGHT = 840, 640
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RADIUS = 190  # of the circle the students sit on; their names go outside it
NODE_RADIUS = 12
LABEL_GAP = 22


@dataclass(frozen=True)
class Node:
    pk: int
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: str  # "start" on the right half, "end" on the left, "middle" at the top and bottom
    is_focus_student: bool


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: tuple[Node, ...]
    mutual: tuple[Line, ...]
    one_way: tuple[Line, ...]
    contact_only: tuple[Line, ...]


def _position(index: int, count: int) -> tuple[float, float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
    return CENTRE_X + RADIUS * math.cos(angle), CENTRE_Y + RADIUS * math.sin(angle), angle


def _anchor(cos: float) -> str:
    if cos > 0.2:
        return "start"
    if cos < -0.2:
        return "end"
    return "middle"


def _line(a: Node, b: Node, *, arrow: bool = False) -> Line:
    """From the edge of one circle to the edge of the other (an arrow's head stops just short of its student)."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    start, end = NODE_RADIUS, NODE_RADIUS + (3 if arrow else 0)
    return Line(
        x1=round(a.x + dx * start / length, 1),
        y1=round(a.y + dy * start / length, 1),
        x2=round(b.x - dx * end / length, 1),
        y2=round(b.y - dy * end / length, 1),
    )


def picture(net: network.WindowNetwork, students: list) -> Picture:
    """``students`` in the order they sit on the circle; each has ``pk``, ``short_name``, ``last_name`` and
    ``is_focus_student``."""
    nodes: dict[int, Node] = {}
    for index, student in enumerate(students):
        x, y, angle = _position(index, len(students))
        cos, sin = math.cos(angle), math.sin(angle)
        initial = f" {student.last_name[0]}." if student.last_name else ""
        nodes[student.pk] = Node(
            pk=student.pk,
            x=round(x, 1),
            y=round(y, 1),
            label=f"{student.short_name}{initial}",
            label_x=round(x + LABEL_GAP * cos, 1),
            label_y=round(y + LABEL_GAP * sin + 5, 1),
            anchor=_anchor(cos),
            is_focus_student=student.is_focus_student,
        )
    friends = {network.Pair(edge) for edge in net.friend_edges}
    return Picture(
        width=WIDTH,
        height=HEIGHT,
        nodes=tuple(nodes.values()),
        mutual=tuple(_line(nodes[a], nodes[b]) for a, b in (sorted(pair) for pair in sorted(net.mutual, key=sorted))),
        one_way=tuple(_line(nodes[a], nodes[b], arrow=True) for a, b in sorted(net.one_way_friend_edges)),
        contact_only=tuple(
            _line(nodes[a], nodes[b])
            for a, b in (sorted(pair) for pair in sorted(net.contact_pairs - friends, key=sorted))
        ),
    )
