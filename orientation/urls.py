"""Orientation URLs, one module per area: sessions (orientations, the topic library, agendas and tailoring),
invitations (meetings, invitations, RSVPs, calendar files, reminders), readiness (attendance, make-ups, topics covered,
readiness, handouts), resources (the resource library, an orientation's materials) and follow-ups (follow-up
meetings' notes and action items). Staff pages are scoped as everywhere; the RSVP link in an email is signed."""

from .followups import urls as followup_urls
from .invitations import urls as invitation_urls
from .readiness import urls as readiness_urls
from .resources import urls as resource_urls
from .sessions import urls as session_urls

app_name = "orientation"

urlpatterns = [
    *session_urls.urlpatterns,
    *invitation_urls.urlpatterns,
    *readiness_urls.urlpatterns,
    *resource_urls.urlpatterns,
    *followup_urls.urlpatterns,
]
