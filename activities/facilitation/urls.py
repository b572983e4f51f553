"""URLs of the facilitation area (issue 21)."""

urlpatterns = []
