from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create or refresh the demo district (safe to run again: it updates what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="peerpartners", help="Password of the demo accounts.")

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        # Each app seeds its own demo content; the order of DEMO_SEEDERS follows the import direction.
        for path in settings.DEMO_SEEDERS:
            summary = import_string(path)(password=password)
            self.stdout.write(f"{path}: {summary}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Sign in as east.coordinator (or any demo account) with password {password!r}."
            )
        )
