"""Demo of activity reminders for seed_demo: East's coordinator (the README's "east.coordinator", who supervises
several activities) chose the weekly digest on Sunday afternoon; everyone else keeps the default, an email the day
before each activity. Idempotent."""

from schools.models import User

from . import services

DIGEST_USERNAME = "east.coordinator"


def seed(*, password: str) -> str:
    user = User.objects.filter(username=DIGEST_USERNAME).first()
    if user is None:
        return "no reminder preference (the demo coordinator is missing)"
    services.reminder_preference_save(user=user, delivery="weekly")
    return f"{user.username} reads a weekly digest of activity reminders"
