from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .accounts.student_accounts import check_may_have_sign_in
from .models import (
    AccessLogEntry,
    BehaviorNote,
    BellSchedule,
    District,
    DistrictAdministrator,
    Guardian,
    IEPGoal,
    Membership,
    PeerPreference,
    Period,
    School,
    SchoolClass,
    Student,
    Term,
    User,
)
from .outbox.models import OutboxItem
from .outbox.services import outbox_retry
from .rostering.models import RosterImport


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Peer Partners", {"fields": ("preferred_language",)}),
    )


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "level", "lowest_grade", "highest_grade"]
    list_filter = ["district", "level"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "kind", "start_date", "end_date"]
    list_filter = ["school", "kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "specialty", "is_active"]
    list_filter = ["school", "role", "is_active"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "school"]


@admin.register(DistrictAdministrator)
class DistrictAdministratorAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "is_active"]
    autocomplete_fields = ["user"]


class IEPGoalInline(admin.StackedInline):
    model = IEPGoal
    extra = 0


class BehaviorNoteInline(admin.StackedInline):
    model = BehaviorNote
    extra = 0


class GuardianInline(admin.TabularInline):
    model = Guardian
    extra = 0


class PeerPreferenceInline(admin.TabularInline):
    model = PeerPreference
    fk_name = "student"
    extra = 0
    raw_id_fields = ["peer"]


class StudentAdminForm(forms.ModelForm):
    # No Meta: the admin builds it with every field of the student (a Meta with fields would narrow the page to them).

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        # Linking a sign-in here follows the same rule as the coordinator's page: under 13 needs account consent.
        if user is not None and user.pk != self.instance.user_id:
            student = self.instance
            for field in ("grade", "date_of_birth"):
                if field in cleaned:
                    setattr(student, field, cleaned[field])
            if student.pk is None:
                if student.grade is not None and student.is_under_13():
                    self.add_error("user", _("Under 13: save the student and record a parent's consent first."))
            else:
                try:
                    check_may_have_sign_in(student)
                except ValidationError as error:
                    self.add_error("user", error)
        return cleaned


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    form = StudentAdminForm
    list_display = ["last_name", "first_name", "school", "kind", "grade", "participation", "is_active"]
    list_filter = ["school", "kind", "grade", "participation", "is_active"]
    search_fields = ["first_name", "last_name", "preferred_name", "source_id"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["support_team"]
    inlines = [IEPGoalInline, BehaviorNoteInline, PeerPreferenceInline, GuardianInline]


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


@admin.register(BellSchedule)
class BellScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "term"]
    list_filter = ["school"]
    inlines = [PeriodInline]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "term", "period", "teacher_name"]
    list_filter = ["school"]
    search_fields = ["title", "source_id"]
    raw_id_fields = ["students"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Support staff may read these records, never write them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action", "student", "what", "school", "ip_address"]
    list_filter = ["school", "action"]


@admin.register(RosterImport)
class RosterImportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "school", "uploaded_by", "status", "created_at"]
    list_filter = ["school", "status"]


@admin.register(OutboxItem)
class OutboxItemAdmin(ReadOnlyAdmin):
    """Every email and job, a school's or none (a password reset): the site's staff see the failed ones here, with
    the error, and try them again (a school's own administrators do it on the school's page, ``outbox:failed``)."""

    list_display = ["created_at", "kind", "subject", "task_name", "school", "status", "attempts", "last_error"]
    list_filter = ["status", "kind", "school"]
    actions = ["try_again"]

    @admin.action(description=_("Try the failed ones again"))
    def try_again(self, request, queryset):
        retried = sum(outbox_retry(item=item) for item in queryset.filter(status=OutboxItem.Status.FAILED))
        self.message_user(request, _("%(count)d will be tried again in the next minute.") % {"count": retried})

    def has_change_permission(self, request, obj=None):
        # The action needs change permission; the form itself stays read-only (no field is editable).
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
