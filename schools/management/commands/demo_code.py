from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from schools.accounts.demo_codes import demo_code, is_demo_account
from schools.models import User


class Command(BaseCommand):
    help = (
        "Print the second-step code a demo account's authenticator app would show now (make run only: DEBUG on, "
        "an account seed_demo made)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="A demo account, e.g. east.coordinator.")

    def handle(self, *args, username: str, **options):
        # Refused outside the demo, so a deployment can never hand out a code.
        if not settings.DEBUG:
            raise CommandError("demo_code works only in the demo (DEBUG on, as make run sets it).")
        user = User.objects.filter(username=username).first()
        if user is None or not is_demo_account(user):
            raise CommandError(f"{username!r} is not a demo account made by seed_demo.")
        code = demo_code(user)
        if code is None:
            raise CommandError(
                f"{username} has no authenticator yet: sign in first (the set-up page makes one), then run this again."
            )
        self.stdout.write(code)
