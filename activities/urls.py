"""Shared activities URLs, one module per area: scheduling (activities, occurrences, participants, sign-up and the
calendar), attendance (phone attendance, QR and kiosk check-in, minutes), feeds (calendar feeds), service
(service-learning projects and service hours), reminders (reminder preferences), facilitation (facilitation logs,
suggestions and a student's timeline), observation (interval recording and inter-observer agreement) and journals
(peers' weekly journals). Staff pages are scoped as everywhere; kiosk pages, feeds and verifier links carry their
own secret."""

from .attendance import urls as attendance_urls
from .facilitation import urls as facilitation_urls
from .feeds import urls as feed_urls
from .journals import urls as journal_urls
from .observation import urls as observation_urls
from .reminders import urls as reminder_urls
from .scheduling import urls as scheduling_urls
from .service import urls as service_urls

app_name = "activities"

urlpatterns = [
    *scheduling_urls.urlpatterns,
    *attendance_urls.urlpatterns,
    *feed_urls.urlpatterns,
    *service_urls.urlpatterns,
    *reminder_urls.urlpatterns,
    *facilitation_urls.urlpatterns,
    *observation_urls.urlpatterns,
    *journal_urls.urlpatterns,
]
