"""The public read surface of orientation, for the apps after it (evaluation) and the demo. Each function takes the
program (or the school), not a request's ``access``, so tasks can call it too.
"""

from .sessions import selectors as session_selectors

# --- Orientations (sessions) ------------------------------------------------------------------------------------


def program_orientations(*, program):
    """The program's orientations and follow-up meetings, upcoming first, with ``next_meeting_on``,
    ``first_meeting_on`` and ``meeting_count`` (one query)."""
    return session_selectors.program_orientation_list(program=program)


# --- end of sessions' block -------------------------------------------------------------------------------------
