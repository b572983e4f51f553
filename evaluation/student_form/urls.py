"""student_form pages."""

urlpatterns: list = []
