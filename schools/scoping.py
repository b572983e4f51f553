"""The one scoping mechanism: who is asking, at which school, in which roles.

``SchoolAccessMiddleware`` resolves an ``Access`` for every request (``request.access``). Every school-owned
queryset is narrowed with ``.visible_to(access)``, which keeps only rows of the active school; a view never builds
its own school filter. Models say how to reach their school with ``school_path`` (default ``"school"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

PEER = "peer"
FOCUS_STUDENT = "focus_student"
DISTRICT_ADMIN = "district_admin"


class SchoolOwnedQuerySet(models.QuerySet):
    def _school_path(self) -> str:
        return getattr(self.model, "school_path", "school")

    def visible_to(self, access: Access):
        """Rows of the request's active school; nothing when the person has no school."""
        if access.school is None:
            return self.none()
        return self.filter(**{self._school_path(): access.school.pk})

    def in_district_of(self, access: Access):
        """Rows of every school a district administrator oversees (their dashboards and reports)."""
        return self.filter(**{f"{self._school_path()}__district__in": access.district_ids})


@dataclass(frozen=True)
class Access:
    """What one signed-in person may reach during one request."""

    user: object
    school: object | None = None
    roles: frozenset[str] = frozenset()
    schools: tuple = ()
    district_ids: frozenset[int] = frozenset()
    roles_by_school: dict = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user and self.user.is_authenticated)

    @property
    def school_ids(self) -> frozenset[int]:
        return frozenset(s.pk for s in self.schools)

    @property
    def has_several_schools(self) -> bool:
        return len(self.schools) > 1

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Access(user=None)


def resolve_access(user, requested_school_id: int | None) -> Access:
    """Collect the person's roles at every school, then pick the active one (the requested one if allowed)."""
    from .models import DistrictAdministrator, Membership, School, Student  # models.py imports this module

    if not user.is_authenticated or not user.is_active:
        return Access(user=user)

    roles_by_school: dict[int, set[str]] = {}
    schools: dict[int, School] = {}
    for membership in Membership.objects.filter(user=user, is_active=True).select_related("school"):
        schools[membership.school_id] = membership.school
        roles_by_school.setdefault(membership.school_id, set()).add(membership.role)

    district_ids = frozenset(
        DistrictAdministrator.objects.filter(user=user, is_active=True).values_list("district_id", flat=True)
    )
    if district_ids:
        for school in School.objects.filter(district__in=district_ids):
            schools.setdefault(school.pk, school)
            roles_by_school.setdefault(school.pk, set()).add(DISTRICT_ADMIN)

    student = Student.objects.filter(user=user, is_active=True).select_related("school").first()
    if student is not None:
        schools.setdefault(student.school_id, student.school)
        role = PEER if student.kind == Student.Kind.PEER else FOCUS_STUDENT
        roles_by_school.setdefault(student.school_id, set()).add(role)

    ordered = tuple(sorted(schools.values(), key=lambda s: s.name))
    active = schools.get(requested_school_id) if requested_school_id else None
    if active is None and ordered:
        active = ordered[0]
    return Access(
        user=user,
        school=active,
        roles=frozenset(roles_by_school.get(active.pk, ())) if active else frozenset(),
        schools=ordered,
        district_ids=district_ids,
        roles_by_school={k: frozenset(v) for k, v in roles_by_school.items()},
    )
