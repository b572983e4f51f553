"""pairs pages."""

urlpatterns: list = []
