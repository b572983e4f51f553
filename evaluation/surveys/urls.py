"""surveys pages."""

urlpatterns: list = []
