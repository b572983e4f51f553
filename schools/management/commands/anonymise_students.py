"""``manage.py anonymise_students [--dry-run] [--school SLUG]``: the retention run by hand.

The dry run prints who would be anonymised and why, by id (never a name); the run prints how many were.
"""

from django.core.management.base import BaseCommand, CommandError

from schools.models import School
from schools.privacy import retention


class Command(BaseCommand):
    help = "Anonymise the students whose retention days after their last term are over."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list who would be anonymised, and why.")
        parser.add_argument("--school", help="Only this school (its short name).")

    def handle(self, *args, dry_run=False, school=None, **options):
        chosen = None
        if school:
            chosen = School.objects.filter(slug=school).first()
            if chosen is None:
                raise CommandError(f"No school with the short name {school!r}.")
        if dry_run:
            due = retention.retention_due(school=chosen)
            for row in due:
                self.stdout.write(
                    f"student {row.student_id} (school {row.school_id}): due since {row.due_on.isoformat()}: "
                    f"{row.reason}"
                )
            self.stdout.write(f"Dry run: {len(due)} student(s) would be anonymised.")
            for label, count in retention.sweeps_due(school=chosen):
                self.stdout.write(f"Dry run: {count} {label} would be erased.")
            return
        done = retention.retention_run(school=chosen)
        self.stdout.write(f"Anonymised {len(done)} student(s).")
