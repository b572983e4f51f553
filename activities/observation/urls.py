"""URLs of the observation area (issue 21)."""

urlpatterns = []
