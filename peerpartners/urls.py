from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .health import healthz, healthz_ready

admin.site.site_header = _("Peer Partners support")
admin.site.site_title = _("Peer Partners support")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", healthz_ready, name="healthz_ready"),
    path("admin/", admin.site.urls),
    path("programs/", include("programs.urls")),
    path("orientation/", include("orientation.urls")),
    path("activities/", include("activities.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("", include("recruitment.urls")),
    path("", include("schools.urls")),
]
