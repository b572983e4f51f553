"""friendships pages."""

urlpatterns: list = []
