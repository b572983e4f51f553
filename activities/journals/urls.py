"""URLs of the journals area (issue 21)."""

urlpatterns = []
