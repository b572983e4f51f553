"""Sections of a student's page that other apps add: programs add "Programs", recruitment adds partners and
applications. Each app registers its section from its ``AppConfig.ready()``; the core app never imports them.

A section is shown to whoever has its named permission (the same table the app's own pages use), so a student's page
shows nothing of a domain app that the person could not open in that app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .permissions import has_permission


@dataclass(frozen=True)
class StudentPageSection:
    template: str
    permission: str
    # Builds the section's context from (access, student), through the app's selectors, in a fixed number of
    # queries; returns None when the section has nothing to say about this student.
    context: Callable[..., dict | None]
    order: int = 100


_SECTIONS: list[StudentPageSection] = []


def register_student_section(section: StudentPageSection) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections_for(access, student) -> list[dict]:
    """The sections this person may see on this student's page, in order, each with its template and context."""
    shown = []
    for section in sorted(_SECTIONS, key=lambda s: s.order):
        if not has_permission(access, section.permission):
            continue
        context = section.context(access, student)
        if context is not None:
            shown.append({"template": section.template, **context})
    return shown
