import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from schools import demo
from schools.models import District, DistrictAdministrator, IEPGoal, Membership, School, Student, Term, User


def school_year_start(today: datetime.date) -> int:
    """The calendar year the current school year started in (school years start in August)."""
    return today.year if today.month >= 7 else today.year - 1


class Command(BaseCommand):
    help = "Create or refresh the demo district (safe to run again: it updates what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="peerpartners", help="Password of the demo accounts.")

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        schools = self._schools()
        self._terms(schools)
        self._staff(schools, password)
        self._students(schools, password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(schools)} schools, {Student.objects.count()} students. "
                f"Sign in as east.coordinator (and the other demo accounts) with password {password!r}."
            )
        )

    def _schools(self) -> dict[str, School]:
        schools = {}
        for district_slug, district_name, slug, name, level, low, high in demo.SCHOOLS:
            district, _ = District.objects.update_or_create(slug=district_slug, defaults={"name": district_name})
            schools[slug], _ = School.objects.update_or_create(
                slug=slug,
                defaults={
                    "district": district,
                    "name": name,
                    "level": level,
                    "lowest_grade": low,
                    "highest_grade": high,
                },
            )
        return schools

    def _terms(self, schools):
        year = school_year_start(timezone.localdate())
        for school in schools.values():
            school_year, _ = Term.objects.update_or_create(
                school=school,
                name=f"{year}–{str(year + 1)[-2:]} school year",
                defaults={
                    "kind": Term.Kind.SCHOOL_YEAR,
                    "start_date": datetime.date(year, 8, 12),
                    "end_date": datetime.date(year + 1, 5, 28),
                },
            )
            for name, start, end in (
                (f"Fall {year}", datetime.date(year, 8, 12), datetime.date(year, 12, 18)),
                (f"Spring {year + 1}", datetime.date(year + 1, 1, 5), datetime.date(year + 1, 5, 28)),
            ):
                Term.objects.update_or_create(
                    school=school,
                    name=name,
                    defaults={"kind": Term.Kind.SEMESTER, "parent": school_year, "start_date": start, "end_date": end},
                )

    def _user(self, username, first, last, email, password):
        user, _ = User.objects.update_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": email, "is_active": True}
        )
        if username in demo.SIGN_IN_ACCOUNTS:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
        return user

    def _staff(self, schools, password):
        for username, first, last, email, roles, district_slug in demo.STAFF:
            user = self._user(username, first, last, email, password)
            for school_slug, role, specialty, title in roles:
                Membership.objects.update_or_create(
                    user=user,
                    school=schools[school_slug],
                    role=role,
                    defaults={"specialty": specialty, "title": title, "is_active": True},
                )
            if district_slug:
                DistrictAdministrator.objects.update_or_create(
                    user=user,
                    district=District.objects.get(slug=district_slug),
                    defaults={"title": "Director of Special Education", "is_active": True},
                )

    def _students(self, schools, password):
        for slug, first, last, grade, interests, communication, support, goals in demo.FOCUS_STUDENTS:
            student, _ = Student.objects.update_or_create(
                school=schools[slug],
                first_name=first,
                last_name=last,
                defaults={
                    "kind": Student.Kind.FOCUS,
                    "grade": grade,
                    "interests": interests,
                    "communication": communication,
                    "support_needs": support,
                    "is_active": True,
                },
            )
            for domain, goal, where in goals:
                IEPGoal.objects.update_or_create(
                    student=student, domain=domain, goal=goal, defaults={"settings_for_peer_support": where}
                )
        for slug, first, last, grade, interests in demo.PEERS:
            Student.objects.update_or_create(
                school=schools[slug],
                first_name=first,
                last_name=last,
                defaults={"kind": Student.Kind.PEER, "grade": grade, "interests": interests, "is_active": True},
            )
        for username, (slug, first, last) in demo.PEER_ACCOUNTS.items():
            user = self._user(username, first, last, "", password)
            Student.objects.filter(school=schools[slug], first_name=first, last_name=last).update(user=user)
