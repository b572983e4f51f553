"""The orientation app's permissions, merged into the one table views and templates read (``schools.permissions``).
Object rules (a peer sees only their own invitations and their partners' handouts) are in the selectors."""

from schools.models import Role
from schools.permissions import STAFF_ROLES, register_permissions
from schools.scoping import DISTRICT_ADMIN, FOCUS_STUDENT, PEER

COORDINATING = frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN})

ORIENTATION_PERMISSIONS: dict[str, frozenset[str]] = {
    # Orientations, their meetings, agendas and who is invited: every staff member sees them; the coordinator and
    # principal plan them, edit the topic library and set the program's rule for peers not yet ready.
    "view_orientations": STAFF_ROLES,
    "manage_orientations": COORDINATING,
    # Facilitators are staff: any staff member may take attendance at a meeting on their phone, and mark a topic
    # covered one-to-one with a peer.
    "take_orientation_attendance": STAFF_ROLES,
    "record_topic_coverage": STAFF_ROLES,
    # A peer (or a focus student attending alongside them) sees and answers their own invitations.
    "view_own_orientations": frozenset({PEER, FOCUS_STUDENT}),
    # The handout about a focus student, built only from the peer-safe profile: staff, and the peers paired with
    # that student (the selector checks the pairing).
    "view_peer_handouts": STAFF_ROLES | {PEER},
    # The resource library: staff read and add; the district sees what schools share.
    "view_resources": STAFF_ROLES | {DISTRICT_ADMIN},
    "share_resources": STAFF_ROLES,
    # Downloading a library file: whoever reads the library, and a peer or student a file attached to a topic shown
    # to peers (the selector checks the topic). An orientation's materials: staff, and the students invited to it.
    "download_resources": STAFF_ROLES | {DISTRICT_ADMIN, PEER, FOCUS_STUDENT},
    "download_orientation_materials": STAFF_ROLES | {PEER, FOCUS_STUDENT},
}


def register() -> None:
    register_permissions("orientation", ORIENTATION_PERMISSIONS)
