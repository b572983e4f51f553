from django import template

from ..permissions import has_permission

register = template.Library()


@register.filter
def can(access, permission: str) -> bool:
    """``{% if access|can:"view_student_sensitive" %}`` reads the same table as the views."""
    return access is not None and has_permission(access, permission)
