"""scheduling URLs (area of the activities app)."""

urlpatterns = []
