"""Orientation URLs, one module per area: sessions (orientations, meetings, topics, agendas, follow-ups),
attendance (invitations, RSVPs, attendance, make-ups, the calendar file), readiness (topics covered, handouts) and
the resource library. Staff pages are scoped as everywhere; the RSVP link in an email is signed."""

from .attendance import urls as attendance_urls
from .readiness import urls as readiness_urls
from .resources import urls as resource_urls
from .sessions import urls as session_urls

app_name = "orientation"

urlpatterns = [
    *session_urls.urlpatterns,
    *attendance_urls.urlpatterns,
    *readiness_urls.urlpatterns,
    *resource_urls.urlpatterns,
]
