"""Shared activities URLs, one module per area: scheduling (activities, occurrences, participants, sign-up and the
calendar), attendance (phone attendance, QR and kiosk check-in, minutes), feeds (calendar feeds), service
(service-learning projects and service hours) and reminders (reminder preferences). Staff pages are scoped as
everywhere; kiosk pages, feeds and verifier links carry their own secret."""

from .attendance import urls as attendance_urls
from .feeds import urls as feed_urls
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
]
