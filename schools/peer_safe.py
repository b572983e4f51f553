"""The peer-safe profile: the only part of a focus student that a paired peer, or a page other apps build for peers
and students, may show. Holding only these fields keeps a template from leaking the confidential rest."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PeerSafeProfile:
    pk: int
    first_name: str
    interests: str
    communication: str
    how_to_help: str


def shared_name(student, *, hidden_as: str | None = None) -> str:
    """The name shown to peers and students: the first name, or "Your partner" when the family opted out of the
    directory (there is no photo field yet; one would be hidden the same way)."""
    if student.directory_opt_out:
        return hidden_as or _("Your partner")
    return student.short_name


def peer_safe_profile(student) -> PeerSafeProfile:
    return PeerSafeProfile(
        pk=student.pk,
        first_name=shared_name(student),
        interests=student.interests,
        communication=student.communication,
        how_to_help=student.how_to_help,
    )
